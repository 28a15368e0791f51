"""A lean websocket client connection for the load generator (RFC 6455, text frames, no extensions).

The load generator runs thousands of clients on the same 2-core machine as the servers it
measures, so every microsecond it spends per frame is taken from them. The ``websockets``
package's asyncio client hands each message through a queue to a task that awaits it; here a
frame is parsed in ``data_received`` and given to a callback at once, with the time it was
read. What it does: the opening handshake (with the session cookie and an ``Origin`` header,
checking ``Sec-WebSocket-Accept``), unmasked server frames of every length, fragmented
messages, answering pings, masked client frames, and the closing handshake with its code.
What it leaves out: extensions (it offers none), subprotocols and TLS.
"""

import asyncio
import base64
import hashlib
import os
import time
from urllib.parse import urlsplit

ACCEPT_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
TEXT, BINARY, CONTINUATION, CLOSE, PING, PONG = 0x1, 0x2, 0x0, 0x8, 0x9, 0xA
NO_STATUS, ABNORMAL = 1005, 1006


class HandshakeFailed(ConnectionError):
    """The server did not switch to the websocket protocol (for example a 403 from an origin check)."""


class SocketClosed(ConnectionError):
    """The connection is closed: nothing more can be sent on it."""


def accept_for(key: str) -> str:
    return base64.b64encode(hashlib.sha1(key.encode() + ACCEPT_GUID).digest()).decode()


def client_frame(opcode: int, payload: bytes) -> bytes:
    """A final client frame: masked, as RFC 6455 requires of clients."""
    length = len(payload)
    if length < 126:
        header = bytes([0x80 | opcode, 0x80 | length])
    elif length < 65536:
        header = bytes([0x80 | opcode, 0x80 | 126]) + length.to_bytes(2, "big")
    else:
        header = bytes([0x80 | opcode, 0x80 | 127]) + length.to_bytes(8, "big")
    mask = os.urandom(4)
    if not length:
        return header + mask
    key = int.from_bytes((mask * (length // 4 + 1))[:length], "big")
    return header + mask + (int.from_bytes(payload, "big") ^ key).to_bytes(length, "big")


class LeanSocket(asyncio.Protocol):
    """One client connection. ``on_text(payload: bytes, t: float)`` gets each text message and the
    monotonic time it was read; ``closed`` is a future of the close code."""

    def __init__(self, key: str, on_text):
        self.key = key
        self.on_text = on_text
        loop = asyncio.get_running_loop()
        self.opened = loop.create_future()
        self.closed = loop.create_future()
        self.close_code = None
        self.transport = None
        self.buffer = bytearray()
        self.is_open = False
        self.closing = False
        self.fragments = None  # the parts of a fragmented text message

    # --- asyncio.Protocol ------------------------------------------------------------------------
    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.buffer += data
        if not self.is_open and not self._handshake():
            return
        self._frames(time.monotonic())

    def connection_lost(self, exc):
        self.is_open = False
        if not self.opened.done():
            self.opened.set_exception(HandshakeFailed("the connection closed during the handshake"))
        if self.close_code is None:
            self.close_code = ABNORMAL
        if not self.closed.done():
            self.closed.set_result(self.close_code)

    # --- Reading ---------------------------------------------------------------------------------
    def _handshake(self) -> bool:
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0:
            return False
        head = bytes(self.buffer[:end]).decode("latin-1").split("\r\n")
        del self.buffer[: end + 4]
        headers = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in head[1:])}
        status = head[0].split(" ", 2)
        if len(status) < 2 or status[1] != "101":
            return self._fail(HandshakeFailed(f"handshake refused: {head[0]}"))
        if headers.get("sec-websocket-accept") != accept_for(self.key):
            return self._fail(HandshakeFailed("wrong Sec-WebSocket-Accept"))
        self.is_open = True
        self.opened.set_result(None)
        return True

    def _fail(self, error) -> bool:
        if not self.opened.done():
            self.opened.set_exception(error)
        self.transport.abort()
        return False

    def _frames(self, t):
        buffer, at, size = self.buffer, 0, len(self.buffer)
        while size - at >= 2:
            first, second = buffer[at], buffer[at + 1]
            length, start = second & 0x7F, at + 2
            if length == 126:
                if size - at < 4:
                    break
                length, start = int.from_bytes(buffer[at + 2 : at + 4], "big"), at + 4
            elif length == 127:
                if size - at < 10:
                    break
                length, start = int.from_bytes(buffer[at + 2 : at + 10], "big"), at + 10
            if second & 0x80:  # a server must not mask its frames
                self._fail(ConnectionError("masked frame from the server"))
                return
            if size - start < length:
                break
            payload = bytes(buffer[start : start + length])
            at = start + length
            self._frame(first & 0x80, first & 0x0F, payload, t)
        del buffer[:at]

    def _frame(self, final, opcode, payload, t):
        if opcode == TEXT and final and self.fragments is None:
            self.on_text(payload, t)
        elif opcode == TEXT:
            self.fragments = [payload]
        elif opcode == CONTINUATION and self.fragments is not None:
            self.fragments.append(payload)
            if final:
                whole, self.fragments = b"".join(self.fragments), None
                self.on_text(whole, t)
        elif opcode == PING:
            self._write(PONG, payload)
        elif opcode == CLOSE:
            self.close_code = int.from_bytes(payload[:2], "big") if len(payload) >= 2 else NO_STATUS
            if not self.closing:
                self.closing = True
                self._write(CLOSE, payload[:2])
            self.transport.close()

    # --- Writing ---------------------------------------------------------------------------------
    def _write(self, opcode, payload):
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(client_frame(opcode, payload))

    def send(self, text: str) -> None:
        if not self.is_open or self.closing:
            raise SocketClosed("the connection is closed")
        self._write(TEXT, text.encode())

    async def close(self, timeout: float = 2.0) -> int:
        """The closing handshake (code 1000); the connection is dropped if the server does not answer."""
        if not self.closing and self.is_open:
            self.closing = True
            self._write(CLOSE, (1000).to_bytes(2, "big"))
        try:
            return await asyncio.wait_for(asyncio.shield(self.closed), timeout)
        except TimeoutError:
            self.transport.abort()
            return await self.closed


async def connect(url: str, on_text, *, cookie: str = "", origin: str | None = None, timeout: float = 20.0):
    """Open ``ws://host:port/path`` and finish the handshake; returns the ``LeanSocket``."""
    parts = urlsplit(url)
    if parts.scheme != "ws":
        raise ValueError("only ws:// addresses (the benchmark runs on loopback)")
    key = base64.b64encode(os.urandom(16)).decode()
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    lines = [
        f"GET {path} HTTP/1.1",
        f"Host: {parts.netloc}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {key}",
        "Sec-WebSocket-Version: 13",
        f"Origin: {origin or 'http://' + parts.netloc}",
    ]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    loop = asyncio.get_running_loop()
    transport, socket = await asyncio.wait_for(
        loop.create_connection(lambda: LeanSocket(key, on_text), parts.hostname, parts.port or 80), timeout
    )
    transport.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
    try:
        await asyncio.wait_for(asyncio.shield(socket.opened), timeout)
    except BaseException:
        transport.abort()
        raise
    return socket
