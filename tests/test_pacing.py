"""Pacing: a schedule shared by every thread, task and client of a credential, at a rate that
a 429 cuts and success restores, on a virtual clock."""

from __future__ import annotations

import asyncio
import gc
import math
import threading

import httpx
import pytest

from heymarket_typed import AsyncHeymarket, Heymarket, models
from heymarket_typed._clock import _shared
from heymarket_typed._limits import Limits, limits
from heymarket_typed._pacing import INITIAL_BURST, Pacer, Ticket, _registry
from heymarket_typed._ratecontrol import (
    BETA,
    CLIMB,
    CONVERGE,
    DEEP,
    DOUBLE,
    FIRST,
    FIRST_PAUSE,
    IDLE,
    NEAR,
    PROBE,
    PROBE_PACE,
    QUIET,
    RateControl,
)
from heymarket_typed.testing import SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, FakeHeymarket
from tests.helpers import (
    SECRET_ID,
    SECRET_KEY,
    FakeClock,
    ScriptedAPI,
    clocked,
    contact,
    json_response,
)


def sent(pacer: Pacer, clock: FakeClock) -> Ticket:
    """Reserves a slot, waits for it on the fake clock, and sends."""
    ticket = pacer.reserve()
    wait, version = pacer.delay(ticket)
    while wait > 0:
        clock.sleep(wait)
        wait, version = pacer.delay(ticket, version)
    pacer.sent(ticket)
    return ticket


def waits(pacer: Pacer, n: int) -> list[float]:
    return [round(pacer.delay(pacer.reserve())[0], 6) for _ in range(n)]


def test_a_burst_of_two_then_one_slot_per_interval() -> None:
    clock = FakeClock()
    pacer = Pacer(480, clock=clock.monotonic)  # 8 per second
    assert INITIAL_BURST == 2
    assert waits(pacer, 5) == [0.0, 0.0, 0.125, 0.25, 0.375]


def test_a_429_cuts_the_rate_and_stops_bursting() -> None:
    clock = FakeClock()
    pacer = Pacer(1200, clock=clock.monotonic)  # 20 per second
    for _ in range(3):
        pacer.succeeded(sent(pacer, clock))
    pacer.throttled(sent(pacer, clock), None)

    assert pacer.rate == pytest.approx(20 * FIRST)
    clock.advance(60)  # a long idle spell: a bucket would fill, but no burst after a 429
    assert waits(pacer, 3) == [0.0, pytest.approx(1 / 16), pytest.approx(2 / 16)]


def test_the_first_429_pauses_every_waiting_request() -> None:
    clock = FakeClock()
    pacer = Pacer(1200, clock=clock.monotonic)
    throttled = sent(pacer, clock)
    waiting = pacer.reserve()
    assert pacer.delay(waiting)[0] == 0.0  # within the burst
    pacer.throttled(throttled, None)
    assert pacer.delay(waiting)[0] == pytest.approx(FIRST_PAUSE)


def climb(control: RateControl, seconds: float, every: float = 0.05) -> list[float]:
    """A success every `every` seconds for `seconds` after a cut at 0.01; the rate each second
    of the climb (index `i`: `i + 1` seconds after the cut)."""
    rates = []
    for i in range(1, round(seconds / every) + 1):
        control.success(sent_at=0.01 + i * every - 0.01, now=0.01 + i * every)
        if round(i * every, 6) == round(i * every):
            rates.append(control.rate)
    return rates


def test_success_climbs_back_fast_then_holds_near_the_429_then_probes() -> None:
    """CUBIC's curve on time since the cut: most of the way back within half the climb, flat
    around the rate of the 429, above it only after as long again, then doubling."""
    control = RateControl(1000.0)
    control.throttle(sent_at=0.0, sent_rate=20.0, now=0.01)
    assert control.rate == pytest.approx(20.0 * FIRST)
    rates = climb(control, 4 * CLIMB)
    assert rates == sorted(rates)  # climbs, never falls without a 429
    second = round(CLIMB / 2) - 1
    assert rates[second] >= 20.0 - 4.0 * (1 - (second + 1) / CLIMB) ** 3 - 1e-9
    assert rates[second] >= 19.4
    plateau = rates[round(CLIMB / 2) : round(3 * CLIMB / 2)]
    assert min(plateau) >= 19.5
    assert max(plateau) <= 20.0 * (1 + PROBE / 8) + 1e-9
    control = RateControl(1000.0)
    control.throttle(sent_at=0.0, sent_rate=20.0, now=0.01)
    climb(control, 2 * CLIMB, every=1 / PROBE_PACE)
    assert control.rate == pytest.approx(20.0 * (1 + PROBE), rel=0.01)
    # Past the probe with no 429: the limit rose (a quota partner went quiet). Doubling.
    climb_from(control, 2 * CLIMB + 0.01, DOUBLE, every=1 / PROBE_PACE)
    assert control.rate == pytest.approx(2 * 20.0 * (1 + PROBE), rel=0.03)
    climb(control, 4 * CLIMB)
    assert control.rate == 1000.0  # never above the ceiling


