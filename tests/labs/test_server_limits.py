"""The websocket limits of Ladder's server (``config.server``), on a real daphne process: a path
that matches no route is refused at the handshake, a message over 4,096 bytes gets an error
naming it, and a frame over 64 KiB closes the connection with 1009 (not a dropped socket)."""

import asyncio
import json
import os

import pytest
from django.conf import settings
from django.db import connection

from bench import ws_client
from bench.cluster import DaphneCluster
from bench.lab_client import ws_url
from tests.labs.live_room import participant
from tests.labs.live_servers import database_url, signed_in_cookie

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TIMEOUT = 20.0


@pytest.fixture(scope="module")
def server(tmp_path_factory, django_db_setup):
    """One daphne process started as in production (``python -m config.server``) on the test database."""
    log_dir = tmp_path_factory.mktemp("daphne")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.test_settings",
        "DATABASE_URL": database_url(connection.settings_dict),
        "SECRET_KEY": settings.SECRET_KEY,
        "LADDER_VAR_DIR": str(log_dir),
        "LADDER_LOG_FILE": str(log_dir / "django.log"),
    }
    with DaphneCluster(env, count=1, log_dir=log_dir) as cluster:
        yield cluster.urls[0]


class Socket:
    """A connection to the server, keeping what it receives."""

    def __init__(self):
        self.received = asyncio.Queue()
        self.socket = None

    async def open(self, url, cookie=""):
        self.socket = await ws_client.connect(url, lambda payload, t: self.received.put_nowait(payload), cookie=cookie)
        return self

    async def reply(self):
        return json.loads(await asyncio.wait_for(self.received.get(), TIMEOUT))

    async def closed(self):
        return await asyncio.wait_for(asyncio.shield(self.socket.closed), TIMEOUT)


@pytest.mark.parametrize("path", ["/ws/labs/abc/", "/ws/labs/abc", "/ws/nowhere/"])
def test_a_socket_path_that_matches_no_route_is_refused_with_403(server, path):
    async def scenario():
        with pytest.raises(ws_client.HandshakeFailed, match=" 403 "):
            await Socket().open(ws_url(server, path))

    asyncio.run(scenario())


def test_a_large_message_gets_an_error_with_its_id_and_a_frame_over_64_kib_closes_with_1009(server, lab_session):
    cookie = signed_in_cookie(participant(lab_session))
    url = ws_url(server, f"/ws/labs/{lab_session.pk}/")

    async def scenario():
        alice = await Socket().open(url, cookie)
        alice.socket.send(json.dumps({"type": "join", "id": "j"}))
        assert (await alice.reply())["type"] == "state"
        alice.socket.send(json.dumps({"type": "question.ask", "id": "long", "text": "x" * 20_000}))
        refused = await alice.reply()
        assert (refused["code"], refused.get("id")) == ("too_large", "long")
        alice.socket.send(json.dumps({"type": "ping", "id": "huge", "pad": "x" * 70_000}))
        assert await alice.closed() == 1009

    asyncio.run(scenario())
