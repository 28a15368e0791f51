"""What the room looks like: the objects events carry, and the whole room as a ``state`` message.

A snapshot reads the session's ``last_seq`` first and the room after it, so it holds at least
every event up to that number (perhaps a little more). Clients replace objects by id and tallies
carry absolute counts, so applying an event the snapshot already shows does no harm.
"""

from django.db.models import Count

from labs.live.dots import holdings, you_votes
from labs.live.presence import current_presence
from labs.models import (
    AgreedAction,
    Announcement,
    Idea,
    LabSession,
    LabTheme,
    Poll,
    PollAnswer,
    Question,
    QuestionUpvote,
    Stage,
)
from people.services import author_name


def iso(moment) -> str | None:
    return moment.isoformat() if moment else None


# --- Objects ---------------------------------------------------------------------------------
def idea_data(idea: Idea, votes: int = 0) -> dict:
    return {
        "id": idea.pk,
        "text": idea.text,
        "theme_id": idea.theme_id,
        "author": idea.author_name,
        "organisation": idea.organisation,
        "pinned": idea.pinned,
        "votes": votes,
        "created_at": iso(idea.created_at),
    }


def question_data(question: Question, upvotes: int = 0) -> dict:
    return {
        "id": question.pk,
        "text": question.text,
        "author": question.author_name,
        "upvotes": upvotes,
        "answered": question.answered_at is not None,
    }


def poll_counts(poll: Poll) -> tuple[list[int], int]:
    """How many chose each option, and how many answered."""
    counts = [0] * len(poll.options)
    for choice, number in PollAnswer.objects.filter(poll=poll).values_list("choice").annotate(n=Count("pk")):
        if 0 <= choice < len(counts):
            counts[choice] = number
    return counts, sum(counts)


def poll_data(poll: Poll) -> dict:
    counts, total = poll_counts(poll)
    return {
        "id": poll.pk,
        "question": poll.question,
        "kind": poll.kind,
        "options": list(poll.options),
        "open": poll.status == Poll.Status.OPEN,
        "counts": counts,
        "total": total,
    }


def announcement_data(announcement: Announcement) -> dict:
    return {"id": announcement.pk, "text": announcement.text, "created_at": iso(announcement.created_at)}


def action_data(action: AgreedAction) -> dict:
    return {
        "id": action.pk,
        "text": action.text,
        "owner": action.owner,
        "due_on": action.due_on.isoformat() if action.due_on else None,
    }


def session_data(session: LabSession) -> dict:
    return {
        "id": session.pk,
        "title": session.title,
        "stage": session.stage,
        "stage_ends_at": iso(session.stage_ends_at),
        "vote_budget": session.vote_budget,
        "closed": session.stage == Stage.CLOSED,
    }


def session_themes(session: LabSession) -> list[LabTheme]:
    """The themes ideas may go to: the session's own, or every theme of the lab."""
    if session.theme_id:
        return list(LabTheme.objects.filter(pk=session.theme_id))
    return list(LabTheme.objects.filter(lab_id=session.lab_id).order_by("sort_order", "pk"))


def visible_ideas(session_id: int):
    return Idea.objects.filter(session_id=session_id, status=Idea.Status.VISIBLE)


def presence_data(session_id: int) -> dict:
    """How many people are here, and the names of their organisations."""
    return current_presence(session_id)


# --- The whole room ---------------------------------------------------------------------------
def session_state(session: LabSession | int, user) -> dict:
    """The ``state`` message for ``user``: the room as it is now, with ``seq`` of the last event in it."""
    session_id = session if isinstance(session, int) else session.pk
    session = LabSession.objects.get(pk=session_id)  # fresh: seq first, then the room
    # Explicit order: Django leaves Meta.ordering out of queries with GROUP BY.
    ideas = visible_ideas(session_id).annotate(vote_count=Count("votes")).order_by("created_at", "pk")
    questions = (
        Question.objects.filter(session_id=session_id, hidden=False)
        .annotate(upvote_count=Count("upvotes"))
        .order_by("created_at", "pk")
    )
    polls = list(Poll.objects.filter(session_id=session_id))
    # Dots on hidden, withdrawn or merged ideas are not held (``labs.live.dots``).
    dots = you_votes(session.vote_budget, holdings(session_id, [user.pk])[user.pk])
    my_answers = dict(
        PollAnswer.objects.filter(poll__session_id=session_id, voter_id=user.pk).values_list("poll_id", "choice")
    )
    upvoted = list(
        QuestionUpvote.objects.filter(question__session_id=session_id, voter_id=user.pk).values_list(
            "question_id", flat=True
        )
    )
    ideas_out = []
    for idea in ideas:
        data = idea_data(idea, idea.vote_count)
        data["mine"] = idea.author_id == user.pk
        ideas_out.append(data)
    facilitator = user.has_perm("labs.facilitate_session", session)
    state = {
        "type": "state",
        "seq": session.last_seq,
        "session": session_data(session),
        "themes": [{"id": theme.pk, "name": theme.name} for theme in session_themes(session)],
        "ideas": ideas_out,
        "questions": [question_data(question, question.upvote_count) for question in questions],
        "polls": [poll_data(poll) for poll in polls],
        "announcements": [announcement_data(a) for a in Announcement.objects.filter(session_id=session_id)],
        "actions": [action_data(a) for a in AgreedAction.objects.filter(session_id=session_id)],
        "presence": presence_data(session_id),
        "you": {
            "id": user.pk,
            "name": author_name(user),
            "facilitator": facilitator,
            "votes_left": dots["votes_left"],
            "my_votes": dots["my_votes"],
            "my_answers": {str(poll_id): choice for poll_id, choice in my_answers.items()},
            "upvoted": upvoted,
        },
    }
    if facilitator:
        hidden = Idea.objects.filter(session_id=session_id, status=Idea.Status.HIDDEN).order_by("created_at", "pk")
        state["hidden_ideas"] = [idea_data(idea, 0) for idea in hidden]
    return state


def vote_counts(session_id: int, idea_ids) -> dict[int, int]:
    """Dots on each of ``idea_ids`` that is still visible (hidden, withdrawn and merged ideas are left out)."""
    rows = visible_ideas(session_id).filter(pk__in=idea_ids).annotate(n=Count("votes"))
    return {idea.pk: idea.n for idea in rows}


def upvote_counts(session_id: int, question_ids) -> dict[int, int]:
    """Upvotes on each of ``question_ids`` that is not hidden."""
    rows = Question.objects.filter(session_id=session_id, pk__in=question_ids, hidden=False).annotate(
        n=Count("upvotes")
    )
    return {question.pk: question.n for question in rows}
