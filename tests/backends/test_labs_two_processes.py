"""A live lab session on two daphne processes sharing one database and Redis.

Each test starts two real daphne processes (``bench/cluster.py``) on the test database (a SQLite
file, or PostgreSQL when ``DATABASE_URL`` is set) and Redis, and talks to them over real
websockets with ``bench.lab_client.LabClient`` (session cookie and Origin header, replay from the
last ``seq`` on reconnection, failing over to the other process). They need Redis:
``make test-backends`` sets ``REDIS_URL``; without it they are skipped.

The fault tests give the processes a private Redis of their own, which they restart, and freeze
one process (SIGSTOP) and resume it (SIGCONT). Nothing may be lost, and delivery between the
processes must be back to normal (well under a second) once the fault is over.
"""

import asyncio
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import time
import urllib.error
import urllib.request
import uuid

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection

from bench.cluster import DaphneCluster
from bench.lab_client import LabClient, ws_url
from bench.server import free_port
from labs.models import Idea, IdeaVote, PollAnswer
from people import groups
from tests.labs.live_servers import TIMEOUT, ack, database_url, event_seen, signed_in_cookie

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"),
        reason="needs Redis for the channel layer between processes: set REDIS_URL (make test-backends does)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def cluster_env(tmp_path, **extra):
    """The environment of daphne processes on the test database and Redis, sharing one prefix."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.backends.daphne_settings",
        "LADDER_SHARED_PREFIX": f"ladder-two-processes-{uuid.uuid4().hex[:12]}",
        "DATABASE_URL": database_url(connection.settings_dict),
        "SECRET_KEY": settings.SECRET_KEY,
        "DEBUG": "0",
        "LADDER_VAR_DIR": str(tmp_path),
        "LADDER_LOG_FILE": str(tmp_path / "django.log"),
        **extra,
    }


def print_server_errors(tmp_path):
    log = tmp_path / "django.log"
    if log.exists() and log.read_text().strip():
        print(f"Server errors:\n{log.read_text()[-5000:]}")


@pytest.fixture
def daphnes(tmp_path):
    """Two daphne processes on the test database and Redis, sharing one channel-layer prefix."""
    with DaphneCluster(cluster_env(tmp_path), count=2, log_dir=tmp_path) as cluster:
        yield cluster
    print_server_errors(tmp_path)


@pytest.fixture
def room(lab_session_factory, user_factory, registration_factory):
    """A live session, a facilitator and four participants with confirmed places: their cookies."""
    session = lab_session_factory()
    facilitator = user_factory(username=f"facilitator-{uuid.uuid4().hex[:8]}", is_staff=True)
    facilitator.groups.add(Group.objects.get_or_create(name=groups.FACILITATORS)[0])
    participants = []
    for number in range(4):
        person = user_factory(username=f"participant-{number}-{uuid.uuid4().hex[:8]}")
        registration_factory(lab=session.lab, person=person)
        participants.append(signed_in_cookie(person))
    return {"session": session, "facilitator": signed_in_cookie(facilitator), "participants": participants}


def socket_urls(cluster, session, first):
    """The socket addresses of both processes, starting with process ``first``."""
    urls = [ws_url(url, f"/ws/labs/{session.pk}/") for url in cluster.urls]
    return urls[first:] + urls[:first]


def seq_types(client, after=0, upto=None):
    return [(seq, message["type"]) for seq, message in client.events if seq > after and (upto is None or seq <= upto)]


def test_a_client_on_one_process_sees_events_from_the_other_and_a_late_client_replays_them_all(daphnes, room):
    session = room["session"]

    async def scenario():
        facilitator = await LabClient(
            socket_urls(daphnes, session, 0), room["facilitator"], name="facilitator", keep_events=True
        ).start()
        alice = await LabClient(
            socket_urls(daphnes, session, 0), room["participants"][0], name="alice", keep_events=True
        ).start()
        bob = await LabClient(
            socket_urls(daphnes, session, 1), room["participants"][1], name="bob", keep_events=True
        ).start()
        try:
            await ack(facilitator, "stage.set", stage="ideas")
            alice_idea = (await ack(alice, "idea.post", text="A shared rota for respite"))["idea_id"]
            seen_by_bob = await event_seen(bob, lambda m: m["type"] == "idea.posted" and m["idea"]["id"] == alice_idea)
            assert seen_by_bob["idea"]["text"] == "A shared rota for respite"
            bob_idea = (await ack(bob, "idea.post", text="Digital care records everyone can read"))["idea_id"]
            await event_seen(alice, lambda m: m["type"] == "idea.posted" and m["idea"]["id"] == bob_idea)
            # a quiet connection stays open on Redis (no read timeout ends the channel layer's receive)
            await asyncio.sleep(6.5)
            assert [client.reconnects for client in (facilitator, alice, bob)] == [0, 0, 0]
            await ack(facilitator, "announce", text="Thank you all.")
            end = (await event_seen(facilitator, lambda m: m["type"] == "announcement"))["seq"]
            for client in (alice, bob):
                assert await client.wait_seq(end, TIMEOUT)

            carol = await LabClient(
                socket_urls(daphnes, session, 1), room["participants"][2], name="carol", keep_events=True
            ).start(after=0)
            try:
                assert await carol.wait_seq(end, TIMEOUT)
                replayed = seq_types(carol, upto=end)
                assert [seq for seq, _type in replayed] == list(range(1, end + 1))
                for client in (alice, bob):
                    assert seq_types(client, after=client.join_seq, upto=end) == seq_types(
                        carol, after=client.join_seq, upto=end
                    )
                    assert client.duplicates == 0 and not client.missing
                assert ("idea.posted" in {t for _s, t in replayed}) and ("announcement" in {t for _s, t in replayed})
            finally:
                await carol.close()
        finally:
            for client in (facilitator, alice, bob):
                await client.close()

    asyncio.run(asyncio.wait_for(scenario(), 120))


def stored(session, poll_id):
    """What the database holds: idea texts, the number of votes and of poll answers."""
    try:
        return (
            list(Idea.objects.filter(session=session).values_list("text", flat=True)),
            IdeaVote.objects.filter(idea__session=session).count(),
            PollAnswer.objects.filter(poll_id=poll_id).count(),
        )
    finally:
        connection.close()


def room_view(state):
    """What must survive a restart: the stage, the visible ideas with their votes, the polls."""
    return {
        "stage": state["session"]["stage"],
        "ideas": sorted((idea["id"], idea["text"], idea["votes"], idea["pinned"]) for idea in state["ideas"]),
        "polls": sorted(
            (poll["id"], poll["question"], poll["open"], tuple(poll["counts"]), poll["total"])
            for poll in state["polls"]
        ),
    }


def test_when_one_process_is_killed_its_clients_fail_over_and_everyone_ends_with_the_same_events(daphnes, room):
    session = room["session"]

    async def scenario():
        facilitator = await LabClient(
            socket_urls(daphnes, session, 1), room["facilitator"], name="facilitator", keep_events=True
        ).start()
        # two participants on the process that will die, two on the one that lives
        people = [
            await LabClient(
                socket_urls(daphnes, session, number % 2), cookie, name=f"p{number}", keep_events=True
            ).start()
            for number, cookie in enumerate(room["participants"])
        ]
        on_doomed = [people[0], people[2]]
        everyone = [facilitator, *people]
        try:
            await ack(facilitator, "stage.set", stage="ideas")

            async def post_ideas(client, count):
                ids = []
                for number in range(count):
                    ids.append((await ack(client, "idea.post", text=f"{client.name} idea {number}"))["idea_id"])
                    await asyncio.sleep(0.05)
                return ids

            posting = [asyncio.create_task(post_ideas(client, 6)) for client in people]
            await asyncio.sleep(0.15)  # some ideas are in, others in flight
            daphnes.kill(0)
            posted = [idea for ids in await asyncio.gather(*posting) for idea in ids]

            await ack(facilitator, "idea.hide", idea_id=posted[0])
            await ack(facilitator, "stage.set", stage="voting")
            visible = posted[1:]
            for number, client in enumerate(people):
                for offset in range(3):
                    await ack(client, "vote.cast", idea_id=visible[(number * 3 + offset) % len(visible)])
            poll = await ack(
                facilitator, "poll.open", question="Which first?", kind="choice", options=["Rota", "Records", "Both"]
            )
            poll_id = (
                poll.get("poll_id")
                or (await event_seen(facilitator, lambda m: m["type"] == "poll.opened"))["poll"]["id"]
            )
            for number, client in enumerate(people):
                await ack(client, "poll.answer", poll_id=poll_id, choice=number % 3)
            await ack(facilitator, "stage.set", stage="discussion")
            await asyncio.sleep(0.6)  # the last coalesced tallies go out
            await ack(facilitator, "announce", text="That is the end.")
            end = (await event_seen(facilitator, lambda m: m["type"] == "announcement"))["seq"]
            for client in everyone:
                assert await client.wait_seq(end, TIMEOUT), f"{client.name} stopped at {client.last_seq}"

            for client in on_doomed:
                assert client.reconnects >= 1, f"{client.name} never reconnected"
            for client in (facilitator, people[1], people[3]):
                assert client.reconnects == 0, f"{client.name}, on the live process, was disconnected"
            start = max(client.join_seq for client in everyone)
            expected = seq_types(facilitator, after=start, upto=end)
            assert [seq for seq, _type in expected] == list(range(start + 1, end + 1))
            for client in people:
                assert client.duplicates == 0, f"{client.name} received {client.duplicates} events twice"
                assert not client.missing and client.skipped_by_state == 0
                assert seq_types(client, after=start, upto=end) == expected, f"{client.name} saw different events"
            # every idea was applied once, even those sent again after the failover
            texts, votes, answers = await asyncio.to_thread(stored, session, poll_id)
            assert len(texts) == len(set(texts)) == 24
            assert votes == 12
            assert answers == 4

            before = await LabClient(socket_urls(daphnes, session, 1), room["facilitator"], name="before").start()
            state_before = before.state
            await before.close()
        finally:
            for client in everyone:
                await client.close()

        daphnes.kill(1)  # every process gone, then all back
        await asyncio.to_thread(daphnes.start)
        after = await LabClient(socket_urls(daphnes, session, 0), room["facilitator"], name="after").start()
        try:
            assert room_view(after.state) == room_view(state_before)
            view = room_view(after.state)
            assert view["stage"] == "discussion"
            assert posted[0] not in {idea[0] for idea in view["ideas"]}
            assert sum(idea[2] for idea in view["ideas"]) == 12
            assert [poll[4] for poll in view["polls"]] == [4]
        finally:
            await after.close()

    asyncio.run(asyncio.wait_for(scenario(), 180))


# --- Faults -------------------------------------------------------------------------------------
#: Once a fault is over, events must cross from one process to the other within this (seconds).
RECOVERED_LATENCY = 1.0


class PrivateRedis:
    """A redis-server of the test's own on a free port, which the test may stop and start again."""

    def __init__(self, directory):
        self.directory = directory
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [shutil.which("redis-server"), "--bind", "127.0.0.1", "--port", str(self.port)]
            + ["--save", "", "--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        """End it at once (SIGKILL): everything it held is gone, as in a crash."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def private_redis(tmp_path):
    if not shutil.which("redis-server"):
        pytest.fail("redis-server is needed for the fault tests (apt-get install redis-server)")
    redis = PrivateRedis(tmp_path).start()
    yield redis
    redis.stop()


@pytest.fixture
def daphnes_on_private_redis(tmp_path, private_redis):
    """Two daphne processes whose channel layer and cache are the test's private Redis."""
    env = cluster_env(tmp_path, REDIS_URL=private_redis.url)
    with DaphneCluster(env, count=2, log_dir=tmp_path) as cluster:
        yield cluster
    print_server_errors(tmp_path)


def health(url):
    """(status, JSON body) of ``/healthz``; fails when the body is not JSON."""
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:
            status, body, kind = response.status, response.read(), response.headers.get("Content-Type")
    except urllib.error.HTTPError as error:
        status, body, kind = error.code, error.read(), error.headers.get("Content-Type")
    assert kind == "application/json", f"/healthz answered {status} {kind}: {body[:200]!r}"
    return status, json.loads(body)


async def wait_healthy(cluster, seconds=15):
    deadline = time.monotonic() + seconds
    while True:
        statuses = [(await asyncio.to_thread(health, url))[0] for url in cluster.urls]
        if statuses == [200] * len(statuses):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"/healthz still {statuses} {seconds} s after the fault")
        await asyncio.sleep(0.2)