def climb_from(control: RateControl, start: float, seconds: float, every: float) -> None:
    for i in range(1, round(seconds / every) + 1):
        control.success(sent_at=start + i * every - 0.01, now=start + i * every)


def test_a_probe_takes_as_many_responses_at_a_low_rate() -> None:
    """Back at the peak on time, but past it each response counts for at most
    1 / `PROBE_PACE` seconds: at 2 a second the probe costs no larger share of requests."""
    control = RateControl(100.0)
    control.throttle(sent_at=0.0, sent_rate=2.0, now=0.01)
    climb(control, CLIMB, every=0.5)
    assert control.rate == pytest.approx(2.0)
    climb_from(control, CLIMB + 0.01, CLIMB, every=0.5)  # 15 responses: a tenth of the probe
    assert control.rate == pytest.approx(2.0 * (1 + PROBE * 0.1**3))
    climb_from(control, 2 * CLIMB + 0.01, 9 * CLIMB, every=0.5)
    assert control.rate == pytest.approx(2.0 * (1 + PROBE))


def test_a_429_while_doubling_goes_back_to_the_rate_one_doubling_earlier() -> None:
    """A bucket's burst hides the overshoot for a while: the 429 arrives with the rate well
    past the limit, so stepping 5% below it would draw more."""
    control = RateControl(100.0)
    control.throttle(sent_at=0.0, sent_rate=5.0, now=0.01)
    climb(control, 2 * CLIMB, every=1 / PROBE_PACE)
    climb_from(control, 2 * CLIMB + 0.01, 2 * DOUBLE, every=1 / PROBE_PACE)
    assert control.rate == pytest.approx(4 * 5.0 * (1 + PROBE), rel=0.05)
    control.throttle(sent_at=30.0, sent_rate=control.rate, now=30.01)
    assert control.peak == pytest.approx(2 * 5.0 * (1 + PROBE), rel=0.05)
    assert control.rate == pytest.approx(control.peak * NEAR)


def test_a_low_rate_climbs_back_as_fast_as_a_high_one() -> None:
    """The attack's case: at 2 responses a second the climb back used to take minutes, as
    it was counted in responses. On time it takes `CLIMB` seconds at any rate."""
    fast, slow = RateControl(100.0), RateControl(100.0)
    for control, every in ((fast, 0.05), (slow, 0.5)):
        control.throttle(sent_at=0.0, sent_rate=10.0, now=0.01)
        climb(control, CLIMB, every=every)
    assert slow.rate == pytest.approx(fast.rate, rel=1e-3)
    assert slow.rate == pytest.approx(10.0, rel=1e-2)


def test_idle_time_counts_toward_the_climb_only_up_to_a_second_a_gap() -> None:
    control = RateControl(100.0)
    control.throttle(sent_at=0.0, sent_rate=10.0, now=0.01)
    control.success(sent_at=60.0, now=60.01)  # a minute idle counts as one second
    assert control._climbed == pytest.approx(IDLE)
    assert control.rate < 10.0


def test_a_429_after_a_long_run_steps_just_below_it_without_pausing() -> None:
    """The limit touched: the rate steps below it and climbs back to a little under it (with
    arrival noise, a strict server turns requests away a little below its rate)."""
    control = RateControl(20.0)
    control.throttle(sent_at=0.0, sent_rate=20.0, now=0.01)
    climb(control, 2 * CLIMB)  # back at the peak and through the probe
    sent_rate = control.rate
    assert control.throttle(sent_at=100.0, sent_rate=sent_rate, now=100.01) == 0.0
    assert control.rate == pytest.approx(sent_rate * NEAR)
    assert control.peak == pytest.approx(sent_rate * CONVERGE)


