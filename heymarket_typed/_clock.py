"""Time as the client sees it, behind one object so tests can replace it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable

from ._limits import http_date
from ._registry import Leased, Registry


class Clock:
    """Wall time (JWT `iat`, Retry-After dates), monotonic time (pacing) and sleeping."""

    def time(self) -> float:
        return time.time()

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)

    async def asleep(self, seconds: float) -> None:
        if seconds > 0:
            import asyncio  # noqa: PLC0415 - loaded already whenever this runs; not for sync users

            await asyncio.sleep(seconds)


SYSTEM_CLOCK = Clock()


class ServerClock(Leased):
    """The server's wall clock, as the client's plus an offset learned from `Date` headers.

    A JWT's `iat` must be the server's time: a client clock minutes off would otherwise sign
    tokens the server calls expired or from the future. `Date` has whole seconds and arrives
    after the latency, so the offset is good to about a second; signers allow for that.

    Args:
        wall: The client's wall-clock seconds.
    """

    def __init__(self, wall: Callable[[], float]) -> None:
        super().__init__()
        self._wall = wall
        self._lock = threading.Lock()  # clients of one server, each with its own auth, share it
        self.offset = 0.0
        self.known = False
        """Whether a `Date` was seen: until then the client's clock is all there is."""

    def now(self) -> float:
        return self._wall() + self.offset

    def observe(self, date: str | None, *, refused: bool = False) -> bool:
        """Learns the offset from a response's `Date` value.

        A `Date` is never ahead of the server's clock but may lag it (the time the response
        took to arrive and to be read), so a later clock is believed at once and an earlier
        one only from a response that `refused` the token (a 401).

        Returns:
            Whether the offset moved by more than `RESOLUTION` seconds.
        """
        if date is None:
            return False
        server = http_date(date)
        if server is None:
            return False
        with self._lock:
            # `Date` is truncated to the second: the server's time lies within the next second.
            offset = server + 0.5 - self._wall()
            if abs(offset) <= RESOLUTION:
                offset = 0.0
            self.known = True
            moved = offset - self.offset > RESOLUTION or (
                refused and self.offset - offset > RESOLUTION
            )
            if moved:
                self.offset = offset
            return moved

    def distrust(self) -> None:
        """Back to the client's own clock: `Date` itself proved wrong (see `JWTAuth.observe`)."""
        with self._lock:
            self.offset = 0.0


RESOLUTION = 5.0
"""Seconds of disagreement with `Date` put down to its whole seconds and to the time the
response took to arrive, not to the clocks: smaller offsets are not applied."""


_shared: Registry[ServerClock] = Registry(in_use=ServerClock.in_use)


def shared_server_clock(wall: Callable[[], float], *, key: Hashable) -> ServerClock:
    """The server clock of every client with this `key` (base URL fingerprint and client
    clock): what one client learns from `Date`, the others (and their shared pacer) know at
    once, and it is kept after they close (`Registry`), so a client built later does not draw
    its own 401 on a machine whose clock is off."""
    return _shared.get(key, lambda: ServerClock(wall))