def text_of(message):
    """The text of an announcement or a question, else None."""
    if message["type"] == "announcement":
        return message["announcement"]["text"]
    if message["type"] == "question.asked":
        return message["question"]["text"]
    return None


async def announced(client, text, seconds=TIMEOUT):
    """Wait until ``client`` has the announcement or question ``text``; its seq."""
    deadline = time.monotonic() + seconds
    while True:
        for seq, message in reversed(client.events[-200:]):
            if text_of(message) == text:
                return seq
        if time.monotonic() > deadline:
            raise AssertionError(f"{client.name} never received {text!r} (last seq {client.last_seq})")
        await asyncio.sleep(0.005)


async def delivery_times(sender, receiver, label, count=12):
    """Seconds from sending each of ``count`` announcements (from a facilitator) or questions (from
    anyone else) to ``receiver`` having it."""
    kind = "announce" if sender.name == "facilitator" else "question.ask"
    times = []
    for number in range(count):
        text = f"{label} {number}"
        started = time.monotonic()
        await ack(sender, kind, text=text)
        await announced(receiver, text)
        times.append(time.monotonic() - started)
    return times


def p95(times):
    return statistics.quantiles(times, n=20)[-1]


def assert_nothing_lost(clients, end):
    for client in clients:
        assert not client.missing, f"{client.name} missed {sorted(client.missing)}"
        assert client.duplicates == 0, f"{client.name} received {client.duplicates} events twice"
        assert client.last_seq >= end


