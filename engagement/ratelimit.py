"""Sliding-window rate limits kept in Django's cache: one mechanism for every limit in Ladder.

Each limit is a ``SlidingWindow``: at most ``limit`` events per key (a person's id, a network
address, a live connection) in the last ``seconds``. The window holds the times of recent events,
so the limit never resets all at once at a fixed boundary.

Counting is allauth's rate-limit counter (``allauth.core.internal.ratelimit``): the times are read
and written under a short cache lock taken with ``cache.add``, which is atomic in Redis, in local
memory and in :class:`config.cache.LadderFileCache`. So ``take`` is one step: two processes asking
for the last place at once cannot both have it.

- ``take(key)`` counts one event when there is room and returns ``None``; otherwise it counts
  nothing and returns ``RateLimited`` (with when the oldest event leaves the window).
- ``give_back(key, taken_at)`` returns an event that ended up not happening (a form sent back).
- ``hold(request, key)`` takes a place on behalf of a request; ``keep(request)`` says the request
  stored what it counts, ``release(request)`` gives the place back when it stored nothing.
- ``check(key)`` only looks: whether ``take`` would refuse now.
"""

import math
import time
from dataclasses import dataclass

from allauth.core.internal.ratelimit import Rate, apply_rate, cache_lock
from django.core.cache import cache


@dataclass(frozen=True)
class RateLimited:
    """Over the limit: the person may try again after ``retry_after`` seconds."""

    retry_after: int
    limit: int = 0
    seconds: int = 0


def client_address(request) -> str:
    """The visitor's network address as the server saw it (set ``REMOTE_ADDR`` correctly behind a proxy)."""
    return request.META.get("REMOTE_ADDR") or "unknown"


@dataclass(frozen=True)
class SlidingWindow:
    """At most ``limit`` events per key in any ``seconds``-long window; ``name`` keeps keys apart."""

    name: str
    limit: int
    seconds: float

    @property
    def rate(self) -> Rate:
        return Rate(amount=self.limit, duration=self.seconds, per="key")

    def _key(self, key) -> str:
        return f"ladder:ratelimit:{self.name}:{key}"

    def _refusal(self, history: list[float], now: float) -> RateLimited:
        # allauth keeps the newest time first, so the last one is the next to leave the window.
        oldest = history[-1] if history else now
        return RateLimited(
            retry_after=max(1, math.ceil(oldest + self.seconds - now)), limit=self.limit, seconds=int(self.seconds)
        )

    def take(self, key, now: float | None = None) -> RateLimited | None:
        """Count one event for ``key`` when the window has room (``None``), else ``RateLimited``.

        When the lock cannot be had within a second (someone is hammering the key), the event is
        refused rather than counted unsafely.
        """
        now = time.time() if now is None else now
        cache_key = self._key(key)
        with cache_lock(cache_key) as locked:
            if not locked:
                return RateLimited(retry_after=1, limit=self.limit, seconds=int(self.seconds))
            allowed, history = apply_rate(cache.get(cache_key, []), now, self.rate)
            if not allowed:
                return self._refusal(history, now)
            cache.set(cache_key, history, math.ceil(self.seconds))
            return None

    def give_back(self, key, taken_at: float) -> None:
        """Forget the event counted for ``key`` at ``taken_at`` (it did not happen after all)."""
        cache_key = self._key(key)
        with cache_lock(cache_key) as locked:
            if locked:
                history = [moment for moment in cache.get(cache_key, []) if moment != taken_at]
                cache.set(cache_key, history, math.ceil(self.seconds))

    def check(self, key, now: float | None = None) -> RateLimited | None:
        """``RateLimited`` when ``key`` has used up its events in the window, else ``None``; counts nothing."""
        now = time.time() if now is None else now
        allowed, history = apply_rate(cache.get(self._key(key), []), now, self.rate, dry_run=True)
        return None if allowed else self._refusal(history, now)

    def hold(self, request, key) -> RateLimited | None:
        """Take a place for ``key`` on behalf of ``request`` (as :meth:`take`), remembered on the request
        so that :meth:`release` can give it back if the request ends up storing nothing."""
        now = time.time()
        limited = self.take(key, now)
        if limited is None:
            request.__dict__.setdefault("ladder_held_places", {})[self.name] = (key, now)
        return limited

    def release(self, request) -> None:
        """Give back the place :meth:`hold` took for ``request`` (nothing was stored after all)."""
        held = request.__dict__.get("ladder_held_places", {}).pop(self.name, None)
        if held is not None:
            self.give_back(*held)

    def keep(self, request) -> bool:
        """The request stored what it counts: its held place (if any) stays. True when it held one."""
        return request.__dict__.get("ladder_held_places", {}).pop(self.name, None) is not None

    def hit(self, key, now: float | None = None) -> None:
        """Count one event for ``key`` now, if the window has room."""
        self.take(key, now)

    def reset(self, key) -> None:
        """Forget every event counted for ``key``."""
        cache.delete(self._key(key))
