"""Ladder's web server: daphne, with the websocket limits the live protocol documents.

``python -m config.server`` takes daphne's own arguments (``-b``, ``-p``, ``--proxy-headers``,
the application path) and differs from ``daphne`` in two things:

- A websocket message or frame a client sends may hold at most ``MAX_FRAME_BYTES`` (64 KiB)
  unless ``--websocket-max-message-size`` / ``--websocket-max-frame-size`` say otherwise; daphne's
  own default is 1 MiB, far more than any message of the protocol (4 KiB). The limit is on what
  clients send only: autobahn applies its message limit to what the server sends too, which would
  refuse a big room's ``state`` snapshot, so ``LadderWebSocketProtocol`` lifts it for sending.
- A connection that breaks that limit (or the websocket protocol) is closed with a close frame
  and its code, 1009 for a message too big, where autobahn, under daphne, would drop the TCP
  connection and leave the client to report 1006 with no reason.

``docs/labs-protocol.md`` (close codes) and ``docs/operations.md`` say the same.
"""

# daphne.cli imports daphne.server first, which installs Twisted's asyncio reactor.
from daphne.cli import CommandLineInterface
from daphne.server import Server
from daphne.ws_protocol import WebSocketProtocol
from twisted.internet import reactor

from labs.live.limits import MAX_FRAME_BYTES


class LadderWebSocketProtocol(WebSocketProtocol):
    """daphne's websocket connection, with the message size limit applied to what clients send only."""

    def sendMessage(self, payload, *args, **kwargs):  # noqa: N802 (autobahn's name)
        limit, self.maxMessagePayloadSize = self.maxMessagePayloadSize, 0
        try:
            return super().sendMessage(payload, *args, **kwargs)
        finally:
            self.maxMessagePayloadSize = limit


class LadderServer(Server):
    """daphne's server, whose websocket connections end with a close frame when they fail and may
    send messages of any size."""

    def run(self):
        # daphne makes its websocket factory inside ``run`` and then starts the reactor; the
        # options are set as the reactor starts, before any connection is accepted.
        reactor.callWhenRunning(self.set_up_websockets)
        super().run()

    def set_up_websockets(self):
        """Connections made from now on send a close frame with a code when they fail, and are
        limited in size only in what they receive."""
        self.ws_factory.protocol = LadderWebSocketProtocol
        self.ws_factory.setProtocolOptions(failByDrop=False)


class LadderCommandLine(CommandLineInterface):
    """daphne's command line, serving with ``LadderServer`` and Ladder's message size limits."""

    server_class = LadderServer

    def __init__(self):
        super().__init__()
        self.parser.set_defaults(websocket_max_message_size=MAX_FRAME_BYTES, websocket_max_frame_size=MAX_FRAME_BYTES)


if __name__ == "__main__":
    LadderCommandLine.entrypoint()
