"""Helpers for the live-room tests: people connected to a session over real websocket frames.

``play(scenario)`` runs ``async def scenario(room)`` in an event loop and afterwards closes every
connection the room opened and waits for pending tallies and presence events, so nothing
touches the database after the test.
"""

import json
from collections import deque
from itertools import count

from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client

from labs.live import events, locks, presence, rooms, tallies, timers
from labs.routing import websocket_urlpatterns
from people import groups
from people.sockets import socket_application
from tests.people.factories import ProfileFactory

ORIGIN = b"http://localhost"
#: The Host header of the test sockets: their own origin is ``ORIGIN``.
HOST = b"localhost"
TIMEOUT = 3


def application():
    """The websocket side of ``config.asgi``: origin check, session-cookie sign-in, the routes."""
    return socket_application(websocket_urlpatterns)


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def store_events(session_id: int, new_events: list[tuple[str, dict]]) -> list[events.Sent]:
    """Store ``new_events`` (type, payload) as every change does: numbered under the session's lock,
    in a transaction of their own, and not broadcast (as if another process stored them)."""
    with transaction.atomic():
        return events.write_events(locks.lock_session(session_id), new_events)


def participant(session, **profile):
    """A person with a profile and a confirmed place at the session's lab."""
    from tests.labs.factories import RegistrationFactory

    user = ProfileFactory(**profile).user
    RegistrationFactory(lab=session.lab, person=user)
    return user


def facilitator(**profile):
    """A person in the Facilitators group (staff: may join every session)."""
    user = ProfileFactory(staff=True, **profile).user
    user.groups.add(Group.objects.get_or_create(name=groups.FACILITATORS)[0])
    return user


class Person:
    """One open connection: send messages, read what the server sends."""

    def __init__(self, communicator):
        self.communicator = communicator
        self.ids = count(1)
        self.unread = deque()  # messages of a frame that held several events
        self.frames = 0

    async def send_text(self, text: str):
        await self.communicator.send_to(text_data=text)

    async def send(self, message_type: str, /, client_id: str | None = None, **fields) -> str:
        client_id = client_id or f"m{next(self.ids)}"
        await self.send_text(json.dumps({"type": message_type, "id": client_id, **fields}))
        return client_id

    async def receive(self, timeout: float = TIMEOUT) -> dict:
        """The next message, whether it came alone or in a frame of several events."""
        if not self.unread:
            received = json.loads(await self.communicator.receive_from(timeout))
            self.frames += 1
            self.unread.extend(received if isinstance(received, list) else [received])
        return self.unread.popleft()

    async def receive_until(self, wanted, timeout: float = TIMEOUT) -> tuple[dict, list[dict]]:
        """The first message of type ``wanted`` (or for which ``wanted(message)`` holds), and those before it."""
        matches = wanted if callable(wanted) else (lambda message: message["type"] == wanted)
        skipped = []
        while True:
            message = await self.receive(timeout)
            if matches(message):
                return message, skipped
            skipped.append(message)

    async def reply_to(self, client_id: str) -> dict:
        message, _ = await self.receive_until(
            lambda m: m["type"] in {"ack", "error", "pong"} and m.get("id") == client_id
        )
        return message

    async def ack(self, message_type: str, /, **fields) -> dict:
        """Send a message and return its ack's result (failing on an error)."""
        reply = await self.reply_to(await self.send(message_type, **fields))
        assert reply["type"] == "ack", reply
        return reply["result"]

    async def error(self, message_type: str, /, **fields) -> dict:
        """Send a message and return the error it gets (failing on an ack)."""
        reply = await self.reply_to(await self.send(message_type, **fields))
        assert reply["type"] == "error", reply
        return reply

    async def join(self, after: int | None = None) -> dict:
        """Join and return the ``state`` snapshot (without ``after``)."""
        fields = {} if after is None else {"after": after}
        await self.send("join", **fields)
        state, _ = await self.receive_until("state")
        return state

    async def replay(self, after: int) -> list[dict]:
        """Join with ``after``; the events replayed, then ``caught_up`` last."""
        await self.send("join", after=after)
        caught_up, replayed = await self.receive_until("caught_up")
        return [*replayed, caught_up]

    async def event(self, kind: str, **expected) -> dict:
        """The next event of type ``kind`` whose fields include ``expected``."""
        message, _ = await self.receive_until(
            lambda m: m["type"] == kind and all(m.get(name) == value for name, value in expected.items())
        )
        return message

    async def nothing_more(self, timeout: float = 0.3) -> bool:
        return not self.unread and await self.communicator.receive_nothing(timeout)


class Room:
    """Connections to one session, closed at the end of ``play``."""

    def __init__(self, session):
        self.session = session
        self.communicators = []

    async def open(self, user=None, origin: bytes = ORIGIN, path: str | None = None, headers=()):
        """A communicator to the session (or ``path``), signed in as ``user`` (anonymous when None)."""
        headers = [*headers, (b"host", HOST), *([(b"origin", origin)] if origin else [])]  # the first host counts
        if user is not None:
            cookie = await database_sync_to_async(session_cookie)(user)
            headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie}".encode()))
        communicator = WebsocketCommunicator(application(), path or f"/ws/labs/{self.session.pk}/", headers=headers)
        self.communicators.append(communicator)
        return communicator

    async def enter(self, user) -> Person:
        """Connect as ``user`` (who may join) and return the connection."""
        communicator = await self.open(user)
        connected, _ = await communicator.connect(timeout=TIMEOUT)
        assert connected
        return Person(communicator)

    async def joined(self, user) -> tuple[Person, dict]:
        person = await self.enter(user)
        return person, await person.join()


def play(session, scenario, presence_interval: float = 0.05, tally_interval: float | None = None) -> None:
    """Run ``async def scenario(room)``; then close every connection and let pending events out.

    Presence events are sent every 0.05 s here (not every second) unless ``presence_interval``
    says otherwise, so tests do not wait; tallies keep their real interval unless told.
    """
    presence.PRESENCE.interval = presence_interval
    tallies.TALLIES.interval = tally_interval or tallies.TALLY_INTERVAL

    async def whole():
        room = Room(session)
        try:
            await scenario(room)
        finally:
            for communicator in room.communicators:
                try:
                    await communicator.disconnect(timeout=TIMEOUT)
                except Exception:  # noqa: BLE001 - already closed by the server
                    pass
            await tallies.TALLIES.settle()
            await presence.PRESENCE.settle()
            await timers.forget()

    try:
        async_to_sync(whole)()
    finally:
        events.forget_recent()
        rooms.forget_rooms()
        presence.reset()
        tallies.TALLIES.reset()
        presence.PRESENCE.interval = presence.PRESENCE_INTERVAL
        tallies.TALLIES.interval = tallies.TALLY_INTERVAL
