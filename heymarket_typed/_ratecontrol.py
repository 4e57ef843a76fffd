"""Adaptive rate control: find the server's real limit under the user's ceiling.

The API documents 500 requests a minute and a 429 past it, but not its bucket: a burst size,
a window, other integrations sharing the team's quota. So the rate is learned, the way TCP
CUBIC and the AWS SDKs' adaptive retry mode learn a link's capacity, tuned for a limit that
rarely moves, where every probe past it costs a 429:

- `peak` (CUBIC's W_max) is the rate a 429 was drawn at. A 429 cuts the rate below it; then
  success brings the rate back along a cubic curve, fast at first, flat near `peak` (where
  the limit probably is), probing above it only `CLIMB` responses later, and doubling once
  the probe passes with no 429 (the limit rose: a quota partner went quiet). The curve runs
  on responses, not seconds, so a probe costs the same share of requests at any rate.
- How deep the cut goes depends on what the 429 says. One after a long run of successes is
  the limit being touched (or two requests that arrived closer than they were sent): the
  rate steps just below it (`NEAR`), and the peak a little lower if the 429 came before the
  rate got back to the old one (CUBIC's fast convergence). Two 429s far enough apart bound
  the limit by what got through between them; one soon after another, too close for that,
  cuts by `DEEP`. After either every request pauses.
- A 429 with nothing let through since the previous one means the quota is spent (a window
  not yet reset): the rate stays, and every request pauses, twice as long each time.
- Only a 429 for a request sent after the last cut counts: the requests already in flight
  when a cut happens were sent at the old rate (TCP cuts once a round trip for the same reason).

No I/O and no clock: callers pass `now` (monotonic seconds). Not thread-safe: `Pacer` locks.
"""

from __future__ import annotations

CLIMB = 150
"""Responses after a cut until the rate is back at `peak`; as many again to probe past it."""
PROBE = 0.10
"""How far above `peak` the probe goes `CLIMB` responses after reaching it (a share of it)."""
DOUBLE = 30
"""Past the probe, the rate doubles every this many responses without a 429."""
NEAR = 0.95
"""A 429 after `QUIET` successes sets the rate to this share of the rate it was drawn at."""
FIRST = 0.8
"""The first 429 sets the rate to this share: it may have come from the first burst."""
DEEP = 0.85
"""A 429 sooner than `QUIET` after another sets the rate to this share."""
CONVERGE = 0.975
"""A 429 before the rate got back to the previous peak sets the peak this far below it."""
ESTIMATE_SECONDS = 0.5
ESTIMATE_MAX = 10.0
"""Two 429s at least `ESTIMATE_SECONDS` apart, and at most `ESTIMATE_MAX` (a longer gap is
more likely idle time), estimate the limit from the successes between them."""
QUIET = 20
"""Successes since the previous 429 after which a 429 counts as touching the limit."""
MAX_PAUSE = 2.0
FIRST_PAUSE = 0.25
"""Seconds every request waits after a deep cut; doubled after each 429 that follows another
with nothing let through between (a spent window)."""
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
        self.peak = ceiling
        """The rate the last counted 429 was drawn at (CUBIC's W_max)."""
        self.throttled = False
        """Whether any 429 was seen: bursting stops for good."""
        self._cap = ceiling  # the ceiling, or a server's published policy if lower
        self._start = ceiling  # the rate right after the last cut
        self._cut_at = float("-inf")  # when the rate was last cut; earlier sends are old news
        self._climbed = 0  # successes to requests sent since the last cut
        self._since_429 = 0  # successes since the last 429, whenever sent
        self._last_429: float | None = None  # send time of the last counted 429
        self._pause = 0.0

    def limit(self, rate: float) -> None:
        """Caps the rate, as a server's published policy (`RateLimit-Policy`) says."""
        self._cap = max(MIN_RATE, min(self._cap, self.ceiling, rate))
        self.peak = min(self.peak, self._cap)
        self._start = min(self._start, self._cap)
        self.rate = min(self.rate, self._cap)

    def success(self, sent_at: float, now: float) -> None:
        """A response other than a 429 to a request sent at `sent_at`."""
        self._since_429 += 1
        if sent_at < self._cut_at or not self.throttled:
            return
        self._climbed += 1
        self.rate = self._curve(self._climbed)

    def throttle(self, sent_at: float, sent_rate: float, now: float) -> float:
        """A 429 to a request sent at `sent_at` while the rate was `sent_rate`.

        Returns:
            Seconds to pause every request for, on top of the new rate's interval.
        """
        self.throttled = True
        if sent_at < self._cut_at:
            return 0.0  # sent before the last cut, at the old rate: already acted on
        passed, previous = self._since_429, self._last_429
        self._since_429, self._last_429 = 0, sent_at
        if previous is not None and passed == 0:
            # Nothing got through since the last 429: the quota is spent (a window that has
            # not reset yet, or a bucket refilling slower than requests came back). The rate
            # was cut already; wait longer instead of cutting again.
            self._pause = min(MAX_PAUSE, max(FIRST_PAUSE, self._pause * 2))
            self._cut_at = now
            return self._pause
        rate = max(MIN_RATE, min(sent_rate, self._cap))
        # Both 429s found the server's quota spent, so what got through between them is what
        # it allows (this client's share, when others use it too) or less (if this client
        # left it idle): a floor under the limit, once far enough apart for one request not
        # to matter.
        gap = sent_at - previous if previous is not None else 0.0
        estimate = (passed + 1) / gap if ESTIMATE_SECONDS <= gap <= ESTIMATE_MAX else rate
        well_past = estimate < rate * NEAR
        if previous is None:
            # The first 429 may have come from the first burst rather than the rate.
            self.peak, start = rate, rate * FIRST
        elif well_past:
            self.peak, start = estimate, estimate * NEAR
        elif passed >= QUIET:
            # The limit touched after a long run: step just below it. CUBIC's fast
            # convergence: one before the rate got back to the old peak means the limit is
            # below where it was drawn; climb back to a little under it this time.
            self.peak = rate * CONVERGE if self._climbed < CLIMB else rate
            start = rate * NEAR
        else:
            self.peak, start = rate, rate * DEEP  # well past the limit, by how far unknown
        self._start = max(MIN_RATE, min(self.peak, start))
        self._climbed = 0
        self._cut_at = now
        self.rate = self._start
        # After a deep cut every request pauses: the server's bucket is still empty, or its
        # window still full, and the retry at the new rate alone would find it so.
        near = previous is not None and passed >= QUIET and not well_past
        self._pause = 0.0 if near else FIRST_PAUSE
        return self._pause

    def _curve(self, n: int) -> float:
        """The rate `n` responses after the cut: CUBIC's window as a function of responses,
        `peak` at `n = CLIMB`, concave before it (from `_start`), convex after."""
        x = n / CLIMB - 1.0
        if x < 0:
            rate = self.peak + (self.peak - self._start) * x**3
        elif x <= 1:
            rate = self.peak * (1.0 + PROBE * x**3)
        else:
            # Past the probe with no 429: the limit rose (a quota partner went quiet). Take
            # it back fast: double every `DOUBLE` responses, as TCP's slow start does.
            rate = self.peak * (1.0 + PROBE) * 2.0 ** ((n - 2 * CLIMB) / DOUBLE)
        return max(MIN_RATE, min(self._cap, rate))
