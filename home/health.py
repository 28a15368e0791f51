"""Checks behind /healthz: each returns {"ok": bool, ...} and never raises.

The channel-layer check must not disturb the live rooms of the process it runs in. On Redis it
therefore never calls the layer's ``receive`` (one process shares one receiving connection
between all its channels, so a check waiting there contends with the rooms' readers and fails
at random): it writes and reads back a short-lived key of its own on each Redis host over a
plain connection. It also reports the live rooms of this process whose reader cannot hear the
channel layer, as told by the apps that run live rooms (labs registers ``labs.live.rooms`` when it
starts, so this module imports no app above it): such a process is up but delivers other
processes' events late, so it is not healthy.
"""

import asyncio
import functools
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

#: Seconds a health check waits for an answer.
TIMEOUT_SECONDS = 2

#: Functions naming the live rooms of this process that cannot hear the channel layer.
_room_reporters = []


def register_room_reporter(report):
    """Have the channel-layer check call ``report()`` for this process's live rooms that cannot hear
    the layer (it returns session id -> seconds); called by an app with live rooms when it starts."""
    if report not in _room_reporters:
        _room_reporters.append(report)


def check_database(connection):
    """Run a trivial query on the default database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return {"ok": True, "vendor": connection.vendor}
    except Exception as error:  # noqa: BLE001 - a health check reports every failure
        return {"ok": False, "vendor": connection.vendor, "error": error.__class__.__name__}


def check_channel_layer():
    """Reach the channel layer without touching the rooms' channels, and name any live room here
    that cannot hear it (``not_listening``: session id -> seconds)."""
    layer = get_channel_layer()
    if layer is None:
        return {"ok": False, "error": "no channel layer configured"}
    report = {"ok": True, "backend": layer.__class__.__name__}
    try:
        addresses = redis_addresses(layer)
        if addresses:
            for address in addresses:
                _redis_round_trip(address, getattr(layer, "prefix", "asgi"))
        else:
            async_to_sync(_round_trip)(layer)
    except Exception as error:  # noqa: BLE001
        report.update(ok=False, error=error.__class__.__name__)
    not_listening = {}
    for reporter in _room_reporters:
        not_listening.update(reporter())
    if not_listening:
        report.update(ok=False, not_listening={str(session): seconds for session, seconds in not_listening.items()})
    return report


def redis_addresses(layer) -> list:
    """The Redis hosts of a ``channels_redis`` layer (URLs or host/port pairs); [] for another layer."""
    hosts = getattr(layer, "hosts", None)
    if not hosts:
        return []
    return [host.get("address") or (host.get("host"), host.get("port", 6379)) for host in hosts]


@functools.cache
def _redis_client(address):
    import redis

    options = {"socket_timeout": TIMEOUT_SECONDS, "socket_connect_timeout": TIMEOUT_SECONDS}
    if isinstance(address, str):
        return redis.Redis.from_url(address, **options)
    host, port = address
    return redis.Redis(host=host, port=port, **options)


def _redis_round_trip(address, prefix):
    """Write a key of this check's own with a short expiry and read it back."""
    client = _redis_client(address)
    key, token = f"{prefix}:healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    client.set(key, token, px=TIMEOUT_SECONDS * 1000)
    if client.get(key) != token.encode():
        raise RuntimeError("Redis returned a different value")
    client.delete(key)


async def _round_trip(layer):
    """Send a message to a private channel and read it back (a layer in this process only)."""
    channel = await layer.new_channel(prefix="healthz")
    token = uuid.uuid4().hex
    await layer.send(channel, {"type": "healthz.ping", "token": token})
    message = await asyncio.wait_for(layer.receive(channel), timeout=TIMEOUT_SECONDS)
    if message.get("token") != token:
        raise RuntimeError("channel layer returned a different message")