def test_a_429_drawn_while_probing_keeps_the_peak_no_higher_than_before() -> None:
    """The limit lies between the old peak and the probe's rate, and a bucket's burst can
    hide an overshoot for a while: climbing back to just under the probe's rate would draw
    another 429 on the way."""
    control = RateControl(100.0)
    control.throttle(sent_at=0.0, sent_rate=20.0, now=0.01)
    climb(control, 1.9 * CLIMB, every=1 / PROBE_PACE)
    sent_rate = control.rate
    assert sent_rate * CONVERGE > 20.0 + 0.5
    control.throttle(sent_at=100.0, sent_rate=sent_rate, now=100.01)
    assert control.peak == pytest.approx(20.0)
    assert control.rate == pytest.approx(20.0)  # NEAR below the probe's rate is above it


def test_a_429_before_the_rate_is_back_lowers_the_peak() -> None:
    """CUBIC's fast convergence: the limit is below where the last 429 was drawn."""
    control = RateControl(20.0)
    control.throttle(sent_at=0.0, sent_rate=20.0, now=0.01)
    climb(control, (QUIET + 10) * 0.05)  # a long enough run, but not back to the peak yet
    sent_rate = control.rate
    assert sent_rate < 20.0
    control.throttle(sent_at=100.0, sent_rate=sent_rate, now=100.01)
    assert control.peak == pytest.approx(sent_rate * CONVERGE)
    assert control.rate == pytest.approx(sent_rate * NEAR)


def test_a_429_soon_after_another_cuts_to_what_got_through_between_them() -> None:
    """Both found the server's bucket empty: 5 successes in a second is a limit of about 6."""
    control = RateControl(10.0)
    control.throttle(sent_at=0.0, sent_rate=10.0, now=0.01)
    assert control.rate == pytest.approx(10.0 * FIRST)
    for i in range(5):
        control.success(sent_at=0.3 + i * 0.1, now=0.31 + i * 0.1)
    assert control.throttle(sent_at=1.0, sent_rate=control.rate, now=1.01) == FIRST_PAUSE
    assert control.peak == pytest.approx(6.0)
    assert control.rate == pytest.approx(6.0 * NEAR)


def test_the_estimate_leaves_out_the_time_every_request_was_held() -> None:
    """The attack's case: a `Retry-After: 1` held every request for a second after the first
    429, one got through, then a 429: not a limit of 2/s (the pacer held them, not the
    server), but too short a time to say what the limit is: a multiplicative cut."""
    control = RateControl(16.7)
    control.throttle(sent_at=0.0, sent_rate=16.7, now=0.01)
    control.hold(0.01, 1.01)
    control.success(sent_at=1.01, now=1.02)
    control.throttle(sent_at=1.08, sent_rate=14.5, now=1.09)
    assert control.peak == pytest.approx(14.5)
    assert control.rate == pytest.approx(14.5 * DEEP)


def run_of(control: RateControl, successes: int, start: float, end: float) -> None:
    """`successes` evenly between `start` and `end`, each answered at once."""
    for i in range(successes):
        at = start + (end - start) * (i + 0.5) / successes
        control.success(sent_at=at, now=at)


@pytest.mark.parametrize("told", [True, False])
def test_two_spans_after_equal_retry_after_holds_solve_for_the_limit(told: bool) -> None:
    """A bucket of 20/s with a large burst and `Retry-After: 1`: after each hold it has
    refilled 20, so a run of 20 + 20 T got through in the T seconds after it. Each span alone
    says only that the limit is between 20 and 39; two with different T say it is 20. The
    pacer's own pauses (no `Retry-After`) are not the server's word and solve nothing."""
    control = RateControl(43.0)
    control.throttle(sent_at=0.0, sent_rate=43.0, now=0.0)
    control.hold(0.0, 1.0, told=told)
    run_of(control, 42, 1.0, 2.1)  # 20 + 20 x 1.1
    control.throttle(sent_at=2.1, sent_rate=40.0, now=2.1)
    control.hold(2.1, 3.1, told=told)
    run_of(control, 49, 3.1, 4.55)  # 20 + 20 x 1.45
    control.throttle(sent_at=4.55, sent_rate=27.0, now=4.55)
    if told:
        assert control.peak == pytest.approx(20.0)
        assert control.rate == pytest.approx(20.0 * NEAR)
    else:
        assert control.peak >= 27.0 * CONVERGE


