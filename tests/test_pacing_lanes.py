"""A closed client at a shared pacer: its waiting requests give their slots back and fail as
closed, and a stricter ceiling it brought lapses with it (`Lane`).

httpx refuses to send once a client is closed ("the client has been closed"); requests of a
closed client still waiting for a pacing slot do the same, at once, instead of sending (or
failing) at their slot while the other clients of the quota wait behind them.
"""

from __future__ import annotations

import asyncio
import gc
import weakref

import httpx
import pytest

from heymarket_typed import AsyncHeymarket, Heymarket, errors
from heymarket_typed._pacing import Lane, Pacer
from heymarket_typed._transport import PACING_POLL
from heymarket_typed.testing import SANDBOX_API_KEY, FakeHeymarket
from tests.helpers import BASE_URL, FakeClock, clocked
from tests.robustness.support import AutojumpClock
from tests.virtual_time import LoopClock, VirtualTimeLoop, run


def test_a_closed_lane_withdraws_its_waiting_requests() -> None:
    clock = FakeClock()
    pacer = Pacer(60, clock=clock.monotonic)
    closing, other = pacer.join(60), pacer.join(60)
    waiting = [pacer.reserve(closing) for _ in range(5)]
    closing.close()
    assert all(ticket.withdrawn for ticket in waiting)
    assert pacer.delay(pacer.reserve(other))[0] == 0.0


def test_closing_a_client_gives_its_waiting_slots_to_the_other_clients() -> None:
    """Two clients of one credential at 60 a minute; the first starts 20 calls and is closed
    0.5 s later. Its 18 waiting calls raise the closed-client error within a poll, and the
    other client's call goes at the next slot (before: behind all 18, 18.5 s)."""

    async def main(loop: VirtualTimeLoop) -> tuple[list[object], float, float]:
        clock = LoopClock(loop)
        fake = FakeHeymarket(clock=clock.time)
        fake.seed(1)

        def client() -> AsyncHeymarket:
            http = httpx.AsyncClient(transport=fake.async_transport(), base_url=BASE_URL)
            options = {"api_key": SANDBOX_API_KEY, "requests_per_minute": 60}
            return clocked(AsyncHeymarket, clock, http_client=http, **options)

        closing, other = client(), client()
        assert closing._settings.pacer is other._settings.pacer
        tasks = [asyncio.create_task(closing.contacts.count()) for _ in range(20)]
        await asyncio.sleep(0.5)
        await closing.close()
        closed_at = loop.time()

        async def other_call() -> float:
            assert await other.contacts.count() == 1
            return loop.time() - closed_at

        waiting = asyncio.create_task(other_call())
        results = await asyncio.gather(*tasks, return_exceptions=True)
        failed_within = loop.time() - closed_at
        waited = await waiting
        await other.close()
        return list(results), failed_within, waited

    results, failed_within, waited = run(main)
    assert results[:2] == [1, 1]  # the burst went before the close
    for result in results[2:]:
        assert isinstance(result, errors.HeymarketError)
        assert "closed" in str(result)
    assert failed_within <= PACING_POLL
    assert waited <= 0.5 + PACING_POLL  # its slot at 1 s, where the third call's was


def test_closing_a_client_withdraws_the_calls_its_threads_are_waiting_on() -> None:
    """The sync twin: 6 threads of the first client at 60 a minute, a seventh closes it
    0.5 s in and calls through the other client."""
    clock = AutojumpClock()
    fake = FakeHeymarket(clock=clock.time)
    fake.seed(1)

    def client() -> Heymarket:
        http = httpx.Client(transport=fake.transport(), base_url=BASE_URL)
        options = {"api_key": SANDBOX_API_KEY, "requests_per_minute": 60}
        return clocked(Heymarket, clock, http_client=http, **options)

    closing, other = client(), client()
    results: list[object] = []
    ended: list[float] = []
    closed_at: list[float] = []

    def call() -> None:
        try:
            results.append(closing.contacts.count())
        except errors.HeymarketError as error:
            results.append(error)
            ended.append(clock.mono)

    def close_then_call_the_other() -> None:
        clock.sleep(0.5)
        closing.close()
        closed_at.append(clock.mono)
        assert other.contacts.count() == 1
        closed_at.append(clock.mono)

    clock.run([call] * 6 + [close_then_call_the_other])
    other.close()
    assert results.count(1) == 2
    assert all("closed" in str(result) for result in results if result != 1)
    assert max(ended) - closed_at[0] <= PACING_POLL
    assert closed_at[1] - closed_at[0] <= 0.5 + PACING_POLL


