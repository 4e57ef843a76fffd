"""How many list requests an export keeps in flight: Little's law, rate x round trip.

One request at a time sends 1 / round-trip requests a second: at 300 ms about 3, where the
limit allows 8 (500/min) or more. `RoundTrips` keeps a moving average of the round trip (from
sending to the response's headers, pacing waits excluded; the transports record it) and
`readers()` asks for enough requests in flight to use the pacer's current rate, and no more:
at 10 ms one suffices, and extra readers would only hold more pages in memory.
"""

from __future__ import annotations

import math
from collections.abc import Callable

_WEIGHT = 0.2
"""Weight of the newest round trip in the moving average."""
_HEADROOM = 1.25
"""Readers beyond the product, for round trips that vary."""
WAITING = 0.05
"""Seconds: an unpaced round trip at least this long is taken for network waiting."""


class RoundTrips:
    """The moving average of a client's round trips (seconds), shared by its threads/tasks."""

    def __init__(self, rate: Callable[[], float] | None) -> None:
        """`rate`: the pacer's current rate in requests per second; None when unpaced."""
        self._rate = rate
        self.average: float | None = None

    def record(self, seconds: float) -> None:
        """One request's round trip, in seconds."""
        if seconds < 0 or math.isnan(seconds):
            return
        last = self.average
        self.average = seconds if last is None else last + _WEIGHT * (seconds - last)

    def readers(self, concurrency: int) -> int:
        """Requests to keep in flight, 1..`concurrency`; one until a round trip is known.
        Without pacing there is no rate to fill: a round trip of
        `WAITING` seconds or more is mostly waiting, which `concurrency` readers fill; a
        shorter one is mostly work (a sandbox in the same process), which parallel reads
        cannot speed up, only hold more pages in memory."""
        average = self.average
        if average is None:
            return 1
        if self._rate is None:
            return concurrency if average >= WAITING else 1
        wanted = math.ceil(self._rate() * average * _HEADROOM)
        return max(1, min(concurrency, wanted))
