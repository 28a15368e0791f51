"""What the live socket refuses: bad frames, unknown types, facilitator actions from participants,
too many messages; and a retried message applied once."""

import json

import pytest

from labs.live.protocol import HANDLERS, MESSAGE_TYPES
from labs.models import ClientMessage, Idea, LabEvent, Stage
from tests.labs.live_room import participant, play

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FACILITATOR_TYPES = sorted(kind for kind, handler in HANDLERS.items() if handler.facilitator)


def test_the_protocol_s_facilitator_actions_are_all_guarded():
    assert FACILITATOR_TYPES == sorted(
        [
            "stage.set",
            "idea.hide",
            "idea.show",
            "idea.pin",
            "idea.merge",
            "question.answered",
            "question.hide",
            "poll.open",
            "poll.close",
            "announce",
            "action.record",
            "session.close",
        ]
    )
    assert len(MESSAGE_TYPES) == 22


@pytest.mark.parametrize("message_type", FACILITATOR_TYPES)
def test_a_participant_may_not_take_a_facilitator_action(lab_session, message_type):
    person = participant(lab_session)

    async def scenario(room):
        alice, _ = await room.joined(person)
        refused = await alice.error(message_type, stage="ideas", idea_id=1, question_id=1, poll_id=1, text="Hi")
        assert refused["code"] == "forbidden"

    play(lab_session, scenario)
    assert not LabEvent.objects.exclude(type="presence").exists()


def test_bad_frames_get_errors_and_the_connection_stays_up(lab_session):
    person = participant(lab_session)

    async def scenario(room):
        alice, _ = await room.joined(person)
        await alice.send_text("{not json")
        assert (await alice.receive())["code"] == "invalid_json"
        await alice.send_text(json.dumps({"type": "question.ask", "id": "big", "text": "x" * 5000}))
        assert (await alice.receive())["code"] == "too_large"
        await alice.send_text(json.dumps(["a", "list"]))
        assert (await alice.receive())["code"] == "invalid"
        await alice.send_text(json.dumps({"type": "dance", "id": "d1"}))
        assert await alice.receive() == {
            "type": "error",
            "id": "d1",
            "code": "unknown_type",
            "message": "Unknown message type 'dance'.",
        }
        await alice.send_text(json.dumps({"type": "question.ask", "text": "No id"}))
        assert (await alice.receive())["code"] == "invalid"
        await alice.send_text(json.dumps({"type": "question.ask", "id": "x" * 65, "text": "Long id"}))
        assert (await alice.receive())["code"] == "invalid"
        await alice.communicator.send_to(bytes_data=b"\x00\x01")
        assert (await alice.receive())["code"] == "invalid_json"
        assert await alice.ack("question.ask", text="Still connected?")

    play(lab_session, scenario)


def test_a_ping_is_answered_with_a_pong(lab_session):
    person = participant(lab_session)

    async def scenario(room):
        alice = await room.enter(person)
        await alice.send("ping", client_id="p1")
        assert await alice.receive() == {"type": "pong", "id": "p1"}

    play(lab_session, scenario)


def test_more_than_ten_messages_a_second_are_refused_as_rate_limited(lab_session):
    person = participant(lab_session)

    async def scenario(room):
        alice = await room.enter(person)
        for number in range(11):
            await alice.send("ping", client_id=f"p{number}")
        replies = [await alice.receive() for _ in range(11)]
        assert [reply["type"] for reply in replies] == ["pong"] * 10 + ["error"]
        assert (replies[-1]["code"], replies[-1]["id"]) == ("rate_limited", "p10")

    play(lab_session, scenario)


def test_fifty_refused_messages_within_a_minute_close_the_connection_with_4008(lab_session):
    person = participant(lab_session)

    async def scenario(room):
        alice = await room.enter(person)
        for _ in range(50):
            await alice.send_text("nonsense")
        codes = {(await alice.receive())["code"] for _ in range(50)}
        assert codes <= {"invalid_json", "rate_limited"}
        assert await alice.communicator.receive_output() == {"type": "websocket.close", "code": 4008}

    play(lab_session, scenario)


def test_a_retried_message_gets_the_same_ack_and_changes_nothing(lab_session):
    lab_session.stage = Stage.IDEAS
    lab_session.save()
    person = participant(lab_session)

    async def scenario(room):
        alice, _ = await room.joined(person)
        await alice.send("idea.post", client_id="idea-1", text="Repair cafe")
        first = await alice.reply_to("idea-1")
        await alice.send("idea.post", client_id="idea-1", text="Repair cafe")
        again = await alice.reply_to("idea-1")
        assert first == again and first["type"] == "ack"
        # After reconnecting, the same id still gets the same ack.
        bob = await room.enter(person)
        await bob.send("idea.post", client_id="idea-1", text="Repair cafe")
        assert await bob.reply_to("idea-1") == first

    play(lab_session, scenario)
    assert Idea.objects.count() == 1
    assert LabEvent.objects.filter(type="idea.posted").count() == 1
    assert ClientMessage.objects.get(client_id="idea-1").reply == {"idea_id": Idea.objects.get().pk}


def test_a_refused_message_is_not_remembered_so_it_can_be_retried(lab_session):
    person = participant(lab_session)

    async def scenario(room):
        alice, _ = await room.joined(person)
        await alice.send("idea.post", client_id="early", text="Too early")
        assert (await alice.reply_to("early"))["code"] == "not_now"

    play(lab_session, scenario)
    assert not ClientMessage.objects.exists()
