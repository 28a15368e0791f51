"""The live room's websocket: who may connect, joining, and the first things people do."""

import pytest

from labs.models import Idea, IdeaVote, LabEvent, Stage
from tests.labs.live_room import facilitator, participant, play

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_person_without_a_place_is_refused_with_4003(lab_session, user_factory):
    stranger = user_factory()

    async def scenario(room):
        communicator = await room.open(stranger)
        connected, _ = await communicator.connect()
        assert connected
        closing = await communicator.receive_output()
        assert closing == {"type": "websocket.close", "code": 4003}

    play(lab_session, scenario)


def test_an_anonymous_visitor_is_refused_with_4003(lab_session):
    async def scenario(room):
        communicator = await room.open(None)
        await communicator.connect()
        assert (await communicator.receive_output())["code"] == 4003

    play(lab_session, scenario)


def test_a_socket_from_another_site_is_refused_at_the_handshake(lab_session):
    person = participant(lab_session)

    async def scenario(room):
        communicator = await room.open(person, origin=b"https://elsewhere.example")
        connected, _ = await communicator.connect()
        assert not connected

    play(lab_session, scenario)


def test_a_registered_participant_joins_and_gets_the_state(lab_session):
    person = participant(lab_session, display_name="Amira")

    async def scenario(room):
        _, state = await room.joined(person)
        assert state["type"] == "state"
        assert state["session"]["stage"] == Stage.WELCOME
        assert state["you"]["name"] == "Amira"
        assert state["you"]["facilitator"] is False
        assert state["you"]["votes_left"] == 3
        assert [theme["name"] for theme in state["themes"]] == ["Social value", "Technology-enabled care"]

    play(lab_session, scenario)


def test_staff_may_join_without_a_place(lab_session):
    host = facilitator()

    async def scenario(room):
        _, state = await room.joined(host)
        assert state["you"]["facilitator"] is True

    play(lab_session, scenario)


def test_only_a_facilitator_is_sent_the_hidden_ideas_to_show_again(lab_session):
    host, person = facilitator(), participant(lab_session)
    Idea.objects.create(session=lab_session, text="Still up")
    hidden = Idea.objects.create(session=lab_session, text="Taken down", status=Idea.Status.HIDDEN)

    async def scenario(room):
        _, host_state = await room.joined(host)
        _, person_state = await room.joined(person)
        assert [idea["id"] for idea in host_state["hidden_ideas"]] == [hidden.pk]
        assert "hidden_ideas" not in person_state
        assert [idea["text"] for idea in person_state["ideas"]] == ["Still up"]

    play(lab_session, scenario)


def test_an_idea_posted_reaches_everyone_with_the_next_seq(lab_session):
    lab_session.stage = Stage.IDEAS
    lab_session.save()
    poster, reader = participant(lab_session), participant(lab_session)

    async def scenario(room):
        alice, state = await room.joined(poster)
        bob, _ = await room.joined(reader)
        result = await alice.ack("idea.post", text="A <b>walking</b> group")
        posted = await bob.event("idea.posted")
        assert posted["idea"]["id"] == result["idea_id"]
        assert posted["idea"]["text"] == "A walking group"
        assert posted["seq"] > state["seq"]

    play(lab_session, scenario)
    assert LabEvent.objects.filter(session=lab_session, type="idea.posted").count() == 1


def test_a_vote_is_acked_and_reaches_others_as_a_tally(lab_session):
    voter, watcher, chair = participant(lab_session), participant(lab_session), facilitator()

    async def scenario(room):
        host, _ = await room.joined(chair)
        alice, _ = await room.joined(voter)
        bob, _ = await room.joined(watcher)
        await host.ack("stage.set", stage="ideas")
        idea_id = (await alice.ack("idea.post", text="More benches"))["idea_id"]
        changed = await host.ack("stage.set", stage="voting", minutes=5)
        assert changed["stage_ends_at"]
        stage = await bob.event("stage.changed", stage="voting")
        assert stage["stage_ends_at"] == changed["stage_ends_at"]
        vote = await alice.ack("vote.cast", idea_id=idea_id)
        assert vote["votes_left"] == 2
        tally = await bob.event("votes.tally")
        assert tally["votes"] == {str(idea_id): 1}
        assert tally["last_vote_id"] >= vote["vote_id"]

    play(lab_session, scenario)
    assert IdeaVote.objects.filter(voter=voter).count() == 1


def test_replay_after_a_seq_sends_the_missed_events_then_caught_up(lab_session):
    person, chair = participant(lab_session), facilitator()

    async def scenario(room):
        host, state = await room.joined(chair)
        await host.ack("stage.set", stage="ideas")
        await host.ack("announce", text="Tea at eleven")
        late = await room.enter(person)
        replayed = await late.replay(after=state["seq"])
        kinds = [event["type"] for event in replayed]
        assert "stage.changed" in kinds and "announcement" in kinds
        assert kinds[-1] == "caught_up"
        seqs = [event["seq"] for event in replayed[:-1]]
        assert seqs == list(range(state["seq"] + 1, state["seq"] + 1 + len(seqs)))
        assert replayed[-1]["seq"] == seqs[-1]

    play(lab_session, scenario)
