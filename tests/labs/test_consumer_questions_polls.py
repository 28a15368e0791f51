"""Questions, polls, announcements, agreed actions and closing the session, over the live socket."""

import datetime

import pytest

from engagement import ladder
from engagement.models import LadderRating
from labs.models import AgreedAction, Poll, PollAnswer, Question, Stage
from tests.labs.live_room import facilitator, participant, play

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_questions_are_asked_upvoted_by_others_once_answered_and_hidden(lab_session):
    asker, other, chair = participant(lab_session), participant(lab_session, display_name="Bea"), facilitator()

    async def scenario(room):
        host, _ = await room.joined(chair)
        alice, _ = await room.joined(asker)
        bob, _ = await room.joined(other)
        question_id = (await alice.ack("question.ask", text="Who runs the <i>pilot</i>?"))["question_id"]
        asked = await bob.event("question.asked")
        assert asked["question"]["text"] == "Who runs the pilot?" and asked["question"]["upvotes"] == 0
        assert (await alice.error("question.upvote", question_id=question_id))["code"] == "forbidden"
        await bob.ack("question.upvote", question_id=question_id)
        assert (await bob.error("question.upvote", question_id=question_id))["code"] == "invalid"
        tally = await alice.event("questions.tally")
        assert tally["upvotes"] == {str(question_id): 1}
        await host.ack("question.answered", question_id=question_id)
        assert (await alice.event("question.answered"))["question_id"] == question_id
        state = await bob.join()
        assert state["questions"][0]["answered"] is True and state["you"]["upvoted"] == [question_id]
        await host.ack("question.hide", question_id=question_id)
        assert (await bob.event("question.hidden"))["question_id"] == question_id
        assert (await bob.join())["questions"] == []

    play(lab_session, scenario)
    assert Question.objects.get().hidden


def test_a_choice_poll_is_answered_changed_tallied_and_closed(lab_session):
    voter, chair = participant(lab_session), facilitator()

    async def scenario(room):
        host, _ = await room.joined(chair)
        alice, _ = await room.joined(voter)
        poll_id = (await host.ack("poll.open", question="Which first?", kind="choice", options=["Buses", "Benches"]))[
            "poll_id"
        ]
        opened = await alice.event("poll.opened")
        assert opened["poll"] | {"id": 0} == {
            "id": 0,
            "question": "Which first?",
            "kind": "choice",
            "options": ["Buses", "Benches"],
            "open": True,
            "counts": [0, 0],
            "total": 0,
        }
        assert (await alice.error("poll.answer", poll_id=poll_id, choice=2))["code"] == "invalid"
        first = await alice.ack("poll.answer", poll_id=poll_id, choice=0)
        second = await alice.ack("poll.answer", poll_id=poll_id, choice=1)
        assert second["answer_id"] > first["answer_id"]
        tally = await host.event("poll.tally", counts=[0, 1])
        assert tally["total"] == 1 and tally["last_answer_id"] >= second["answer_id"]
        assert (await alice.join())["you"]["my_answers"] == {str(poll_id): 1}
        await host.ack("poll.close", poll_id=poll_id)
        closed = await alice.event("poll.closed")
        assert (closed["counts"], closed["total"]) == ([0, 1], 1)
        assert (await alice.error("poll.answer", poll_id=poll_id, choice=0))["code"] == "not_now"
        assert (await host.error("poll.close", poll_id=poll_id))["code"] == "not_now"

    play(lab_session, scenario)
    assert PollAnswer.objects.get().choice == 1


def test_a_choice_poll_needs_two_to_eight_options(lab_session):
    chair = facilitator()

    async def scenario(room):
        host, _ = await room.joined(chair)
        for options in (["Only one"], [f"Option {n}" for n in range(9)], "Buses", ["Buses", ""]):
            refused = await host.error("poll.open", question="Which?", kind="choice", options=options)
            assert refused["code"] == "invalid"
        assert (await host.error("poll.open", question="Which?", kind="quiz", options=["A", "B"]))["code"] == "invalid"

    play(lab_session, scenario)
    assert not Poll.objects.exists()


def test_a_ladder_poll_offers_the_seven_rungs_and_an_answer_is_a_rating_of_the_lab(lab_session):
    voter, chair = participant(lab_session), facilitator()

    async def scenario(room):
        host, _ = await room.joined(chair)
        alice, _ = await room.joined(voter)
        poll_id = (await host.ack("poll.open", kind="ladder"))["poll_id"]
        opened = await alice.event("poll.opened")
        assert opened["poll"]["options"] == [rung.name for rung in ladder.RUNGS]
        assert opened["poll"]["question"] == "How involved did you feel?"
        await alice.ack("poll.answer", poll_id=poll_id, choice=5)

    play(lab_session, scenario)
    rating = LadderRating.objects.get(author=voter)
    assert (rating.page_id, rating.rung, rating.perspective) == (lab_session.lab.pk, 6, "participant")


def test_announcements_and_agreed_actions_reach_everyone(lab_session):
    person, chair = participant(lab_session), facilitator()

    async def scenario(room):
        host, _ = await room.joined(chair)
        alice, _ = await room.joined(person)
        await host.ack("announce", text="Lunch is <em>served</em>")
        assert (await alice.event("announcement"))["announcement"]["text"] == "Lunch is served"
        refused = await host.error("action.record", text="Write up", owner="Sam", due_on="31/12/2027")
        assert refused["code"] == "invalid"
        await host.ack("action.record", text="Write up the ideas", owner="Sam Patel", due_on="2027-01-31")
        action = (await alice.event("action.recorded"))["action"]
        assert (action["text"], action["owner"], action["due_on"]) == ("Write up the ideas", "Sam Patel", "2027-01-31")
        state = await alice.join()
        assert len(state["announcements"]) == 1 and len(state["actions"]) == 1

    play(lab_session, scenario)
    assert AgreedAction.objects.get().due_on == datetime.date(2027, 1, 31)


def test_closing_the_session_closes_its_polls_and_leaves_the_room_read_only(lab_session):
    person, chair = participant(lab_session), facilitator()

    async def scenario(room):
        host, _ = await room.joined(chair)
        alice, _ = await room.joined(person)
        poll_id = (await host.ack("poll.open", kind="ladder"))["poll_id"]
        await host.ack("session.close")
        closed_poll = await alice.event("poll.closed")
        assert closed_poll["poll_id"] == poll_id
        closed = await alice.event("session.closed")
        assert closed["seq"] == closed_poll["seq"] + 1
        assert (await alice.error("question.ask", text="Still there?"))["code"] == "not_now"
        assert (await alice.error("poll.answer", poll_id=poll_id, choice=0))["code"] == "not_now"
        assert (await host.error("stage.set", stage="ideas"))["code"] == "not_now"
        state = await alice.join()
        assert state["session"]["closed"] is True and state["session"]["stage"] == Stage.CLOSED

    play(lab_session, scenario)
    lab_session.refresh_from_db()
    assert lab_session.closed_at is not None
    assert Poll.objects.get().status == Poll.Status.CLOSED


def test_a_stage_timer_must_be_1_to_180_minutes(lab_session):
    chair = facilitator()

    async def scenario(room):
        host, _ = await room.joined(chair)
        for fields in ({"stage": "voting", "minutes": 0}, {"stage": "voting", "minutes": 181}, {"stage": "closed"}):
            assert (await host.error("stage.set", **fields))["code"] == "invalid"
        result = await host.ack("stage.set", stage="discussion")
        assert result == {"stage": "discussion", "stage_ends_at": None}

    play(lab_session, scenario)
