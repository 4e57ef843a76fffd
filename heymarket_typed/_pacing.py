"""Client-side pacing: send at the rate the server takes, never above the user's ceiling.

A schedule of send slots (a token bucket, in its GCRA form: each slot is one interval after the
previous) at the rate `RateControl` learns from responses. Callers reserve a ticket, wait
until its slot outside the lock (so one pacer serves threads and asyncio tasks alike, in
order), then mark it sent; a ticket given up before that (a cancelled task, an abandoned call)
is released and its slot goes to the next caller. Slots are recomputed whenever the rate
falls, a `Retry-After` arrives or a ticket is released, so waiters never go out at a stale rate.

Every client of one credential and base URL in a process shares one pacer (`shared_pacer`), as
they share one quota at the server; a client built after they closed finds it still. Each client
has a `Lane` on it: its ceiling (the pacer's is the strictest of the open lanes; when that rises,
the schedule moves to the new rate) and its waiting requests, withdrawn when the client closes.

Until the server's clock is known (JWT clients; see `FirstAnswer`), one request goes ahead
and the others wait for its answer: every request sent before it is signed by a clock that
may be minutes off, and draws a 401.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from ._first_answer import FirstAnswer
from ._ratecontrol import SPENT_WAIT, RateControl
from ._registry import Registry

RTT_SAMPLES = 32
"""Round trips kept to find the fastest recent one (the path's own delay, without queueing)."""
INITIAL_BURST = 2.0
"""Requests that may go at once before any 429: enough that two calls in a row do not wait,
few enough that a server with no burst at all refuses only one."""

_PROCESS_KEY = os.urandom(32)


@dataclass(eq=False)
class Ticket:
    """One request's place in the schedule."""

    at: float = 0.0
    """When it may be sent (monotonic seconds); moves when the schedule is recomputed."""
    moves: int = 0
    """How many times `at` moved later: a waiter sleeps again only when it did."""
    rate: float = 0.0
    """The rate in force when it was sent."""
    sent_at: float | None = field(default=None)
    lane: Lane | None = None
    """The client it belongs to, if any."""
    withdrawn: bool = False
    """Its client closed before it was sent: it will not be."""


class Lane:
    """One client's place at a shared pacer: its ceiling, and its requests waiting for a slot.

    Closing it (the client closed) withdraws those requests, so the other clients of the quota
    do not wait behind them, and drops its ceiling, so a stricter one lapses with its client;
    a lane garbage-collected with its client drops its ceiling too (`Pacer.join`).
    """

    def __init__(self, pacer: Pacer, ceiling: float) -> None:
        self.pacer = pacer
        self.ceiling = ceiling
        """Requests per second."""
        self.closed = False

    def close(self) -> None:
        self.pacer._leave(self)


class Pacer:
    """Send slots for every thread and task of the clients sharing it.

    Args:
        requests_per_minute: The ceiling; a positive, finite number.
        clock: Monotonic seconds.
        clock_known: Whether the server's clock is known; until then calls wait for the first
            one's answer (`FirstAnswer`). None: there is no clock to learn (an API key).
    """

    def __init__(
        self,
        requests_per_minute: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        clock_known: Callable[[], bool] | None = None,
    ) -> None:
        self.control = RateControl(requests_per_minute / 60.0)
        self._clock = clock
        self._first = None if clock_known is None else FirstAnswer(clock_known)
        self._lock = threading.Lock()
        self._waiting: list[Ticket] = []
        self._tat = clock()  # theoretical arrival time after the last sent ticket
        self._end = self._tat  # ... and after the last waiting one
        self._last_sent = float("-inf")
        self._hold_until = float("-inf")
        self._budget: int | None = None  # requests the server still takes before `_budget_until`
        self._budget_until = float("-inf")
        self._sent = 0
        self._budget_at_sent = 0
        self._rtts: deque[float] = deque(maxlen=RTT_SAMPLES)
        self._lanes: weakref.WeakSet[Lane] = weakref.WeakSet()
        self._lane_count = 0  # open lanes last counted: fewer now means some were collected

    @property
    def rate(self) -> float:
        """The current rate, in requests per second."""
        return self.control.rate

    def join(self, requests_per_minute: float) -> Lane:
        """A client's lane, at its own ceiling: while it is open (and alive), the pacer's
        ceiling is no higher than that."""
        with self._lock:
            lane = Lane(self, requests_per_minute / 60.0)
            self._lanes.add(lane)
            self._set_ceiling()
            return lane

    def in_use(self) -> bool:
        """Whether an open client has a lane here."""
        with self._lock:
            return bool(self._lanes)

    def _leave(self, lane: Lane) -> None:
        with self._lock:
            if lane.closed:
                return
            lane.closed = True
            self._lanes.discard(lane)
            for ticket in [t for t in self._waiting if t.lane is lane]:
                ticket.withdrawn = True
                self._release(ticket)
            self._set_ceiling()
            self._reschedule(self._clock())

    def _drop_collected_lanes(self) -> None:
        """A client garbage-collected without closing left fewer lanes: its ceiling lapses
        now, for the requests already waiting as for new ones."""
        if len(self._lanes) != self._lane_count:
            self._set_ceiling()

    def _set_ceiling(self) -> None:
        """The strictest ceiling of the open lanes (none open: the last one stays)."""
        self._lane_count = len(self._lanes)
        ceiling = min((lane.ceiling for lane in self._lanes), default=self.control.ceiling)
        if ceiling != self.control.ceiling:
            before = self.control.rate
            self.control.ceiling = ceiling
            self.control.limit()  # below: the rate drops; above: it may climb back
            now = self._clock()
            if self.control.rate > before:
                self._rescale(before, now)
            self._reschedule(now)

    def _rescale(self, before: float, now: float) -> None:
        """The rate rose from `before` (a stricter ceiling lapsed): the schedule still owed
        at `now` is owed at the new rate, as a token bucket keeps its tokens when its rate
        changes; so the next slot is about an interval of the new rate after the last send,
        not one of the old (a minute, after a client of one request a minute)."""
        if self._tat > now:
            self._tat = now + (self._tat - now) * before / self.control.rate

    def reserve(self, lane: Lane | None = None) -> Ticket:
        """Takes the next slot (for a request of `lane`'s client): wait as `delay` says, then
        call `sent` (or `release`)."""
        with self._lock:
            self._drop_collected_lanes()
            now = self._clock()
            if not self._waiting:
                # The schedule restarts from now after a lull, with its burst allowance.
                self._tat = self._end = max(self._tat, now)
            # After the others: their slots stay put (their waiters are asleep on them).
            ticket = Ticket(lane=lane)
            ticket.at = self._slot(ticket, self._end, len(self._waiting), now)
            self._end = max(self._end, ticket.at) + 1.0 / self.control.rate
            self._waiting.append(ticket)
            return ticket

    def delay(self, ticket: Ticket, slept_for: int | None = None) -> tuple[float, int]:
        """Seconds until `ticket`'s slot (0.0 when due), and the slot's version to pass back
        as `slept_for` after sleeping that long: the delay is then 0.0 unless the slot moved
        later meanwhile. (So a clock whose sleeps return at once, in tests, never spins.)"""
        with self._lock:
            self._drop_collected_lanes()
            first = self._first
            if first is not None and first.ahead is not None and first.is_open():
                self._resume(self._clock())  # another client taught the clock
            if ticket.moves == slept_for:
                return 0.0, ticket.moves
            return max(0.0, ticket.at - self._clock()), ticket.moves

    def sent(self, ticket: Ticket) -> None:
        """`ticket`'s request is going out now."""
        with self._lock:
            now = self._clock()
            if ticket in self._waiting:
                self._waiting.remove(ticket)
            ticket.sent_at, ticket.rate = now, self.control.rate
            if self.control.throttled:
                # The server is strict: the next request keeps its distance from this one
                # even when this one went out late (a busy thread, a slow wake-up).
                self._tat = max(self._tat, now) + 1.0 / self.control.rate
                self._reschedule(now)
            else:
                # From the slot, not the clock: a sender woken late does not hold the others.
                self._tat = max(self._tat, ticket.at) + 1.0 / self.control.rate
            self._last_sent = now
            self._sent += 1
            if self._first is not None and ticket is self._first.ahead:
                self._reschedule(now)  # the others wait from when it went

    def release(self, ticket: Ticket) -> None:
        """Gives back the slot of a request that will not be sent, or that was sent and will
        get no answer (a network error, cancelled in flight)."""
        with self._lock:
            if self._release(ticket):
                self._reschedule(self._clock())

    def _release(self, ticket: Ticket) -> bool:
        """Takes `ticket` off the schedule; returns whether the schedule changed."""
        changed = ticket in self._waiting
        if changed:
            self._waiting.remove(ticket)
        if self._first is not None:
            changed = self._first.unanswered(ticket, self._waiting) or changed
        return changed

    def throttled(self, ticket: Ticket, retry_after: float | None) -> float | None:
        """The server answered `ticket`'s request with a 429.

        Returns:
            How long the quota has been spent, in seconds (`RateControl.spent_for`), or None
            if this 429 did not find it spent. Up to `SPENT_WAIT` the pacer holds every
            request until the server may take one again: resending is waiting, not a retry.
        """
        with self._lock:
            now = self._clock()
            if self._answered():
                self._tat = max(self._tat, now)  # see `_resume`
            self._arrived_late(ticket, now)
            pause = 0.0
            if ticket.sent_at is not None:
                pause = self.control.throttle(ticket.sent_at, ticket.rate, now)
            # The server's bucket is empty: nothing more before one interval at the new rate.
            self._tat = max(self._tat, self._last_sent + 1.0 / self.control.rate)
            spent_for = self.control.spent_for(now)
            if spent_for is not None and spent_for > SPENT_WAIT:
                retry_after = None  # its 429s are final now: each waiting call learns at once
            told = (retry_after or 0.0) > pause
            pause = max(pause, retry_after or 0.0)
            if pause > 0:
                self._hold_until = max(self._hold_until, now + pause)
                self.control.hold(now, self._hold_until, told=told)
            self._reschedule(now)
            return spent_for

    def succeeded(self, ticket: Ticket) -> None:
        """The server took `ticket`'s request (any answer but a 429)."""
        with self._lock:
            now = self._clock()
            if self._answered():
                self._resume(now)
            if ticket.sent_at is not None:
                before, tat = self.control.rate, self._tat
                self.control.success(ticket.sent_at, now)
                self._arrived_late(ticket, now)
                if self.control.rate != before or self._tat != tat:
                    self._reschedule(now)

    def _answered(self) -> bool:
        """An answer came: no one waits for the first any longer. Returns whether they did."""
        return self._first is not None and self._first.answered()

    def _resume(self, now: float) -> None:
        """The others stop waiting for the first answer: the schedule restarts from `now`, as
        after a lull (the server saw one request meanwhile), not with the missed slots at once."""
        self._tat = max(self._tat, now)
        self._reschedule(now)

    def _arrived_late(self, ticket: Ticket, now: float) -> None:
        """Keeps the next request one interval from when `ticket`'s may have reached the server.

        A strict server (no burst) counts arrivals, not sends, and the way there varies: a
        request held up on its way lands closer to the next one than they were sent. How long
        it was held up is unknown, but no longer than its round trip beyond the fastest recent
        one, so once the server has shown it is strict the next request waits that much more.
        This costs nothing when the round trip is longer than the interval (the next request
        of a sequential caller goes after the response anyway)."""
        if ticket.sent_at is None:
            return
        rtt = now - ticket.sent_at
        self._rtts.append(rtt)
        if self.control.throttled:
            late = rtt - min(self._rtts)
            self._tat = max(self._tat, ticket.sent_at + late + 1.0 / self.control.rate)

    def advise(
        self,
        ticket: Ticket,
        *,
        policy_rate: float | None,
        remaining: int | None,
        reset: float | None,
    ) -> None:
        """What the server's rate-limit headers on `ticket`'s response said."""
        with self._lock:
            now = self._clock()
            if policy_rate is not None:
                self.control.limit(policy_rate)
            if remaining is not None and reset is not None:
                self._budget = remaining
                self._budget_until = now + reset
                # Requests sent after this one are not counted in `remaining` yet.
                self._budget_at_sent = self._sent
            self._reschedule(now)

    def _tolerance(self) -> float:
        """How far ahead of the schedule a burst may run (GCRA's tau)."""
        burst = 1.0 if self.control.throttled else INITIAL_BURST
        return (burst - 1.0) / self.control.rate

    def _slot(self, ticket: Ticket, tat: float, position: int, now: float) -> float:
        """The slot of `ticket`, waiting at `position`, the schedule being at `tat`."""
        at = max(tat - self._tolerance(), self._hold_until)
        if self._first is not None:
            at = max(at, self._first.not_before(ticket, now))
        # Past the requests the server said it still takes: after its reset.
        budget = self._budget
        left = None if budget is None else budget - (self._sent - self._budget_at_sent)
        if left is not None and now < self._budget_until and position >= left:
            at = max(at, self._budget_until)
        return at

    def _reschedule(self, now: float) -> None:
        """Recomputes every waiting slot: after a cut, a hold or a slot given back."""
        interval = 1.0 / self.control.rate
        tat = self._tat
        for position, ticket in enumerate(self._waiting):
            at = self._slot(ticket, tat, position, now)
            if at > ticket.at:
                ticket.moves += 1
            ticket.at = at
            tat = max(tat, at) + interval
        self._end = tat


_registry: Registry[Pacer] = Registry(in_use=Pacer.in_use)


def fingerprint(credential: str) -> str:
    """A stable name for a credential that does not reveal it (keyed by a per-process secret,
    so it cannot be checked against guesses elsewhere)."""
    return hmac.new(_PROCESS_KEY, credential.encode(), hashlib.sha256).hexdigest()


def shared_pacer(
    requests_per_minute: float,
    *,
    key: Hashable,
    clock: Callable[[], float],
    clock_known: Callable[[], bool] | None = None,
) -> Pacer:
    """The pacer of every client with this `key` (credential and base URL fingerprints, and
    clock), created on first use and kept after they close (`Registry`), so a client built
    later starts at the rate learned; each client then `join`s it at its own ceiling.
    `clock_known` is as for `Pacer` (the key's clients share one server clock)."""
    return _registry.get(
        key, lambda: Pacer(requests_per_minute, clock=clock, clock_known=clock_known)
    )
