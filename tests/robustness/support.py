"""What the robustness suites share: a fake clock for concurrent sleepers, and an attempt log.

The attempt log sits between the SDK and the sandbox's transport, so it sees every attempt the
SDK makes (retries included, and connect errors, which the sandbox never records) together with
its outcome, the request id answered, the token sent and the fake time it arrived at.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import threading
from collections import defaultdict
from collections.abc import Callable, Sequence
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


class AutojumpClock(FakeClock):
    """A fake clock for worker threads that moves only when every one of them sleeps on it.

    It then jumps to the earliest wake-up and wakes that sleeper alone (trio's `MockClock`
    autojump, for threads). With `SharedClock` a thread the OS leaves waiting between reading
    the time and sleeping finds others' sleeps have run the clock far past it, so how the
    threads were scheduled shows in the fake times. Here the time cannot move while a worker
    is running: every worker sees the times it would see if its work took no time at all.

    Only the threads of `run` may sleep while it runs; a worker that waits on something a
    sleeping one holds stalls the run, which fails after `stall` real seconds, not hangs.
    """

    def __init__(self, wall: float = 1_700_000_000.0, *, stall: float = 60.0) -> None:
        super().__init__(wall)
        self._stall = stall
        self._workers: set[int] = set()  # thread idents of the current run
        self._running = 0  # workers neither asleep nor finished
        self._sleepers: list[tuple[float, int, threading.Event]] = []  # a heap, by wake-up
        self._order = itertools.count()  # equal wake-ups go in the order they slept
        self._stalled = False

    def run(self, targets: Sequence[Callable[[], None]]) -> None:
        """Runs each target in a thread of its own on this clock; returns when all are done."""
        started = threading.Barrier(len(targets) + 1)

        def worker(target: Callable[[], None]) -> None:
            with self._lock:
                self._workers.add(threading.get_ident())
            started.wait()  # the clock may move only once every worker counts
            try:
                target()
            finally:
                with self._lock:
                    self._running -= 1
                    self._step()

        threads = [threading.Thread(target=worker, args=(target,)) for target in targets]
        with self._lock:
            self._running = len(threads)
        for thread in threads:
            thread.start()
        started.wait()
        for thread in threads:
            thread.join()
        with self._lock:
            self._workers.clear()
        if self._stalled:
            raise AssertionError(f"a worker ran for {self._stall} s without sleeping or ending")

    def sleep(self, seconds: float) -> None:
        if seconds <= 0:
            return
        with self._lock:
            if self._stalled:
                raise RuntimeError("the clock stalled: a worker never slept or ended")
            if threading.get_ident() not in self._workers:
                raise RuntimeError("only the threads of AutojumpClock.run may sleep on it")
            woken = threading.Event()
            heapq.heappush(self._sleepers, (self.mono + seconds, next(self._order), woken))
            self.sleeps.append(seconds)
            self._running -= 1
            self._step()
        if not woken.wait(self._stall):
            with self._lock:
                self._stalled = True
                for _, _, event in self._sleepers:
                    event.set()
        if self._stalled:
            raise RuntimeError("the clock stalled: a worker never slept or ended")

    async def asleep(self, seconds: float) -> None:
        raise RuntimeError("AutojumpClock is for threads; SharedClock serves asyncio tasks")

    def _step(self) -> None:
        """With every worker asleep or done, wakes the earliest sleeper at its time."""
        if self._running or not self._sleepers:
            return
        wake, _, woken = heapq.heappop(self._sleepers)
        if wake > self.mono:
            self.wall += wake - self.mono
            self.mono = wake
        self._running += 1
        woken.set()


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
