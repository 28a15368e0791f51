"""Dot votes: the dots each person holds, what moderating an idea does with them, and telling voters.

The one rule: a person holds their dots on visible ideas, and never more than the session's
``vote_budget``. So, whatever the order of messages:

- hiding an idea gives its dots back to their voters for now (the rows stay, held by nobody);
- withdrawing an idea gives its dots back for good (the rows stay as the record, never held again);
- merging an idea moves its dots to the idea it is merged into (each voter holds as many as before);
- showing a hidden idea again lets each voter hold their dots on it once more, oldest first, as far
  as their budget allows now; the dots that no longer fit are deleted, given back for good.

Votes and take-backs check the budget when they are cast (``labs.live.participation``). When a
facilitator's or an author's message changes the dots others hold, each of those voters gets a
``you.votes`` message, to their own connections only, with what they hold now.
"""

import logging

from django.db.models import Count

from labs.models import Idea, IdeaVote, LabSession

logger = logging.getLogger(__name__)


def _visible_dots(session_id: int, person_ids):
    return IdeaVote.objects.filter(
        idea__session_id=session_id, idea__status=Idea.Status.VISIBLE, voter_id__in=list(person_ids)
    )


def holdings(session_id: int, person_ids) -> dict[int, dict[int, int]]:
    """The dots each of ``person_ids`` holds, by idea: ``{person: {idea: dots}}`` (everyone listed)."""
    held = {person: {} for person in person_ids}
    rows = _visible_dots(session_id, held).values_list("voter_id", "idea_id").annotate(n=Count("pk"))
    for person, idea, dots in rows.order_by("voter_id", "idea_id"):
        held[person][idea] = dots
    return held


def you_votes(budget: int, held: dict[int, int]) -> dict:
    """What a person holds, as the ``you.votes`` message (and the same fields of ``state.you``)."""
    return {
        "type": "you.votes",
        "votes_left": max(0, budget - sum(held.values())),
        "my_votes": {str(idea): dots for idea, dots in sorted(held.items())},
    }


def voters_on(idea: Idea) -> set[int]:
    """Everyone with a dot on ``idea``."""
    return set(IdeaVote.objects.filter(idea=idea).values_list("voter_id", flat=True).distinct())


def fit_shown_idea(idea: Idea, budget: int) -> set[int]:
    """Keep the dots on ``idea`` (shown again) that fit each voter's budget, oldest first; delete the
    rest. Returns the voters it had. Call with the session locked, so no vote is cast meanwhile."""
    dots = list(IdeaVote.objects.filter(idea=idea).order_by("created_at", "pk").values_list("pk", "voter_id"))
    voters = {voter for _, voter in dots}
    elsewhere = dict(
        _visible_dots(idea.session_id, voters).exclude(idea=idea).values_list("voter_id").annotate(n=Count("pk"))
    )
    room = {voter: max(0, budget - elsewhere.get(voter, 0)) for voter in voters}
    over = []
    for pk, voter in dots:
        if room[voter]:
            room[voter] -= 1
        else:
            over.append(pk)
    if over:
        IdeaVote.objects.filter(pk__in=over).delete()
    return voters


def messages_for(session, person_ids) -> list[tuple[int, dict]]:
    """A ``you.votes`` message for each of ``person_ids``: ``(person id, message)``."""
    if not person_ids:
        return []
    held = holdings(session.pk, sorted(person_ids))
    return [(person, you_votes(session.vote_budget, dots)) for person, dots in held.items()]


#: Events after which a replayed client is sent its ``you.votes`` (its dots may have changed).
MOVING_EVENTS = ('"type":"idea.hidden"', '"type":"idea.shown"', '"type":"idea.merged"', '"type":"idea.withdrawn"')


def moved_any(texts) -> bool:
    """Whether any of the events ``texts`` (as sent) can have changed someone's dots."""
    return any(marker in text for text in texts for marker in MOVING_EVENTS)


def message_for(session_id: int, user) -> dict:
    """The ``you.votes`` message for ``user`` now."""
    budget = LabSession.objects.filter(pk=session_id).values_list("vote_budget", flat=True).get()
    return you_votes(budget, holdings(session_id, [user.pk])[user.pk])