def test_a_run_after_a_hold_is_long_only_beyond_what_the_hold_refilled() -> None:
    """25 successes in 0.9 s right after a 1 s hold at 30/s: the server's refill during the
    hold, not a long run at the limit. A deep cut, not a step just below the rate."""
    control = RateControl(40.0)
    control.throttle(sent_at=0.0, sent_rate=40.0, now=0.0)
    control.hold(0.0, 1.0)
    assert QUIET <= 25 < QUIET + 30
    run_of(control, 25, 1.0, 1.9)
    control.throttle(sent_at=1.9, sent_rate=30.0, now=1.9)
    assert control.peak == pytest.approx(30.0)
    assert control.rate == pytest.approx(30.0 * DEEP)


def test_the_estimate_is_never_below_cubics_share_of_the_rate_of_the_429() -> None:
    """A caller that went idle between two 429s (or a client whose quota partner took all
    of it meanwhile): what got through is a floor far below the limit. CUBIC's
    multiplicative decrease bounds the cut."""
    assert BETA == 0.7
    control = RateControl(20.0)
    control.throttle(sent_at=0.0, sent_rate=20.0, now=0.01)
    control.success(sent_at=0.5, now=0.51)
    control.throttle(sent_at=5.0, sent_rate=16.0, now=5.01)
    assert control.peak == pytest.approx(16.0 * BETA)


def test_a_429_soon_after_another_too_close_to_count_cuts_deep() -> None:
    control = RateControl(60.0)
    control.throttle(sent_at=0.0, sent_rate=60.0, now=0.01)
    control.success(sent_at=0.2, now=0.21)  # one gets through: too few to count on
    control.throttle(sent_at=0.3, sent_rate=50.0, now=0.31)
    assert control.rate == pytest.approx(50.0 * DEEP)


def test_a_spent_quota_pauses_longer_instead_of_cutting_again() -> None:
    control = RateControl(20.0)
    assert control.throttle(sent_at=0.0, sent_rate=20.0, now=0.01) == FIRST_PAUSE
    rate = control.rate
    # Nothing got through since: a window that has not reset. Wait twice as long each time.
    assert control.throttle(sent_at=0.3, sent_rate=rate, now=0.31) == 2 * FIRST_PAUSE
    assert control.throttle(sent_at=0.9, sent_rate=rate, now=0.91) == 4 * FIRST_PAUSE
    assert control.rate == rate


def test_a_429_for_a_request_sent_before_the_cut_is_not_counted_again() -> None:
    clock = FakeClock()
    pacer = Pacer(1200, clock=clock.monotonic)
    first, second = sent(pacer, clock), sent(pacer, clock)  # in flight together
    pacer.throttled(first, None)
    rate = pacer.rate
    pacer.throttled(second, None)
    assert pacer.rate == rate


def next_delay(*, throttled: bool, last_rtt: float) -> float:
    """The wait for the next slot after round trips of 10 ms and then one of `last_rtt`."""
    clock = FakeClock()
    pacer = Pacer(1200, clock=clock.monotonic)
    if throttled:
        ticket = sent(pacer, clock)
        clock.advance(0.010)
        pacer.throttled(ticket, None)
    clock.advance(5.0)
    for rtt in (0.010, 0.010, 0.010, last_rtt):
        ticket = sent(pacer, clock)
        clock.advance(rtt)
        pacer.succeeded(ticket)
    return pacer.delay(pacer.reserve())[0]


def test_after_a_429_a_slow_round_trip_delays_the_next_request() -> None:
    """A strict server counts arrivals: a request held up on its way may land too close to
    the next one. Its round trip beyond the fastest bounds how late it landed, so the next
    slot moves by as much: the wait after a 17 ms round trip is the wait after a 10 ms one
    (give or take the rate's own climb on that success)."""
    fast = next_delay(throttled=True, last_rtt=0.010)
    assert fast > 0.02
    assert next_delay(throttled=True, last_rtt=0.017) == pytest.approx(fast, abs=0.001)


