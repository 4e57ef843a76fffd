"""What the robustness suites share: a fake clock for concurrent sleepers, and an attempt log.

The attempt log sits between the SDK and the sandbox's transport, so it sees every attempt the
SDK makes (retries included, and connect errors, which the sandbox never records) together with
its outcome, the request id answered, the token sent and the fake time it arrived at.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
from collections import defaultdict
from contextvars import ContextVar
from dataclasses import dataclass

import httpx

from tests.helpers import FakeClock

BASE_URL = "https://api.heymarket.com"

REFUSED = "refused"
"""The outcome of an attempt that could not connect (`httpx.ConnectError`)."""
DROPPED = "dropped"
"""The outcome of an attempt whose connection closed without a response."""

Outcome = int | str
"""A status code, `REFUSED` or `DROPPED`."""

# (serial number of the clock, the monotonic time the current thread or task last read from it).
_LAST_READ: ContextVar[tuple[int, float] | None] = ContextVar("last_read", default=None)
_SERIALS = itertools.count()


class SharedClock(FakeClock):
    """A `FakeClock` for many threads or tasks at once: their sleeps overlap, as in real time.

    `FakeClock` adds every sleep to the time, so 16 threads each waiting 1 s for their turn move
    it by 16 s. Here a caller that last read the time `t` and sleeps `s` wakes at `t + s`, and
    the clock shows the latest wake-up so far. What each thread or asyncio task last read is
    kept in a context variable. `asleep` yields to the event loop before it wakes, as a real wait
    does, so that tasks take turns: those waiting run at the current time, in turn.
    """

    def __init__(self, wall: float = 1_700_000_000.0) -> None:
        super().__init__(wall)
        self._serial = next(_SERIALS)

    def time(self) -> float:
        with self._lock:
            _LAST_READ.set((self._serial, self.mono))
            return self.wall

    def monotonic(self) -> float:
        with self._lock:
            _LAST_READ.set((self._serial, self.mono))
            return self.mono

    def sleep(self, seconds: float) -> None:
        if seconds <= 0:
            return
        with self._lock:
            read = _LAST_READ.get()
            start = read[1] if read is not None and read[0] == self._serial else self.mono
            wake = start + seconds
            if wake > self.mono:
                self.wall += wake - self.mono
                self.mono = wake
            self.sleeps.append(seconds)
            _LAST_READ.set((self._serial, wake))

    async def asleep(self, seconds: float) -> None:
        # Let the other tasks run first, at the current time, then wake.
        await asyncio.sleep(0)
        self.sleep(seconds)


class RunawayError(AssertionError):
    """The SDK made more attempts than the example can need: it is looping."""


@dataclass(frozen=True)
class Attempt:
    """One attempt at a request, as it reached the sandbox's transport."""

    method: str
    path: str
    body: bytes
    outcome: Outcome
    request_id: str | None
    authorization: str | None
    wall: float
    """The fake wall-clock time it arrived at (the sandbox checks JWTs against the same)."""
    mono: float

    @property
    def key(self) -> tuple[str, str, bytes]:
        """Which request this attempts: retries of a request share its key."""
        return (self.method, self.path, self.body)

    @property
    def succeeded(self) -> bool:
        return isinstance(self.outcome, int) and self.outcome < 400


def key_of(request: httpx.Request) -> tuple[str, str, bytes]:
    return (request.method, request.url.path, request.content)


class AttemptLog:
    """Every attempt sent through `transport()` or `async_transport()`, in order of arrival.

    Args:
        clock: Stamps each arrival.
        limit: Raise `RunawayError` instead of sending attempt number `limit + 1`.
    """

    def __init__(self, clock: FakeClock, *, limit: int | None = None) -> None:
        self._clock = clock
        self._limit = limit
        self._attempts: list[Attempt] = []
        self._lock = threading.Lock()

    @property
    def attempts(self) -> list[Attempt]:
        with self._lock:
            return list(self._attempts)

    def by_key(self) -> dict[tuple[str, str, bytes], list[Attempt]]:
        grouped: dict[tuple[str, str, bytes], list[Attempt]] = defaultdict(list)
        for attempt in self.attempts:
            grouped[attempt.key].append(attempt)
        return dict(grouped)

    def transport(self, inner: httpx.BaseTransport) -> httpx.BaseTransport:
        return _LoggingTransport(self, inner)

    def async_transport(self, inner: httpx.AsyncBaseTransport) -> httpx.AsyncBaseTransport:
        return _AsyncLoggingTransport(self, inner)

    def arrive(self, request: httpx.Request) -> tuple[float, float]:
        with self._lock:
            if self._limit is not None and len(self._attempts) >= self._limit:
                raise RunawayError(f"more than {self._limit} attempts: the client is looping")
        return self._clock.time(), self._clock.monotonic()

    def record(
        self,
        request: httpx.Request,
        arrived: tuple[float, float],
        outcome: Outcome,
        request_id: str | None,
    ) -> None:
        attempt = Attempt(
            method=request.method,
            path=request.url.path,
            body=request.content,
            outcome=outcome,
            request_id=request_id,
            authorization=request.headers.get("Authorization"),
            wall=arrived[0],
            mono=arrived[1],
        )
        with self._lock:
            self._attempts.append(attempt)


class _LoggingTransport(httpx.BaseTransport):
    def __init__(self, log: AttemptLog, inner: httpx.BaseTransport) -> None:
        self._log = log
        self._inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        arrived = self._log.arrive(request)
        try:
            response = self._inner.handle_request(request)
        except httpx.ConnectError:
            self._log.record(request, arrived, REFUSED, None)
            raise
        except httpx.RemoteProtocolError:
            self._log.record(request, arrived, DROPPED, None)
            raise
        self._log.record(
            request, arrived, response.status_code, response.headers.get("X-Request-Id")
        )
        return response

    def close(self) -> None:
        self._inner.close()


class _AsyncLoggingTransport(httpx.AsyncBaseTransport):
    def __init__(self, log: AttemptLog, inner: httpx.AsyncBaseTransport) -> None:
        self._log = log
        self._inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        arrived = self._log.arrive(request)
        try:
            response = await self._inner.handle_async_request(request)
        except httpx.ConnectError:
            self._log.record(request, arrived, REFUSED, None)
            raise
        except httpx.RemoteProtocolError:
            self._log.record(request, arrived, DROPPED, None)
            raise
        self._log.record(
            request, arrived, response.status_code, response.headers.get("X-Request-Id")
        )
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()
