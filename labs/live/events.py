"""The session's numbered event log: writing events and reading them back.

Every change is stored first, in the same transaction as its ``LabEvent`` rows, which take the
session's next ``seq`` numbers (``LabSession.last_seq`` is raised under a row lock,
``labs.live.locks``). Only after the commit are the events broadcast (``labs.live.rooms``). Each
event is turned into JSON text once, and that text is what every connection is sent.

A process also keeps the texts of recent events in memory, so a connection that has to fill a
gap (an event arrived before an earlier one) or replay after a reconnect rarely needs the
database.
"""

import asyncio
import json
import time
from collections import OrderedDict
from dataclasses import dataclass

from channels.db import database_sync_to_async

from labs.models import LabEvent, LabSession

#: Texts of recent events kept per session in each process.
RECENT_EVENTS_KEPT = 5000
#: How often a process reads a session's newest seq from the database, at most.
NEWEST_CHECK_SECONDS = 2.0


def event_text(message: dict) -> str:
    """An event as the JSON text sent to clients."""
    return json.dumps(message, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True)
class Sent:
    """A stored event ready to broadcast: its session, number and text."""

    session_id: int
    seq: int
    text: str


def write_events(session: LabSession, events: list[tuple[str, dict]]) -> list[Sent]:
    """Store ``events`` (type, payload) with the session's next numbers; call inside a transaction
    with the session locked (``labs.live.locks.lock_session``). Returns them ready to broadcast after the commit."""
    if not events:
        return []
    first = session.last_seq + 1
    rows = [
        LabEvent(session_id=session.pk, seq=first + offset, type=kind, payload=payload)
        for offset, (kind, payload) in enumerate(events)
    ]
    LabEvent.objects.bulk_create(rows)
    session.last_seq = first + len(rows) - 1
    LabSession.objects.filter(pk=session.pk).update(last_seq=session.last_seq)
    return [Sent(session.pk, row.seq, event_text(row.as_message())) for row in rows]


# --- Recent events in this process -----------------------------------------------------------
_recent: dict[int, OrderedDict] = {}
_newest: dict[int, int] = {}
_stored_newest: dict[int, tuple[float, int]] = {}


def remember(session_id: int, seq: int, text: str) -> None:
    """Keep an event's text for gap filling and replay in this process."""
    kept = _recent.setdefault(session_id, OrderedDict())
    if seq in kept:
        return
    kept[seq] = text
    if seq > _newest.get(session_id, 0):
        _newest[session_id] = seq
    if len(kept) > RECENT_EVENTS_KEPT:
        kept.popitem(last=False)


def forget_recent() -> None:
    """Drop every remembered event (tests start afresh)."""
    _recent.clear()
    _reading.clear()
    _newest.clear()
    _stored_newest.clear()


def stored_last_seq(session_id: int) -> int:
    """The session's newest ``seq`` as stored."""
    return LabSession.objects.filter(pk=session_id).values_list("last_seq", flat=True).first() or 0


async def newest_seq(session_id: int) -> int:
    """The newest ``seq`` this process knows of for a session: from the events it has seen, and
    from the database at most every ``NEWEST_CHECK_SECONDS`` (one read per process, shared)."""
    now = time.monotonic()
    checked_at, stored = _stored_newest.get(session_id, (None, 0))
    if checked_at is None or now - checked_at >= NEWEST_CHECK_SECONDS:
        _stored_newest[session_id] = (now, stored)  # others use the old value meanwhile
        stored = await database_sync_to_async(stored_last_seq)(session_id)
        _stored_newest[session_id] = (now, stored)
    return max(_newest.get(session_id, 0), stored)


def newest_remembered(session_id: int) -> int:
    """The newest ``seq`` among the events this process has seen (no database read)."""
    return _newest.get(session_id, 0)


def remembered_between(session_id: int, after: int, before: int) -> list[str] | None:
    """Texts of events ``after`` < seq < ``before`` when this process remembers all of them, else None."""
    kept = _recent.get(session_id)
    if kept is None:
        return [] if before <= after + 1 else None
    texts = []
    for seq in range(after + 1, before):
        text = kept.get(seq)
        if text is None:
            return None
        texts.append(text)
    return texts


def stored_between(session_id: int, after: int, before: int | None = None) -> list[tuple[int, str]]:
    """Events ``after`` < seq < ``before`` (or to the end) from the database, in order."""
    rows = LabEvent.objects.filter(session_id=session_id, seq__gt=after)
    if before is not None:
        rows = rows.filter(seq__lt=before)
    return [(row.seq, event_text(row.as_message())) for row in rows.order_by("seq")]


#: Database reads under way, shared by every connection that waits for the same events.
_reading: dict[tuple, asyncio.Future] = {}


def _read_and_remember(session_id: int, after: int, before: int) -> list[tuple[int, str]]:
    found = stored_between(session_id, after, before)
    for seq, text in found:
        remember(session_id, seq, text)
    return found


async def events_between(session_id: int, after: int, before: int) -> list[tuple[int, str]]:
    """Events ``after`` < seq < ``before`` in order: from memory when possible, else the database
    (one read per process however many connections need the same events)."""
    texts = remembered_between(session_id, after, before)
    if texts is not None:
        return list(zip(range(after + 1, before), texts, strict=True))
    key = (session_id, after, before)
    reading = _reading.get(key)
    if reading is None or reading.get_loop() is not asyncio.get_running_loop():
        reading = asyncio.ensure_future(database_sync_to_async(_read_and_remember)(session_id, after, before))
        _reading[key] = reading
        reading.add_done_callback(lambda done: _reading.pop(key) if _reading.get(key) is done else None)
    return await asyncio.shield(reading)


def remember_sent(sent: list[Sent]) -> None:
    """Remember stored events at once (before anything else runs), so a connection that meets a
    later event first finds these in memory."""
    for event in sent:
        remember(event.session_id, event.seq, event.text)
