"""The benchmark's ASGI application: the product, plus a bare broadcast at ``/ws/bench/bare/``.

Started only by the benchmark (``bench/suites/labs.py``), never part of the product. The bare
consumer measures the ceiling for the live room: it joins one Channels group, and every message
a client sends (``{"id": ..., "payload": {...}}``) is sent to the whole group and forwarded to
each client as it is: no session, no permission check, no database, no sequence numbers.
"""

import json

from channels.generic.websocket import AsyncWebsocketConsumer

from config.asgi import application as product

BARE_PATH = "/ws/bench/bare/"
GROUP = "bench-bare"


class BareBroadcastConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        await self.channel_layer.group_add(GROUP, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(GROUP, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        message = json.loads(text_data)
        await self.channel_layer.group_send(GROUP, {"type": "bench.forward", "text": json.dumps(message["payload"])})

    async def bench_forward(self, event):
        await self.send(text_data=event["text"])


bare = BareBroadcastConsumer.as_asgi()


async def application(scope, receive, send):
    if scope["type"] == "websocket" and scope["path"] == BARE_PATH:
        return await bare(scope, receive, send)
    return await product(scope, receive, send)
