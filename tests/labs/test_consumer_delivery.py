"""Delivery over the live socket: snapshots, replay, gap filling, presence and coalesced tallies."""

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer

from labs.live import events, fanout
from labs.models import Idea, IdeaVote, LabEvent, LabSession, Poll, PollAnswer, Question, QuestionUpvote, Stage
from tests.labs.live_room import facilitator, participant, play, store_events

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_state_shows_the_room_and_what_is_mine(lab_session, user_factory):
    lab_session.stage = Stage.VOTING
    lab_session.save()
    person = participant(lab_session)
    other = user_factory()
    mine = Idea.objects.create(session=lab_session, author=person, author_name="Me", text="Mine")
    theirs = Idea.objects.create(session=lab_session, author=other, text="Theirs")
    Idea.objects.create(session=lab_session, text="Withdrawn", status=Idea.Status.WITHDRAWN)
    IdeaVote.objects.create(idea=theirs, voter=person)
    IdeaVote.objects.create(idea=theirs, voter=person)
    IdeaVote.objects.create(idea=theirs, voter=other)
    question = Question.objects.create(session=lab_session, author=other, text="Why?")
    QuestionUpvote.objects.create(question=question, voter=person)
    poll = Poll.objects.create(session=lab_session, question="Which?", options=["A", "B"])
    PollAnswer.objects.create(poll=poll, voter=person, choice=1)
    store_events(lab_session.pk, [("announcement", {"announcement": {"id": 1, "text": "Hi"}})])

    async def scenario(room):
        _, state = await room.joined(person)
        assert state["seq"] >= 1
        assert [(idea["text"], idea["votes"], idea["mine"]) for idea in state["ideas"]] == [
            ("Mine", 0, True),
            ("Theirs", 3, False),
        ]
        assert state["questions"][0]["upvotes"] == 1
        assert state["polls"][0]["counts"] == [0, 1] and state["polls"][0]["open"] is True
        assert state["you"]["my_votes"] == {str(theirs.pk): 2}
        assert state["you"]["votes_left"] == 1
        assert state["you"]["my_answers"] == {str(poll.pk): 1}
        assert state["you"]["upvoted"] == [question.pk]
        assert state["presence"]["count"] == 1

    play(lab_session, scenario)
    assert mine.pk


def test_a_client_too_far_behind_or_ahead_gets_a_state_instead_of_a_replay(lab_session):
    person = participant(lab_session)
    LabSession.objects.filter(pk=lab_session.pk).update(last_seq=2500)

    async def scenario(room):
        alice = await room.enter(person)
        assert (await alice.join(after=400))["seq"] >= 2500
        assert (await alice.join(after=9999))["type"] == "state"
        replayed = await alice.replay(after=2500)
        assert replayed[-1] == {"type": "caught_up", "seq": replayed[-1]["seq"]}

    play(lab_session, scenario)


def test_join_refuses_an_after_that_is_not_a_whole_number(lab_session):
    person = participant(lab_session)

    async def scenario(room):
        alice = await room.enter(person)
        assert (await alice.error("join", after="7"))["code"] == "invalid"

    play(lab_session, scenario)


def test_a_reconnecting_client_gets_exactly_the_events_it_missed(lab_session):
    lab_session.stage = Stage.IDEAS
    lab_session.save()
    poster, reader = participant(lab_session), participant(lab_session)

    async def scenario(room):
        alice, _ = await room.joined(poster)
        bob, _ = await room.joined(reader)
        await alice.ack("idea.post", text="First")
        seen = (await bob.event("idea.posted"))["seq"]
        await bob.communicator.disconnect()
        await alice.ack("idea.post", text="Second")
        await alice.ack("idea.post", text="Third")
        bob_again = await room.enter(reader)
        replayed = await bob_again.replay(after=seen)
        posted = [event["idea"]["text"] for event in replayed if event["type"] == "idea.posted"]
        assert posted == ["Second", "Third"]
        seqs = [event["seq"] for event in replayed[:-1]]
        assert seqs == list(range(seen + 1, seen + 1 + len(seqs)))
        assert replayed[-1] == {"type": "caught_up", "seq": seqs[-1]}

    play(lab_session, scenario)


