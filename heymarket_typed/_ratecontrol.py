"""Adaptive rate control: find the server's real limit under the user's ceiling.

The API documents 500 requests a minute and a 429 past it, but not its bucket: a burst size,
a window, other integrations sharing the team's quota. So the rate is learned, the way TCP
CUBIC and the AWS SDKs' adaptive retry mode learn a link's capacity, tuned for a limit that
rarely moves, where every probe past it costs a 429:

- `peak` (CUBIC's W_max) is the rate a 429 was drawn at. A 429 cuts the rate below it; then
  success brings the rate back along a cubic curve, fast at first, flat near `peak` (where
  the limit probably is), probing above it only later, and doubling once the probe passes
  with no 429 (the limit rose: a quota partner went quiet). As in CUBIC the way back to
  `peak` runs on time since the cut (`CLIMB` seconds), so a low rate recovers as fast as a
  high one; only time with requests flowing counts (at most `IDLE` of any gap between
  responses), so an idle client does not come back at its ceiling. The probe past `peak`
  takes at least as many responses as at `PROBE_PACE`, so at a low rate it costs no larger
  share of requests; a 429 while doubling steps back to the rate one doubling earlier.
- How deep the cut goes depends on what the 429 says. One after a long run of successes is
  the limit being touched (or two requests that arrived closer than they were sent): the
  rate steps just below it (`NEAR`), and the peak a little below it (`CONVERGE`: with arrival
  noise a strict server refuses a little under its rate; CUBIC's fast convergence). Two
  429s far enough apart bound the limit by what got through between them, over the time the
  pacer did not hold every request itself (a pause, a `Retry-After` in whole seconds), and
  never below `BETA` of the rate the second was drawn at (CUBIC's multiplicative decrease);
  one soon after another, too close for that, cuts by `DEEP`. After either every request
  pauses. When the server asks for the holds (`Retry-After`), two spans each after a hold of
  the same length solve for the limit: what got through is what it refilled during the hold
  (unknown, the same both times) plus the limit times the rest of the span. A run of
  successes after a hold counts as long only beyond what the hold could have refilled.
- A 429 with nothing let through since the previous one means the quota is spent (a window
  not yet reset): the rate stays, and every request pauses, twice as long each time. A run
  of such 429s lasting `WINDOW_MIN` or more is a window's: the next estimate counts from the
  run's first 429, so its span is a whole cycle of the window (refused, then taken), and may
  be as long as `WINDOW_MAX`; and the rate doubles only after probing that long.
- Only a 429 for a request sent after the last cut counts: the requests already in flight
  when a cut happens were sent at the old rate (TCP cuts once a round trip for the same reason).

No I/O and no clock: callers pass `now` (monotonic seconds). Not thread-safe: `Pacer` locks.
"""

from __future__ import annotations

from collections import deque

