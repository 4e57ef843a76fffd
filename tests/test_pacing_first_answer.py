"""Calls started together before the server's clock is known wait for the first one's answer,
so a machine whose clock is minutes off draws one 401, not one per call (`FirstAnswer`).

The pacer's rule on an injected clock; then 8 asyncio tasks and 8 threads against the sandbox
with its clock 10 minutes ahead or behind, on virtual time (tasks on `VirtualTimeLoop`,
threads on `AutojumpClock`), so the outcome does not hang on the machine's load.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from heymarket_typed import AsyncHeymarket, Heymarket
from heymarket_typed._clock import Clock
from heymarket_typed._first_answer import FIRST_ANSWER_WAIT
from heymarket_typed._pacing import Pacer, Ticket
from heymarket_typed.testing import SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, FakeHeymarket, Fault
from tests.helpers import BASE_URL, C, FakeClock, clocked
from tests.robustness.support import AutojumpClock
from tests.virtual_time import LoopClock, VirtualTimeLoop, run

CALLS = 8
LATENCY = 0.010
SKEWS = [600.0, -600.0]


def sent(pacer: Pacer) -> Ticket:
    ticket = pacer.reserve()
    assert pacer.delay(ticket)[0] == 0.0
    pacer.sent(ticket)
    return ticket


def gated(clock: FakeClock, known: list[bool] | None = None) -> Pacer:
    """A pacer at 100 a second whose clients do not know the server's clock (yet)."""
    state = known if known is not None else [False]
    return Pacer(6000, clock=clock.monotonic, clock_known=lambda: state[0])


# --- the rule, on an injected clock ----------------------------------------------------------


def test_the_others_wait_for_the_first_answer() -> None:
    clock = FakeClock()
    pacer = gated(clock)
    first = sent(pacer)
    second = pacer.reserve()
    assert pacer.delay(second)[0] == FIRST_ANSWER_WAIT
    clock.advance(0.5)
    assert pacer.delay(second)[0] == pytest.approx(FIRST_ANSWER_WAIT - 0.5)
    pacer.succeeded(first)
    assert pacer.delay(second)[0] == 0.0


def test_after_the_answer_the_others_go_at_the_rate_not_all_at_once() -> None:
    """The server saw one request while the others waited: they restart as after a lull (a
    burst of 2, then the rate), not with the slots they missed all at once."""
    clock = FakeClock()
    pacer = Pacer(120, clock=clock.monotonic, clock_known=lambda: False)  # 2 a second
    first = sent(pacer)
    waiting = [pacer.reserve() for _ in range(4)]
    clock.advance(1.5)
    pacer.succeeded(first)
    assert [pacer.delay(t)[0] for t in waiting] == [0.0, 0.0, 0.5, 1.0]


def test_an_unanswered_first_holds_the_others_at_most_first_answer_wait() -> None:
    clock = FakeClock()
    pacer = gated(clock)
    sent(pacer)
    waiting = [pacer.reserve() for _ in range(3)]
    clock.advance(FIRST_ANSWER_WAIT)
    # Then the pacer's own schedule: 100 a second, a burst of 2 (the first took one).
    assert [round(pacer.delay(t)[0], 6) for t in waiting] == [0.0, 0.0, 0.01]


def test_a_first_request_left_without_an_answer_hands_its_place_to_the_next() -> None:
    """A network error, or a call cancelled in flight: the next goes ahead at once and the
    rest wait for its answer."""
    clock = FakeClock()
    pacer = gated(clock)
    first = sent(pacer)
    second, third = pacer.reserve(), pacer.reserve()
    clock.advance(0.3)
    pacer.release(first)
    assert pacer.delay(second)[0] == 0.0
    pacer.sent(second)
    assert pacer.delay(third)[0] == pytest.approx(FIRST_ANSWER_WAIT)
    pacer.throttled(second, None)  # a 429 is an answer too (its `Date` teaches the clock)
    assert pacer.delay(third)[0] < FIRST_ANSWER_WAIT


def test_a_first_request_given_up_before_it_went_hands_its_place_to_the_next() -> None:
    clock = FakeClock()
    pacer = gated(clock)
    first, second, third = pacer.reserve(), pacer.reserve(), pacer.reserve()
    assert pacer.delay(second)[0] == FIRST_ANSWER_WAIT
    pacer.release(first)
    assert pacer.delay(second)[0] == 0.0
    assert pacer.delay(third)[0] == FIRST_ANSWER_WAIT


def test_a_clock_learned_by_another_client_opens_the_gate() -> None:
    clock = FakeClock()
    known = [False]
    pacer = gated(clock, known)
    sent(pacer)
    second = pacer.reserve()
    assert pacer.delay(second)[0] == FIRST_ANSWER_WAIT
    known[0] = True
    assert pacer.delay(second)[0] == 0.0


@pytest.mark.parametrize("known", [True, None], ids=["clock-known", "api-key"])
def test_no_gate_when_there_is_no_clock_to_learn(known: bool | None) -> None:
    clock = FakeClock()
    pacer = Pacer(6000, clock=clock.monotonic, clock_known=None if known is None else lambda: True)
    sent(pacer)
    assert [round(pacer.delay(pacer.reserve())[0], 6) for _ in range(2)] == [0.0, 0.01]


