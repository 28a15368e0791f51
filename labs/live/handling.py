"""What every message handler shares: refusals, the context a handler works in, reading fields.

A handler is a function ``(context, message) -> result``, named for its message type in the
protocol's one table (``labs.live.protocol.HANDLERS``). It reads and checks the message's fields,
changes the database, adds the events everyone should see with ``context.emit`` and returns the
result for the sender's ``ack``. To refuse, it raises
``Refused(code, message)``; nothing it changed is kept.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from engagement.text import clean_user_text
from labs.models import Idea, LabSession, Poll, Question, Stage


class Refused(Exception):
    """A message that cannot be applied: ``code`` from the protocol and a plain-English reason; and
    the client id its error names, when the message was refused before it was read
    (``labs.live.protocol``)."""

    def __init__(self, code: str, message: str, reply_id: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.reply_id = reply_id


@dataclass
class Context:
    """The session (locked), the sender, what the handler emits and notes for tallies, and whose
    dots it moved."""

    session: LabSession
    user: object
    events: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    moved: set = field(default_factory=set)

    def emit(self, kind: str, payload: dict | None = None) -> None:
        """Add an event for everyone in the session (stored and numbered with the change)."""
        self.events.append((kind, payload or {}))

    def note(self, kind: str, number: int) -> None:
        """Add a vote, upvote or answer to the next coalesced tally."""
        self.notes.append((kind, number))

    def dots_moved(self, person_ids) -> None:
        """Tell these people what dots they hold now (``you.votes``, after the events)."""
        self.moved.update(person_ids)

    def require_stage(self, stage: str, reason: str) -> None:
        if self.session.stage != stage:
            raise Refused("not_now", reason)


# --- Reading fields -----------------------------------------------------------------------------
def whole_number(message: dict, name: str, required: bool = True) -> int | None:
    value = message.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise Refused("invalid", f"'{name}' must be a whole number.")
    return value


def text(message: dict, name: str, max_length: int = 500, required: bool = True) -> str:
    """The field as clean plain text, 1 to ``max_length`` characters (or "" when not required)."""
    value = message.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise Refused("invalid", f"'{name}' must be text.")
    cleaned = clean_user_text(value)
    if not cleaned and required:
        raise Refused("invalid", f"'{name}' must not be empty.")
    if len(cleaned) > max_length:
        raise Refused("invalid", f"'{name}' must be {max_length} characters or fewer.")
    return cleaned


def flag(message: dict, name: str) -> bool:
    value = message.get(name)
    if not isinstance(value, bool):
        raise Refused("invalid", f"'{name}' must be true or false.")
    return value


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def day(message: dict, name: str) -> date | None:
    value = message.get(name)
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not _DAY.match(value):
        raise Refused("invalid", f"'{name}' must be a date written YYYY-MM-DD.")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Refused("invalid", f"'{name}' is not a real date.") from None


def visible_idea(context: Context, message: dict, name: str = "idea_id", **annotations) -> Idea:
    """The visible idea the message names, with ``annotations`` (read in the same query)."""
    number = whole_number(message, name)
    ideas = Idea.objects.filter(session=context.session, pk=number, status=Idea.Status.VISIBLE)
    idea = ideas.annotate(**annotations).first() if annotations else ideas.first()
    if idea is None:
        raise Refused("not_found", f"There is no idea {number} on this board.")
    return idea


def shown_question(context: Context, message: dict) -> Question:
    number = whole_number(message, "question_id")
    question = Question.objects.filter(session=context.session, pk=number, hidden=False).first()
    if question is None:
        raise Refused("not_found", f"There is no question {number} in this session.")
    return question


def session_poll(context: Context, message: dict) -> Poll:
    number = whole_number(message, "poll_id")
    poll = Poll.objects.filter(session=context.session, pk=number).first()
    if poll is None:
        raise Refused("not_found", f"There is no poll {number} in this session.")
    return poll


STAGE_NAMES = dict(Stage.choices)
