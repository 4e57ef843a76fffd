"""The rate limiter in front of the fake API: a quota of one of three common shapes.

Heymarket documents 500 requests per minute and a 429 beyond it, and nothing else: no burst
size, no window, no `Retry-After`, no rate-limit headers. So the sandbox offers the shapes
real servers use, to check that a client copes with any of them:

- a token bucket (`rate` tokens a second, holding at most `burst`), the API's likely shape;
- a fixed window (at most `rate * period` requests in each `period`, counted from clock 0);
- a sliding window (at most `rate * period` requests in any `period`: a sliding log).

One `Quota` may be given to several `FakeHeymarket`s: two integrations of one team share it.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from heymarket_typed.testing._args import number, positive

# Elapsed times are differences of large floats, so a request that arrives exactly when a
# token is due can compute 0.9999999 tokens. Amounts this close to a whole token count as one.
_TOLERANCE = 1e-6

Window = Literal["token_bucket", "fixed", "sliding"]
WINDOWS: tuple[Window, ...] = ("token_bucket", "fixed", "sliding")


@dataclass(frozen=True)
class Verdict:
    """What the quota says about one request.

    Attributes:
        allowed: Whether the request may go through.
        wait: Seconds until a request would be allowed (0.0 when allowed).
        limit: Requests the quota holds: the bucket's capacity, or a window's count.
        remaining: Requests that may go through now, after this one.
        reset: Seconds until the quota is whole again (the bucket full, the window over).
        policy: The sustained quota as (requests, window seconds): `rate` per second for a
            bucket, the window's count and length for a window.
    """

    allowed: bool
    wait: float
    limit: int
    remaining: int
    reset: float
    policy: tuple[float, float]


class Quota:
    """A request quota, shared by every sandbox it is given to.

    Args:
        rate: Requests per second sustained.
        burst: A token bucket's capacity; `max(1, rate)` by default (one second's worth).
            Windows hold `rate * period` requests instead.
        window: "token_bucket", "fixed" or "sliding".
        period: A window's length in seconds.
        clock: Seconds from a monotonic clock; injectable for tests.

    Raises:
        ValueError: `rate` is not positive and finite, `burst` is below one, `window` is not
            a known shape, or a window holds less than one request.
    """

    def __init__(
        self,
        rate: float,
        *,
        burst: float | None = None,
        window: Window = "token_bucket",
        period: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        rate = positive("rate", rate)
        if window not in WINDOWS:
            raise ValueError(f"window must be one of {WINDOWS}, got {window!r}")
        period = positive("period", period)
        if window == "token_bucket":
            capacity = max(1.0, rate) if burst is None else number("burst", burst)
            if not capacity >= 1:
                raise ValueError(f"burst must hold at least one request, got {burst!r}")
            self._capacity = capacity
        else:
            self._capacity = math.floor(rate * period + _TOLERANCE)
            if self._capacity < 1:
                raise ValueError("a window must hold at least one request (rate * period >= 1)")
        self.rate = rate
        self.window: Window = window
        self.period = period
        self._policy = (rate, 1.0) if window == "token_bucket" else (self._capacity, period)
        self._clock = clock
        self._lock = threading.Lock()
        self._tokens = self._capacity
        self._last = clock()
        self._window_index = math.floor(self._last / period)
        self._count = 0
        self._log: deque[float] = deque()

    def take(self) -> Verdict:
        """Counts one request against the quota if it fits."""
        with self._lock:
            now = self._clock()
            if self.window == "token_bucket":
                return self._take_token(now)
            if self.window == "fixed":
                return self._take_fixed(now)
            return self._take_sliding(now)

    def _verdict(self, allowed: bool, wait: float, remaining: float, reset: float) -> Verdict:
        return Verdict(
            allowed,
            wait,
            math.floor(self._capacity + _TOLERANCE),
            max(0, math.floor(remaining + _TOLERANCE)),
            max(0.0, reset),
            self._policy,
        )

    def _take_token(self, now: float) -> Verdict:
        elapsed = max(0.0, now - self._last)
        self._tokens = min(self._capacity, self._tokens + elapsed * self.rate)
        self._last = now
        allowed = self._tokens >= 1 - _TOLERANCE
        if allowed:
            self._tokens = max(0.0, self._tokens - 1)
        wait = 0.0 if allowed else (1 - self._tokens) / self.rate
        reset = (self._capacity - self._tokens) / self.rate
        return self._verdict(allowed, wait, self._tokens, reset)

    def _take_fixed(self, now: float) -> Verdict:
        index = math.floor(now / self.period)
        if index != self._window_index:
            self._window_index, self._count = index, 0
        reset = (index + 1) * self.period - now
        allowed = self._count < self._capacity
        if allowed:
            self._count += 1
        return self._verdict(
            allowed, 0.0 if allowed else reset, self._capacity - self._count, reset
        )

    def _take_sliding(self, now: float) -> Verdict:
        while self._log and self._log[0] <= now - self.period + _TOLERANCE:
            self._log.popleft()
        allowed = len(self._log) < self._capacity
        if allowed:
            self._log.append(now)
        # A slot frees when the oldest logged request leaves the window.
        reset = self._log[0] + self.period - now if self._log else 0.0
        return self._verdict(
            allowed, 0.0 if allowed else reset, self._capacity - len(self._log), reset
        )


def retry_after_seconds(wait: float) -> int:
    """The `Retry-After` value for a wait: whole seconds, rounded up, at least one."""
    return max(1, math.ceil(wait - _TOLERANCE))


RateLimitHeaders = Literal["x-ratelimit", "ietf"]


def rate_limit_headers(verdict: Verdict, kind: RateLimitHeaders) -> dict[str, str]:
    """The headers describing `verdict`: `X-RateLimit-Limit/-Remaining/-Reset`, or the IETF
    draft's `RateLimit` and `RateLimit-Policy` fields (draft-ietf-httpapi-ratelimit-headers,
    the `limit=, remaining=, reset=` form). Reset is in seconds, rounded up to the millisecond:
    whole seconds would overstate a bucket's refill time twentyfold at 20 requests a second."""
    reset = f"{math.ceil(verdict.reset * 1000 - _TOLERANCE) / 1000:g}"
    if kind == "x-ratelimit":
        return {
            "X-RateLimit-Limit": str(verdict.limit),
            "X-RateLimit-Remaining": str(verdict.remaining),
            "X-RateLimit-Reset": str(reset),
        }
    quota, window = verdict.policy
    return {
        "RateLimit": f"limit={verdict.limit}, remaining={verdict.remaining}, reset={reset}",
        "RateLimit-Policy": f"{quota:g};w={window:g}",
    }
