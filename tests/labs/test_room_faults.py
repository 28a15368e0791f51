"""A room when the channel layer fails: the reader comes back, and a failed broadcast is not a failed write."""

import asyncio
import json
import logging

import pytest
from channels.db import database_sync_to_async

from labs.live import events, fanout, rooms
from labs.models import Idea, Stage
from tests.labs.flaky_layer import FlakyLayer
from tests.labs.live_room import participant, play, store_events
from tests.labs.test_rooms import Connection, run

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def announce(session_id, text):
    """Store an announcement as another process would (nothing offered to this process's room)."""
    return store_events(session_id, [("announcement", {"announcement": {"id": 1, "text": text}})])[0]


async def until(condition, seconds):
    """Wait up to ``seconds`` for ``condition()``; whether it came true."""
    for _ in range(int(seconds / 0.01)):
        if condition():
            return True
        await asyncio.sleep(0.01)
    return condition()


def test_a_room_that_loses_the_channel_layer_joins_again_and_catches_up_from_the_log(lab_session, monkeypatch, caplog):
    layer = FlakyLayer()
    monkeypatch.setattr(fanout, "get_channel_layer", lambda: layer)
    monkeypatch.setattr(fanout, "WATCH_EVERY_SECONDS", 60.0)  # only the reader can bring the room back here
    session_id = lab_session.pk
    store = database_sync_to_async(announce)
    caplog.set_level(logging.WARNING, logger="labs.live.fanout")

    async def scenario():
        reader = Connection(0)
        room = await rooms.enter(session_id, reader)
        await room.admit(reader)
        first = await store(session_id, "Before")
        await layer.group_send(
            fanout.group_name(session_id), {"type": "lab.event", "seq": first.seq, "text": first.text}
        )
        assert await until(lambda: reader.seqs() == [first.seq], 1)

        layer.go_down()
        assert await until(lambda: not room.listening, 1)
        assert session_id in rooms.not_listening()
        during = await store(session_id, "While Redis restarts")
        await asyncio.sleep(0.3)
        layer.come_back()  # with no groups: the room must join again
        assert await until(lambda: reader.seqs() == [first.seq, during.seq], 3), reader.seqs()
        assert room.listening and session_id not in rooms.not_listening()

        after = await store(session_id, "After")
        await layer.group_send(
            fanout.group_name(session_id), {"type": "lab.event", "seq": after.seq, "text": after.text}
        )
        assert await until(lambda: reader.seqs()[-1:] == [after.seq], 1), reader.seqs()
        await rooms.leave(room, reader)

    run(scenario)
    messages = [record.getMessage() for record in caplog.records]
    assert any("lost the channel layer" in message for message in messages)
    assert any("hears the channel layer again" in message for message in messages)


def test_a_room_opened_while_the_channel_layer_is_down_listens_once_it_is_back(lab_session, monkeypatch):
    layer = FlakyLayer()
    monkeypatch.setattr(fanout, "get_channel_layer", lambda: layer)
    monkeypatch.setattr(fanout, "WATCH_EVERY_SECONDS", 60.0)
    session_id = lab_session.pk

    async def scenario():
        layer.go_down()
        reader = Connection(0)
        room = await rooms.enter(session_id, reader)
        await room.admit(reader)
        assert not room.listening
        layer.come_back()
        assert await until(lambda: room.listening, 3)
        event = await database_sync_to_async(announce)(session_id, "Heard")
        await layer.group_send(
            fanout.group_name(session_id), {"type": "lab.event", "seq": event.seq, "text": event.text}
        )
        assert await until(lambda: reader.seqs() == [event.seq], 1), reader.seqs()
        await rooms.leave(room, reader)

    run(scenario)


def test_a_room_that_cannot_hear_the_channel_layer_reads_the_log_every_few_seconds(lab_session, monkeypatch):
    layer = FlakyLayer()
    monkeypatch.setattr(fanout, "get_channel_layer", lambda: layer)
    monkeypatch.setattr(fanout, "WATCH_EVERY_SECONDS", 0.1)
    session_id = lab_session.pk

    async def scenario():
        reader = Connection(0)
        room = await rooms.enter(session_id, reader)
        await room.admit(reader)
        layer.go_down()
        assert await until(lambda: not room.listening, 1)
        event = await database_sync_to_async(announce)(session_id, "Read from the log")
        assert await until(lambda: reader.seqs() == [event.seq], 1), reader.seqs()
        assert not room.listening
        layer.come_back()
        await rooms.leave(room, reader)

    run(scenario)


def test_a_change_stored_while_the_channel_layer_is_down_is_acknowledged_and_the_connection_stays_up(
    lab_session, monkeypatch, caplog
):
    lab_session.stage = Stage.IDEAS
    lab_session.save()
    author, reader = participant(lab_session), participant(lab_session)
    layer = FlakyLayer()
    monkeypatch.setattr(rooms, "get_channel_layer", lambda: layer)
    caplog.set_level(logging.ERROR, logger="labs.live.rooms")

    async def scenario(room):
        alice, _ = await room.joined(author)
        bob, _ = await room.joined(reader)
        layer.go_down()
        result = await alice.ack("idea.post", text="Stored while Redis is away")
        # the room in this process still sends it; the connection is not closed (1011)
        posted = await bob.event("idea.posted")
        assert posted["idea"]["id"] == result["idea_id"]
        await alice.send("ping", client_id="still-here")
        assert (await alice.reply_to("still-here"))["type"] == "pong"

    play(lab_session, scenario)
    assert Idea.objects.filter(session=lab_session, text="Stored while Redis is away").exists()
    assert any("could not be broadcast" in record.getMessage() for record in caplog.records)


def test_a_broadcast_goes_through_when_only_the_first_try_meets_a_stale_connection(lab_session, monkeypatch):
    layer = FlakyLayer()
    monkeypatch.setattr(rooms, "get_channel_layer", lambda: layer)
    session_id = lab_session.pk

    async def scenario():
        other_process = await layer.new_channel("other-process.")
        await layer.group_add(fanout.group_name(session_id), other_process)
        sent = await database_sync_to_async(announce)(session_id, "After a Redis restart")
        layer.stale_once()
        await rooms.broadcast([sent])
        message = await asyncio.wait_for(layer.receive(other_process), 1)
        assert (message["type"], message["seq"]) == ("lab.event", sent.seq)

    run(scenario)


def test_a_room_passes_on_presence_without_a_seq_and_gives_the_newest_to_a_replayed_connection(lab_session):
    session_id = lab_session.pk

    async def scenario():
        present = Connection(0)
        room = await rooms.enter(session_id, present)
        await room.admit(present)
        for count in (2, 3):
            room.pass_on(events.event_text({"type": "presence", "count": count, "organisations": []}))
        await asyncio.sleep(0.05)
        received = [json.loads(frame) for frame in present.frames]
        assert received[-1] == {"type": "presence", "count": 3, "organisations": []}
        replayed = Connection(0)
        await rooms.enter(session_id, replayed)
        await room.admit(replayed, with_presence=True)
        assert [json.loads(frame) for frame in replayed.frames] == [
            {"type": "presence", "count": 3, "organisations": []}
        ]
        for connection in (present, replayed):
            await rooms.leave(room, connection)

    run(scenario)
