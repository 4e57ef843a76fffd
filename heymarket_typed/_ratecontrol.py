"""Adaptive rate control: find the server's real limit under the user's ceiling.

The API documents 500 requests a minute and a 429 past it, but not its bucket: a burst size,
a window, other integrations sharing the team's quota. So the rate is learned, with the ideas
of TCP congestion control (a multiplicative decrease on loss, slow probing after) and of the
AWS SDKs' adaptive retry mode (a token bucket whose rate a throttle cuts), tuned for a limit
that rarely moves, where each probe past it costs a 429:

- `lo` is a rate the server has sustained without a 429 for a while; `hi` one that drew a 429
  (at first the ceiling). The rate probes halfway between them after each sustained stretch
  and holds at `lo` once they are within 5%, until `PROBE_AFTER` successes without a 429 let
  it probe above `hi` again (the limit may have risen: a quota partner went quiet).
- The first 429 cuts the rate by 20%. Later: a 429 at a probe goes back to `lo`; a 429 at the
  trusted rate means the limit fell, or a burst hid it: the rate drops by 10% (3% after many
  successes, where it is more likely two requests that arrived closer than they were sent);
  back-to-back 429s (no sustained stretch between them) halve it.
- A 429 with nothing let through since the previous one means the quota is spent (a window
  not yet reset): the rate stays, and every request pauses, twice as long each time.
- The successes between two 429s far enough apart estimate the limit: `(S + 1) / elapsed`
  bounds it from above when the server refused all along, `(S - 1) / elapsed` from below
  when the trusted rate drew the second 429.
- Only a 429 for a request sent after the last cut counts: the requests already in flight
  when a cut happens were sent at the old rate (TCP cuts once a round trip for the same reason).

No I/O and no clock: callers pass `now` (monotonic seconds). Not thread-safe: `Pacer` locks.
"""

from __future__ import annotations

SUSTAIN_SECONDS = 2.0
"""How long a rate must run without a 429 before it is trusted (with at least `SUSTAIN_MIN`)."""
SUSTAIN_MIN = 8
CLOSE_ENOUGH = 1.05
"""Probing stops when `hi / lo` is at most this: the rate then holds at `lo`."""
PROBE_AFTER = 400
"""Successes without a 429 after which the rate probes above `hi` again: by `PROBE_STEP`, then
twice as far each time a probe passes (a quota partner went quiet: take its share back soon).
Counted in requests, not seconds, so a probe's 429 costs at most a quarter of a percent."""
PROBE_STEP = 1.10
FIRST_CUT = 0.8
"""A first 429 drops the rate to this share of the rate it was sent at."""
CUT = 0.9
"""A 429 at a rate once trusted drops it to this share."""
STEEP_CUT = 0.5
"""Back-to-back 429s halve the rate."""
ESTIMATE_SECONDS = 2.0
"""The gap between two 429s from which the successes between them estimate the limit (a
shorter one can straddle a fixed window's reset and overstate it)."""
ISOLATED = 100
"""Successes since the last 429 after which a 429 at the trusted rate is taken for noise (two
requests that arrived closer than they were sent) and costs only `MARGIN`."""
MARGIN = 0.97
"""How far below a rate that drew a 429 the trusted rate goes at least."""
MAX_PAUSE = 2.0
FIRST_PAUSE = 0.25
"""Seconds every request waits after the first 429; doubled after each 429 that follows
another with nothing let through between (a spent window)."""
MIN_RATE = 1.0 / 60.0
"""One request a minute: the rate never drops below it."""


