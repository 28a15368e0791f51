"""Who is in the room: one ``Presence`` row per open connection, and coalesced ``presence`` events.

A connection adds its row when it is let in and removes it when it closes. A process that dies
cannot remove its rows, so rows not seen for ``STALE_AFTER`` are left out and pruned; a
connection renews its row's ``seen_at`` when its person sends something (at most once a minute,
``TOUCH_EVERY``). The count and the organisations present are broadcast at most once a second
per session by each process, and only when they changed.
"""

from datetime import timedelta

from channels.db import database_sync_to_async
from django.db import transaction
from django.utils import timezone

from labs.live import events
from labs.live.coalesce import Coalescer
from labs.models import Presence

#: Seconds between two presence events of one session from one process.
PRESENCE_INTERVAL = 1.0
#: A row not renewed for this long belongs to a connection that is gone.
STALE_AFTER = timedelta(minutes=5)
#: Seconds between two renewals of one connection's row.
TOUCH_EVERY = 60.0


def arrive(session_id: int, user, connection: str) -> None:
    """Record that ``user`` is here on the connection with id ``connection``."""
    from labs.live.state import person_organisation

    Presence.objects.update_or_create(
        connection=connection,
        defaults={"session_id": session_id, "person": user, "organisation": person_organisation(user)},
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


#: The presence each process last sent, per session (nothing is sent while it stays the same).
_last_sent: dict[int, dict] = {}


def write_presence(session_id: int) -> list[events.Sent]:
    """Prune stale rows and store a ``presence`` event when who is here changed."""
    with transaction.atomic():
        Presence.objects.filter(session_id=session_id, seen_at__lt=timezone.now() - STALE_AFTER).delete()
        now_here = current_presence(session_id)
        if _last_sent.get(session_id) == now_here:
            return []
        session = events.lock_session(session_id)
        sent = events.write_events(session, [("presence", now_here)])
    _last_sent[session_id] = now_here
    return sent


async def _flush(session_id: int, notes: set) -> None:
    sent = await database_sync_to_async(write_presence)(session_id)
    await events.broadcast(sent)


PRESENCE = Coalescer("presence", PRESENCE_INTERVAL, _flush)


def note_change(session_id: int) -> None:
    """Someone came or went: send the new presence soon (at most once a second)."""
    PRESENCE.note(session_id, [True])


def reset() -> None:
    """Forget what was sent and noted (tests start afresh)."""
    _last_sent.clear()
    PRESENCE.reset()
