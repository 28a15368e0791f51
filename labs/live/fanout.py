"""One session's room in this process: its events, in ``seq`` order, to every connection here.

Each process keeps one ``Room`` per session that has connections here (``labs.live.rooms`` opens
and closes them). The room is the process's only subscriber to the session's channel-layer
group, so an event crosses the layer once per process rather than once per connection. The room
puts events in ``seq`` order, filling any gap from the event log, and sends each batch of events
to every connection as one frame made once: a single event as its JSON object, several as a JSON
array in ``seq`` order. Events that arrive while a batch is going out form the next batch, so
frames grow only when the room is busy, and a quiet room sends each event at once.

A connection that joins is brought up to the room's position before it is added, so every
connection gets each event once and in order. Every few seconds the room checks that it has not
fallen behind the log (a broadcast can be dropped when the layer is overloaded, and then no
later event may come to reveal the gap).

The room's reader survives a lost channel layer (Redis restarted or unreachable): it logs the
loss, waits (backing off), joins the session's group again (a restarted Redis has forgotten
it) and catches up from the log. While it is down, the room reads the log every few seconds
instead, and ``/healthz`` names the room (``not_listening``).

``presence`` is not in the numbered log: the room passes the newest presence it heard to its
connections as it comes, and to a connection that replayed its way in (a snapshot has it). The
process remembers the newest presence of each session here, so a room opened later knows it too.
"""

import asyncio
import logging
import time
import uuid

from channels.db import database_sync_to_async
from channels.layers import get_channel_layer

from labs.live import events, wire

logger = logging.getLogger(__name__)

#: Events in one frame, at most.
MOST_EVENTS_PER_FRAME = 100
#: Seconds from one send to the next, per connection in the room (written straight to the
#: socket, a frame costs about 5-10 µs per connection: this keeps sending well under half of the
#: process's time) ...
FRAME_INTERVAL_PER_CONNECTION = 0.00002
#: ... and at most this long (1,000 connections: 20 ms; 5,000 or more: 100 ms).
LONGEST_FRAME_INTERVAL = 0.1
#: How often a room checks that it has not fallen behind the log.
WATCH_EVERY_SECONDS = 2.0
#: Quiet checks after which a room asks the database for the newest seq anyway.
QUIET_CHECKS_BEFORE_ASKING = 5
#: Reads of the log for a missing event before the room gives up on the events after it.
FILL_ATTEMPTS = 20
FILL_RETRY_SECONDS = 0.05
#: Seconds the reader waits after losing the channel layer, doubling up to the longest.
FIRST_RETRY_SECONDS = 0.1
LONGEST_RETRY_SECONDS = 2.0


def group_name(session_id: int) -> str:
    """The channel-layer group of a session: one member (its room) per process with connections to it."""
    return f"lab-session-{session_id}"


# --- The newest presence known in this process -------------------------------------------------
#: This process, named in the presence it sends (its own rooms do not take them from the layer again).
PROCESS = uuid.uuid4().hex
#: The newest presence this process knows of per session, sent by it or heard from another.
_presence_known: dict[int, dict] = {}


def presence_text(now_here: dict) -> str:
    """The ``presence`` message clients are sent (no ``seq``)."""
    return events.event_text({"type": "presence", **now_here})


def heard(session_id: int, now_here: dict) -> None:
    """``now_here`` is the newest presence of the session known in this process (sent or heard)."""
    _presence_known[session_id] = now_here


def known_presence(session_id: int) -> dict | None:
    """The newest presence this process knows of for the session, or None."""
    return _presence_known.get(session_id)


def known_presence_text(session_id: int) -> str | None:
    """The newest presence this process knows of for the session, as sent to clients; or None."""
    now_here = _presence_known.get(session_id)
    return None if now_here is None else presence_text(now_here)


def forget_presence() -> None:
    """Forget every presence known (tests start afresh)."""
    _presence_known.clear()


