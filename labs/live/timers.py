"""Stage timers: telling the room once that a stage's time is up (``stage.time_up``).

A facilitator may give a stage a timer (``stage.set`` with ``minutes``). When it runs out, the
session gets one ``stage.time_up`` event, stored and numbered like any other, so a client that
reconnects or a presenter screen opened later sees it in the log too; the facilitator's screen
prompts them to move on or give more time.

Each process watches the timers of the sessions it serves: the one set there (after the
``stage.set`` is stored) and the one a connection finds when it arrives (so a timer outlives the
process that set it, as its clients reconnect elsewhere). At the end each watching process asks
``time_up``, which writes the event only if the timer is still the session's and its event is not
in the log yet, under the session's lock: however many processes ask, it is written once.
"""

import asyncio
import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from labs.live import events, locks, rooms, storing
from labs.live.state import iso
from labs.models import LabEvent, Stage

logger = logging.getLogger(__name__)

#: Asked this long after the end, so the database's clock has passed it too.
GRACE_SECONDS = 0.05

_watched: dict[int, tuple[str, asyncio.Task]] = {}  # session id -> (the timer's end, its task)


def time_up(session_id: int, ends_at: str) -> list[events.Sent]:
    """Store ``stage.time_up`` when the timer ending at ``ends_at`` (ISO time) is the session's,
    has run out, and has no such event yet; returns what to broadcast (nothing otherwise)."""
    with transaction.atomic():
        session = locks.lock_session(session_id)
        if session.stage == Stage.CLOSED or iso(session.stage_ends_at) != ends_at:
            return []  # another stage or timer since, or closed
        if timezone.now() < session.stage_ends_at:
            return []
        told = LabEvent.objects.filter(session=session, type="stage.time_up", payload__stage_ends_at=ends_at)
        if told.exists():
            return []
        return events.write_events(session, [("stage.time_up", {"stage": session.stage, "stage_ends_at": ends_at})])


async def _wait_and_tell(session_id: int, ends_at: str) -> None:
    end = datetime.fromisoformat(ends_at)
    try:
        await asyncio.sleep(max(0.0, (end - timezone.now()).total_seconds()) + GRACE_SECONDS)
        await rooms.broadcast(await storing.store(time_up, session_id, ends_at))
    except asyncio.CancelledError:
        raise
    except Exception:
        logger.exception("Lab session %s: could not tell the room that its stage timer ran out", session_id)


def watch(session_id: int, ends_at: str | datetime | None) -> None:
    """Tell the session's room when the timer ending at ``ends_at`` runs out (call from the event
    loop). A timer watched already is left alone; None (no timer) stops watching."""
    ends_at = iso(ends_at) if isinstance(ends_at, datetime) else ends_at
    watched = _watched.get(session_id)
    if watched is not None:
        if watched[0] == ends_at and not watched[1].get_loop().is_closed():
            return
        watched[1].cancel()
        del _watched[session_id]
    if ends_at is not None:
        _watched[session_id] = (ends_at, asyncio.get_running_loop().create_task(_wait_and_tell(session_id, ends_at)))


async def forget() -> None:
    """Stop watching every timer (tests end their event loop; shutting down)."""
    running = [task for _, task in _watched.values() if not task.done() and not task.get_loop().is_closed()]
    _watched.clear()
    for task in running:
        task.cancel()
    await asyncio.gather(*running, return_exceptions=True)
