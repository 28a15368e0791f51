"""A sliding-window rate limit kept in Django's cache, shared by ladder ratings and comments.

Each limit is a ``SlidingWindow``: at most ``limit`` events per key (a person's id, a network
address) in the last ``seconds``. ``check`` says whether one more is allowed (and if not, when
the oldest event leaves the window); ``hit`` counts one. The window holds the times of recent
events, so the limit never resets all at once at a fixed boundary.
"""

import math
import time
from dataclasses import dataclass

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
    seconds: int

    def _key(self, key) -> str:
        return f"ladder:ratelimit:{self.name}:{key}"

    def _recent(self, key, now: float) -> list[float]:
        times = cache.get(self._key(key)) or []
        return [t for t in times if now - t < self.seconds]

    def check(self, key, now: float | None = None) -> RateLimited | None:
        """``RateLimited`` when ``key`` has used up its events in the window, else ``None``."""
        now = time.time() if now is None else now
        recent = self._recent(key, now)
        if len(recent) < self.limit:
            return None
        oldest = min(recent)
        return RateLimited(
            retry_after=max(1, math.ceil(oldest + self.seconds - now)), limit=self.limit, seconds=self.seconds
        )

    def hit(self, key, now: float | None = None) -> None:
        """Count one event for ``key`` now."""
        now = time.time() if now is None else now
        recent = self._recent(key, now)
        recent.append(now)
        cache.set(self._key(key), recent[-self.limit :], self.seconds)

    def reset(self, key) -> None:
        """Forget every event counted for ``key``."""
        cache.delete(self._key(key))