class RateControl:
    """The current rate, in requests per second, and how responses move it.

    Args:
        ceiling: The most requests per second ever sent (the user's `requests_per_minute`).
    """

    def __init__(self, ceiling: float) -> None:
        self.ceiling = ceiling
        self.rate = ceiling
        self.lo: float | None = None
        self.hi = ceiling
        self.throttled = False
        """Whether any 429 was seen: bursting stops for good."""
        self.trusted = False
        """Whether `lo` ran for a sustained stretch without a 429."""
        self._changed_at = float("-inf")  # when the rate last moved; earlier sends are old news
        self._successes = 0  # responses to requests sent at the current rate
        self._last_429: float | None = None  # send time of the last counted 429
        self._successes_since_429 = 0
        self._raised_since_429 = False
        self._probed_at = 0  # `_successes_since_429` at the last probe above `hi`
        self._pause = 0.0
        self._step = PROBE_STEP

    def limit(self, rate: float) -> None:
        """Caps the rate, as a server's published policy (`RateLimit-Policy`) says."""
        capped = max(MIN_RATE, min(self.ceiling, rate))
        self.hi = min(self.hi, capped)
        self.lo = None if self.lo is None else min(self.lo, capped)
        self.rate = min(self.rate, capped)

    def success(self, sent_at: float, now: float) -> None:
        """A response other than a 429 to a request sent at `sent_at`."""
        self._successes_since_429 += 1
        if sent_at < self._changed_at:
            return
        self._successes += 1
        sustained = self._successes >= max(SUSTAIN_MIN, self.rate * SUSTAIN_SECONDS)
        if not sustained or self.rate >= self.ceiling:
            return
        if self.lo is None or self.rate > self.lo or not self.trusted:
            self.lo = self.rate
        self.trusted = True
        if self.hi / self.lo <= CLOSE_ENOUGH:
            if self._successes_since_429 - self._probed_at < PROBE_AFTER:
                return
            # Quiet for a while: the limit may have risen. Probe above it, further each time.
            self.hi = min(self.ceiling, self.hi * self._step)
            self._step = 1.0 + 2.0 * (self._step - 1.0)
            self._probed_at = self._successes_since_429
        self._set((self.lo + self.hi) / 2, now)
        self._raised_since_429 = True

    def throttle(self, sent_at: float, sent_rate: float, now: float) -> float:
        """A 429 to a request sent at `sent_at` while the rate was `sent_rate`.

        Returns:
            Seconds to pause every request for, on top of the new rate's interval.
        """
        self.throttled = True
        if sent_at < self._changed_at:
            return 0.0  # sent before the last cut, at the old rate: already acted on
        passed, previous = self._successes_since_429, self._last_429
        elapsed = sent_at - previous if previous is not None else 0.0
        back_to_back = previous is not None and not self._raised_since_429
        self._last_429, self._successes_since_429 = sent_at, 0
        self._probed_at, self._raised_since_429 = 0, False
        self._step = PROBE_STEP
        if back_to_back and passed == 0:
            # Nothing got through since the last 429: the quota is spent (a window that has
            # not reset yet, or a bucket refilling slower than requests came back). The rate
            # was cut already; wait longer instead of cutting again.
            self._pause = min(MAX_PAUSE, max(FIRST_PAUSE, self._pause * 2))
            self._changed_at = now
            return self._pause
        # Pause after the first 429 and after repeated ones: the retry at the new rate alone
        # would find the server's bucket still empty, or its window still full.
        self._pause = FIRST_PAUSE if previous is None or back_to_back else 0.0
        long_gap = elapsed >= ESTIMATE_SECONDS
        if self.trusted and self.lo is not None and sent_rate > self.lo * 1.0001:
            # A probe above the trusted rate failed: back to the trusted rate.
            self.hi = sent_rate
        elif self.trusted and self.lo is not None:
            # The trusted rate drew a 429: the limit is below it (it fell, or a burst hid
            # it), and after a while no lower than what got through since the last 429.
            self.hi = sent_rate
            if passed >= ISOLATED:
                self.lo = sent_rate * MARGIN  # one 429 in many: a late request, not the limit
            else:
                floor = (passed - 1) / elapsed if long_gap else 0.0
                self.lo = min(sent_rate * MARGIN, max(sent_rate * CUT, floor))
        elif back_to_back and long_gap:
            # The server refused all along: it let through no more than its rate.
            self.hi = min(sent_rate, (passed + 1) / elapsed)
            self.lo = self.hi * CUT
        else:
            self.hi = sent_rate
            self.lo = sent_rate * (STEEP_CUT if back_to_back else FIRST_CUT)
        self.lo = max(MIN_RATE, min(self.lo, self.hi))
        self._set(self.lo, now)
        return self._pause

    def _set(self, rate: float, now: float) -> None:
        self.rate = max(MIN_RATE, min(self.ceiling, rate))
        self._changed_at = now
        self._successes = 0
