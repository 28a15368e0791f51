"""What docs/labs-protocol.md promises a client author, pinned: joining, client ids (refused,
reused, retried), the error code of each refusal, the 4,096-byte limit, defaults, string map
keys, the order of an ack and its events, and senders' own tallies."""

import json

import pytest

from labs.models import Poll, Question
from tests.labs.live_room import facilitator, participant, play

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_before_join_only_replies_arrive_and_a_second_join_answers_again(lab_session):
    person, host = participant(lab_session), facilitator()

    async def scenario(room):
        alice = await room.enter(person)
        fran, _ = await room.joined(host)
        await fran.ack("stage.set", stage="ideas")
        posted = await alice.ack("idea.post", text="Applied before joining")  # applied, acknowledged
        assert await alice.nothing_more()  # but no events until join
        state = await alice.join()
        assert posted["idea_id"] in [idea["id"] for idea in state["ideas"]]
        again = await alice.join()  # joining again: a fresh answer, the same room
        assert again["seq"] == state["seq"]
        replayed = await alice.replay(after=state["seq"] - 1)
        assert [event["type"] for event in replayed] == ["idea.posted", "caught_up"]

    play(lab_session, scenario)


def test_a_refused_message_s_id_is_not_remembered(lab_session):
    person, host = participant(lab_session), facilitator()

    async def scenario(room):
        alice, _ = await room.joined(person)
        fran, _ = await room.joined(host)
        too_soon = await alice.reply_to(await alice.send("idea.post", client_id="first-idea", text="Too soon"))
        assert (too_soon["type"], too_soon["code"]) == ("error", "not_now")
        await fran.ack("stage.set", stage="ideas")
        on_time = await alice.reply_to(await alice.send("idea.post", client_id="first-idea", text="On time"))
        assert on_time["type"] == "ack"

    play(lab_session, scenario)


def test_an_id_used_again_gets_the_first_ack_again_whatever_its_type(lab_session):
    person, host = participant(lab_session), facilitator()
    lab_session.vote_budget = 3
    lab_session.save()

    async def scenario(room):
        alice, _ = await room.joined(person)
        fran, _ = await room.joined(host)
        await fran.ack("stage.set", stage="ideas")
        idea = (await fran.ack("idea.post", text="One"))["idea_id"]
        await fran.ack("stage.set", stage="voting")
        first = await alice.reply_to(await alice.send("vote.cast", client_id="v1", idea_id=idea))
        await alice.ack("vote.cast", idea_id=idea)
        retried = await alice.reply_to(await alice.send("vote.cast", client_id="v1", idea_id=idea))
        assert retried == first  # as it was: votes_left then, not now
        assert first["result"]["votes_left"] == 2
        other = await alice.reply_to(await alice.send("question.ask", client_id="v1", text="A question?"))
        assert other == first

    play(lab_session, scenario)
    assert not Question.objects.exists()


def test_each_refusal_has_its_documented_code(lab_session):
    people, host = [participant(lab_session) for _ in range(2)], facilitator()
    lab_session.vote_budget = 1
    lab_session.save()

    async def scenario(room):
        alice, _ = await room.joined(people[0])
        bob, _ = await room.joined(people[1])
        fran, _ = await room.joined(host)
        await fran.ack("stage.set", stage="ideas")
        idea = (await fran.ack("idea.post", text="One"))["idea_id"]
        await fran.ack("stage.set", stage="voting")
        assert (await alice.error("vote.retract", idea_id=idea))["code"] == "not_found"  # a vote not held
        await alice.ack("vote.cast", idea_id=idea)
        assert (await alice.error("vote.cast", idea_id=idea))["code"] == "not_now"  # over budget
        question = (await alice.ack("question.ask", text="Why?"))["question_id"]
        assert (await alice.error("question.upvote", question_id=question))["code"] == "forbidden"  # own
        await bob.ack("question.upvote", question_id=question)
        assert (await bob.error("question.upvote", question_id=question))["code"] == "invalid"  # second

    play(lab_session, scenario)


def padded_ping(size: int) -> str:
    """A ping of exactly ``size`` bytes of UTF-8, padded with two-byte letters in an unknown field."""
    text = json.dumps({"type": "ping", "id": "p", "pad": ""}, ensure_ascii=False)
    room = size - len(text.encode())
    return text[:-2] + "é" * (room // 2) + "x" * (room % 2) + '"}'


def test_4096_bytes_of_utf_8_are_accepted_and_one_more_is_too_large(lab_session):
    person = participant(lab_session)

    async def scenario(room):
        alice, _ = await room.joined(person)
        at_limit = padded_ping(4096)
        assert len(at_limit.encode()) == 4096 and len(at_limit) < 4096
        await alice.send_text(at_limit)
        assert await alice.receive() == {"type": "pong", "id": "p"}  # the unknown field is ignored
        await alice.send_text(padded_ping(4097))
        refused = await alice.receive()
        assert (refused["code"], refused["id"]) == ("too_large", "p")

    play(lab_session, scenario)


def test_defaults_a_poll_without_kind_is_a_choice_and_minutes_null_is_no_timer(lab_session):
    host = facilitator()

    async def scenario(room):
        fran, _ = await room.joined(host)
        assert (await fran.ack("stage.set", stage="ideas", minutes=None))["stage_ends_at"] is None
        await fran.ack("poll.open", question="Which?", options=["A", "B"])
        await fran.ack("poll.open", question="And?", options=["C", "D"], kind=None)

    play(lab_session, scenario)
    assert [poll.kind for poll in Poll.objects.all()] == [Poll.Kind.CHOICE, Poll.Kind.CHOICE]


def test_the_ack_comes_before_its_events_and_session_close_sends_polls_closed_then_closed(lab_session):
    host = facilitator()

    async def scenario(room):
        fran, _ = await room.joined(host)
        await fran.send("poll.open", client_id="open", question="Which?", options=["A", "B"])
        ack, before = await fran.receive_until("ack")
        assert ack["id"] == "open" and not [m for m in before if m["type"] == "poll.opened"]
        await fran.event("poll.opened")
        await fran.send("session.close", client_id="close")
        ack, before = await fran.receive_until("ack")
        assert ack["id"] == "close" and not [m for m in before if m.get("seq")]
        closed_poll = await fran.receive()
        closed = await fran.receive()
        assert [closed_poll["type"], closed["type"]] == ["poll.closed", "session.closed"]
        assert closed["seq"] == closed_poll["seq"] + 1

    play(lab_session, scenario)


def test_senders_get_their_own_tallies_with_string_keys_and_last_ids(lab_session):
    people, host = [participant(lab_session) for _ in range(2)], facilitator()

    async def scenario(room):
        alice, _ = await room.joined(people[0])
        bob, _ = await room.joined(people[1])
        fran, _ = await room.joined(host)
        await fran.ack("stage.set", stage="ideas")
        idea = (await fran.ack("idea.post", text="One"))["idea_id"]
        await fran.ack("stage.set", stage="voting")
        vote = await alice.ack("vote.cast", idea_id=idea)
        tally = await alice.event("votes.tally")
        assert tally["votes"] == {str(idea): 1} and tally["last_vote_id"] >= vote["vote_id"]
        question = (await fran.ack("question.ask", text="Why?"))["question_id"]
        upvote = await bob.ack("question.upvote", question_id=question)
        tally = await bob.event("questions.tally")
        assert tally["upvotes"] == {str(question): 1} and tally["last_upvote_id"] == upvote["upvote_id"]
        state = await alice.join()
        assert state["you"]["my_votes"] == {str(idea): 1}

    play(lab_session, scenario)