def two_clients(clock: FakeClock) -> tuple[Heymarket, Heymarket, Pacer]:
    """Clients of one credential at 600 and 60 a minute, and the pacer they share."""
    options = {"api_key": SANDBOX_API_KEY, "base_url": BASE_URL}
    lenient = clocked(Heymarket, clock, requests_per_minute=600, **options)
    strict = clocked(Heymarket, clock, requests_per_minute=60, **options)
    pacer = lenient._settings.pacer
    assert pacer is not None
    assert strict._settings.pacer is pacer
    assert pacer.rate == 1.0  # the stricter ceiling, while both live
    return lenient, strict, pacer


def waits(pacer: Pacer, n: int) -> list[float]:
    return [round(pacer.delay(pacer.reserve())[0], 6) for _ in range(n)]


def test_a_stricter_ceiling_lapses_when_its_client_closes() -> None:
    clock = FakeClock()
    lenient, strict, pacer = two_clients(clock)
    strict.with_options(max_retries=0).close()  # a copy closing: the client still lives
    assert pacer.rate == 1.0
    strict.close()
    assert pacer.rate == 10.0
    assert waits(pacer, 4) == [0.0, 0.0, 0.1, 0.2]
    lenient.close()


@pytest.mark.parametrize("closed", [False, True], ids=["dropped", "closed-then-dropped"])
def test_a_stricter_ceiling_lapses_when_its_client_is_garbage_collected(closed: bool) -> None:
    clock = FakeClock()
    lenient, strict, pacer = two_clients(clock)
    if closed:
        strict.close()
    del strict
    gc.collect()
    assert waits(pacer, 4) == [0.0, 0.0, 0.1, 0.2]
    assert pacer.rate == 10.0
    lenient.close()


def send(pacer: Pacer, lane: Lane, clock: FakeClock) -> None:
    """Reserves a slot for `lane`'s client, waits for it on the fake clock, and sends."""
    ticket = pacer.reserve(lane)
    clock.advance(pacer.delay(ticket)[0])
    pacer.sent(ticket)


@pytest.mark.parametrize("gone", ["closed", "collected"])
@pytest.mark.parametrize("sender", ["strict", "lenient"])
def test_a_lapsed_stricter_ceiling_reschedules_the_next_slots_at_the_remaining_rate(
    gone: str, sender: str
) -> None:
    """Clients at 600 and 1 a minute: a send while both are open puts the next slot a minute
    later. Once the strict one is gone, the lenient one's waiting and next requests go at
    600 a minute, the k-th within k intervals of 0.1 s (before: the first of them waited
    59.5 s, the slot scheduled at the old rate)."""
    clock = FakeClock()
    pacer = Pacer(600, clock=clock.monotonic)
    lenient = pacer.join(600)
    send(pacer, lenient, clock)
    strict = pacer.join(1)
    send(pacer, strict if sender == "strict" else lenient, clock)
    clock.advance(0.5)
    waiting = [pacer.reserve(lenient) for _ in range(2)]
    if gone == "closed":
        strict.close()
    else:
        del strict
        gc.collect()
    waiting += [pacer.reserve(lenient) for _ in range(2)]
    assert pacer.rate == 10.0
    delays = [pacer.delay(ticket)[0] for ticket in waiting]
    assert delays == sorted(delays)
    for k, delay in enumerate(delays, start=1):
        assert delay <= k * 0.1 + 1e-9


def test_a_collected_stricter_client_frees_calls_already_waiting() -> None:
    """A strict client garbage-collected without closing: the calls already waiting see its
    ceiling lapse at their next poll, with no new call to notice it (before: they waited out
    the strict interval, 59.5 s at 1 a minute)."""
    clock = FakeClock()
    pacer = Pacer(600, clock=clock.monotonic)
    lenient = pacer.join(600)
    send(pacer, lenient, clock)
    strict = pacer.join(1)
    send(pacer, lenient, clock)
    clock.advance(0.5)
    waiting = [pacer.reserve(lenient) for _ in range(2)]
    del strict
    gc.collect()
    delays = [pacer.delay(ticket)[0] for ticket in waiting]
    for k, delay in enumerate(delays, start=1):
        assert delay <= k * 0.1 + 1e-9, delays


