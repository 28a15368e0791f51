"""Presence is outside the numbered log: no seq, not stored, not replayed, and always current."""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async

from labs.live import fanout, presence
from labs.models import LabEvent, Presence
from tests.labs.live_room import participant, play

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_presence_has_no_seq_is_not_stored_and_a_replay_ends_with_the_current_presence(lab_session):
    people = [participant(lab_session) for _ in range(3)]

    async def scenario(room):
        host, state = await room.joined(people[0])
        await room.joined(people[1])
        now = await host.event("presence", count=2)
        assert "seq" not in now
        assert not await database_sync_to_async(LabEvent.objects.filter(type="presence").exists)()

        late = await room.enter(people[2])
        await late.send("join", client_id="back", after=0)
        caught_up, replayed = await late.receive_until("caught_up")
        assert [message["type"] for message in replayed if "seq" in message] == []
        assert caught_up["seq"] == state["seq"]  # presence took no numbers
        current = await late.event("presence")
        assert "seq" not in current and current["count"] >= 2

    play(lab_session, scenario)


def test_a_process_sends_a_count_again_once_another_process_has_sent_a_different_one(lab_session, user_factory):
    for number in range(2):
        Presence.objects.create(session=lab_session, person=user_factory(), connection=f"c{number}")
    session_id = lab_session.pk
    sent = []

    async def send(now_here):
        sent.append(now_here)
        await presence.send_presence(session_id, now_here)

    try:
        first = presence.presence_now(session_id)
        assert first == {"count": 2, "organisations": []}
        async_to_sync(send)(first)
        assert presence.presence_now(session_id) is None  # nothing new to say
        fanout.heard(session_id, {"count": 3, "organisations": []})  # someone came, on another process
        assert presence.presence_now(session_id) == {"count": 2, "organisations": []}  # and went again
    finally:
        presence.reset()