def test_an_event_arriving_ahead_of_a_missing_one_fills_the_gap_from_the_log_first(lab_session):
    person = participant(lab_session)

    async def scenario(room):
        alice, state = await room.joined(person)
        store = database_sync_to_async(store_events)
        missing = await store(lab_session.pk, [("announcement", {"announcement": {"id": 1, "text": "One"}})])
        ahead = await store(lab_session.pk, [("announcement", {"announcement": {"id": 2, "text": "Two"}})])
        layer = get_channel_layer()
        group = fanout.group_name(lab_session.pk)
        await layer.group_send(group, {"type": "lab.event", "seq": ahead[0].seq, "text": ahead[0].text})
        first = await alice.event("announcement")
        second = await alice.event("announcement")
        assert [first["announcement"]["text"], second["announcement"]["text"]] == ["One", "Two"]
        assert second["seq"] == first["seq"] + 1 == missing[0].seq + 1
        # The late one arrives after all: it was sent already, so it is not sent again.
        await layer.group_send(group, {"type": "lab.event", "seq": missing[0].seq, "text": missing[0].text})
        await alice.send("ping", client_id="after")
        assert await alice.receive() == {"type": "pong", "id": "after"}
        assert state["seq"] < first["seq"]

    play(lab_session, scenario)


def test_an_event_whose_broadcast_never_arrived_is_caught_up_from_the_log(lab_session, monkeypatch):
    # Under overload the layer can drop a broadcast; with no later event to reveal the gap, the
    # room's own watch finds it.
    monkeypatch.setattr(fanout, "WATCH_EVERY_SECONDS", 0.1)
    monkeypatch.setattr(fanout, "QUIET_CHECKS_BEFORE_ASKING", 2)
    monkeypatch.setattr(events, "NEWEST_CHECK_SECONDS", 0.0)
    person = participant(lab_session)

    async def scenario(room):
        alice, state = await room.joined(person)
        store = database_sync_to_async(store_events)
        dropped = await store(lab_session.pk, [("announcement", {"announcement": {"id": 1, "text": "Lost?"}})])
        caught = await alice.event("announcement")
        assert (caught["seq"], caught["announcement"]["text"]) == (dropped[0].seq, "Lost?")
        assert state["seq"] < caught["seq"]

    play(lab_session, scenario)


def test_presence_counts_people_and_names_their_organisations(lab_session):
    provider = participant(lab_session, provider=True)
    resident, chair = participant(lab_session), facilitator()
    organisation = provider.profile.organisation.name

    async def scenario(room):
        host, _ = await room.joined(chair)
        await room.joined(resident)
        await room.joined(provider)
        here = await host.event("presence", count=3)
        assert here["organisations"] == [organisation]
        assert (await host.join())["presence"] == {"count": 3, "organisations": [organisation]}

    play(lab_session, scenario)


def test_presence_events_are_sent_at_most_once_a_second(lab_session):
    people = [participant(lab_session) for _ in range(4)]

    async def scenario(room):
        first = await room.enter(people[0])
        await first.join()
        for person in people[1:]:
            await room.enter(person)
        last, before = await first.receive_until(lambda m: m["type"] == "presence" and m["count"] == 4)
        sent = [message for message in before if message["type"] == "presence"] + [last]
        assert len(sent) <= 3  # one per arrival would be 4

    play(lab_session, scenario, presence_interval=1.0)


def test_votes_cast_together_reach_others_as_few_tallies_with_absolute_counts(lab_session):
    lab_session.stage = Stage.VOTING
    lab_session.save()
    idea = Idea.objects.create(session=lab_session, text="Shared idea")
    voters = [participant(lab_session) for _ in range(5)]
    watcher = participant(lab_session)

    async def scenario(room):
        bob, _ = await room.joined(watcher)
        people = [await room.enter(voter) for voter in voters]
        sent = [await person.send("vote.cast", idea_id=idea.pk) for person in people]
        acks = [await person.reply_to(client_id) for person, client_id in zip(people, sent, strict=True)]
        assert all(ack["type"] == "ack" for ack in acks)
        final = await bob.event("votes.tally", votes={str(idea.pk): 5})
        assert final["last_vote_id"] >= max(ack["result"]["vote_id"] for ack in acks)

    play(lab_session, scenario, tally_interval=1.0)
    assert LabEvent.objects.filter(type="votes.tally").count() <= 3  # one per vote would be 5
