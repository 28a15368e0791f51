"""The live protocol's messages: every type a client may send, who may send it, and the checks
each message passes before it is applied (``docs/labs-protocol.md`` is the contract).

A message is one websocket text frame holding a JSON object of at most ``MAX_MESSAGE_BYTES``,
with a ``type`` from ``MESSAGE_TYPES`` and a client ``id`` (1 to 64 characters; only ``join`` and
``ping`` may leave it out). A connection may send ``MESSAGES_PER_SECOND`` a second. A message that
fails a check is refused with an ``error`` naming its ``id`` when it could be read; a connection
refused ``REFUSALS_BEFORE_CLOSING`` times in a minute is closed.

``HANDLERS`` is the one table of what each type does (``labs.live.participation`` and
``labs.live.facilitation``) and who may send it; ``labs.live.actions`` applies them.
"""

import json
from collections import deque
from dataclasses import dataclass

from labs.live import facilitation, participation
from labs.live.handling import Refused
from labs.live.limits import MAX_FRAME_BYTES, MAX_MESSAGE_BYTES

MESSAGES_PER_SECOND = 10
REFUSALS_BEFORE_CLOSING = 50
REFUSAL_WINDOW_SECONDS = 60.0

CLOSE_NOT_ALLOWED = 4003
CLOSE_ABUSE = 4008
CLOSE_TOO_BIG = 1009  # the websocket protocol's own code for a message too big to take


@dataclass(frozen=True)
class Handler:
    """What a message type does (``apply(context, message) -> result``) and who may send it."""

    kind: str
    apply: object
    #: Only a facilitator of the session may send it (``labs.facilitate_session``).
    facilitator: bool = False
    #: Only notes tallies, never emits events: may run beside others of its kind (``labs.live.storing``).
    tally_only: bool = False


#: Every message type that changes the room. Anyone in the room may send the first group.
HANDLERS: dict[str, Handler] = {
    handler.kind: handler
    for handler in [
        Handler("idea.post", participation.post_idea),
        Handler("idea.edit", participation.edit_idea),
        Handler("idea.withdraw", participation.withdraw_idea),
        Handler("vote.cast", participation.cast_vote, tally_only=True),
        Handler("vote.retract", participation.retract_vote, tally_only=True),
        Handler("question.ask", participation.ask_question),
        Handler("question.upvote", participation.upvote_question, tally_only=True),
        Handler("poll.answer", participation.answer_poll, tally_only=True),
        # Facilitators only
        Handler("stage.set", facilitation.set_stage, facilitator=True),
        Handler("idea.hide", facilitation.hide_idea, facilitator=True),
        Handler("idea.show", facilitation.show_idea, facilitator=True),
        Handler("idea.pin", facilitation.pin_idea, facilitator=True),
        Handler("idea.merge", facilitation.merge_idea, facilitator=True),
        Handler("question.answered", facilitation.mark_answered, facilitator=True),
        Handler("question.hide", facilitation.hide_question, facilitator=True),
        Handler("poll.open", facilitation.open_poll, facilitator=True),
        Handler("poll.close", facilitation.close_poll, facilitator=True),
        Handler("announce", facilitation.announce, facilitator=True),
        Handler("action.record", facilitation.record_action, facilitator=True),
        Handler("session.close", facilitation.close_session, facilitator=True),
    ]
}
#: Message types the consumer answers itself, with no change to the room.
CONNECTION_TYPES = {"join", "ping"}
MESSAGE_TYPES = CONNECTION_TYPES | set(HANDLERS)


class TooBig(Exception):
    """A frame over ``MAX_FRAME_BYTES``: the connection is closed with ``CLOSE_TOO_BIG``."""


def reply_id_of(message: dict) -> str | None:
    """The message's client id when it is a valid one (1 to 64 characters of text)."""
    client_id = message.get("id")
    return client_id if isinstance(client_id, str) and 1 <= len(client_id) <= 64 else None


def reply_id_in(frame: str | bytes) -> str | None:
    """The client id of a frame refused before it is read (too large, or sent as bytes), when the
    frame is a JSON object with a valid one. Frames are at most ``MAX_FRAME_BYTES``, so reading
    one whole costs little."""
    try:
        message = json.loads(frame)
    except ValueError:
        return None
    return reply_id_of(message) if isinstance(message, dict) else None


class Envelope:
    """The checks on one connection's messages, in the protocol's order: size, JSON, rate, type, id."""

    def __init__(self):
        self.recent = deque()  # when the messages of the last second came
        self.refusals = deque()  # when the refusals of the last minute were sent

    def open(self, text_data: str | None, bytes_data: bytes | None, now: float) -> dict:
        """The message in a frame that passes every check; else raise ``TooBig`` or ``Refused``
        (with the ``reply_id`` the error names). Every frame counts towards the rate."""
        while self.recent and now - self.recent[0] >= 1.0:
            self.recent.popleft()
        over_limit = len(self.recent) >= MESSAGES_PER_SECOND
        if not over_limit:
            self.recent.append(now)
        frame = text_data if text_data is not None else bytes_data or b""
        # Bytes of UTF-8, counted once; a text with more characters than the frame limit is over it anyway.
        size = len(frame) if text_data is None or len(frame) > MAX_FRAME_BYTES else len(frame.encode())
        if size > MAX_FRAME_BYTES:
            raise TooBig
        if text_data is None:
            raise Refused("invalid_json", "Send messages as JSON text.", reply_id=reply_id_in(frame))
        if size > MAX_MESSAGE_BYTES:
            reason = f"Messages may be at most {MAX_MESSAGE_BYTES:,} bytes of UTF-8."
            raise Refused("too_large", reason, reply_id=reply_id_in(text_data))
        try:
            message = json.loads(text_data)
        except ValueError:
            raise Refused("invalid_json", "That message is not valid JSON.") from None
        if not isinstance(message, dict):
            raise Refused("invalid", "A message must be a JSON object with a 'type'.")
        reply_id = reply_id_of(message)
        if over_limit:
            # Answered with the message's own id, so the sender knows which message to send again.
            reason = f"Please send no more than {MESSAGES_PER_SECOND} messages a second."
            raise Refused("rate_limited", reason, reply_id=reply_id)
        kind = message.get("type")
        if kind not in MESSAGE_TYPES:
            raise Refused("unknown_type", f"Unknown message type {str(kind)[:40]!r}.", reply_id=reply_id)
        if reply_id is None and (message.get("id") is not None or kind not in CONNECTION_TYPES):
            raise Refused("invalid", "'id' must be text of 1 to 64 characters.")
        return message

    def refused(self, now: float) -> bool:
        """Count a refusal sent; True when there have been too many this minute (close the connection)."""
        self.refusals.append(now)
        while now - self.refusals[0] >= REFUSAL_WINDOW_SECONDS:
            self.refusals.popleft()
        return len(self.refusals) >= REFUSALS_BEFORE_CLOSING
