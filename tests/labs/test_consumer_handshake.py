"""Before and around the first message: which sockets are let in (origin: scheme, host and port),
a path that matches no route, and frames too large or not text, whose errors still name the
message."""

import json

import pytest

from tests.labs.live_room import participant, play

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def handshake(lab_session, origin, headers=(), path=None):
    """Whether a participant's socket with ``origin`` (and more ``headers``) is let in."""
    person = participant(lab_session)
    outcome = {}

    async def scenario(room):
        communicator = await room.open(person, origin=origin, headers=headers, path=path)
        outcome["connected"], _ = await communicator.connect()

    play(lab_session, scenario)
    return outcome["connected"]


def test_a_socket_from_the_site_s_own_origin_is_let_in(lab_session):
    assert handshake(lab_session, b"http://localhost")


@pytest.mark.parametrize(
    "origin",
    [b"http://localhost:8080", b"https://localhost", b"http://localhost.example", b"null", None],
    ids=["same host, other port", "same host, other scheme", "other host", "null", "no origin"],
)
def test_a_socket_from_any_other_origin_is_refused_at_the_handshake(lab_session, origin):
    assert not handshake(lab_session, origin)


def test_an_origin_in_csrf_trusted_origins_is_let_in_with_its_scheme_and_port(lab_session, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://partner.example:8443"]
    assert handshake(lab_session, b"https://partner.example:8443")
    assert not handshake(lab_session, b"https://partner.example")
    assert not handshake(lab_session, b"http://partner.example:8443")


def test_behind_the_proxy_the_site_s_https_origin_is_its_own_and_its_http_origin_is_not(lab_session, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    forwarded = [(b"x-forwarded-proto", b"https")]
    assert handshake(lab_session, b"https://localhost", headers=forwarded)
    assert not handshake(lab_session, b"http://localhost", headers=forwarded)
    assert not handshake(lab_session, b"https://localhost")  # not forwarded as https: plain http


def test_a_host_not_in_allowed_hosts_is_not_an_origin_of_the_site(lab_session):
    assert not handshake(lab_session, b"http://evil.example", headers=[(b"host", b"evil.example")])


@pytest.mark.parametrize("path", ["/ws/labs/abc/", "/ws/labs/1", "/ws/elsewhere/"])
def test_a_socket_path_that_matches_no_route_is_refused_at_the_handshake(lab_session, path):
    assert not handshake(lab_session, b"http://localhost", path=path)


def test_a_message_over_4096_bytes_is_refused_with_its_id(lab_session):
    person = participant(lab_session)

    async def scenario(room):
        alice, _ = await room.joined(person)
        await alice.send_text(json.dumps({"type": "question.ask", "id": "big-one", "text": "x" * 5000}))
        refused = await alice.receive()
        assert (refused["type"], refused["code"], refused.get("id")) == ("error", "too_large", "big-one")
        await alice.send_text("[" + "1," * 3000 + "1]")  # too large, and no object to read an id from
        refused = await alice.receive()
        assert refused["code"] == "too_large" and "id" not in refused

    play(lab_session, scenario)


def test_a_message_sent_as_bytes_is_refused_with_its_id(lab_session):
    person = participant(lab_session)

    async def scenario(room):
        alice, _ = await room.joined(person)
        await alice.communicator.send_to(bytes_data=json.dumps({"type": "ping", "id": "in-bytes"}).encode())
        refused = await alice.receive()
        assert (refused["code"], refused.get("id")) == ("invalid_json", "in-bytes")

    play(lab_session, scenario)


def test_a_frame_over_64_kib_closes_the_connection_with_1009(lab_session):
    person = participant(lab_session)

    async def scenario(room):
        alice, _ = await room.joined(person)
        await alice.send_text(json.dumps({"type": "ping", "id": "huge", "pad": "x" * 70_000}))
        assert await alice.communicator.receive_output() == {"type": "websocket.close", "code": 1009}

    play(lab_session, scenario)
