"""Helpers for tests that talk to real daphne processes over real websockets (``bench.cluster``,
``bench.lab_client.LabClient``): the test database's address for the processes, a signed-in cookie,
and waiting (bounded) for acks and events."""

import asyncio

from django.conf import settings

from people.sessions import signed_in_session_key

TIMEOUT = 20.0


def database_url(settings_dict):
    """The test database's address, for server processes started by a test."""
    if "sqlite" in settings_dict["ENGINE"]:
        return f"sqlite:///{settings_dict['NAME']}"
    user = settings_dict.get("USER") or ""
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    return f"postgres://{auth}{host}:{settings_dict.get('PORT') or 5432}/{settings_dict['NAME']}"


def signed_in_cookie(person):
    """A ``Cookie`` header value signed in as ``person``."""
    return f"{settings.SESSION_COOKIE_NAME}={signed_in_session_key(person)}"


async def ack(client, message_type, **fields):
    try:
        reply = await client.request(message_type, timeout=TIMEOUT, **fields)
    except TimeoutError:
        raise AssertionError(
            f"{client.name}: no answer to {message_type} {fields} (on {client.url}, reconnects {client.reconnects}, "
            f"last seq {client.last_seq}, errors {dict(client.errors)})"
        ) from None
    assert reply["type"] == "ack", reply
    return reply.get("result") or {}


async def event_seen(client, predicate):
    """Wait (bounded) until ``client`` has received an event matching ``predicate``; return it."""
    for _ in range(int(TIMEOUT / 0.02)):
        for _seq, message in client.events:
            if predicate(message):
                return message
        await asyncio.sleep(0.02)
    raise AssertionError(f"{client.name} never saw the event")