async def clients_in(cluster, room):
    """The facilitator and a participant on process 0, a participant on process 1."""
    session = room["session"]
    facilitator = await LabClient(
        socket_urls(cluster, session, 0), room["facilitator"], name="facilitator", keep_events=True, reconnect=False
    ).start()
    alice = await LabClient(
        socket_urls(cluster, session, 0), room["participants"][0], name="alice", keep_events=True, reconnect=False
    ).start()
    bob = await LabClient(
        socket_urls(cluster, session, 1), room["participants"][1], name="bob", keep_events=True, reconnect=False
    ).start()
    return facilitator, alice, bob


def test_a_redis_restart_loses_nothing_keeps_connections_up_and_delivery_is_quick_again(
    daphnes_on_private_redis, private_redis, room
):
    cluster = daphnes_on_private_redis

    async def scenario():
        facilitator, alice, bob = await clients_in(cluster, room)
        everyone = (facilitator, alice, bob)
        try:
            before = await delivery_times(facilitator, bob, "before")
            # live rooms reading on both processes: /healthz is 200 every time (no contention)
            polls = [(await asyncio.to_thread(health, url))[0] for _ in range(12) for url in cluster.urls]
            assert polls == [200] * len(polls)

            private_redis.stop()
            await asyncio.sleep(0.5)
            status, body = await asyncio.to_thread(health, cluster.urls[1])
            assert status == 503 and body["checks"]["channel_layer"]["ok"] is False
            # stored and acknowledged while Redis is away; the connection stays up (no 1011)
            await ack(facilitator, "announce", text="while Redis is away")
            await announced(alice, "while Redis is away", 2)  # same process: at once
            await announced(bob, "while Redis is away", 6)  # the other process reads the log
            status, body = await asyncio.to_thread(health, cluster.urls[1])
            assert status == 503 and body["checks"]["channel_layer"]["not_listening"]

            private_redis.start()
            await wait_healthy(cluster)
            after = await delivery_times(facilitator, bob, "after")
            back = await delivery_times(bob, facilitator, "back")
            assert max(after + back) < RECOVERED_LATENCY, (
                f"after the restart: p95 {p95(after + back):.3f} s, max {max(after + back):.3f} s "
                f"(before: p95 {p95(before):.3f} s)"
            )
            end = await announced(facilitator, "back 11")
            for client in everyone:
                assert await client.wait_seq(end, TIMEOUT)
                assert client.reconnects == 0 and not client.gone, f"{client.name} lost its connection"
            assert_nothing_lost(everyone, end)
        finally:
            for client in everyone:
                await client.close()

    asyncio.run(asyncio.wait_for(scenario(), 90))