def test_before_any_429_round_trips_do_not_delay() -> None:
    fast = next_delay(throttled=False, last_rtt=0.010)
    assert fast > 0.007
    assert next_delay(throttled=False, last_rtt=0.017) == pytest.approx(fast - 0.007)


def test_retry_after_holds_every_request() -> None:
    clock = FakeClock()
    pacer = Pacer(1200, clock=clock.monotonic)
    ticket = sent(pacer, clock)
    pacer.throttled(ticket, 7.0)
    assert waits(pacer, 2) == [7.0, pytest.approx(7.0 + 1 / 16)]


def test_a_published_policy_caps_the_rate() -> None:
    clock = FakeClock()
    pacer = Pacer(1200, clock=clock.monotonic)
    pacer.advise(sent(pacer, clock), policy_rate=5.0, remaining=None, reset=None)
    assert pacer.rate == 5.0


def test_the_latest_published_policy_caps_the_rate_and_a_quota_of_0_is_none() -> None:
    """A policy that rises lifts the cap again, never past the ceiling (before, one policy
    of `0;w=1` kept the client at one request a minute for good)."""
    clock = FakeClock()
    pacer = Pacer(1200, clock=clock.monotonic)
    pacer.advise(sent(pacer, clock), policy_rate=5.0, remaining=None, reset=None)
    assert pacer.rate == 5.0
    pacer.advise(sent(pacer, clock), policy_rate=15.0, remaining=None, reset=None)
    assert pacer.rate == 15.0
    pacer.advise(sent(pacer, clock), policy_rate=50.0, remaining=None, reset=None)
    assert pacer.rate == 20.0
    assert limits(httpx.Headers({"RateLimit-Policy": "0;w=1"}), 0.0) == Limits()


def test_a_spent_budget_waits_for_the_reset() -> None:
    """`remaining=1, reset=3`: one more request now, the next after the reset."""
    clock = FakeClock()
    pacer = Pacer(1200, clock=clock.monotonic)
    pacer.advise(sent(pacer, clock), policy_rate=None, remaining=1, reset=3.0)
    assert waits(pacer, 2) == [0.0, 3.0]


def test_a_released_slot_goes_to_the_next_request() -> None:
    """100 waiters at 10 a second, 94 of them given up: the next one does not wait 9 s."""
    clock = FakeClock()
    pacer = Pacer(600, clock=clock.monotonic)
    tickets = [pacer.reserve() for _ in range(100)]
    for ticket in tickets[:6]:
        pacer.sent(ticket)
    for ticket in tickets[6:]:
        pacer.release(ticket)
    # Six went out at once (two in the burst, four ahead of their slots): one interval after.
    assert pacer.delay(pacer.reserve())[0] == pytest.approx(0.5)


class ManualClock(FakeClock):
    """Async sleeps that wait until the test moves the clock, so tasks can be cancelled
    while they wait."""

    def __init__(self) -> None:
        super().__init__()
        self.sleepers: list[tuple[float, asyncio.Future[None]]] = []

    async def asleep(self, seconds: float) -> None:
        if seconds <= 0:
            return
        self.sleeps.append(seconds)
        future = asyncio.get_running_loop().create_future()
        self.sleepers.append((self.mono + seconds, future))
        await future

    async def run_for(self, seconds: float) -> None:
        end = self.mono + seconds
        while True:
            await asyncio.sleep(0)
            due = [s for s in self.sleepers if s[0] <= end and not s[1].done()]
            if not due:
                break
            wake, future = min(due, key=lambda s: s[0])
            self.mono = self.wall = max(self.mono, wake)
            future.set_result(None)
        self.mono = self.wall = end


@pytest.mark.asyncio
async def test_cancelled_waiters_give_their_slots_back() -> None:
    """The issue's case: 100 `get` tasks at 600 a minute, cancelled after 0.2 s; the next
    `get` used to wait 9.4 s behind the slots the cancelled ones kept."""
    clock = ManualClock()
    api = ScriptedAPI(default=json_response(200, contact(1)))
    async with api.async_client(_clock=clock, requests_per_minute=600) as client:
        tasks = [asyncio.create_task(client.contacts.get(1)) for _ in range(100)]
        await clock.run_for(0.2)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        sent_before = len(api.requests)
        clock.sleeps.clear()
        late = asyncio.create_task(client.contacts.get(1))
        await clock.run_for(1.0)
        await asyncio.wait_for(late, timeout=10)  # never waits on the fake clock: no hang
    assert 3 <= sent_before <= 6
    assert sum(clock.sleeps) <= 0.1 + 1e-9


