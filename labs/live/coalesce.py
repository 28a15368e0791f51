"""Sending something about a session at most once per interval, in each process.

Votes, poll answers, upvotes and arrivals are noted as they happen; a ``Coalescer`` gathers the
notes per session and calls its ``flush`` with all of them, at most once per ``interval``
seconds. The first note after a quiet spell is flushed at once; notes arriving while a flush
runs wait for the next one.
"""

import asyncio
import logging
import time

logger = logging.getLogger(__name__)


class Coalescer:
    """Gathers notes per session and flushes them at most once per ``interval`` seconds."""

    def __init__(self, name: str, interval: float, flush):
        self.name = name
        self.interval = interval
        self.flush = flush  # async (session_id, notes: set) -> None
        self.pending: dict[int, set] = {}
        self.tasks: dict[int, asyncio.Task] = {}
        self.last_flush: dict[int, float] = {}

    def note(self, session_id: int, notes) -> None:
        """Remember ``notes`` (an iterable) for the session's next flush; call from the event loop."""
        self.pending.setdefault(session_id, set()).update(notes)
        task = self.tasks.get(session_id)
        if task is None or task.done() or task.get_loop().is_closed():
            self.tasks[session_id] = asyncio.get_running_loop().create_task(self._run(session_id))

    async def _run(self, session_id: int) -> None:
        try:
            while session_id in self.pending:
                wait = self.last_flush.get(session_id, float("-inf")) + self.interval - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                notes = self.pending.pop(session_id, None)
                if not notes:
                    break
                self.last_flush[session_id] = time.monotonic()
                try:
                    await self.flush(session_id, notes)
                except Exception:
                    logger.exception("Could not send the %s of lab session %s", self.name, session_id)
        finally:
            if self.tasks.get(session_id) is asyncio.current_task():
                del self.tasks[session_id]

    async def settle(self) -> None:
        """Wait until everything noted so far has been flushed (tests, shutting down)."""
        while True:
            running = [task for task in self.tasks.values() if not task.done() and not task.get_loop().is_closed()]
            if not running:
                return
            await asyncio.gather(*running, return_exceptions=True)

    def reset(self) -> None:
        """Forget every note and timing (tests start afresh)."""
        self.pending.clear()
        self.tasks.clear()
        self.last_flush.clear()
