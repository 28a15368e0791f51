"""Applying a client message: permission, stage and field checks, then the change and its events.

``apply`` runs in one transaction: it locks the session, checks that the sender may still be in the
room (and facilitate, for facilitators' messages), that the session is not closed, lets the
message's handler make the change, stores the events with their numbers and the result under the
client id (a retry, whose client id is stored already, gets the stored result again and changes
nothing). Broadcasting the events, telling voters whose dots moved (``labs.live.dots``) and
noting tallies is left to the caller, after the commit.
"""

from dataclasses import dataclass, field

import rules
from django.db import IntegrityError, transaction

from labs.live import dots
from labs.live.events import Sent, event_text, write_events
from labs.live.handling import Context, Refused
from labs.live.locks import lock_person, lock_place, lock_session, share_session
from labs.live.protocol import HANDLERS
from labs.models import ClientMessage, Stage


@dataclass
class Outcome:
    """What applying a message gave: the ack's result or an error, and what to send to everyone."""

    result: dict | None = None
    error: tuple[str, str] | None = None
    sent: list[Sent] = field(default_factory=list)
    notes: list = field(default_factory=list)
    #: ``you.votes`` texts for people whose dots the message moved: ``(person id, text)``.
    told: list[tuple[int, str]] = field(default_factory=list)
    repeated: bool = False


def stored_reply(session_id: int, user, client_id: str) -> dict | None:
    return (
        ClientMessage.objects.filter(session_id=session_id, person_id=user.pk, client_id=client_id)
        .values_list("reply", flat=True)
        .first()
    )


def apply(session_id: int, user, message: dict) -> Outcome:
    """Apply ``message`` (its ``type`` is one of ``HANDLERS``, its ``id`` a valid client id) from ``user``.

    A retried message is found by its client id only when it would fail: most messages are new,
    so the stored reply is not looked up first. A retry that would succeed again fails instead
    on the unique client id, which undoes all it changed, and gets the stored reply."""
    handler = HANDLERS[message["type"]]
    client_id = message["id"]
    try:
        with transaction.atomic():
            if handler.tally_only:
                # Votes, upvotes and answers store no events, so they need not queue for the
                # session: they share its row (a tally, which locks it, waits for them to end)
                # and queue only behind the same person's other messages (budgets, one answer),
                # on their place at the lab or, for staff, on their own row.
                session = share_session(session_id)
                allowed = lock_place(session, user)
                if not allowed:
                    lock_person(user)
                    allowed = may_join(user, session)
            else:
                session = lock_session(session_id)
                allowed = may_join(user, session)
            if not allowed:
                raise Refused("forbidden", "You no longer have a place in this session.")
            if handler.facilitator and not rules.has_perm("labs.facilitate_session", user, session):
                raise Refused("forbidden", "Only a facilitator can do that.")
            if session.stage == Stage.CLOSED:
                raise Refused("not_now", "The session is closed: the room is read-only now.")
            context = Context(session=session, user=user)
            result = handler.apply(context, message)
            if handler.tally_only and context.events:
                raise RuntimeError(f"{handler.kind} is tally-only but emitted events")
            sent = write_events(session, context.events)
            told = [(person, event_text(message)) for person, message in dots.messages_for(session, context.moved)]
            ClientMessage.objects.create(session=session, person=user, client_id=client_id, reply=result)
            return Outcome(result=result, sent=sent, notes=context.notes, told=told)
    except Refused as refusal:
        reply = stored_reply(session_id, user, client_id)
        if reply is not None:  # applied before: this is a retry
            return Outcome(result=reply, repeated=True)
        return Outcome(error=(refusal.code, refusal.message))
    except IntegrityError:
        # Applied before, or at the same moment by another connection: use the stored reply.
        reply = stored_reply(session_id, user, client_id)
        if reply is None:
            raise
        return Outcome(result=reply, repeated=True)


def may_join(user, session) -> bool:
    """The rules themselves (``labs/rules.py``), without Django's other permission backends."""
    return rules.has_perm("labs.join_session", user, session)