@pytest.mark.asyncio
async def test_waiters_behind_cancelled_ones_move_up() -> None:
    """100 `get` tasks at 600 a minute; after 0.2 s the 50 at the front of the queue are
    cancelled. The others go out at 10 a second from then (about 5 s), not at the slots they
    were asleep on (9.6 s): a slot given back reaches waiters already asleep."""
    clock = ManualClock()
    api = ScriptedAPI(default=json_response(200, contact(1)))
    async with api.async_client(_clock=clock, requests_per_minute=600) as client:
        tasks = [asyncio.create_task(client.contacts.get(1)) for _ in range(100)]
        await clock.run_for(0.2)
        pending = [task for task in tasks if not task.done()]
        for task in pending[:50]:
            task.cancel()
        start, rest = clock.mono, pending[50:]
        while not all(task.done() for task in rest):
            await clock.run_for(0.05)
        elapsed = clock.mono - start
        await asyncio.gather(*tasks, return_exceptions=True)
    assert len(rest) / 10 - 0.5 <= elapsed <= len(rest) / 10 + 0.5, (len(rest), elapsed)


class Interrupted(BaseException):
    pass


class InterruptingClock(FakeClock):
    """The first pacing wait is interrupted (a KeyboardInterrupt, a thread told to stop)."""

    def __init__(self) -> None:
        super().__init__()
        self.interrupt = True

    def sleep(self, seconds: float) -> None:
        if self.interrupt and seconds > 0:
            self.interrupt = False
            raise Interrupted
        super().sleep(seconds)


def test_an_abandoned_sync_wait_gives_its_slot_back() -> None:
    clock = InterruptingClock()
    api = ScriptedAPI(default=json_response(200, contact(1)))
    client = api.client(_clock=clock, requests_per_minute=60)  # 1 a second, burst of 2
    client.contacts.get(1)
    client.contacts.get(1)
    with pytest.raises(Interrupted):
        client.contacts.get(1)  # its wait is interrupted before sending
    client.contacts.get(1)
    assert len(api.requests) == 3
    assert sum(clock.sleeps) == pytest.approx(1.0)  # the slot it left, not the one after


