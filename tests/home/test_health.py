"""/healthz reports the database and the channel layer, and the live rooms that cannot hear it."""

import asyncio
from unittest import mock

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import InMemoryChannelLayer
from django.core.cache import cache

from labs.live import fanout, rooms
from tests.labs.flaky_layer import FlakyLayer

pytestmark = pytest.mark.django_db


def test_healthz_is_200_with_both_checks_when_all_is_well(client):
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["channel_layer"]["ok"] is True


def test_healthz_is_503_when_the_database_does_not_answer(client):
    failing = {"ok": False, "vendor": "sqlite", "error": "OperationalError"}
    with mock.patch("home.views.check_database", return_value=failing):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["database"] == failing


def test_healthz_is_never_cached(client):
    assert "no-cache" in client.get("/healthz")["Cache-Control"]


def test_database_check_reports_a_failing_connection_without_raising():
    from home.health import check_database

    connection = mock.Mock(vendor="postgresql")
    connection.cursor.side_effect = RuntimeError("down")
    assert check_database(connection) == {"ok": False, "vendor": "postgresql", "error": "RuntimeError"}


class RedisLayerThatMustNotReceive(InMemoryChannelLayer):
    """A layer that says its Redis is at ``address`` and records every ``receive``."""

    def __init__(self, address):
        super().__init__()
        self.hosts = [{"address": address}]
        self.receives = []

    async def receive(self, channel):
        self.receives.append(channel)
        return await super().receive(channel)


def test_the_redis_check_never_receives_on_the_layer_and_reports_an_unreachable_redis(client):
    layer = RedisLayerThatMustNotReceive("redis://127.0.0.1:1/0")  # nothing listens on port 1
    with mock.patch("home.health.get_channel_layer", return_value=layer):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json()["checks"]["channel_layer"] == {
        "ok": False,
        "backend": "RedisLayerThatMustNotReceive",
        "error": "ConnectionError",
    }
    assert layer.receives == []  # a live room's reader shares the process's receiving connection


def test_healthz_answers_json_without_touching_the_page_cache_when_the_cache_is_down(client):
    down = ConnectionError("Error 111 connecting to Redis")
    with mock.patch.object(cache, "get", side_effect=down) as cache_get:
        response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["status"] == "ok"
    assert not cache_get.called


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_healthz_is_503_and_names_a_live_room_that_cannot_hear_the_channel_layer(client, lab_session):
    layer = FlakyLayer()

    async def scenario():
        class Connection:
            last_sent = 0

        connection = Connection()
        with mock.patch.object(fanout, "get_channel_layer", return_value=layer):
            room = await rooms.enter(lab_session.pk, connection)
            await room.admit(connection)
            layer.go_down()
            await asyncio.sleep(0.05)
            down = await sync_to_async(client.get)("/healthz")
            layer.come_back()
            for _ in range(300):
                if room.listening:
                    break
                await asyncio.sleep(0.01)
            up = await sync_to_async(client.get)("/healthz")
            await rooms.leave(room, connection)
        return down, up

    try:
        down, up = async_to_sync(scenario)()
    finally:
        rooms.forget_rooms()
    assert down.status_code == 503
    check = down.json()["checks"]["channel_layer"]
    assert check["ok"] is False and list(check["not_listening"]) == [str(lab_session.pk)]
    assert up.status_code == 200
