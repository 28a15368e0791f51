"""Frames written straight to daphne's sockets (``labs.live.wire``): well formed at every length,
and in order with everything else the connection sends, over a real daphne process."""

import asyncio
import os
import uuid

import pytest
from asgiref.sync import async_to_sync
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from websockets.frames import Frame, Opcode
from websockets.streams import StreamReader

from bench.cluster import DaphneCluster
from bench.lab_client import LabClient, ws_url
from labs.live import wire
from labs.models import Stage
from people import groups
from tests.labs.live_room import store_events
from tests.labs.live_servers import ack, database_url, event_seen, signed_in_cookie


def parsed(data: bytes) -> Frame:
    """``data`` read back by the websockets library's own frame parser, as a client would."""
    reader = StreamReader()
    reader.feed_data(data)
    reader.feed_eof()
    parser = Frame.parse(reader.read_exact, mask=False)
    try:
        while True:
            next(parser)
    except StopIteration as done:
        return done.value


@pytest.mark.parametrize("size", [0, 125, 126, 65535, 65536, 200_000])
def test_a_text_frame_of_any_length_reads_back_as_the_same_text(size):
    text = ("é" * size)[:size] if size < 10 else "x" * size
    frame = parsed(wire.text_frame(text.encode()))
    assert frame.opcode is Opcode.TEXT and frame.fin
    assert frame.data.decode() == text


def test_only_daphnes_own_send_is_written_to_directly():
    async def send(message):
        return None

    assert wire.Wire.of(send) is None
    assert wire.Wire.of(None) is None


@pytest.fixture
def daphne(tmp_path):
    """One daphne process on the test database, with the in-memory channel layer."""
    env = {
        **{name: value for name, value in os.environ.items() if name != "REDIS_URL"},
        "DJANGO_SETTINGS_MODULE": "config.test_settings",
        "DATABASE_URL": database_url(connection.settings_dict),
        "SECRET_KEY": settings.SECRET_KEY,
        "DEBUG": "0",
        "LADDER_VAR_DIR": str(tmp_path),
        "LADDER_LOG_FILE": str(tmp_path / "django.log"),
    }
    with DaphneCluster(env, count=1, log_dir=tmp_path) as cluster:
        yield cluster
    log = tmp_path / "django.log"
    assert not (log.exists() and log.read_text().strip()), log.read_text()[-3000:]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_big_replays_and_live_events_arrive_whole_in_order_and_once(daphne, lab_session_factory, user_factory):
    session = lab_session_factory(stage=Stage.IDEAS)
    host = user_factory(username=f"host-{uuid.uuid4().hex[:8]}", is_staff=True)
    host.groups.add(Group.objects.get_or_create(name=groups.FACILITATORS)[0])
    # 150 long announcements: a replay of them goes out in frames of 100 and 50 (about 70 and
    # 35 KB: the 64-bit and 16-bit lengths); acks and single events are short frames.
    stored = store_events(
        session.pk,
        [("announcement", {"announcement": {"id": n, "text": f"{n} " + "a" * 600}}) for n in range(150)],
    )
    url = ws_url(daphne.urls[0], f"/ws/labs/{session.pk}/")
    cookies = [signed_in_cookie(host), signed_in_cookie(host)]

    async def scenario():
        reader = await LabClient([url], cookies[0], name="reader", keep_events=True).start(after=0)
        writer = await LabClient([url], cookies[1], name="writer", keep_events=True).start()
        try:
            result = await ack(writer, "idea.post", text="Lunch clubs in every neighbourhood")
            posted = await event_seen(reader, lambda m: m["type"] == "idea.posted")
            assert posted["idea"]["id"] == result["idea_id"]
            await ack(writer, "announce", text="Tea is in the hall")
            await event_seen(
                reader, lambda m: m["type"] == "announcement" and m["announcement"]["text"] == "Tea is in the hall"
            )
            seqs = [seq for seq, _ in reader.events]
            assert seqs == list(range(1, seqs[-1] + 1))
            assert [m["announcement"]["text"] for _, m in reader.events[:150]] == [
                f"{n} " + "a" * 600 for n in range(150)
            ]
            assert reader.duplicates == 0 and not reader.missing and reader.frames < len(reader.events)
        finally:
            await asyncio.gather(reader.close(), writer.close())

    async_to_sync(scenario)()
    assert stored[-1].seq == 150
