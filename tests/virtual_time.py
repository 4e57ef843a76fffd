"""An asyncio event loop on virtual time, for pacing jobs that would take minutes for real.

The loop's clock jumps to the next timer whenever every task is waiting, so `asyncio.sleep`
returns at once in real time while the loop's `time()` moves as if it had slept. Several
clients and the sandbox on one such loop share one clock and interleave as they would on a
real one. No real I/O: only in-process transports (the sandbox's `async_transport()`).
"""

from __future__ import annotations

import asyncio
import random
import selectors
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

import httpx

from heymarket_typed._clock import Clock

T = TypeVar("T")
WALL_START = 1_700_000_000.0


class _NoIOSelector(selectors.BaseSelector):
    """Waits no real time: `select(timeout)` moves the loop's clock by `timeout` instead."""

    def __init__(self, loop: VirtualTimeLoop) -> None:
        self._loop = loop
        self._keys: dict[int, selectors.SelectorKey] = {}

    def register(self, fileobj: Any, events: int, data: Any = None) -> selectors.SelectorKey:
        fd = fileobj if isinstance(fileobj, int) else fileobj.fileno()
        key = selectors.SelectorKey(fileobj, fd, events, data)
        self._keys[fd] = key
        return key

    def unregister(self, fileobj: Any) -> selectors.SelectorKey:
        fd = fileobj if isinstance(fileobj, int) else fileobj.fileno()
        return self._keys.pop(fd)

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        if timeout is None:
            raise RuntimeError("every task waits and no timer is set: a deadlock")
        self._loop.now += timeout
        return []

    def get_map(self) -> Mapping[Any, selectors.SelectorKey]:
        return self._keys

    def close(self) -> None:
        self._keys.clear()


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    def __init__(self) -> None:
        self.now = 0.0
        super().__init__(selector=_NoIOSelector(self))

    def time(self) -> float:
        return self.now


def run(main: Callable[[VirtualTimeLoop], Awaitable[T]]) -> T:
    """Runs `main(loop)` to completion on a fresh virtual-time loop."""
    loop = VirtualTimeLoop()
    try:
        return loop.run_until_complete(main(loop))
    finally:
        loop.close()


class LoopClock(Clock):
    """The SDK's clock on `loop`'s virtual time (wall time starts at `WALL_START`)."""

    def __init__(self, loop: VirtualTimeLoop) -> None:
        self.loop = loop

    def time(self) -> float:
        return WALL_START + self.loop.now

    def monotonic(self) -> float:
        return self.loop.now

    def sleep(self, seconds: float) -> None:
        raise AssertionError("a sync sleep on the virtual-time loop would block it")

    async def asleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))


class Delayed(httpx.AsyncBaseTransport):
    """Each request reaches `inner` after a random delay (seconds from `delay(rng)`): the time
    from the client's send to the server's reading it, which varies on any real path."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        delay: Callable[[random.Random], float],
        rng: random.Random,
    ) -> None:
        self.inner, self.delay, self.rng = inner, delay, rng

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(self.delay(self.rng))
        return await self.inner.handle_async_request(request)
