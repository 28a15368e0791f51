"""Where a live room's messages are stored: the process's shared sync thread, or threads of their own.

Channels' ``database_sync_to_async`` runs every call on the process's one shared sync thread, so
a big room's messages are stored one at a time, each waiting for the round trips of the one
before. Votes, question upvotes and poll answers (the handlers marked ``tally_only``) make up
most of a workshop's messages and emit no events: on PostgreSQL they share the session's row
and queue only behind the same person's other messages (``labs.live.actions``). So there they
run on ``LADDER_LIVE_DB_THREADS`` threads of their own (4 unless set; 0 turns them off), each
with its own connection. One connection never has two messages in flight (a consumer handles
its messages in turn), so a person's messages still apply in the order they were sent.
SQLite takes one writer at a time, so there every message stays on the shared thread.

Channels also tidies the thread's connection before and after every call, which on PostgreSQL,
with health checks on, costs a ``SELECT 1`` round trip per call. ``store`` tidies a connection
only when it needs it: after an error, when it was left outside autocommit, or past
``CONN_MAX_AGE``.
"""

import functools
import os
import time

from asgiref.sync import SyncToAsync
from django.db import connection, connections

from config.sync_threads import LongLivedThreads


def thread_count() -> int:
    """How many threads store tally-only messages in this process (0: the shared sync thread)."""
    if connection.vendor != "postgresql":
        return 0
    return max(0, int(os.environ.get("LADDER_LIVE_DB_THREADS", "4")))


def tidy_connections() -> None:
    """Close this thread's connections that failed, were left outside autocommit or are past their
    age; keep the others as they are (Django's own tidying would health-check them on next use)."""
    for each in connections.all(initialized_only=True):
        if each.connection is None:
            continue
        obsolete = each.close_at is not None and time.monotonic() >= each.close_at
        if each.errors_occurred or obsolete or each.get_autocommit() != each.settings_dict["AUTOCOMMIT"]:
            each.close_if_unusable_or_obsolete()


class _Tidily(SyncToAsync):
    def thread_handler(self, loop, *args, **kwargs):
        try:
            return super().thread_handler(loop, *args, **kwargs)
        finally:
            tidy_connections()


@functools.cache
def _tally_threads() -> LongLivedThreads | None:
    count = thread_count()
    return LongLivedThreads(count, "ladder-live") if count else None


async def store(function, *args, tally_only: bool = False):
    """Run ``function(*args)`` where it belongs: a tally-only message on one of this process's
    tally threads when it has them, anything else on the shared sync thread."""
    threads = _tally_threads() if tally_only else None
    if threads is None:
        return await _Tidily(function, thread_sensitive=True)(*args)
    async with threads.borrow() as executor:
        return await _Tidily(function, thread_sensitive=False, executor=executor)(*args)


def close() -> None:
    """Stop the tally threads and close their connections (tests; the next use starts new ones)."""
    started = _tally_threads() if _tally_threads.cache_info().currsize else None
    if started is not None:
        started.close()
    _tally_threads.cache_clear()