CLIMB = 7.5
"""Seconds after a cut until the rate is back at `peak`; as many again to probe past it."""
PROBE = 0.10
"""How far above `peak` the probe goes `CLIMB` seconds after reaching it (a share of it)."""
DOUBLE = 1.5
"""Past the probe, the rate doubles every this many seconds without a 429."""
IDLE = 1.0
"""At most this much of a gap between responses counts toward the climb."""
PROBE_PACE = 20.0
"""Past `peak` and up to `PROBE`, each response moves the curve by at most 1 / this many
seconds: below this rate the probe takes as many responses as at it (150), so it costs no
larger share of requests, and a bucket's burst has time to show it before the doubling."""
BETA = 0.7
"""An estimate from two 429s is never below this share of the rate the second was drawn at
(CUBIC's multiplicative decrease): the gap between them may hold idle time of the caller's,
or, with a quota shared, a spell when another client took all of it. Half (TCP's) let one of
two clients collapse to a small share there, which it then kept for the rest of a job."""
NEAR = 0.95
"""A 429 after `QUIET` successes sets the rate to this share of the rate it was drawn at."""
FIRST = 0.8
"""The first 429 sets the rate to this share: it may have come from the first burst."""
DEEP = 0.7
"""A 429 sooner than `QUIET` after another sets the rate to this share."""
CONVERGE = 0.975
"""A 429 after `QUIET` successes sets the peak to this share of the rate it was drawn at."""
ESTIMATE_SECONDS = 0.5
ESTIMATE_MAX = 10.0
"""Two 429s at least `ESTIMATE_SECONDS` apart, and at most `ESTIMATE_MAX` (a longer gap is
more likely idle time), estimate the limit from the successes between them."""
WINDOW_MIN = 1.0
"""A spent run this long (its first 429 to the next success) is a window's: a bucket refills
a request sooner, at any rate of one a second or more."""
WINDOW_MAX = 120.0
"""Two 429s may be this far apart when the first began a window's spent run: the server
refused for a while, then took requests again, so the span is a cycle of the window (the
documented limit is per minute, and the client starts somewhere inside the minute)."""
FIT_SECONDS = 0.3
"""Two spans after equal holds solve for the limit when their times after the hold differ by
at least this much (less, and one request's timing decides the answer)."""
QUIET = 20
"""Successes since the previous 429 after which a 429 counts as touching the limit."""
SPENT_WAIT = 60.0
"""Seconds a quota may stay spent and still be waited out. The documented limit is per minute
("500 requests per minute", heymarket-api-facts.md), so a window's quota is back within a
minute; refused longer, something else is wrong: the pacer stops holding requests for it
and the transport takes its 429s as final, so every waiting call learns it at once."""
MAX_PAUSE = 4.0
FIRST_PAUSE = 0.25
"""Seconds every request waits after a deep cut; doubled after each 429 that follows another
with nothing let through between (a spent window), up to `MAX_PAUSE`."""
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
        self._policy = float("inf")  # the server's latest published policy, requests a second
        self._start = ceiling  # the rate right after the last cut
        self._cut_at = float("-inf")  # when the rate was last cut; earlier sends are old news
        self._climbed = 0.0  # seconds of the climb back to `peak` since the last cut
        self._probed = 0.0  # seconds of probing past it, at most 1 / PROBE_PACE a response
        self._seen = float("-inf")  # when the climb last moved: the cut, or a success
        self._held = (float("-inf"), float("-inf"))  # the last span the pacer held everything
        self.spent = False
        """Whether the last 429 found the quota spent (nothing let through since the one before)."""
        self._run_from = 0.0  # send time of the first 429 of the last spent run
        self._refused = 0.0  # how long a window's last spent run lasted (0: not a window's)
        self._window = False  # whether the span since `_last_429` is a window's cycle
        self._since_429 = 0  # successes since the last 429, whenever sent
        self._last_429: float | None = None  # send time of the last counted 429
        self._pause = 0.0
        self._told = float("-inf")  # when the last hold the server asked for ended
        self._hold_end = float("-inf")  # when the last hold ended, asked for or not
        # The last spans after a hold the server asked for: (passed, time after it, hold).
        self._cycles: deque[tuple[float, float, float]] = deque(maxlen=4)

    def limit(self, rate: float | None = None) -> None:
        """Caps the rate at the ceiling and at the server's latest published policy
        (`RateLimit-Policy`; None: the one it published before, if any). The latest, so a
        policy that rises lifts the cap again, never past the ceiling."""
        if rate is not None:
            self._policy = rate
        self._cap = max(MIN_RATE, min(self.ceiling, self._policy))
        if not self.throttled:  # no 429 yet: the rate is the cap; else it climbs back to it
            self.peak = self._start = self.rate = self._cap
        # What was learned (`peak`) stays: a cap that lapses (a stricter client closed, a
        # policy rose) gives the learned rate back at once, not after a climb from the cap.
        self.rate = min(self.rate, self._cap)

    def success(self, sent_at: float, now: float) -> None:
        """A response other than a 429 to a request sent at `sent_at`."""
        self._since_429 += 1
        if sent_at < self._cut_at or not self.throttled:
            return
        if self.spent:  # the quota is back
            self.spent = False
            refused = sent_at - self._run_from
            self._window = refused >= WINDOW_MIN
            self._refused = refused if self._window else 0.0
        elapsed = min(IDLE, max(0.0, now - self._seen))
        self._seen = now
        if self._climbed < CLIMB:
            self._climbed = min(CLIMB, self._climbed + elapsed)
        else:
            self._probed += min(elapsed, 1.0 / PROBE_PACE) if self._probed < CLIMB else elapsed
        self.rate = self._curve(self._probed)

    def spent_for(self, now: float) -> float | None:
        """Seconds since the first 429 of the run that found the quota spent; None when the
        last 429 did not."""
        return now - self._run_from if self.spent else None

    def hold(self, start: float, end: float, *, told: bool = False) -> None:
        """The pacer holds every request from `start` to `end` (a pause, a `Retry-After`):
        the server might have taken requests then, so the next estimate leaves it out. Not
        after a 429 that found the quota spent: the server was refusing then."""
        if told:
            self._told = end
        self._hold_end = max(self._hold_end, end)
        if self.spent:
            return
        held_from, held_to = self._held
        self._held = (held_from, max(held_to, end)) if start <= held_to else (start, end)

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
            if sent_at <= self._hold_end + max(MAX_PAUSE, 2.0 / self.rate):
                return self._still_spent(previous, now)
            # Nothing sent for a while after the last hold (an idle client, calls that gave
            # up): that 429 says nothing of the quota now. Start over from this one.
            previous = None
        self.spent = False
        window, self._window = self._window, False
        if window:
            previous = self._run_from  # a window's whole cycle: refused, then taken
        rate = max(MIN_RATE, min(sent_rate, self._cap))
        # Both 429s found the server's quota spent, so what got through between them is what
        # it allows (this client's share, when others use it too) or less (if this client
        # left it idle): a floor under the limit, once far enough apart for one request not
        # to matter.
        gap = span = held = 0.0
        if previous is not None:
            held_from, held_to = self._held
            span = sent_at - previous
            held = max(0.0, min(held_to, sent_at) - max(held_from, previous))
            gap = span - held
        longest = WINDOW_MAX if window else ESTIMATE_MAX
        estimate = (passed + 1) / gap if ESTIMATE_SECONDS <= gap <= longest else rate
        if previous is not None and self._told > previous and span <= ESTIMATE_MAX:
            estimate = min(estimate, self._fit(passed, span, gap, held))
        else:
            self._cycles.clear()
        # A run of successes right after a hold may be the server's refill during it: only
        # what came beyond what a hold at this rate could have refilled shows a long run.
        quiet = passed - held * rate >= QUIET
        estimate = max(estimate, rate * BETA)
        well_past = estimate < rate * NEAR
        if previous is None:
            # The first 429 may have come from the first burst rather than the rate.
            self.peak, start = rate, rate * FIRST
        elif well_past:
            self.peak, start = estimate, estimate * NEAR
        elif quiet and self._probed > CLIMB:
            # Drawn while doubling: a bucket's burst hides how far past the limit the rate
            # went; the rate one doubling ago got through. Slow start's cut, on that.
            self.peak = max(self.peak, self._curve(self._probed - DOUBLE))
            start = self.peak * NEAR
        elif quiet:
            # The limit touched after a long run: step just below it, and climb back to a
            # little under it (a strict server refuses some arrivals just under its rate),
            # but no higher than the old peak when drawn while probing: the limit is
            # between the two, and a bucket's burst may have hidden how far past it.
            self.peak = min(rate * CONVERGE, self.peak) if self._probed > 0 else rate * CONVERGE
            start = rate * NEAR
        else:
            self.peak, start = rate, rate * DEEP  # well past the limit, by how far unknown
        self._start = max(MIN_RATE, min(self.peak, start))
        self._climbed, self._probed, self._seen = 0.0, 0.0, now
        self._cut_at = now
        self.rate = self._start
        # After a deep cut every request pauses: the server's bucket is still empty, or its
        # window still full, and the retry at the new rate alone would find it so.
        near = previous is not None and quiet and not well_past
        self._pause = 0.0 if near else FIRST_PAUSE
        self._hold_end = max(self._hold_end, now + self._pause)
        return self._pause

    def _still_spent(self, previous: float, now: float) -> float:
        """Nothing got through since the last 429 (sent at `previous`): the quota is spent (a
        window that has not reset yet, or a bucket refilling slower than requests came back).
        The rate was cut already; wait longer instead of cutting again."""
        self._pause = min(MAX_PAUSE, max(FIRST_PAUSE, self._pause * 2))
        if not self.spent:
            self.spent, self._run_from = True, previous
        self._cut_at = now
        # Past a minute it is not a window (see `SPENT_WAIT`): no more holding for it.
        pause = 0.0 if now - self._run_from > SPENT_WAIT else self._pause
        self._hold_end = max(self._hold_end, now + pause)
        return pause

    def _fit(self, passed: int, span: float, gap: float, held: float) -> float:
        """The limit from spans after holds the server asked for (`inf` if they do not say).

        What got through after a hold of `held` is what the server refilled during it (X,
        unknown but at most the limit times `held`) plus the limit times the time after it:
        two spans after holds of the same length, their times after them far enough apart,
        solve for the limit. The answer must lie between what this span shows at least (all
        of it counted) and at most (only the time after the hold)."""
        fit = float("inf")
        same = [c for c in self._cycles if abs(c[2] - held) < 0.05]
        if same:
            n, t, _ = max(same, key=lambda c: abs(c[1] - gap))
            if abs(t - gap) >= FIT_SECONDS:
                solved = (n - passed) / (t - gap)
                if (passed - 1) / span <= solved <= (passed + 1) / gap:
                    fit = solved
        self._cycles.append((float(passed), gap, held))
        return fit

    def _curve(self, probed: float) -> float:
        """CUBIC's window, `probed` seconds past `peak`: back at `peak` `CLIMB` seconds after
        the cut, concave before it (from `_start`), convex after."""
        x = (self._climbed + probed) / CLIMB - 1.0
        if x < 0:
            rate = self.peak + (self.peak - self._start) * x**3
        elif x <= 1:
            rate = self.peak * (1.0 + PROBE * x**3)
        else:
            # Past the probe with no 429: the limit rose (a quota partner went quiet). Take
            # it back fast: double every `DOUBLE` seconds, as TCP's slow start does; but
            # first wait as long as a window's quota last stayed spent: a window shows a
            # rate past it only when it runs out, which may be that far off.
            doubling = max(0.0, probed - CLIMB - self._refused)
            rate = self.peak * (1.0 + PROBE) * 2.0 ** (doubling / DOUBLE)
        return max(MIN_RATE, min(self._cap, rate))
