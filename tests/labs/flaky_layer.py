"""A channel layer that can be taken down and brought back, as Redis is when it restarts.

``FlakyLayer`` wraps the in-memory layer. While it is down, every call raises ``ConnectionError``,
including a ``receive`` already waiting (as a lost Redis connection does); coming back, it has
forgotten every group, as a Redis restarted without persistence has. ``stale_once`` makes the
next ``group_send`` fail and later ones work, as a pooled connection to a Redis that has since
restarted does.
"""

import asyncio

from channels.layers import InMemoryChannelLayer


class FlakyLayer:
    def __init__(self):
        self.inner = InMemoryChannelLayer()
        self.up = True
        self.broken = asyncio.Event()
        self.group_adds = 0
        self.stale_sends = 0

    def go_down(self):
        self.up = False
        self.broken.set()

    def come_back(self):
        self.inner.groups.clear()
        self.broken = asyncio.Event()
        self.up = True

    def stale_once(self):
        self.stale_sends = 1

    def _check(self):
        if not self.up:
            raise ConnectionError("Error connecting to the channel layer: connection refused")

    async def new_channel(self, prefix="specific."):
        return await self.inner.new_channel(prefix)

    async def group_add(self, group, channel):
        self._check()
        self.group_adds += 1
        await self.inner.group_add(group, channel)

    async def group_discard(self, group, channel):
        self._check()
        await self.inner.group_discard(group, channel)

    async def group_send(self, group, message):
        self._check()
        if self.stale_sends:
            self.stale_sends -= 1
            raise ConnectionError("Connection closed by server.")
        await self.inner.group_send(group, message)

    async def send(self, channel, message):
        self._check()
        await self.inner.send(channel, message)

    async def receive(self, channel):
        self._check()
        receiving = asyncio.ensure_future(self.inner.receive(channel))
        broken = asyncio.ensure_future(self.broken.wait())
        try:
            await asyncio.wait({receiving, broken}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            broken.cancel()
        if receiving.done():
            return receiving.result()
        receiving.cancel()
        raise ConnectionError("Connection closed by server.")
