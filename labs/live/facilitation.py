"""What facilitators do in the room: stages and timers, moderation, polls, announcements,
agreed actions, and closing the session."""

from datetime import timedelta

from django.utils import timezone

from engagement import ladder
from engagement.models import LadderRating
from labs.live import dots
from labs.live.handling import (
    Context,
    Refused,
    day,
    flag,
    session_poll,
    shown_question,
    text,
    visible_idea,
    whole_number,
)
from labs.live.state import action_data, announcement_data, idea_data, iso, poll_counts, poll_data
from labs.models import AgreedAction, Announcement, Idea, IdeaVote, Poll, Stage

#: The stages a facilitator may choose (closing has its own message).
CHOOSABLE_STAGES = [Stage.WELCOME, Stage.IDEAS, Stage.VOTING, Stage.DISCUSSION, Stage.ACTIONS]
MAX_TIMER_MINUTES = 180


def set_stage(context: Context, message: dict) -> dict:
    stage = message.get("stage")
    if stage not in CHOOSABLE_STAGES:
        raise Refused("invalid", "'stage' must be one of: " + ", ".join(CHOOSABLE_STAGES) + ".")
    minutes = whole_number(message, "minutes", required=False)
    if minutes is not None and not 1 <= minutes <= MAX_TIMER_MINUTES:
        raise Refused("invalid", f"'minutes' must be from 1 to {MAX_TIMER_MINUTES}.")
    session = context.session
    session.stage = stage
    session.stage_ends_at = timezone.now() + timedelta(minutes=minutes) if minutes else None
    session.save(update_fields=["stage", "stage_ends_at"])
    context.emit("stage.changed", {"stage": session.stage, "stage_ends_at": iso(session.stage_ends_at)})
    return {"stage": session.stage, "stage_ends_at": iso(session.stage_ends_at)}


# --- Moderating ideas ----------------------------------------------------------------------------
def hide_idea(context: Context, message: dict) -> dict:
    idea = visible_idea(context, message)
    idea.status = Idea.Status.HIDDEN
    idea.save(update_fields=["status"])
    context.emit("idea.hidden", {"idea_id": idea.pk})
    context.dots_moved(dots.voters_on(idea))  # given back for now
    return {"idea_id": idea.pk}


def show_idea(context: Context, message: dict) -> dict:
    number = whole_number(message, "idea_id")
    idea = Idea.objects.filter(session=context.session, pk=number, status=Idea.Status.HIDDEN).first()
    if idea is None:
        raise Refused("not_found", f"There is no hidden idea {number} in this session.")
    idea.status = Idea.Status.VISIBLE
    idea.save(update_fields=["status"])
    context.dots_moved(dots.fit_shown_idea(idea, context.session.vote_budget))
    context.emit("idea.shown", {"idea": idea_data(idea, idea.votes.count())})
    return {"idea_id": idea.pk}


def pin_idea(context: Context, message: dict) -> dict:
    idea = visible_idea(context, message)
    idea.pinned = flag(message, "pinned")
    idea.save(update_fields=["pinned"])
    context.emit("idea.pinned", {"idea_id": idea.pk, "pinned": idea.pinned})
    return {"idea_id": idea.pk, "pinned": idea.pinned}


def merge_idea(context: Context, message: dict) -> dict:
    """The idea disappears into ``into_id``; its votes move there (each voter holds as many)."""
    idea = visible_idea(context, message)
    kept = visible_idea(context, message, "into_id")
    if idea.pk == kept.pk:
        raise Refused("invalid", "An idea cannot be merged into itself.")
    context.dots_moved(dots.voters_on(idea))
    IdeaVote.objects.filter(idea=idea).update(idea=kept)
    idea.status = Idea.Status.MERGED
    idea.merged_into = kept
    idea.save(update_fields=["status", "merged_into"])
    votes = kept.votes.count()
    context.emit("idea.merged", {"idea_id": idea.pk, "into_id": kept.pk, "votes": votes})
    return {"idea_id": idea.pk, "into_id": kept.pk, "votes": votes}


# --- Questions -----------------------------------------------------------------------------------
def mark_answered(context: Context, message: dict) -> dict:
    question = shown_question(context, message)
    if question.answered_at is None:
        question.answered_at = timezone.now()
        question.save(update_fields=["answered_at"])
    context.emit("question.answered", {"question_id": question.pk})
    return {"question_id": question.pk}


def hide_question(context: Context, message: dict) -> dict:
    question = shown_question(context, message)
    question.hidden = True
    question.save(update_fields=["hidden"])
    context.emit("question.hidden", {"question_id": question.pk})
    return {"question_id": question.pk}


# --- Polls ---------------------------------------------------------------------------------------
LADDER_QUESTION = LadderRating.Perspective.PARTICIPANT.label  # "How involved did you feel?"


def _options(message: dict) -> list[str]:
    options = message.get("options")
    if not isinstance(options, list) or not 2 <= len(options) <= 8:
        raise Refused("invalid", "'options' must be a list of 2 to 8 answers.")
    cleaned = [text({"option": option}, "option", max_length=120) for option in options]
    return cleaned


def open_poll(context: Context, message: dict) -> dict:
    kind = message.get("kind") or Poll.Kind.CHOICE  # left out or null: a choice poll
    if kind not in Poll.Kind.values:
        raise Refused("invalid", "'kind' must be 'choice' or 'ladder'.")
    if kind == Poll.Kind.LADDER:
        question = text(message, "question", max_length=300, required=False) or LADDER_QUESTION
        options = [rung.name for rung in ladder.RUNGS]
    else:
        question = text(message, "question", max_length=300)
        options = _options(message)
    poll = Poll.objects.create(session=context.session, question=question, kind=kind, options=options)
    context.emit("poll.opened", {"poll": poll_data(poll)})
    return {"poll_id": poll.pk}


def _close_poll(context: Context, poll: Poll) -> None:
    poll.status = Poll.Status.CLOSED
    poll.closed_at = timezone.now()
    poll.save(update_fields=["status", "closed_at"])
    counts, total = poll_counts(poll)
    context.emit("poll.closed", {"poll_id": poll.pk, "counts": counts, "total": total})


def close_poll(context: Context, message: dict) -> dict:
    poll = session_poll(context, message)
    if poll.status != Poll.Status.OPEN:
        raise Refused("not_now", "This poll is already closed.")
    _close_poll(context, poll)
    return {"poll_id": poll.pk}


# --- Announcements, actions, closing -------------------------------------------------------------
def announce(context: Context, message: dict) -> dict:
    announcement = Announcement.objects.create(
        session=context.session, text=text(message, "text"), created_by=context.user
    )
    context.emit("announcement", {"announcement": announcement_data(announcement)})
    return {"announcement_id": announcement.pk}


def record_action(context: Context, message: dict) -> dict:
    action = AgreedAction.objects.create(
        session=context.session,
        text=text(message, "text"),
        owner=text(message, "owner", max_length=200),
        due_on=day(message, "due_on"),
        created_by=context.user,
    )
    context.emit("action.recorded", {"action": action_data(action)})
    return {"action_id": action.pk}


def close_session(context: Context, message: dict) -> dict:
    """The stage becomes closed, open polls close, and the room is read-only from now on."""
    for poll in Poll.objects.filter(session=context.session, status=Poll.Status.OPEN).order_by("pk"):
        _close_poll(context, poll)
    session = context.session
    session.stage = Stage.CLOSED
    session.stage_ends_at = None
    session.closed_at = timezone.now()
    session.save(update_fields=["stage", "stage_ends_at", "closed_at"])
    context.emit("session.closed")
    return {"closed_at": iso(session.closed_at)}
