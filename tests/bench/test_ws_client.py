"""The load generator's websocket client (``bench/ws_client.py``), against the ``websockets``
library's own server: handshake headers, frames of every length, fragments, pings, masking,
closing codes and a refused handshake."""

import asyncio
import json

from asgiref.sync import async_to_sync
from websockets.asyncio.server import serve

from bench import ws_client

LONG = "x" * 70_000  # a 64-bit length
MIDDLE = "y" * 300  # a 16-bit length


async def serving(handler, process_request=None):
    return await serve(handler, "127.0.0.1", 0, process_request=process_request, compression=None)


def test_the_client_reads_every_frame_answers_pings_and_sends_masked_text():
    seen_by_server = {}

    async def handler(connection):
        seen_by_server["cookie"] = connection.request.headers.get("Cookie")
        seen_by_server["origin"] = connection.request.headers.get("Origin")
        await connection.send("short")
        await connection.send(MIDDLE)
        await connection.send(LONG)
        await connection.send(["frag", "ment", "ed"])  # one message in three frames
        pong = await connection.ping(b"are you there")
        await asyncio.wait_for(pong, 5)
        seen_by_server["echo"] = await connection.recv()
        await connection.close(4003, "not allowed")

    async def scenario():
        received = []
        async with await serving(handler) as server:
            port = server.sockets[0].getsockname()[1]
            socket = await ws_client.connect(
                f"ws://127.0.0.1:{port}/ws/labs/1/",
                lambda payload, t: received.append(payload.decode()),
                cookie="sessionid=abc",
                origin="http://127.0.0.1",
            )
            while len(received) < 4:
                await asyncio.sleep(0.01)
            socket.send(json.dumps({"type": "ping", "id": "é" * 40}))  # a 16-bit length, not ASCII
            code = await asyncio.wait_for(socket.closed, 5)
        return received, code

    received, code = async_to_sync(scenario)()
    assert received == ["short", MIDDLE, LONG, "fragmented"]
    assert seen_by_server == {
        "cookie": "sessionid=abc",
        "origin": "http://127.0.0.1",
        "echo": json.dumps({"type": "ping", "id": "é" * 40}),
    }
    assert code == 4003


def test_a_refused_handshake_is_an_error_and_close_sends_code_1000():
    closed_with = []

    async def refuse(connection, request):
        if request.path == "/refused/":
            return connection.respond(403, "Forbidden\n")
        return None

    async def handler(connection):
        try:
            await connection.recv()
        finally:
            closed_with.append(connection.close_code)

    async def scenario():
        async with await serving(handler, process_request=refuse) as server:
            port = server.sockets[0].getsockname()[1]
            try:
                await ws_client.connect(f"ws://127.0.0.1:{port}/refused/", lambda payload, t: None)
            except ws_client.HandshakeFailed as error:
                refused = str(error)
            else:
                refused = None
            socket = await ws_client.connect(f"ws://127.0.0.1:{port}/open/", lambda payload, t: None)
            code = await socket.close()
            for _ in range(100):
                if closed_with:
                    break
                await asyncio.sleep(0.01)
            sending_after_close = None
            try:
                socket.send("too late")
            except ws_client.SocketClosed:
                sending_after_close = "refused"
        return refused, code, sending_after_close

    refused, code, sending_after_close = async_to_sync(scenario)()
    assert refused is not None and "403" in refused
    assert code == 1000 and closed_with == [1000]
    assert sending_after_close == "refused"


def test_the_accept_key_is_the_one_rfc_6455_gives_for_its_example():
    assert ws_client.accept_for("dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
