"""The room: one subscription per process per session, events in order and once, frames of several."""

import asyncio
import json

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer

from labs.live import events, fanout, rooms
from tests.labs.live_room import participant, play, store_events

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class Connection:
    """Stands in for a consumer: where it is in the log, and the frames it was sent."""

    def __init__(self, last_sent):
        self.last_sent = last_sent
        self.frames = []

    async def send_frame(self, text, data=None):
        assert data is None or data.endswith(text.encode())
        self.frames.append(text)

    def seqs(self):
        found = []
        for frame in self.frames:
            data = json.loads(frame)
            found.extend(event["seq"] for event in (data if isinstance(data, list) else [data]))
        return found


def announcement(seq):
    return events.event_text({"type": "announcement", "seq": seq, "announcement": {"id": seq, "text": f"No. {seq}"}})


def run(scenario):
    try:
        async_to_sync(scenario)()
    finally:
        rooms.forget_rooms()
        events.forget_recent()


async def group_members(session_id):
    """The channels in the session's channel-layer group, on the in-memory layer or on Redis."""
    layer, group = get_channel_layer(), fanout.group_name(session_id)
    if hasattr(layer, "groups"):
        return set(layer.groups.get(group, {}))
    connection = layer.connection(layer.consistent_hash(group))
    return {member.decode() for member in await connection.zrange(layer._group_key(group), 0, -1)}


async def settle():
    """Let the room send what it has (a room of a few waits well under a millisecond between sends)."""
    await asyncio.sleep(0.05)


def test_a_process_subscribes_to_a_session_once_however_many_people_connect(lab_session):
    people = [participant(lab_session) for _ in range(3)]

    async def scenario(room):
        for person in people:
            await room.joined(person)
        assert len(await group_members(lab_session.pk)) == 1

    play(lab_session, scenario)


def test_events_stored_together_reach_each_person_in_one_frame_in_order(lab_session):
    poster, reader = participant(lab_session), participant(lab_session)

    async def scenario(room):
        await room.joined(poster)
        bob, _ = await room.joined(reader)
        sent = await database_sync_to_async(store_events)(
            lab_session.pk,
            [("announcement", {"announcement": {"id": n, "text": f"Note {n}"}}) for n in (1, 2, 3)],
        )
        await rooms.broadcast(sent)
        while True:  # skip any presence event that went out first
            frame = json.loads(await bob.communicator.receive_from(3))
            if isinstance(frame, list) or frame["type"] == "announcement":
                break
        assert [message["announcement"]["text"] for message in frame] == ["Note 1", "Note 2", "Note 3"]
        assert [message["seq"] for message in frame] == [event.seq for event in sent]

    play(lab_session, scenario)


def test_a_connection_gets_each_event_once_whether_it_joined_behind_or_ahead_of_the_room(lab_session):
    session_id = lab_session.pk
    for seq in range(1, 7):
        events.remember(session_id, seq, announcement(seq))

    async def scenario():
        behind, ahead, late = Connection(2), Connection(4), Connection(1)
        room = await rooms.enter(session_id, behind)
        await room.admit(behind)
        await rooms.enter(session_id, ahead)
        await room.admit(ahead)
        for seq in (3, 4, 5):
            room.offer(seq, announcement(seq))
        await settle()
        assert behind.seqs() == [3, 4, 5] and len(behind.frames) == 1
        assert ahead.seqs() == [5]
        await rooms.enter(session_id, late)
        await room.admit(late)  # brought up to the room's position from memory
        room.offer(6, announcement(6))
        room.offer(5, announcement(5))  # again: not sent twice
        await settle()
        assert late.seqs() == [2, 3, 4, 5, 6]
        assert behind.seqs() == [3, 4, 5, 6] and ahead.seqs() == [5, 6]
        for connection in (behind, ahead, late):
            await rooms.leave(room, connection)

    run(scenario)


def test_an_event_ahead_of_a_missing_one_waits_for_it(lab_session):
    session_id = lab_session.pk
    events.remember(session_id, 1, announcement(1))

    async def scenario():
        reader = Connection(0)
        room = await rooms.enter(session_id, reader)
        await room.admit(reader)
        room.offer(3, announcement(3))
        room.offer(2, announcement(2))
        room.offer(1, announcement(1))
        await settle()
        assert reader.seqs() == [1, 2, 3]
        await rooms.leave(room, reader)

    run(scenario)


def test_the_room_leaves_the_group_when_its_last_connection_goes(lab_session):
    async def scenario():
        first, second = Connection(0), Connection(0)
        room = await rooms.enter(lab_session.pk, first)
        assert await rooms.enter(lab_session.pk, second) is room
        assert await group_members(lab_session.pk) == {room.channel}
        await rooms.leave(room, first)
        assert not room.closed
        await rooms.leave(room, second)
        assert room.closed and not await group_members(lab_session.pk)
        again = await rooms.enter(lab_session.pk, first)
        assert again is not room
        await rooms.leave(again, first)

    run(scenario)


def test_a_busy_room_sends_what_came_during_its_frame_interval_in_one_frame(lab_session, monkeypatch):
    monkeypatch.setattr(fanout, "FRAME_INTERVAL_PER_CONNECTION", 0.2)
    session_id = lab_session.pk

    async def scenario():
        reader = Connection(0)
        room = await rooms.enter(session_id, reader)
        await room.admit(reader)
        room.offer(1, announcement(1))
        await asyncio.sleep(0.01)
        assert reader.seqs() == [1]  # a quiet room sends at once
        room.offer(2, announcement(2))
        room.offer(3, announcement(3))
        await asyncio.sleep(0.01)
        assert reader.seqs() == [1]  # within the interval: held back
        await asyncio.sleep(0.3)
        assert reader.seqs() == [1, 2, 3] and len(reader.frames) == 2
        await rooms.leave(room, reader)

    run(scenario)
