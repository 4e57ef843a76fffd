"""Time as the client sees it, behind one object so tests can replace it."""

from __future__ import annotations

import time


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
