"""Applying messages (``labs.live.actions``): what a vote costs the database, and who queues behind whom."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from labs.live import actions
from labs.models import ClientMessage, Idea, IdeaVote, Stage
from tests.labs.live_room import facilitator, participant

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def voting_session(lab_session):
    lab_session.stage = Stage.VOTING
    lab_session.save()
    return lab_session, Idea.objects.create(session=lab_session, text="Lunch clubs")


def statements(captured) -> list[str]:
    """The statements run, without transaction control (BEGIN, COMMIT, savepoints)."""
    control = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")
    return [query["sql"] for query in captured.captured_queries if not query["sql"].upper().startswith(control)]


def test_a_participant_s_vote_takes_five_statements(lab_session):
    session, idea = voting_session(lab_session)
    voter = participant(session)
    with CaptureQueriesContext(connection) as captured:
        outcome = actions.apply(session.pk, voter, {"type": "vote.cast", "id": "v1", "idea_id": idea.pk})
    assert outcome.result["votes_left"] == session.vote_budget - 1
    run = statements(captured)
    # The session shared; the place checked and locked; the idea and the dots used read together;
    # the vote and the client id stored.
    assert len(run) == 5, "\n".join(run)
    assert "labs_registration" in run[1] and "labs_ideavote" in run[2]


def test_taking_a_dot_back_takes_six_statements_and_gives_the_dot_back(lab_session):
    session, idea = voting_session(lab_session)
    voter = participant(session)
    for number in (1, 2):
        actions.apply(session.pk, voter, {"type": "vote.cast", "id": f"v{number}", "idea_id": idea.pk})
    with CaptureQueriesContext(connection) as captured:
        outcome = actions.apply(session.pk, voter, {"type": "vote.retract", "id": "r1", "idea_id": idea.pk})
    assert outcome.result == {"idea_id": idea.pk, "votes_left": session.vote_budget - 1}
    run = statements(captured)
    # The session shared; the place locked; the idea and the dots used; the newest dot found and
    # deleted; the client id stored.
    assert len(run) == 6, "\n".join(run)
    assert IdeaVote.objects.filter(idea=idea, voter=voter).count() == 1


def test_staff_without_a_place_may_vote(lab_session):
    session, idea = voting_session(lab_session)
    chair = facilitator()
    outcome = actions.apply(session.pk, chair, {"type": "vote.cast", "id": "v1", "idea_id": idea.pk})
    assert outcome.error is None and IdeaVote.objects.filter(voter=chair).count() == 1


def test_a_person_whose_place_was_cancelled_is_refused_and_nothing_is_stored(lab_session):
    session, idea = voting_session(lab_session)
    voter = participant(session)
    session.lab.registrations.update(status="cancelled")
    outcome = actions.apply(session.pk, voter, {"type": "vote.cast", "id": "v1", "idea_id": idea.pk})
    assert outcome.error[0] == "forbidden"
    assert not IdeaVote.objects.exists() and not ClientMessage.objects.exists()