# --- Frames and the room -------------------------------------------------------------------------
def frame_of(texts: list[str]) -> str:
    """One websocket frame's text for events in order: the event itself, or a JSON array of them."""
    return texts[0] if len(texts) == 1 else "[" + ",".join(texts) + "]"


def frames_of(texts: list[str]) -> list[str]:
    """``texts`` as frames of at most ``MOST_EVENTS_PER_FRAME`` events each."""
    return [frame_of(texts[at : at + MOST_EVENTS_PER_FRAME]) for at in range(0, len(texts), MOST_EVENTS_PER_FRAME)]


class Room:
    """The connections to one session in this process, and the order of the events sent to them.

    A connection (``labs.consumers.LabSessionConsumer``) has ``last_sent`` (the seq of the last
    event it sent, or None) and ``send_frame(text, data=None)`` (``data``: the frame's bytes on the
    wire, made once for everyone; see ``labs.live.wire``).
    """

    def __init__(self, session_id: int):
        self.session_id = session_id
        self.loop = asyncio.get_running_loop()
        self.holders = set()  # connections that entered (members or about to be)
        self.members = {}  # connections that receive the room's frames (a dict keeps arrival order)
        self.head = None  # the newest seq taken in order (None until the first member sets it)
        self.sent = None  # the newest seq sent to the members
        self.outbox = []  # (seq, text) taken in order, not yet sent
        self.early = {}  # seq -> text, arrived ahead of a missing event
        self.wake = asyncio.Event()
        self.presence = None  # the newest presence message heard (text), not yet sent or sent
        self.presence_unsent = False
        self.not_listening_since = None  # time.monotonic() when the reader lost the channel layer
        self.channel = None
        self.closed = False
        self.tasks = []
        self.filling = None
        self.opened = self.loop.create_task(self._open())

    # --- Life ----------------------------------------------------------------------------------
    async def _open(self):
        layer = get_channel_layer()
        self.channel = await layer.new_channel(prefix="lab-room.")
        try:
            await layer.group_add(group_name(self.session_id), self.channel)
        except Exception:  # the layer is down: the room opens, and its reader joins once it is back
            self._lost_layer()
        self.tasks = [
            self.loop.create_task(self._read(layer)),
            self.loop.create_task(self._send_batches()),
            self.loop.create_task(self._watch()),
        ]

    async def close(self):
        self.closed = True
        running = [task for task in (*self.tasks, self.filling) if task is not None and not task.done()]
        for task in running:
            task.cancel()
        # Let them finish: a reader stopped inside the layer's receive must release its lock.
        await asyncio.gather(*running, return_exceptions=True)
        if self.channel is not None:
            await get_channel_layer().group_discard(group_name(self.session_id), self.channel)

    # --- Connections -----------------------------------------------------------------------------
    async def admit(self, connection, with_presence: bool = False) -> None:
        """Bring ``connection`` (joined at its ``last_sent``) up to the room's position, then add it;
        ``with_presence``: send it the newest presence too (it replayed, and has no snapshot)."""
        await asyncio.shield(self.opened)
        while self.sent is not None and connection.last_sent < self.sent:
            target = self.sent
            texts = [
                text
                for seq, text in await events.events_between(self.session_id, connection.last_sent, target + 1)
                if seq > connection.last_sent
            ]
            for frame in frames_of(texts):
                await connection.send_frame(frame)
            connection.last_sent = target
        if self.head is None:
            self.head = self.sent = connection.last_sent
            self._take_early()
        if with_presence:
            text = self.presence or known_presence_text(self.session_id)
            if text is not None:
                await connection.send_frame(text)
        self.members[connection] = None

    @property
    def listening(self) -> bool:
        """True while the reader hears the session's group through the channel layer."""
        reader = self.tasks[0] if self.tasks else None
        return self.not_listening_since is None and not (reader is not None and reader.done())

    def not_listening_for(self) -> float:
        """Seconds since the reader lost the channel layer (0 while it listens)."""
        if self.not_listening_since is None:
            return 0.0
        return time.monotonic() - self.not_listening_since

    def withdraw(self, connection) -> None:
        """Stop sending to ``connection`` (it is joining again, or leaving)."""
        self.members.pop(connection, None)

    # --- Events in ---------------------------------------------------------------------------------
    def offer(self, seq: int, text: str) -> None:
        """An event stored in the log, from this process or through the layer, in any order."""
        events.remember(self.session_id, seq, text)
        if self.head is not None and seq <= self.head:
            return
        if self.head is not None and seq == self.head + 1:
            self._take(seq, text)
            self._take_early()
        else:
            self.early[seq] = text
            if self.head is not None:
                self._fill_gap()

    def pass_on(self, text: str) -> None:
        """A message outside the numbered log (``presence``): only the newest is sent, at once."""
        self.presence = text
        self.presence_unsent = True
        self.wake.set()

    async def tell(self, person_id: int, text: str) -> None:
        """A message outside the log for one person (``you.votes``): sent at once to their connections."""
        for connection in [each for each in self.members if getattr(each.user, "pk", None) == person_id]:
            try:
                await connection.send_frame(text)
            except Exception:
                logger.exception("Lab session %s: could not send to a connection", self.session_id)

    def _take(self, seq: int, text: str) -> None:
        self.head = seq
        self.outbox.append((seq, text))
        self.wake.set()

    def _take_early(self) -> None:
        for seq in [seq for seq in self.early if seq <= self.head]:
            del self.early[seq]
        while self.head + 1 in self.early:
            self._take(self.head + 1, self.early.pop(self.head + 1))
        if self.early:
            self._fill_gap()

    def _fill_gap(self) -> None:
        """Read the events missing before the early ones (from memory or the log)."""
        if self.filling is None or self.filling.done():
            self.filling = self.loop.create_task(self._fill())

    async def _fill(self) -> None:
        for attempt in range(FILL_ATTEMPTS):
            if attempt:
                await asyncio.sleep(FILL_RETRY_SECONDS)
            if not self.early or self.closed:  # (checked after the wait: events may have come meanwhile)
                return
            try:
                for seq, text in await events.events_between(self.session_id, self.head, max(self.early) + 1):
                    self.offer(seq, text)
            except Exception:
                logger.exception("Lab session %s: could not read missing events", self.session_id)
        if self.early:
            logger.error("Lab session %s: events %s never found in the log", self.session_id, sorted(self.early))
            self.early.clear()

    async def catch_up(self, fresh: bool = False) -> None:
        """Take any events newer than the head from memory or the log (``fresh``: ask the
        database for the newest seq now, not within the last few seconds)."""
        if fresh:
            newest = await database_sync_to_async(events.stored_last_seq)(self.session_id)
        else:
            newest = await events.newest_seq(self.session_id)
        if self.head is not None and newest > self.head:
            for seq, text in await events.events_between(self.session_id, self.head, newest + 1):
                self.offer(seq, text)

    # --- Tasks ---------------------------------------------------------------------------------
    async def _read(self, layer):
        """Events broadcast by any process, through the channel layer; when the layer is lost,
        join the group again once it is back and catch up from the log."""
        retries = 0
        while True:
            if self.not_listening_since is not None:
                await asyncio.sleep(min(LONGEST_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2**retries))
                retries += 1
                if not await self._listen_again(layer):
                    continue
                retries = 0
            try:
                message = await layer.receive(self.channel)
            except Exception:
                self._lost_layer()
                continue
            kind = message.get("type")
            if kind == "lab.event":
                self.offer(message["seq"], message["text"])
            elif kind == "lab.presence":
                if message.get("process") != PROCESS:  # (this process's own were passed on)
                    heard(self.session_id, message["presence"])
                    self.pass_on(message["text"])
            elif kind == "lab.personal":
                await self.tell(message["person"], message["text"])

    def _lost_layer(self) -> None:
        if self.not_listening_since is None:
            self.not_listening_since = time.monotonic()
            logger.exception(
                "Lab session %s: the room lost the channel layer; reading the log until it is back",
                self.session_id,
            )

    async def _listen_again(self, layer) -> bool:
        """Join the session's group again and catch up from the log; False while the layer is down."""
        try:
            await layer.group_add(group_name(self.session_id), self.channel)
        except Exception as error:  # noqa: BLE001 - still down: the reader tries again later
            logger.debug("Lab session %s: channel layer still down (%r)", self.session_id, error)
            return False
        down_for = self.not_listening_for()
        self.not_listening_since = None
        try:
            await self.catch_up(fresh=True)
        except Exception:
            logger.exception("Lab session %s: could not catch up", self.session_id)
        logger.warning(
            "Lab session %s: the room hears the channel layer again after %.1f s (at seq %s)",
            self.session_id,
            down_for,
            self.head,
        )
        return True

    async def _send_batches(self):
        """Send what the outbox holds to every member, one frame per batch; then wait for more.

        Frames, not bytes, are what cost: each is a write to every socket. So a big room lets
        ``frame_interval`` pass from one send to the next and sends everything that came
        meanwhile in one frame; a quiet room sends each event at once."""
        last_sent_at = float("-inf")
        while True:
            await self.wake.wait()
            wait = last_sent_at + self.frame_interval() - self.loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            self.wake.clear()
            last_sent_at = self.loop.time()
            if self.presence_unsent:
                self.presence_unsent = False
                await self._send_to_all(self.presence)
            while self.outbox:
                batch = self.outbox[:MOST_EVENTS_PER_FRAME]
                del self.outbox[:MOST_EVENTS_PER_FRAME]
                await self._send_batch(batch)

    def frame_interval(self) -> float:
        """Seconds between two sends: proportional to the connections here, up to a limit."""
        return min(LONGEST_FRAME_INTERVAL, len(self.members) * FRAME_INTERVAL_PER_CONNECTION)

    async def _send_batch(self, batch):
        first, last = batch[0][0], batch[-1][0]
        common = frame_of([text for _, text in batch])
        data = wire.text_frame(common.encode())
        self.sent = last  # before any await: a connection admitted meanwhile is brought up to here
        for connection in list(self.members):
            have = connection.last_sent
            if have >= last:
                continue  # it joined from a newer snapshot
            connection.last_sent = last
            try:
                if have < first:
                    await connection.send_frame(common, data)
                else:
                    await connection.send_frame(frame_of([text for seq, text in batch if seq > have]))
            except Exception:
                logger.exception("Lab session %s: could not send to a connection", self.session_id)

    async def _send_to_all(self, text: str) -> None:
        data = wire.text_frame(text.encode())
        for connection in list(self.members):
            try:
                await connection.send_frame(text, data)
            except Exception:
                logger.exception("Lab session %s: could not send to a connection", self.session_id)

    async def _watch(self):
        """Every few seconds: catch up when the room stopped advancing while newer events exist,
        when the reader cannot hear the channel layer, and now and then in any case (asking the
        database)."""
        quiet_checks, seen = 0, self.head
        while True:
            await asyncio.sleep(WATCH_EVERY_SECONDS)
            if self.head is None:
                continue
            quiet_checks = quiet_checks + 1 if self.head == seen else 0
            seen = self.head
            behind = events.newest_remembered(self.session_id) > self.head
            deaf = self.not_listening_since is not None
            if deaf or (behind and quiet_checks >= 1) or quiet_checks >= QUIET_CHECKS_BEFORE_ASKING:
                quiet_checks = 0
                try:
                    await self.catch_up(fresh=deaf)
                except Exception:
                    logger.exception("Lab session %s: could not catch up", self.session_id)
