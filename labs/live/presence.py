"""Who is in the room: one ``Presence`` row per open connection, and coalesced ``presence`` messages.

A connection adds its row when it is let in and removes it when it closes. A process that dies
cannot remove its rows, so rows not seen for ``STALE_AFTER`` are left out and pruned; a
connection renews its row's ``seen_at`` when its person sends something (at most once a minute,
``TOUCH_EVERY``). The count and the organisations present are sent at most once a second per
session by each process, and only when they differ from the newest this process knows of.

Presence is not part of the session's numbered log: a count is out of date as soon as a newer
one exists, so replaying old ones would only mislead. A ``presence`` message has no ``seq``, is
not stored and goes to the connections open at the time (through each process's room); the
``state`` snapshot carries the current presence, and a connection that replays its way in is
sent the newest presence its room knows.
"""

import logging
from datetime import timedelta

from channels.db import database_sync_to_async
from django.db import transaction
from django.utils import timezone

from labs.live import fanout, rooms
from labs.live.coalesce import Coalescer
from labs.models import Presence
from people.services import organisation_name

#: Seconds between two presence events of one session from one process.
PRESENCE_INTERVAL = 1.0
#: A row not renewed for this long belongs to a connection that is gone.
STALE_AFTER = timedelta(minutes=5)
#: Seconds between two renewals of one connection's row.
TOUCH_EVERY = 60.0


def arrive(session_id: int, user, connection: str) -> None:
    """Record that ``user`` is here on the connection with id ``connection``."""
    Presence.objects.update_or_create(
        connection=connection,
        defaults={"session_id": session_id, "person": user, "organisation": organisation_name(user)},
    )


def leave(connection: str) -> None:
    """Forget the connection with id ``connection``."""
    Presence.objects.filter(connection=connection).delete()


def touch(connection: str) -> None:
    """Renew the connection's row, so it is not taken for a dead process's."""
    Presence.objects.filter(connection=connection).update(seen_at=timezone.now())


def _current_rows(session_id: int):
    return Presence.objects.filter(session_id=session_id, seen_at__gte=timezone.now() - STALE_AFTER)


def current_presence(session_id: int) -> dict:
    """``{"count": people here, "organisations": [their organisations' names, sorted]}``."""
    rows = list(_current_rows(session_id).values_list("person_id", "organisation"))
    organisations = sorted({organisation for _, organisation in rows if organisation})
    return {"count": len({person for person, _ in rows}), "organisations": organisations}


logger = logging.getLogger(__name__)


def presence_now(session_id: int) -> dict | None:
    """Prune stale rows; who is here now, or None when that is what this process knows already."""
    with transaction.atomic():
        Presence.objects.filter(session_id=session_id, seen_at__lt=timezone.now() - STALE_AFTER).delete()
        now_here = current_presence(session_id)
    return None if fanout.known_presence(session_id) == now_here else now_here


async def send_presence(session_id: int, now_here: dict) -> None:
    """Send ``now_here`` to the session's connections in this process and, through the channel
    layer, in the others; not stored, no ``seq``. A channel layer that is down is logged."""
    fanout.heard(session_id, now_here)
    text = fanout.presence_text(now_here)
    rooms.pass_on_here(session_id, text)
    try:
        await rooms.send_to_group(
            session_id, {"type": "lab.presence", "process": fanout.PROCESS, "presence": now_here, "text": text}
        )
    except Exception:
        logger.exception("Lab session %s: could not send presence to the other processes", session_id)


async def _flush(session_id: int, notes: set) -> None:
    now_here = await database_sync_to_async(presence_now)(session_id)
    if now_here is not None:
        await send_presence(session_id, now_here)


PRESENCE = Coalescer("presence", PRESENCE_INTERVAL, _flush)


def note_change(session_id: int) -> None:
    """Someone came or went: send the new presence soon (at most once a second)."""
    PRESENCE.note(session_id, [True])


def reset() -> None:
    """Forget what was sent and noted (tests start afresh)."""
    fanout.forget_presence()
    PRESENCE.reset()
