"""The websocket of a live Innovation Lab session (``/ws/labs/<session id>/``).

One ``LabSessionConsumer`` per connection. It lets in only people who may join the session
(others are closed with 4003), answers ``join`` with a snapshot or a replay, applies every other
message through ``labs.live.actions`` and forwards the session's events in ``seq`` order, each
once, through the session's room in this process (``labs.live.rooms``), which fills any gap
from the event log. ``docs/labs-protocol.md`` is the contract.
"""

import time
import uuid

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer

from labs.live import actions, dots, events, fanout, presence, protocol, rooms, storing, tallies, timers, wire
from labs.live.handling import Refused
from labs.live.state import session_state
from labs.models import LabSession

#: A client further behind than this gets a snapshot instead of a replay.
MAX_REPLAY = 2000


def session_to_join(session_id: int, user) -> LabSession | None:
    """The session, when ``user`` may join it; else None."""
    session = LabSession.objects.filter(pk=session_id).first()
    allowed = session and user is not None and user.is_authenticated and user.has_perm("labs.join_session", session)
    return session if allowed else None


class LabSessionConsumer(AsyncWebsocketConsumer):
    """One person's connection to a live session.

    It has no channel of its own: the session's room in this process (``labs.live.rooms``) is
    the only subscriber to the channel layer and hands it events."""

    channel_layer_alias = None  # no per-connection channel (Channels skips it when there is no such layer)

    async def connect(self):
        self.session_id = int(self.scope["url_route"]["kwargs"]["session_id"])
        user = self.scope.get("user")
        self.user = getattr(user, "_wrapped", user)  # the user itself, not Channels' lazy stand-in
        self.connection = uuid.uuid4().hex
        self.wire = wire.Wire.of(self.base_send)  # daphne's socket, written to directly; or None
        self.admitted = False
        self.last_sent = None  # the seq of the last event sent; None until ``join``
        self.envelope = protocol.Envelope()
        self.last_touch = time.monotonic()
        # Accept, then close with a code, so the browser can tell "not allowed" from a lost network.
        await self.accept()
        session = await database_sync_to_async(session_to_join)(self.session_id, self.user)
        if session is None:
            await self.close(code=protocol.CLOSE_NOT_ALLOWED)
            return
        self.admitted = True
        timers.watch(self.session_id, session.stage_ends_at)
        self.room = await rooms.enter(self.session_id, self)
        await database_sync_to_async(presence.arrive)(self.session_id, self.user, self.connection)
        presence.note_change(self.session_id)

    async def disconnect(self, code):
        if not getattr(self, "admitted", False):
            return
        self.admitted = False
        await rooms.leave(self.room, self)
        await database_sync_to_async(presence.leave)(self.connection)
        presence.note_change(self.session_id)

    # --- From the client ------------------------------------------------------------------------
    async def receive(self, text_data=None, bytes_data=None):
        if not self.admitted:
            return
        now = time.monotonic()
        try:
            message = self.envelope.open(text_data, bytes_data, now)
        except protocol.TooBig:
            # daphne (config.server) closes such a connection itself; other servers may not.
            await self.close(code=protocol.CLOSE_TOO_BIG)
            return
        except Refused as refusal:
            await self.refuse(refusal.reply_id, refusal.code, refusal.message)
            return
        if now - self.last_touch >= presence.TOUCH_EVERY:
            self.last_touch = now
            await database_sync_to_async(presence.touch)(self.connection)
        if message["type"] == "ping":
            await self.send_json({"type": "pong", "id": message.get("id")})
        elif message["type"] == "join":
            await self.join(message.get("id"), message.get("after"))
        else:
            await self.apply(message)

    async def apply(self, message):
        tally_only = protocol.HANDLERS[message["type"]].tally_only
        outcome = await storing.store(actions.apply, self.session_id, self.user, message, tally_only=tally_only)
        events.remember_sent(outcome.sent)  # before any other connection runs: see events.remember_sent
        if outcome.error:
            await self.refuse(message["id"], *outcome.error)
            return
        if message["type"] == "stage.set" and not outcome.repeated:
            timers.watch(self.session_id, outcome.result["stage_ends_at"])
        await self.send_json({"type": "ack", "id": message["id"], "result": outcome.result})
        await rooms.broadcast(outcome.sent)
        await rooms.tell_people(self.session_id, outcome.told)
        if outcome.notes:
            tallies.TALLIES.note(self.session_id, outcome.notes)

    async def join(self, reply_id, after):
        """Replay the events after ``after`` then ``caught_up``; or send a ``state`` snapshot. Then
        the room sends this connection every later event."""
        if after is not None and (not isinstance(after, int) or isinstance(after, bool) or after < 0):
            await self.refuse(reply_id, "invalid", "'after' must be a whole number of 0 or more.")
            return
        self.room.withdraw(self)  # joining again: the room waits until this connection is ready
        newest = await database_sync_to_async(events.stored_last_seq)(self.session_id)
        snapshot = after is None or after > newest or newest - after > MAX_REPLAY
        if snapshot:
            state = await database_sync_to_async(session_state)(self.session_id, self.user)
            self.last_sent = state["seq"]
            await self.send_json(state)
        else:
            replayed = await events.events_between(self.session_id, after, newest + 1)
            for frame in fanout.frames_of([text for _, text in replayed]):
                await self.send_frame(frame)
            self.last_sent = newest
            if dots.moved_any(text for _, text in replayed):  # dots may have moved: send what they hold
                await self.send_json(await database_sync_to_async(dots.message_for)(self.session_id, self.user))
            await self.send_json({"type": "caught_up", "seq": newest})
        await self.room.admit(self, with_presence=not snapshot)  # presence is not replayed

    async def refuse(self, reply_id, code, reason):
        """Send an error; close the connection after too many refusals in a minute."""
        error = {"type": "error", "code": code, "message": reason}
        if reply_id is not None:
            error = {"type": "error", "id": reply_id, "code": code, "message": reason}
        await self.send_json(error)
        if self.envelope.refused(time.monotonic()):
            await self.close(code=protocol.CLOSE_ABUSE)
            await self.disconnect(protocol.CLOSE_ABUSE)

    async def send_json(self, content):
        await self.send_frame(events.event_text(content))

    async def send_frame(self, text: str, data: bytes | None = None):
        """Send one frame of text (a message, an event, or a JSON array of events). ``data`` is the
        same frame as bytes on the wire, when the room has made it already for everyone."""
        if self.wire is None:
            await self.base_send({"type": "websocket.send", "text": text})
        else:
            self.wire.write(data or wire.text_frame(text.encode()))