# --- 8 calls at once against a sandbox whose clock is 10 minutes off --------------------------


def statuses(fake: FakeHeymarket) -> list[int | None]:
    return [request.status for request in fake.requests]


def sandbox_client(kind: type[C], clock: Clock, http: Any, rpm: float) -> C:
    """A paced JWT client of the sandbox on `clock`, through `http`."""
    return clocked(
        kind,
        clock,
        secret_id=SANDBOX_SECRET_ID,
        secret_key=SANDBOX_SECRET_KEY,
        requests_per_minute=rpm,
        http_client=http,
    )


class Cancellable(httpx.AsyncBaseTransport):
    """The sandbox, but the first request hangs until its task is cancelled."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.hung: asyncio.Task[Any] | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.hung is None:
            self.hung = asyncio.current_task()
            await asyncio.Event().wait()
        return await self.inner.handle_async_request(request)


def async_calls(
    skew: float, *, rpm: float = 500, fault: Fault | None = None, hang: bool = False
) -> tuple[FakeHeymarket, list[object], float]:
    """`CALLS` tasks call `count()` at once; returns the sandbox, their results and how long
    (virtual seconds) they took."""

    async def main(loop: VirtualTimeLoop) -> tuple[FakeHeymarket, list[object], float]:
        clock = LoopClock(loop)
        fake = FakeHeymarket(clock=clock.time, latency=LATENCY, clock_offset=skew)
        fake.seed(1)
        if fault is not None:
            fake.inject(fault)
        transport: httpx.AsyncBaseTransport = fake.async_transport()
        if hang:
            transport = hanging = Cancellable(transport)
        http = httpx.AsyncClient(transport=transport, base_url=BASE_URL)
        client = sandbox_client(AsyncHeymarket, clock, http, rpm)
        tasks = [asyncio.create_task(client.contacts.count()) for _ in range(CALLS)]
        if hang:
            await asyncio.sleep(0.1)
            assert hanging.hung is not None
            hanging.hung.cancel()
        results = await asyncio.gather(*tasks, return_exceptions=True)
        await client.close()
        return fake, list(results), loop.time()

    return run(main)


@pytest.mark.parametrize("rpm", [500, 6000])
@pytest.mark.parametrize("skew", SKEWS)
def test_tasks_started_together_on_a_skewed_clock_draw_one_401(skew: float, rpm: float) -> None:
    """Before: 3 401s at 500 a minute, 7-10 at 6,000 (and 2-4 calls failed). The others go
    when the answer comes, not at the timeout."""
    fake, results, seconds = async_calls(skew, rpm=rpm)
    assert results == [1] * CALLS
    assert statuses(fake).count(401) == 1
    assert seconds < FIRST_ANSWER_WAIT


@pytest.mark.parametrize("skew", SKEWS)
def test_a_first_request_failing_on_the_network_lets_the_next_teach_the_clock(
    skew: float,
) -> None:
    fake, results, seconds = async_calls(skew, rpm=6000, fault=Fault(connect_error=True, delay=0.3))
    assert results == [1] * CALLS
    assert statuses(fake).count(401) == 1
    assert seconds < FIRST_ANSWER_WAIT  # the next went at once, not at the timeout


@pytest.mark.parametrize("skew", SKEWS)
def test_a_first_request_cancelled_in_flight_lets_the_next_teach_the_clock(skew: float) -> None:
    fake, results, seconds = async_calls(skew, rpm=6000, hang=True)
    assert isinstance(results[0], asyncio.CancelledError)
    assert results[1:] == [1] * (CALLS - 1)
    assert statuses(fake).count(401) == 1
    assert seconds < FIRST_ANSWER_WAIT


class Slow(httpx.BaseTransport):
    """The sandbox `LATENCY` away, on the threads' fake clock."""

    def __init__(self, inner: httpx.BaseTransport, clock: AutojumpClock) -> None:
        self.inner, self.clock = inner, clock

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.clock.sleep(LATENCY)
        return self.inner.handle_request(request)


@pytest.mark.parametrize("rpm", [500, 6000])
@pytest.mark.parametrize("skew", SKEWS)
def test_threads_started_together_on_a_skewed_clock_draw_one_401(skew: float, rpm: float) -> None:
    """Before: 3 401s at 500 a minute, 6-10 at 6,000 (and 2-4 calls failed)."""
    clock = AutojumpClock()
    start = clock.mono
    fake = FakeHeymarket(clock=clock.time, clock_offset=skew)
    fake.seed(1)
    http = httpx.Client(transport=Slow(fake.transport(), clock), base_url=BASE_URL)
    client = sandbox_client(Heymarket, clock, http, rpm)
    results: list[object] = []

    def call() -> None:
        try:
            results.append(client.contacts.count())
        except Exception as error:
            results.append(error)

    clock.run([call] * CALLS)
    client.close()
    assert results == [1] * CALLS
    assert statuses(fake).count(401) == 1
    assert clock.mono - start < FIRST_ANSWER_WAIT
