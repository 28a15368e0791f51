"""Writing a live room's frames straight to daphne's sockets.

Profiling a room of 1,000 people on one daphne showed that sending was most of the process's
time, and almost none of it was the room's own work: each ``websocket.send`` goes through
daphne's reply handler and autobahn, which frame the text again for every connection, then
into Twisted's write buffer, which registers the socket with the event loop, writes it on the
next turn and unregisters it: two ``epoll_ctl`` calls and a selector update per frame per
connection, about 50 µs.

A server's frames are not masked, so one frame's bytes are the same for every connection. The
room builds them once (``text_frame``) and a ``Wire`` writes them to each socket with one
non-blocking ``send``, as asyncio's own transports do. Order is kept: when Twisted still holds
anything unsent for the socket (an ack, a ping), or the socket takes only part of the frame,
the rest goes through Twisted's buffer behind it.

Only daphne's plain websocket connections qualify (``Wire.of`` checks each condition); anything
else (TLS inside daphne, compression, a test communicator, a closing socket) uses the ordinary
ASGI ``send``. Tested against the versions pinned in ``requirements.txt``.
"""

import functools
import logging
import struct

logger = logging.getLogger(__name__)

#: Opcode 1 (text) with the FIN bit: a whole text message in one frame.
_TEXT = 0x81


def text_frame(payload: bytes) -> bytes:
    """A server's websocket frame (RFC 6455 §5.2, unmasked) carrying ``payload`` as text."""
    size = len(payload)
    if size < 126:
        header = struct.pack("!BB", _TEXT, size)
    elif size < 1 << 16:
        header = struct.pack("!BBH", _TEXT, 126, size)
    else:
        header = struct.pack("!BBQ", _TEXT, 127, size)
    return header + payload


class Wire:
    """One daphne websocket connection, written to directly."""

    def __init__(self, server, protocol):
        self.server = server
        self.protocol = protocol

    @classmethod
    def of(cls, send) -> "Wire | None":
        """The wire under an ASGI ``send`` when it is daphne's, for a plain websocket; else None."""
        if not isinstance(send, functools.partial) or not send.args:
            return None
        server, protocol = getattr(send.func, "__self__", None), send.args[0]
        if type(server).__module__ != "daphne.server" or type(protocol).__module__ != "daphne.ws_protocol":
            return None
        transport = getattr(protocol, "transport", None)
        needed = ("socket", "_tempDataLen", "dataBuffer", "offset", "connected", "write")
        if transport is None or not all(hasattr(transport, name) for name in needed):
            return None
        if getattr(transport, "TLS", False) or getattr(protocol, "_perMessageCompress", None) is not None:
            return None
        return cls(server, protocol)

    def write(self, frame: bytes) -> bool:
        """Write a whole frame; False when the connection is closing or gone (nothing written)."""
        protocol = self.protocol
        if protocol.state != protocol.STATE_OPEN or protocol.send_queue:
            return False
        if self.server.connections.get(protocol, {}).get("disconnected"):
            return False
        transport = protocol.transport
        if not transport.connected or transport._writeDisconnected:
            return False
        if not transport._tempDataLen and len(transport.dataBuffer) == transport.offset:
            try:
                sent = transport.socket.send(frame)
            except BlockingIOError:
                sent = 0
            except OSError:
                return False  # the connection is failing; Twisted will notice and close it
            if sent == len(frame):
                return True
            frame = frame[sent:]
        transport.write(frame)  # after what is already waiting, in order
        return True