def test_a_client_built_after_a_stricter_one_closed_keeps_none_of_its_ceiling_or_requests() -> None:
    """The pacer outlives its clients (a client per unit of work keeps what was learned), but
    not their lanes: a client at 1 a minute with requests waiting is closed and collected;
    the next one, at 600 a minute, gets the same pacer at its own ceiling, with nothing
    waiting, and its requests go at 600 a minute from the strict client's last send."""
    clock = FakeClock()
    options = {"api_key": SANDBOX_API_KEY, "base_url": BASE_URL}
    strict = clocked(Heymarket, clock, requests_per_minute=1, **options)
    pacer = strict._settings.pacer
    assert pacer is not None
    [lane] = pacer._lanes  # the client's own
    send(pacer, lane, clock)
    waiting = [pacer.reserve(lane) for _ in range(3)]
    strict.close()
    assert all(ticket.withdrawn for ticket in waiting)
    kept = weakref.ref(pacer)
    del strict, lane, waiting, pacer
    gc.collect()
    lenient = clocked(Heymarket, clock, requests_per_minute=600, **options)
    pacer = lenient._settings.pacer
    assert pacer is not None
    assert pacer is kept()
    assert pacer._waiting == []
    assert pacer.control.ceiling == 10.0
    assert waits(pacer, 3) == [0.0, 0.1, 0.2]  # one of the burst of 2 went a moment ago
    lenient.close()


def test_a_call_in_flight_when_its_client_closes_sends_no_retry() -> None:
    """A copy closed while its call waits on a 503 (the answer, then the backoff) raises the
    closed-client error instead of sending again (it went on retrying before)."""
    sent: list[httpx.Request] = []
    copies: list[Heymarket] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        copies[0].close()  # closed while the call is in flight
        return httpx.Response(503, headers={"X-Request-Id": "req-503"})

    http = httpx.Client(transport=httpx.MockTransport(handler), base_url=BASE_URL)
    client = clocked(Heymarket, FakeClock(), api_key=SANDBOX_API_KEY, http_client=http)
    copies.append(client.with_options(max_retries=5))
    with pytest.raises(errors.HeymarketError, match="this client is closed"):
        copies[0].contacts.count()
    assert len(sent) == 1
    client.close()


def test_an_async_call_in_flight_when_its_client_closes_sends_no_retry() -> None:
    sent: list[httpx.Request] = []

    async def main(loop: VirtualTimeLoop) -> None:
        async def handler(request: httpx.Request) -> httpx.Response:
            sent.append(request)
            await copy.close()
            return httpx.Response(503, headers={"X-Request-Id": "req-503"})

        http = httpx.AsyncClient(transport=httpx.MockTransport(handler), base_url=BASE_URL)
        client = clocked(AsyncHeymarket, LoopClock(loop), api_key=SANDBOX_API_KEY, http_client=http)
        copy = client.with_options(max_retries=5)
        with pytest.raises(errors.HeymarketError, match="this client is closed"):
            await copy.contacts.count()
        await client.close()

    run(main)
    assert len(sent) == 1


class _ClosingClock(FakeClock):
    """Closes `client` at its first sleep: the backoff after the first answer."""

    def __init__(self) -> None:
        super().__init__()
        self.client: Heymarket | None = None

    def sleep(self, seconds: float) -> None:
        super().sleep(seconds)
        if self.client is not None:
            self.client.close()
            self.client = None


def test_closing_a_client_cuts_short_a_retrys_backoff() -> None:
    """Closed during a 30 s backoff (a 503 with `Retry-After: 30`), a call raises the
    closed-client error within one step of `PACING_POLL`, not after the whole backoff."""
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(503, headers={"Retry-After": "30", "X-Request-Id": "req-503"})

    clock = _ClosingClock()
    http = httpx.Client(transport=httpx.MockTransport(handler), base_url=BASE_URL)
    client = clocked(Heymarket, clock, api_key=SANDBOX_API_KEY, http_client=http)
    clock.client = client
    with pytest.raises(errors.HeymarketError, match="this client is closed"):
        client.contacts.count()
    assert len(sent) == 1
    assert sum(clock.sleeps) <= PACING_POLL


def test_closing_an_async_client_cuts_short_a_retrys_backoff() -> None:
    sent: list[httpx.Request] = []

    async def main(loop: VirtualTimeLoop) -> float:
        """Returns when the call ended, in seconds from its start."""
        started = loop.now

        async def handler(request: httpx.Request) -> httpx.Response:
            sent.append(request)
            return httpx.Response(503, headers={"Retry-After": "30", "X-Request-Id": "req-503"})

        http = httpx.AsyncClient(transport=httpx.MockTransport(handler), base_url=BASE_URL)
        client = clocked(AsyncHeymarket, LoopClock(loop), api_key=SANDBOX_API_KEY, http_client=http)
        call = asyncio.ensure_future(client.contacts.count())
        await asyncio.sleep(1.0)  # the call is 1 s into its 30 s backoff
        await client.close()
        with pytest.raises(errors.HeymarketError, match="this client is closed"):
            await call
        return loop.now - started

    assert run(main) <= 1.0 + PACING_POLL
    assert len(sent) == 1
