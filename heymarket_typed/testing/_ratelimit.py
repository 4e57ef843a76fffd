"""The rate limiter in front of the fake API: a token bucket.

Heymarket documents 500 requests per minute and a 429 beyond it; a bucket lets tests choose
both the sustained rate and how big a burst passes before the first 429.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

# Elapsed times are differences of large floats, so a request that arrives exactly when a
# token is due can compute 0.9999999 tokens. Amounts this close to a whole token count as one.
_TOLERANCE = 1e-6


class TokenBucket:
    """Holds up to `capacity` tokens, refilled at `rate` per second; starts full.

    Args:
        rate: Tokens added per second (the sustained request rate).
        capacity: The most tokens held at once (the largest burst).
        monotonic: Seconds from a monotonic clock; injectable for tests.

    Raises:
        ValueError: `rate` is not positive or `capacity` is below one token.
    """

    def __init__(
        self, rate: float, capacity: float, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        if capacity < 1:
            raise ValueError("capacity must hold at least one token")
        self._rate = rate
        self._capacity = capacity
        self._monotonic = monotonic
        self._tokens = capacity
        self._last = monotonic()
        self._lock = threading.Lock()

    def take(self) -> float:
        """Takes one token if there is one.

        Returns:
            0.0 when a token was taken, else the seconds until the next token is due.
        """
        with self._lock:
            now = self._monotonic()
            elapsed = max(0.0, now - self._last)
            self._tokens = min(self._capacity, self._tokens + elapsed * self._rate)
            self._last = now
            if self._tokens >= 1 - _TOLERANCE:
                self._tokens = max(0.0, self._tokens - 1)
                return 0.0
            return (1 - self._tokens) / self._rate


def retry_after_seconds(wait: float) -> int:
    """The `Retry-After` value for a wait: whole seconds, rounded up, at least one."""
    return max(1, math.ceil(wait - _TOLERANCE))
