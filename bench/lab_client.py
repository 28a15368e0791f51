"""One person's connection to a live Innovation Lab session, for the benchmark and the tests.

``LabClient`` talks to ``/ws/labs/<session>/`` as docs/labs-protocol.md describes it: it sends the
session cookie and an ``Origin`` header, joins (with ``after`` when it has seen events), checks
that events arrive in ``seq`` order exactly once, and on a lost connection reconnects (to the
next address it knows, so it fails over between daphne processes) with the last ``seq`` it saw
and sends unanswered messages again with the same ``id``. It runs over ``bench.ws_client``.
"""

import asyncio
import itertools
import json
import random
import time
from collections import Counter, deque
from urllib.parse import urlsplit

from bench import ws_client

now = time.monotonic  # CLOCK_MONOTONIC: comparable between the processes of one machine


def ws_url(http_url, path):
    """``http://127.0.0.1:8000`` + ``/ws/labs/1/`` -> ``ws://127.0.0.1:8000/ws/labs/1/``."""
    parts = urlsplit(http_url)
    return f"ws://{parts.netloc}{path}"


def origin_of(url):
    parts = urlsplit(url)
    return f"http://{parts.netloc}"


class LabClient:
    """One person's connection to a live session; see the module docstring."""

    def __init__(
        self,
        urls,
        cookie,
        *,
        name="client",
        on_event=None,
        keep_events=False,
        reconnect=True,
        max_reconnects=30,
        reconnect_seconds=45.0,
        max_rate=9,
    ):
        self.urls = list(urls)
        self.url_index = 0
        self.cookie = cookie
        self.name = name
        self.on_event = on_event
        self.keep_events = keep_events
        self.reconnect = reconnect
        self.max_reconnects = max_reconnects
        self.reconnect_seconds = reconnect_seconds
        self.events = []  # (seq, message) in the order received, when keep_events
        self.state = None  # the latest ``state`` snapshot
        self.join_seq = None  # the seq of the first snapshot
        self.last_seq = None
        self.missing = set()  # seqs skipped over (lost unless they arrive later)
        self.received = 0
        self.frames = 0  # websocket frames (one event, or several in a JSON array)
        self.duplicates = 0
        self.out_of_order = 0
        self.skipped_by_state = 0
        self.reconnects = 0
        self.errors = Counter()
        self.pending = {}  # client id -> (message, future)
        self.ids = itertools.count(1)
        self.ws = None
        self.sent_times = deque(maxlen=max_rate)
        self.max_rate = max_rate
        self.close_code = None
        self.closing = False
        self.gone = False
        self._task = None
        self._ready = None
        self._advanced = None

    @property
    def url(self):
        return self.urls[self.url_index]

    async def start(self, after=None, timeout=30.0):
        """Connect, join and wait for the snapshot (or the end of the replay)."""
        self._advanced = asyncio.Event()
        await asyncio.wait_for(self._open(after), timeout)
        self._task = asyncio.create_task(self._run())
        ready = asyncio.create_task(self._ready.wait())
        await asyncio.wait({ready, self._task}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        if not ready.done():
            ready.cancel()
            raise ConnectionError(f"{self.name}: not let in (close code {self.close_code})")
        return self

    async def _open(self, after):
        self._ready = asyncio.Event()
        self.ws = await ws_client.connect(self.url, self._received, cookie=self.cookie, origin=origin_of(self.url))
        join = {"type": "join", "id": self._next_id()}
        if after is not None:
            join["after"] = after
        self.ws.send(json.dumps(join))
        for message, _future in list(self.pending.values()):
            self.ws.send(json.dumps(message))

    def _next_id(self):
        return f"{self.name}-{next(self.ids)}"

    def _received(self, payload, t):
        """A text frame, read at ``t``: one event or message, or several events in a JSON array."""
        data = json.loads(payload)
        self.frames += 1
        if isinstance(data, list):
            for message in data:
                self._dispatch(message, t)
        else:
            self._dispatch(data, t)

    async def _run(self):
        while True:
            self.close_code = await self.ws.closed
            if self.closing:
                return
            refused = self.close_code in (4003, 4008)  # not allowed, or closed for abuse: do not come back
            if refused or not self.reconnect or not await self._reconnect():
                self.gone = True
                for _message, future in self.pending.values():
                    if not future.done():
                        future.set_exception(ConnectionError(f"{self.name}: connection lost"))
                self._advanced.set()
                return

    async def _reconnect(self):
        """Reconnect with backoff, to the next address first; bounded in attempts and time."""
        deadline = now() + self.reconnect_seconds
        delay = 0.1
        for _attempt in range(self.max_reconnects):
            if now() > deadline or self.closing:
                return False
            self.url_index = (self.url_index + 1) % len(self.urls)
            try:
                await asyncio.wait_for(self._open(self.last_seq), max(1.0, deadline - now()))
                self.reconnects += 1
                return True
            except (TimeoutError, OSError):
                await asyncio.sleep(delay + random.random() * delay)
                delay = min(delay * 2, 2.0)
        return False

    def _dispatch(self, message, t):
        kind = message.get("type")
        if "seq" in message and kind not in ("state", "caught_up"):
            self._event(message, t)
        elif kind == "state":
            seq = message["seq"]
            if self.last_seq is not None and seq > self.last_seq:
                self.skipped_by_state += seq - self.last_seq
            if self.join_seq is None:
                self.join_seq = seq
            self.last_seq = seq if self.last_seq is None else max(seq, self.last_seq)
            self.state = message
            self._ready.set()
            self._advanced.set()
        elif kind == "caught_up":
            self._ready.set()
        elif kind in ("ack", "error"):
            if kind == "error":
                self.errors[message.get("code", "?")] += 1
            entry = self.pending.pop(message.get("id"), None)
            if entry is not None and not entry[1].done():
                entry[1].set_result(message)
        if self.on_event is not None and kind in ("ack", "error", "state"):
            self.on_event(self, message, t)

    def _event(self, message, t):
        seq = message["seq"]
        last = self.last_seq if self.last_seq is not None else seq - 1
        if seq == last + 1:
            self.last_seq = seq
        elif seq > last + 1:
            self.missing.update(range(last + 1, seq))
            self.last_seq = seq
        elif seq in self.missing:
            self.missing.discard(seq)
            self.out_of_order += 1
        else:
            self.duplicates += 1
            return
        self.received += 1
        if self.keep_events:
            self.events.append((seq, message))
        self._advanced.set()
        if self.on_event is not None:
            self.on_event(self, message, t)

    async def send(self, message_type, /, **fields):
        """Send a message; return (its client id, a future for the ack or error).

        Keeps under the server's rate limit (10 messages a second): a refused ``rate_limited``
        message may come back without its ``id``, so it could not be told apart.
        """
        while len(self.sent_times) >= self.max_rate and now() - self.sent_times[0] < 1.0:
            await asyncio.sleep(1.0 - (now() - self.sent_times[0]) + 0.001)
            while self.sent_times and now() - self.sent_times[0] >= 1.0:
                self.sent_times.popleft()
        self.sent_times.append(now())
        message = {"type": message_type, "id": self._next_id(), **fields}
        future = asyncio.get_running_loop().create_future()
        self.pending[message["id"]] = (message, future)
        try:
            self.ws.send(json.dumps(message))
        except ws_client.SocketClosed:
            pass  # sent again, with the same id, after the reconnection
        return message["id"], future

    async def request(self, message_type, /, timeout=30.0, **fields):
        """Send a message and wait for its ``ack`` or ``error``."""
        _id, future = await self.send(message_type, **fields)
        return await asyncio.wait_for(future, timeout)

    async def wait_seq(self, seq, timeout=30.0):
        """Wait until every event up to ``seq`` has arrived (or the time is up); True when it has."""
        deadline = now() + timeout
        while (self.last_seq is None or self.last_seq < seq or self.missing) and not self.gone:
            remaining = deadline - now()
            if remaining <= 0:
                return False
            self._advanced.clear()
            try:
                await asyncio.wait_for(self._advanced.wait(), remaining)
            except TimeoutError:
                return False
        return not self.gone

    def lost_up_to(self, seq):
        """Events up to ``seq`` (after the first snapshot) this client never received."""
        last = self.last_seq if self.last_seq is not None else 0
        return len([s for s in self.missing if s <= seq]) + max(0, seq - last) + self.skipped_by_state

    async def close(self):
        self.closing = True
        if self.ws is not None:
            await self.ws.close(3)
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except (asyncio.CancelledError, Exception):
                pass
