"""Applying socket messages on the database thread, several per trip when they queue up.

Each message a person sends is applied by ``labs.live.actions.apply``, in a transaction of its
own, on Channels' database thread. A trip to that thread and back costs two hand-overs of the
interpreter lock between the event loop and the thread, and while a big room is sending, each
hand-over can wait for the loop. In a busy room many connections' messages wait for the thread
at once: ``apply`` takes all that are waiting in one trip, in the order they came, each still in
its own transaction, so one message's refusal or failure touches no other.
"""

import asyncio
import weakref

from channels.db import database_sync_to_async

from labs.live import actions

#: Messages applied in one trip, at most (so no trip holds the thread for long).
MOST_PER_TRIP = 20


def apply_each(batch: list[tuple]) -> list:
    """``actions.apply`` for each ``(session_id, user, message)``: its outcome, or the exception it raised."""
    outcomes = []
    for session_id, user, message in batch:
        try:
            outcomes.append(actions.apply(session_id, user, message))
        except Exception as error:  # noqa: BLE001 - handed to the one message's sender
            outcomes.append(error)
    return outcomes


class Applier:
    """The messages of one event loop waiting for the database thread."""

    def __init__(self, loop):
        self.loop = loop
        self.waiting = []
        self.trips = None

    async def apply(self, session_id: int, user, message: dict) -> actions.Outcome:
        future = self.loop.create_future()
        self.waiting.append((session_id, user, message, future))
        if self.trips is None or self.trips.done():
            self.trips = self.loop.create_task(self._make_trips())
        return await future

    async def _make_trips(self):
        while self.waiting:
            batch = self.waiting[:MOST_PER_TRIP]
            del self.waiting[:MOST_PER_TRIP]
            try:
                outcomes = await database_sync_to_async(apply_each)([item[:3] for item in batch])
            except BaseException as error:
                for *_, future in batch:
                    if not future.done():
                        future.set_exception(error if isinstance(error, Exception) else ConnectionError("stopped"))
                raise
            for (*_, future), outcome in zip(batch, outcomes, strict=True):
                if future.done():  # its connection has gone meanwhile
                    continue
                if isinstance(outcome, Exception):
                    future.set_exception(outcome)
                else:
                    future.set_result(outcome)


_appliers: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Applier]" = weakref.WeakKeyDictionary()


async def apply(session_id: int, user, message: dict) -> actions.Outcome:
    """Apply ``message`` from ``user`` (see ``actions.apply``), sharing a trip with others waiting."""
    loop = asyncio.get_running_loop()
    applier = _appliers.get(loop)
    if applier is None:
        applier = _appliers[loop] = Applier(loop)
    return await applier.apply(session_id, user, message)
