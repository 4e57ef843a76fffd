"""Client-side pacing: keep the request rate under the API's limit instead of hitting 429s.

A token bucket refilled at `requests_per_minute / 60` per second, holding half a second's worth.
The server's bucket is assumed to hold at least that much more: a request that reaches it late
(a busy thread, a slow network) leaves it refilling less than the client counted on, and the
spare tokens absorb that instead of a 429. Callers reserve a slot and sleep until it comes,
outside the lock, so one pacer serves threads and asyncio tasks alike, in order.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Pacer:
    def __init__(
        self, requests_per_minute: float, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate = requests_per_minute / 60.0
        self.capacity = max(1.0, self.rate / 2)
        self._clock = clock
        self._lock = threading.Lock()
        self._tokens = self.capacity
        self._updated = clock()

    def reserve(self) -> float:
        """Takes the next slot; returns how many seconds to wait before using it."""
        with self._lock:
            now = self._clock()
            self._tokens = min(self.capacity, self._tokens + (now - self._updated) * self.rate)
            self._updated = now
            self._tokens -= 1.0
            # Tokens below zero are slots promised to earlier callers still waiting.
            return 0.0 if self._tokens >= 0.0 else -self._tokens / self.rate