def test_a_frozen_process_resumed_delivers_what_it_missed_and_is_quick_again(daphnes_on_private_redis, room):
    cluster = daphnes_on_private_redis

    async def scenario():
        facilitator, alice, bob = await clients_in(cluster, room)
        everyone = (facilitator, alice, bob)
        try:
            await delivery_times(facilitator, bob, "before", count=4)
            frozen = cluster.processes[1]
            frozen.send_signal(signal.SIGSTOP)
            try:
                for number in range(5):
                    await ack(facilitator, "announce", text=f"while frozen {number}")
                await asyncio.sleep(3)
                assert not any((text_of(m) or "").startswith("while frozen") for _s, m in bob.events)
            finally:
                frozen.send_signal(signal.SIGCONT)
            await announced(bob, "while frozen 4", 5)
            after = await delivery_times(facilitator, bob, "after")
            back = await delivery_times(bob, alice, "back")
            assert max(after + back) < RECOVERED_LATENCY, (
                f"after the freeze: p95 {p95(after + back):.3f} s, max {max(after + back):.3f} s"
            )
            end = await announced(facilitator, "back 11")
            for client in everyone:
                assert await client.wait_seq(end, TIMEOUT)
                assert client.reconnects == 0 and not client.gone
            assert_nothing_lost(everyone, end)
        finally:
            for client in everyone:
                await client.close()

    asyncio.run(asyncio.wait_for(scenario(), 90))
