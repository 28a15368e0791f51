"""The dot budget whatever facilitators do to ideas: hiding, showing again, merging, withdrawing.

Driven through ``labs.live.actions.apply`` (the service every socket message goes through), so each
case reads as the messages people send.
"""

from itertools import count

import pytest

from labs.live import actions
from labs.live.state import session_state
from labs.models import Idea, IdeaVote, Stage
from tests.labs.live_room import facilitator, participant

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

_ids = count(1)


def send(session, user, message_type, **fields):
    """Apply one message from ``user``; returns the ack's result (failing on a refusal)."""
    outcome = actions.apply(session.pk, user, {"type": message_type, "id": f"m{next(_ids)}", **fields})
    assert outcome.error is None, outcome.error
    return outcome.result


def refused(session, user, message_type, **fields):
    outcome = actions.apply(session.pk, user, {"type": message_type, "id": f"m{next(_ids)}", **fields})
    assert outcome.error is not None, outcome.result
    return outcome.error[0]


def held(session, user) -> dict[int, int]:
    """The dots ``user`` holds, by idea, as their snapshot shows them."""
    you = session_state(session.pk, user)["you"]
    assert you["votes_left"] == session.vote_budget - sum(you["my_votes"].values())
    return {int(idea_id): dots for idea_id, dots in you["my_votes"].items()}


def dots_on(session, user) -> int:
    """Every dot of ``user`` on a visible idea, counted from the stored rows."""
    return IdeaVote.objects.filter(idea__session=session, idea__status=Idea.Status.VISIBLE, voter=user).count()


@pytest.fixture
def board(lab_session):
    """A session at the voting stage (3 dots each) with ideas A, B and C, a voter and a facilitator."""
    lab_session.stage = Stage.VOTING
    lab_session.save()
    ideas = [Idea.objects.create(session=lab_session, text=text) for text in ("A", "B", "C")]
    return lab_session, ideas, participant(lab_session), facilitator()


def test_showing_a_hidden_idea_again_never_takes_a_voter_over_the_budget(board):
    session, (a, b, _), voter, chair = board
    send(session, voter, "vote.cast", idea_id=a.pk)
    send(session, voter, "vote.cast", idea_id=a.pk)
    send(session, voter, "vote.cast", idea_id=b.pk)
    send(session, chair, "idea.hide", idea_id=a.pk)
    assert held(session, voter) == {b.pk: 1}
    send(session, voter, "vote.cast", idea_id=b.pk)

    shown = send(session, chair, "idea.show", idea_id=a.pk)

    assert shown == {"idea_id": a.pk}
    assert dots_on(session, voter) == 3
    # The older of the two dots on A fits the budget again; the other is given back for good.
    assert held(session, voter) == {a.pk: 1, b.pk: 2}
    assert refused(session, voter, "vote.cast", idea_id=b.pk) == "not_now"


def test_a_shown_idea_gets_back_every_dot_that_still_fits(board):
    session, (a, b, _), voter, chair = board
    send(session, voter, "vote.cast", idea_id=a.pk)
    send(session, voter, "vote.cast", idea_id=a.pk)
    send(session, chair, "idea.hide", idea_id=a.pk)
    send(session, voter, "vote.cast", idea_id=b.pk)
    send(session, chair, "idea.show", idea_id=a.pk)
    assert held(session, voter) == {a.pk: 2, b.pk: 1}
    assert IdeaVote.objects.filter(idea=a).count() == 2


def test_the_shown_idea_s_event_counts_only_the_dots_it_kept(board):
    session, (a, b, _), voter, chair = board
    other = participant(session)
    for _ in range(3):
        send(session, voter, "vote.cast", idea_id=a.pk)
    send(session, other, "vote.cast", idea_id=a.pk)
    send(session, chair, "idea.hide", idea_id=a.pk)
    for _ in range(3):
        send(session, voter, "vote.cast", idea_id=b.pk)
    outcome = actions.apply(session.pk, chair, {"type": "idea.show", "id": "show-a", "idea_id": a.pk})
    shown = [text for sent in outcome.sent for text in [sent.text] if '"idea.shown"' in text]
    assert len(shown) == 1 and '"votes":1' in shown[0]  # only the other person's dot is back
    assert IdeaVote.objects.filter(idea=a).count() == 1
    assert held(session, voter) == {b.pk: 3}


def test_hiding_and_showing_in_any_order_keeps_everyone_within_the_budget(board):
    session, (a, b, c), voter, chair = board
    send(session, voter, "vote.cast", idea_id=a.pk)
    send(session, chair, "idea.hide", idea_id=a.pk)
    send(session, voter, "vote.cast", idea_id=b.pk)
    send(session, chair, "idea.hide", idea_id=b.pk)
    send(session, voter, "vote.cast", idea_id=c.pk)
    send(session, voter, "vote.cast", idea_id=c.pk)
    send(session, voter, "vote.cast", idea_id=c.pk)
    send(session, chair, "idea.show", idea_id=b.pk)
    send(session, chair, "idea.show", idea_id=a.pk)
    assert dots_on(session, voter) == 3
    assert held(session, voter) == {c.pk: 3}


def test_merging_ideas_a_voter_dotted_both_keeps_their_dots_on_the_kept_idea(board):
    session, (a, b, _), voter, chair = board
    send(session, voter, "vote.cast", idea_id=a.pk)
    send(session, voter, "vote.cast", idea_id=b.pk)
    send(session, voter, "vote.cast", idea_id=b.pk)
    assert send(session, chair, "idea.merge", idea_id=a.pk, into_id=b.pk)["votes"] == 3
    assert held(session, voter) == {b.pk: 3}
    assert refused(session, voter, "vote.cast", idea_id=b.pk) == "not_now"
    send(session, voter, "vote.retract", idea_id=b.pk)
    assert held(session, voter) == {b.pk: 2}


def test_a_withdrawn_idea_s_dots_are_given_back_and_never_return(board):
    session, (a, b, _), voter, _chair = board
    author = participant(session)
    mine = Idea.objects.create(session=session, author=author, text="Mine")
    send(session, voter, "vote.cast", idea_id=mine.pk)
    send(session, voter, "vote.cast", idea_id=mine.pk)
    session.stage = Stage.IDEAS
    session.save(update_fields=["stage"])
    send(session, author, "idea.withdraw", idea_id=mine.pk)
    session.stage = Stage.VOTING
    session.save(update_fields=["stage"])
    assert held(session, voter) == {}
    for idea in (a, b, a):
        send(session, voter, "vote.cast", idea_id=idea.pk)
    assert held(session, voter) == {a.pk: 2, b.pk: 1}
    assert dots_on(session, voter) == 3