def test_pacing_is_shared_by_threads() -> None:
    clock = FakeClock()
    pacer = Pacer(60, clock=clock.monotonic)
    delays: list[float] = []
    lock = threading.Lock()

    def take() -> None:
        delay = pacer.delay(pacer.reserve())[0]
        with lock:
            delays.append(delay)

    threads = [threading.Thread(target=take) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(delays) == [0.0, 0.0, 1.0, 2.0, 3.0, 4.0]


def test_clients_of_one_credential_share_one_pacer_sync_and_async() -> None:
    clock = FakeClock()
    options = {
        "secret_id": SECRET_ID,
        "secret_key": SECRET_KEY,
        "base_url": "https://api.heymarket.com",
    }
    first = clocked(Heymarket, clock, **options)
    second = clocked(Heymarket, clock, **options, requests_per_minute=120)
    in_async = clocked(AsyncHeymarket, clock, **options)
    other = clocked(Heymarket, clock, **{**options, "secret_id": "another-secret-id"})
    elsewhere = clocked(Heymarket, clock, **{**options, "base_url": "https://proxy.example"})

    pacer = first._settings.pacer
    assert pacer is not None
    assert second._settings.pacer is pacer
    assert in_async._settings.pacer is pacer
    assert first.with_options(max_retries=0)._settings.pacer is pacer
    assert other._settings.pacer is not pacer
    assert elsewhere._settings.pacer is not pacer
    assert pacer.control.ceiling == 2.0  # the stricter ceiling of the two
    assert all(SECRET_KEY not in repr(key) and SECRET_ID not in repr(key) for key in _registry)


def test_a_client_built_after_the_last_one_closed_paces_at_the_rate_it_learned() -> None:
    """A client per unit of work: the first draws a 429 and is closed and collected; the next
    of the credential gets its pacer, at the rate that 429 taught and not bursting (before:
    a new pacer at the ceiling, which drew the 429 again)."""
    clock = FakeClock()
    api = ScriptedAPI().on(
        "GET /v1/contact/1",
        json_response(429, {"message": "slow down"}),
        json_response(200, contact(1)),
    )
    first = api.client(_clock=clock, requests_per_minute=600)
    first.contacts.get(1)
    pacer = first._settings.pacer
    assert pacer is not None
    learned = pacer.rate
    assert learned < 10.0
    first.close()
    del first, pacer
    gc.collect()
    second = api.client(_clock=clock, requests_per_minute=600)
    pacer = second._settings.pacer
    assert pacer is not None
    assert pacer.control.throttled
    assert pacer.rate == learned
    second.close()


def test_what_outlives_a_client_is_keyed_by_no_secret() -> None:
    """The pacer and the server clock are kept after their clients close, and so are their
    keys: a credential and a base URL (a gateway's may carry a token in its path) only as
    fingerprints."""
    token = "url-token-0001"
    with clocked(
        Heymarket,
        FakeClock(),
        secret_id=SECRET_ID,
        secret_key=SECRET_KEY,
        base_url=f"https://proxy.example/{token}",
    ):
        pass
    gc.collect()
    keys = [*_registry, *_shared]
    assert keys
    for key in keys:
        assert not any(secret in repr(key) for secret in (SECRET_ID, SECRET_KEY, token))


@pytest.mark.parametrize("value", [0, -1, 0.0, math.nan, math.inf, -math.inf])
def test_requests_per_minute_must_be_positive_and_finite(value: float) -> None:
    with pytest.raises(ValueError, match="requests_per_minute"):
        Heymarket(secret_id=SECRET_ID, secret_key=SECRET_KEY, requests_per_minute=value)


@pytest.mark.parametrize("value", ["600", True, [600]])
def test_requests_per_minute_must_be_a_number(value: object) -> None:
    with pytest.raises(TypeError, match="requests_per_minute"):
        Heymarket(secret_id=SECRET_ID, secret_key=SECRET_KEY, requests_per_minute=value)  # type: ignore[arg-type]


def test_no_pacing_when_disabled() -> None:
    clock = FakeClock()
    api = ScriptedAPI(default=json_response(200, contact(1)))
    client = api.client(_clock=clock, requests_per_minute=None)
    for _ in range(50):
        client.contacts.get(1)
    assert clock.sleeps == []
    assert client._settings.pacer is None


def test_a_429_on_a_create_is_retried_once_paced() -> None:
    """Nothing was created on a 429, so even a create is sent again; the pacer does the
    waiting (no backoff on top)."""
    clock = FakeClock()
    api = ScriptedAPI().on(
        "POST /v1/contact",
        json_response(429, {"message": "slow down"}),
        json_response(200, {"id": 7, "rev": 1}),
    )
    client = api.client(_clock=clock, requests_per_minute=600)
    created = client.contacts.create(models.ContactInput(phone="14155550123"))
    assert created.id == 7
    assert len(api.requests) == 2
    assert clock.sleeps == [pytest.approx(FIRST_PAUSE)]


def test_waiting_for_a_slot_is_not_part_of_the_timeout() -> None:
    """A client whose slot comes a second later than its 0.2 s timeout still gets an answer."""
    fake = FakeHeymarket()
    with (
        fake.serve() as server,
        Heymarket(
            secret_id=SANDBOX_SECRET_ID,
            secret_key=SANDBOX_SECRET_KEY,
            base_url=server.url,
            requests_per_minute=60,
            timeout=httpx.Timeout(0.2),
        ) as client,
    ):
        counts = [client.contacts.count() for _ in range(int(INITIAL_BURST) + 1)]
    assert counts == [0] * (int(INITIAL_BURST) + 1)


def test_a_lapsed_cap_gives_the_learned_rate_back_at_once() -> None:
    """A stricter client of the credential came and went after a 429: the rate learned before
    is back at the next response. Before, the cap clipped what was learned, and the climb
    from one request a minute took 158 minutes to reach 5/s."""
    control = RateControl(10.0)
    control.throttle(sent_at=0.0, sent_rate=10.0, now=0.01)
    learned = control.rate
    control.ceiling = 1 / 60
    control.limit()
    assert control.rate == pytest.approx(1 / 60)
    control.ceiling = 10.0
    control.limit()
    control.success(sent_at=1.0, now=1.01)
    assert control.rate >= learned
