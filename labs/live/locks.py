"""Row locks that make a live room's messages apply one at a time where they must.

Every change to a session is stored under one of these locks, in the same transaction as its
events (``labs.live.events.write_events``), so ``seq`` numbers are handed out in order and a
person's messages never overtake each other. On SQLite, which takes one writer at a time, the
writes queue anyway and the locks are plain reads.
"""

from django.contrib.auth import get_user_model
from django.db import connection

from labs.models import LabSession, Registration


def lock_session(session_id: int) -> LabSession:
    """The session, its row locked until the transaction ends (PostgreSQL; SQLite writes queue anyway)."""
    return LabSession.objects.select_for_update().get(pk=session_id)


def share_session(session_id: int) -> LabSession:
    """The session, its row share-locked until the transaction ends: others may share it, but
    ``lock_session`` waits until they are done (PostgreSQL; SQLite writes queue anyway)."""
    if connection.vendor == "postgresql":
        return LabSession.objects.raw(
            f"SELECT * FROM {LabSession._meta.db_table} WHERE id = %s FOR SHARE", [session_id]
        )[0]
    return LabSession.objects.get(pk=session_id)


def lock_person(user) -> None:
    """Lock the person's own row until the transaction ends, so their messages apply one at a time
    (PostgreSQL; SQLite writes queue anyway)."""
    if connection.features.has_select_for_update:
        get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True).first()


def lock_place(session: LabSession, user) -> bool:
    """Lock the person's confirmed place at the session's lab until the transaction ends, so their
    messages apply one at a time; False when they hold none (PostgreSQL; SQLite writes queue anyway).
    A confirmed place is also what lets a participant in (``labs.join_session``)."""
    return (
        Registration.objects.select_for_update()
        .filter(lab_id=session.lab_id, person_id=user.pk, status=Registration.Status.CONFIRMED)
        .values_list("pk", flat=True)
        .first()
        is not None
    )
