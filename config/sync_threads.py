"""Django's ASGI handler, run the way Ladder's code is written: sync, on a few long-lived threads.

Django's own ASGI handler gives every HTTP request a fresh thread for its sync code, and, because
some middleware is sync-only, hops between that thread and the event loop several times per
request (into the middleware, out to the async URL handler, back in for the view). Under load on
a small machine that means a thread started and a database connection opened per request, many
threads contending for one interpreter, and a few milliseconds of hand-overs.

This handler builds Django's middleware chain in sync mode, exactly as under WSGI, and runs the
whole of it in one hop on one of ``LADDER_SYNC_THREADS`` long-lived threads (2 unless set), lent
to each request through asgiref's ``ThreadSensitiveContext(executor=…)``; a request waits
(asynchronously) for a free thread. Threads and their database connections (``CONN_MAX_AGE``)
are reused. A request that waits on something slow (an SMTP server, a big export) holds one
thread, not the process. Websockets are unaffected: Channels serves them (the live room keeps a
few ``LongLivedThreads`` of its own for storing votes on PostgreSQL: ``labs/live/storing.py``).
"""

import asyncio
import contextlib
import os
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import ThreadSensitiveContext, sync_to_async
from django.core.handlers import base
from django.core.handlers.asgi import ASGIHandler
from django.db import connections


def thread_count() -> int:
    return max(1, int(os.environ.get("LADDER_SYNC_THREADS", "2")))


class LongLivedThreads:
    """A few long-lived threads, each lent to one caller at a time (a caller waits, asynchronously,
    for a free one). Each thread keeps its own database connection between uses."""

    def __init__(self, count: int, name: str):
        self.executors = [
            ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"{name}-{number}") for number in range(count)
        ]
        self._idle = None
        self._loop = None

    def _idle_executors(self) -> asyncio.Queue:
        # Made on first use inside the running event loop (and again if a new loop uses the threads).
        loop = asyncio.get_running_loop()
        if self._idle is None or self._loop is not loop:
            self._idle = asyncio.Queue()
            self._loop = loop
            for executor in self.executors:
                self._idle.put_nowait(executor)
        return self._idle

    @contextlib.asynccontextmanager
    async def borrow(self):
        """A thread's executor (one worker) for the caller alone until the block ends."""
        idle = self._idle_executors()
        executor = await idle.get()
        try:
            yield executor
        finally:
            idle.put_nowait(executor)

    def close(self) -> None:
        """Close every thread's database connections, then stop the threads."""
        for executor in self.executors:
            executor.submit(connections.close_all).result()
            executor.shutdown()


class PooledThreadsASGIHandler(ASGIHandler):
    """An ``ASGIHandler`` whose requests borrow one of a few long-lived sync threads."""

    def __init__(self, threads: int | None = None):
        base.BaseHandler.__init__(self)
        self.load_middleware(is_async=False)
        self.threads = LongLivedThreads(threads or thread_count(), "ladder-sync")

    async def get_response_async(self, request):
        """The sync ``get_response`` (middleware, view, template) in one hop to this request's thread."""
        return await sync_to_async(self.get_response, thread_sensitive=True)(request)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        async with self.threads.borrow() as executor, ThreadSensitiveContext(executor=executor):
            await self.handle(scope, receive, send)
