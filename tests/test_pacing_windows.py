"""Pacing against windows longer than a second, with no `Retry-After` and no rate-limit
headers (the API documents neither): a spent quota is waited out, not retried to death, and a
window's cycle teaches its limit. On a virtual clock."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from collections.abc import Callable

import httpx
import pytest

from heymarket_typed import AsyncHeymarket, errors
from heymarket_typed._ratecontrol import (
    CLIMB,
    FIRST_PAUSE,
    MAX_PAUSE,
    NEAR,
    PROBE,
    SPENT_WAIT,
    WINDOW_MIN,
    RateControl,
)
from tests.helpers import FakeClock, ScriptedAPI, clocked, contact, json_response
from tests.test_pacing_property import START, export
from tests.virtual_time import LoopClock, VirtualTimeLoop, run

RATE = 10.0  # requests a second the window allows on average


@pytest.mark.parametrize("ceiling", [1.5, 3.0])
@pytest.mark.parametrize("period", [5.0, 60.0])
@pytest.mark.parametrize("window", ["fixed", "sliding"])
def test_an_export_outlasts_a_spent_window_at_the_default_max_retries(
    window: str, period: float, ceiling: float
) -> None:
    """1,000 requests against a window of `period` seconds, the client's ceiling above it.
    Before, the 429s while the window stayed spent counted as retries: the export died with
    `RateLimitError` at the first spent window (about 0.75 s of waiting for up to 60 s)."""
    clock = FakeClock()
    shape = {"rate": RATE, "burst": 1, "window": window, "period": period}
    shape |= {"retry_after": False, "headers": None, "ceiling": ceiling}
    statuses = export(shape, clock)  # raises if the export fails; checks each contact once
    needed = len(statuses) - statuses.count(429)
    assert 429 in statuses  # the window did run out
    assert clock.mono - START <= 1.10 * needed / RATE


def spent_forever(limit: int) -> ScriptedAPI:
    """A server answering 429 to everything (no `Retry-After`); fails the test past `limit`."""
    api = ScriptedAPI()

    def refuse(request: httpx.Request) -> httpx.Response:
        assert len(api.requests) <= limit, "the client does not give up"
        return json_response(429, {"message": "rate limit exceeded"})

    api.on("GET /v1/contact/1", refuse)
    return api


def test_a_quota_spent_past_a_minute_raises_rate_limit_error() -> None:
    """The documented limit is per minute: a quota still spent after `SPENT_WAIT` seconds is
    something else, and its 429s are final."""
    clock = FakeClock()
    api = spent_forever(limit=100)
    client = api.client(_clock=clock, requests_per_minute=600, max_retries=2)
    with pytest.raises(errors.RateLimitError):
        client.contacts.get(1)
    waited = clock.mono - START
    assert SPENT_WAIT <= waited <= SPENT_WAIT + 3 * MAX_PAUSE
    assert len(api.requests) <= 3 + SPENT_WAIT / MAX_PAUSE + 8  # at most the pauses' doubling


CALLS = 50


def calls_against_a_spent_quota(
    retry_after: str | None = None,
) -> tuple[list[BaseException], float]:
    """`CALLS` tasks call `get()` at once against a server answering 429 to everything (10 ms
    away); returns what each raised and how long it took (virtual s)."""
    ids = itertools.count()
    told = {} if retry_after is None else {"Retry-After": retry_after}
    loop_time: Callable[[], float] = float

    async def refuse(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0.01)
        assert loop_time() < 30 * SPENT_WAIT, "the calls do not give up"
        return json_response(
            429, {"message": "rate limit exceeded"}, **{"X-Request-Id": f"r{next(ids)}"}, **told
        )

    async def main(loop: VirtualTimeLoop) -> tuple[list[BaseException], float]:
        nonlocal loop_time
        loop_time = loop.time
        http = httpx.AsyncClient(transport=httpx.MockTransport(refuse), base_url="https://x.test")
        client = clocked(
            AsyncHeymarket,
            LoopClock(loop),
            api_key="key",
            requests_per_minute=600,
            http_client=http,
        )
        tasks = [asyncio.create_task(client.contacts.get(1)) for _ in range(CALLS)]
        raised = await asyncio.gather(*tasks, return_exceptions=True)
        await client.close()
        return [r for r in raised if isinstance(r, BaseException)], loop.time()

    return run(main)


@pytest.mark.parametrize("retry_after", [None, "60"])
def test_calls_waiting_together_on_a_quota_spent_past_a_minute_all_fail_soon_after_it(
    retry_after: str | None,
) -> None:
    """The minute counts from when the quota was first found spent, for every call: before,
    each call's own minute began at its own first such 429, and with the pacer letting one
    request through every 4 s, 50 calls took 782 s (100 took 26 minutes); with `Retry-After:
    60` honoured past the minute, one call failed a minute (3001 s)."""
    raised, seconds = calls_against_a_spent_quota(retry_after)
    assert len(raised) == CALLS
    assert all(isinstance(error, errors.RateLimitError) for error in raised)
    ids = [error.request_id for error in raised if isinstance(error, errors.RateLimitError)]
    assert len(set(ids)) == CALLS  # each call's error carries its own 429
    assert SPENT_WAIT < seconds <= SPENT_WAIT + 2 * MAX_PAUSE + CALLS / 5


def test_max_retries_0_resends_no_429_even_with_the_quota_known_spent() -> None:
    clock = FakeClock()
    api = spent_forever(limit=2)
    client = api.client(_clock=clock, requests_per_minute=600, max_retries=0)
    for calls in (1, 2):  # the second call's 429 finds the quota spent
        with pytest.raises(errors.RateLimitError):
            client.contacts.get(1)
        assert len(api.requests) == calls


@pytest.mark.asyncio
async def test_spent_429s_are_waited_out_by_the_async_client_too() -> None:
    """Four 429s in a row, then the quota is back: `max_retries=1` is enough, as only the
    first 429 found the quota not yet known to be spent."""
    clock = FakeClock()
    refused = json_response(429, {"message": "rate limit exceeded"})
    api = ScriptedAPI().on("GET /v1/contact/1", refused, refused, refused, refused)
    api.on("GET /v1/contact/1", json_response(200, contact(1)))
    client: AsyncHeymarket = api.async_client(_clock=clock, requests_per_minute=600, max_retries=1)
    assert (await client.contacts.get(1)).id == 1
    assert len(api.requests) == 5


def windows_cycle(control: RateControl, *, limit: int, period: float, every: float) -> None:
    """A fixed window of `limit` requests each `period` seconds, a client sending one request
    each `every` seconds: the window runs out; 429s while it stays spent; it resets at
    `period`; `limit` more get through; the next 429 comes when it runs out again."""
    t = 0.0
    for _ in range(limit):
        control.success(sent_at=t, now=t + 0.01)
        t += every
    pause = control.throttle(sent_at=t, sent_rate=control.rate, now=t + 0.01)  # ran out
    while t + pause < period:  # spent until the window resets
        t += pause
        pause = control.throttle(sent_at=t, sent_rate=control.rate, now=t + 0.01)
    t = period
    for _ in range(limit):
        control.success(sent_at=t, now=t + 0.01)
        t += every
    control.throttle(sent_at=t, sent_rate=control.rate, now=t + 0.01)


def test_a_windows_spent_run_makes_the_next_estimate_span_its_whole_cycle() -> None:
    """From the 429 that began a spent run lasting `WINDOW_MIN` or more to the next 429, what
    got through is the window's limit: 300 a minute is 5/s. (Counted from the spent run's last
    429 instead, the span is 54 s, and the estimate 5.6/s.)"""
    control = RateControl(6.0)
    windows_cycle(control, limit=300, period=60.0, every=1 / 6.0)
    assert control.peak == pytest.approx(301 / 60.0, rel=0.01)
    assert control.rate == pytest.approx(control.peak * NEAR)


def test_doubling_waits_as_long_as_a_windows_quota_stayed_spent() -> None:
    """Past the probe the rate doubles (a quota partner went quiet); not before as much time
    as the window last stayed spent, since only its end shows a rate past it."""
    control = RateControl(100.0)
    control.throttle(sent_at=0.0, sent_rate=10.0, now=0.01)  # the peak: 10/s
    refused_until, pause = 0.0, FIRST_PAUSE
    while refused_until < 20.0:  # the quota stays spent for 20 s
        refused_until += pause
        pause = control.throttle(sent_at=refused_until, sent_rate=control.rate, now=refused_until)
    assert refused_until >= WINDOW_MIN
    t, rates = refused_until, []
    while t < refused_until + 2 * CLIMB + 20.0 + 10.0:
        t += 0.01
        control.success(sent_at=t, now=t + 0.001)
        rates.append((t - refused_until, control.rate))
    plateau = [rate for since, rate in rates if since < 2 * CLIMB + 20.0 - 1.0]
    assert max(plateau) <= control.peak * (1 + PROBE) + 1e-9
    assert rates[-1][1] > 2 * control.peak  # then it doubles


def test_a_429_long_after_the_last_hold_starts_a_new_spent_run() -> None:
    """A 429 with nothing let through since the one before means the quota is spent only
    while the pacer is still holding for it: a 429 five minutes later (an idle client, calls
    that gave up) starts over. Before, it counted the quota spent for 300 s, and the call
    failed on its first 429."""
    control = RateControl(10.0)
    control.throttle(sent_at=0.0, sent_rate=10.0, now=0.01)
    assert control.throttle(sent_at=300.0, sent_rate=control.rate, now=300.01) == FIRST_PAUSE
    assert control.spent_for(300.01) is None
    pause = control.throttle(sent_at=300.3, sent_rate=control.rate, now=300.31)
    assert pause == 2 * FIRST_PAUSE  # the new run
    assert control.spent_for(300.31) == pytest.approx(0.31)


def test_one_call_waits_out_at_most_a_minute_of_spent_quota_over_short_spells() -> None:
    """The quota comes back for 5 s every 45 s: each spell restarts the pacer's count, but a
    call's own wait for it is bounded too. Before, one call waited 407 s."""
    longest = calls_across_short_spells()
    assert longest <= SPENT_WAIT + 10 * MAX_PAUSE


def calls_across_short_spells() -> float:
    """8 tasks call `get()` for 6 minutes against a server refusing 40 s, then taking every
    request for 5 s, in turn; returns the longest call (virtual s), ended either way."""

    async def answer(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0.01)
        if asyncio.get_running_loop().time() % 45 < 40:
            return json_response(429, {"message": "rate limit exceeded"})
        return json_response(200, contact(1))

    async def main(loop: VirtualTimeLoop) -> float:
        clock = LoopClock(loop)
        http = httpx.AsyncClient(transport=httpx.MockTransport(answer), base_url="https://x.test")
        client = clocked(
            AsyncHeymarket, clock, api_key="key", requests_per_minute=500, http_client=http
        )
        durations: list[float] = []

        async def calls() -> None:
            while loop.time() < 360:
                started = loop.time()
                with contextlib.suppress(errors.RateLimitError):
                    await client.contacts.get(1)
                durations.append(loop.time() - started)

        await asyncio.gather(*(calls() for _ in range(8)))
        await client.close()
        return max(durations)

    return run(main)
