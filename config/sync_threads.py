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
thread, not the process. Websockets are unaffected: Channels serves them.
"""

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import ThreadSensitiveContext, sync_to_async
from django.core.handlers import base
from django.core.handlers.asgi import ASGIHandler


def thread_count() -> int:
    return max(1, int(os.environ.get("LADDER_SYNC_THREADS", "2")))


class PooledThreadsASGIHandler(ASGIHandler):
    """An ``ASGIHandler`` whose requests borrow one of a few long-lived sync threads."""

    def __init__(self, threads: int | None = None):
        base.BaseHandler.__init__(self)
        self.load_middleware(is_async=False)
        self.threads = threads or thread_count()
        self.executors = [
            ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"ladder-sync-{number}")
            for number in range(self.threads)
        ]
        self._idle = None

    async def get_response_async(self, request):
        """The sync ``get_response`` (middleware, view, template) in one hop to this request's thread."""
        return await sync_to_async(self.get_response, thread_sensitive=True)(request)

    def _idle_executors(self) -> asyncio.Queue:
        # Made on first use, inside the server's event loop.
        if self._idle is None:
            self._idle = asyncio.Queue()
            for executor in self.executors:
                self._idle.put_nowait(executor)
        return self._idle

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        idle = self._idle_executors()
        executor = await idle.get()
        try:
            async with ThreadSensitiveContext(executor=executor):
                await self.handle(scope, receive, send)
        finally:
            idle.put_nowait(executor)
