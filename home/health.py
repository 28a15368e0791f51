"""Checks behind /healthz: each returns {"ok": bool, ...} and never raises."""

import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer


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
    """Send a message to a private channel and read it back."""
    layer = get_channel_layer()
    if layer is None:
        return {"ok": False, "error": "no channel layer configured"}
    backend = layer.__class__.__name__
    try:
        async_to_sync(_round_trip)(layer)
        return {"ok": True, "backend": backend}
    except Exception as error:  # noqa: BLE001
        return {"ok": False, "backend": backend, "error": error.__class__.__name__}


async def _round_trip(layer):
    import asyncio

    channel = await layer.new_channel(prefix="healthz")
    token = uuid.uuid4().hex
    await layer.send(channel, {"type": "healthz.ping", "token": token})
    message = await asyncio.wait_for(layer.receive(channel), timeout=2)
    if message.get("token") != token:
        raise RuntimeError("channel layer returned a different message")
