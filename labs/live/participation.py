"""What participants do in the room: ideas, dot votes, questions and upvotes, poll answers."""

from django.db.models import Count, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from engagement.ratings import record_rating
from labs.live import dots, tallies
from labs.live.handling import (
    Context,
    Refused,
    session_poll,
    shown_question,
    text,
    visible_idea,
    whole_number,
)
from labs.live.state import idea_data, question_data, session_themes, vote_counts
from labs.models import Idea, IdeaVote, Poll, PollAnswer, Question, QuestionUpvote, Stage
from people.services import author_name, organisation_name

IDEAS_ONLY = "Ideas can be posted, edited or withdrawn only while the stage is 'Share ideas'."
VOTING_ONLY = "Votes can be cast or taken back only while the stage is 'Vote'."


# --- Ideas ---------------------------------------------------------------------------------------
def _theme_id(context: Context, message: dict) -> int | None:
    session = context.session
    number = whole_number(message, "theme_id", required=False)
    if number is None:
        return session.theme_id
    if number not in {theme.pk for theme in session_themes(session)}:
        raise Refused("invalid", "'theme_id' must be one of this session's themes.")
    return number


def _own_idea(context: Context, message: dict) -> Idea:
    idea = visible_idea(context, message)
    if idea.author_id != context.user.pk:
        raise Refused("forbidden", "Only the person who posted an idea can change it.")
    return idea


def _votes(idea: Idea) -> int:
    return vote_counts(idea.session_id, [idea.pk]).get(idea.pk, 0)


def post_idea(context: Context, message: dict) -> dict:
    context.require_stage(Stage.IDEAS, IDEAS_ONLY)
    idea = Idea.objects.create(
        session=context.session,
        author=context.user,
        author_name=author_name(context.user),
        organisation=organisation_name(context.user),
        theme_id=_theme_id(context, message),
        text=text(message, "text"),
    )
    context.emit("idea.posted", {"idea": idea_data(idea)})
    return {"idea_id": idea.pk}


def edit_idea(context: Context, message: dict) -> dict:
    context.require_stage(Stage.IDEAS, IDEAS_ONLY)
    idea = _own_idea(context, message)
    idea.text = text(message, "text")
    idea.edited_at = timezone.now()
    idea.save(update_fields=["text", "edited_at"])
    context.emit("idea.edited", {"idea": idea_data(idea, _votes(idea))})
    return {"idea_id": idea.pk}


def withdraw_idea(context: Context, message: dict) -> dict:
    context.require_stage(Stage.IDEAS, IDEAS_ONLY)
    idea = _own_idea(context, message)
    idea.status = Idea.Status.WITHDRAWN
    idea.save(update_fields=["status"])
    context.emit("idea.withdrawn", {"idea_id": idea.pk})
    context.dots_moved(dots.voters_on(idea))  # given back for good
    return {"idea_id": idea.pk}


# --- Dot votes -----------------------------------------------------------------------------------
def votes_used(context: Context):
    """The sender's dots on visible ideas (the dots they hold: ``labs.live.dots``), as a subquery to
    read with the idea voted for."""
    dots = IdeaVote.objects.filter(idea__session=context.session, idea__status=Idea.Status.VISIBLE, voter=context.user)
    return Coalesce(Subquery(dots.order_by().values("voter").annotate(used=Count("pk")).values("used")), 0)


def cast_vote(context: Context, message: dict) -> dict:
    context.require_stage(Stage.VOTING, VOTING_ONLY)
    idea = visible_idea(context, message, votes_used=votes_used(context))
    used = idea.votes_used
    if used >= context.session.vote_budget:
        raise Refused("not_now", f"You have used all {context.session.vote_budget} of your votes.")
    vote = IdeaVote.objects.create(idea=idea, voter=context.user)
    context.note(tallies.IDEA, idea.pk)
    return {"vote_id": vote.pk, "idea_id": idea.pk, "votes_left": context.session.vote_budget - used - 1}


def retract_vote(context: Context, message: dict) -> dict:
    context.require_stage(Stage.VOTING, VOTING_ONLY)
    idea = visible_idea(context, message, votes_used=votes_used(context))
    vote = IdeaVote.objects.filter(idea=idea, voter=context.user).order_by("-pk").first()
    if vote is None:
        raise Refused("not_found", "You have no vote on that idea to take back.")
    vote.delete()
    context.note(tallies.IDEA, idea.pk)
    return {"idea_id": idea.pk, "votes_left": max(0, context.session.vote_budget - (idea.votes_used - 1))}


# --- Questions -----------------------------------------------------------------------------------
def ask_question(context: Context, message: dict) -> dict:
    question = Question.objects.create(
        session=context.session,
        author=context.user,
        author_name=author_name(context.user),
        text=text(message, "text"),
    )
    context.emit("question.asked", {"question": question_data(question)})
    return {"question_id": question.pk}


def upvote_question(context: Context, message: dict) -> dict:
    question = shown_question(context, message)
    if question.author_id == context.user.pk:
        raise Refused("forbidden", "You cannot upvote your own question.")
    if QuestionUpvote.objects.filter(question=question, voter=context.user).exists():
        raise Refused("invalid", "You have already upvoted this question.")
    upvote = QuestionUpvote.objects.create(question=question, voter=context.user)
    context.note(tallies.QUESTION, question.pk)
    return {"question_id": question.pk, "upvote_id": upvote.pk}


# --- Polls ---------------------------------------------------------------------------------------
def answer_poll(context: Context, message: dict) -> dict:
    """Store the answer (a new answer replaces the old one and gets a new id); a ladder poll's
    answer is also the person's ladder rating of the lab, for the organisation's insights."""
    poll = session_poll(context, message)
    if poll.status != Poll.Status.OPEN:
        raise Refused("not_now", "This poll is closed.")
    choice = whole_number(message, "choice")
    if not 0 <= choice < len(poll.options):
        raise Refused("invalid", f"'choice' must be from 0 to {len(poll.options) - 1}.")
    PollAnswer.objects.filter(poll=poll, voter=context.user).delete()
    answer = PollAnswer.objects.create(poll=poll, voter=context.user, choice=choice)
    if poll.kind == Poll.Kind.LADDER:
        record_rating(context.session.lab, choice + 1, user=context.user)
    context.note(tallies.POLL, poll.pk)
    return {"answer_id": answer.pk, "poll_id": poll.pk, "choice": choice}
