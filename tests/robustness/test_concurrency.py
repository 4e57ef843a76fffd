"""One client shared by many threads (or tasks) across a JWT expiry, paced, against the sandbox.

The fake clock is shared by the client (token `iat`, pacing) and the sandbox (which refuses a
token whose `iat` is more than 5 minutes old when it arrives). The run is paced at 300 requests
a minute, so 1,600 calls take about 320 s of fake time: the token, re-signed after 240 s, is
renewed while the calls are in flight. Every attempt is logged on its way into the sandbox with
its fake arrival time, and the checks below read that log.

Threads run on an `AutojumpClock`, which moves only when all of them sleep, so how the OS
schedules them never shows in the fake times; asyncio tasks take turns in a fixed order, so a
`SharedClock` serves them. Either way every request goes out at its slot and the arrivals can
be held to the rate within one request.
"""

from __future__ import annotations

import asyncio
import functools
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, Generic, TypeVar

import httpx
import jwt
import pytest

from heymarket_typed import AsyncHeymarket, Heymarket
from heymarket_typed._pacing import INITIAL_BURST
from heymarket_typed.testing import SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, FakeHeymarket
from tests.helpers import FakeClock, clocked
from tests.robustness.support import BASE_URL, Attempt, AttemptLog, AutojumpClock, SharedClock
from tests.tally import tally

START = 1_700_000_000.0
REQUESTS_PER_MINUTE = 300
THREADS = 16
CALLS_PER_THREAD = 100
TASKS = 200
CALLS_PER_TASK = 8
CONTACTS = 40
TOKEN_LIFETIME = 300
"""The API accepts a JWT for 5 minutes after its `iat`."""
RESIGNED_AFTER = 240
"""The SDK re-signs its token once it is 4 minutes old."""
SIGNING_KEY = f"{SANDBOX_SECRET_ID}||{SANDBOX_SECRET_KEY}"
SLACK = 1
"""Requests more or fewer than the rate allows, in the run or any window of it, that the pacing
check lets pass: the first requests go out at once, in whatever order their workers run."""

ROUND_TRIP = 1.0
"""Fake seconds a thread's response takes to come back: five intervals, so about five calls
are in flight at once, other threads' among them, when the token is renewed."""

ClockT = TypeVar("ClockT", SharedClock, AutojumpClock)


class RoundTrip(httpx.BaseTransport):
    """The sandbox's answer, handed back `seconds` of fake time after it was given."""

    def __init__(self, inner: httpx.BaseTransport, clock: FakeClock, seconds: float) -> None:
        self._inner = inner
        self._clock = clock
        self._seconds = seconds

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        self._clock.sleep(self._seconds)
        return response

    def close(self) -> None:
        self._inner.close()


class Setup(Generic[ClockT]):
    """A seeded sandbox on a shared fake clock, and the log of the attempts that reach it."""

    def __init__(self, clock: ClockT) -> None:
        self.clock: ClockT = clock
        self.fake = FakeHeymarket(clock=self.clock.time, seed=3)
        self.fake.seed(CONTACTS)
        self.contacts = self.fake.contacts()
        self.log = AttemptLog(self.clock)

    def client(self, requests_per_minute: float | None) -> Heymarket:
        answered = RoundTrip(self.fake.transport(), self.clock, ROUND_TRIP)
        http = httpx.Client(transport=self.log.transport(answered), base_url=BASE_URL)
        return clocked(
            Heymarket,
            self.clock,
            secret_id=SANDBOX_SECRET_ID,
            secret_key=SANDBOX_SECRET_KEY,
            requests_per_minute=requests_per_minute,
            http_client=http,
        )

    def async_client(self, requests_per_minute: float | None) -> AsyncHeymarket:
        transport = self.log.async_transport(self.fake.async_transport())
        return clocked(
            AsyncHeymarket,
            self.clock,
            secret_id=SANDBOX_SECRET_ID,
            secret_key=SANDBOX_SECRET_KEY,
            requests_per_minute=requests_per_minute,
            http_client=httpx.AsyncClient(transport=transport, base_url=BASE_URL),
        )

    def call(self, client: Heymarket, n: int) -> None:
        """The n-th call of a worker: a read of one kind or another, its answer checked."""
        contact = self.contacts[n % len(self.contacts)]
        kind = n % 4
        if kind == 0:
            assert client.contacts.get(contact["id"]).id == contact["id"]
        elif kind == 1:
            assert str(client.contacts_v2.get(contact["uuid"]).uuid) == contact["uuid"]
        elif kind == 2:
            assert client.contacts.find(phone=contact["phone"]).id == contact["id"]
        else:
            assert client.contacts.count() == len(self.contacts)

    async def acall(self, client: AsyncHeymarket, n: int) -> None:
        contact = self.contacts[n % len(self.contacts)]
        kind = n % 4
        if kind == 0:
            assert (await client.contacts.get(contact["id"])).id == contact["id"]
        elif kind == 1:
            assert str((await client.contacts_v2.get(contact["uuid"])).uuid) == contact["uuid"]
        elif kind == 2:
            assert (await client.contacts.find(phone=contact["phone"])).id == contact["id"]
        else:
            assert await client.contacts.count() == len(self.contacts)


def run_threads(
    setup: Setup[AutojumpClock], client: Heymarket, threads: int, calls: int
) -> list[BaseException]:
    """`threads` threads making `calls` calls each, all started at once; the errors raised."""
    failures: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            for i in range(calls):
                setup.call(client, worker * calls + i)
        except BaseException as error:
            failures.append(error)

    setup.clock.run([functools.partial(work, w) for w in range(threads)])
    return failures


# --- the checks --------------------------------------------------------------------------


def check_all_answered(setup: Setup[Any], expected: int) -> None:
    """The sandbox received exactly the logged attempts, one per call, and answered each."""
    attempts = setup.log.attempts
    assert Counter(a.outcome for a in attempts) == {200: expected}
    received = setup.fake.requests
    assert Counter(r.status for r in received) == {200: expected}
    assert Counter(r.headers.get("authorization") for r in received) == Counter(
        a.authorization for a in attempts
    )


def check_tokens(attempts: Sequence[Attempt]) -> None:
    """Every attempt carried a JWT of the sandbox's secret, valid at the (fake) time it arrived,
    and one token was shared until it was re-signed: at least twice over the run, but not per
    request or per thread."""
    tokens: set[str] = set()
    for attempt in attempts:
        assert attempt.authorization is not None
        scheme, _, token = attempt.authorization.partition(" ")
        assert scheme == "Bearer"
        claims: dict[str, Any] = jwt.decode(
            token,
            SIGNING_KEY,
            algorithms=["HS256"],
            options={"require": ["iss", "iat"], "verify_iat": False},
        )
        assert claims["iss"] == SANDBOX_SECRET_ID
        issued = claims["iat"]
        assert isinstance(issued, int)
        age = attempt.wall - issued
        # Signed again right before sending: never older than the re-signing age on arrival.
        assert 0 <= age < RESIGNED_AFTER, f"a token {age:.0f} s old arrived at {attempt.wall}"
        tokens.add(token)
    span = max(a.wall for a in attempts) - min(a.wall for a in attempts)
    assert span > RESIGNED_AFTER, f"the run spans {span:.0f} s: it never reached a re-sign"
    assert 2 <= len(tokens) <= math.ceil(span / RESIGNED_AFTER) + 1, (len(tokens), span)


def check_paced(arrivals: Sequence[float], requests_per_minute: float) -> None:
    """The arrivals, in fake seconds, keep to `requests_per_minute` and no slower.

    The pacer lets a burst of `INITIAL_BURST` through, then one request per interval, so `n`
    requests span `(n - INITIAL_BURST)` intervals: the run within `SLACK` of that, and every
    window of it no shorter. (On these clocks a worker cannot find its slot passed before it
    sends: the time does not move while it runs.)
    """
    rate = requests_per_minute / 60
    burst = INITIAL_BURST
    times = sorted(arrivals)
    n = len(times)
    elapsed = times[-1] - times[0]
    assert elapsed >= (n - burst - SLACK) / rate - 1e-6, (
        f"{n} requests in {elapsed:.1f} s: faster than {requests_per_minute}/min"
    )
    assert elapsed <= (n - burst + SLACK) / rate + 1e-6, (
        f"{n} requests in {elapsed:.1f} s: slower than the rate"
    )
    for width in sorted({8, 32, 128, n // 4, n // 2}):
        least = (width - burst - SLACK) / rate - 1e-6
        for first in range(n - width + 1):
            span = times[first + width - 1] - times[first]
            assert span >= least, (
                f"{width} requests within {span:.2f} s from t={times[first] - times[0]:.2f} s: "
                f"faster than {requests_per_minute}/min"
            )


# --- the tests ---------------------------------------------------------------------------


def test_16_threads_share_one_client_across_a_token_renewal_paced_and_error_free() -> None:
    setup = Setup(AutojumpClock(wall=START))
    with setup.client(REQUESTS_PER_MINUTE) as client:
        failures = run_threads(setup, client, THREADS, CALLS_PER_THREAD)
    tally("calls (16 threads, one Heymarket)", THREADS * CALLS_PER_THREAD)

    assert failures == []
    check_all_answered(setup, THREADS * CALLS_PER_THREAD)
    check_tokens(setup.log.attempts)
    check_paced(after_the_first_answer(a.mono for a in setup.log.attempts), REQUESTS_PER_MINUTE)


@pytest.mark.asyncio
async def test_200_tasks_share_one_async_client_across_a_token_renewal_paced_and_error_free() -> (
    None
):
    setup = Setup(SharedClock(wall=START))

    async def work(client: AsyncHeymarket, worker: int) -> None:
        for i in range(CALLS_PER_TASK):
            await setup.acall(client, worker * CALLS_PER_TASK + i)

    async with setup.async_client(REQUESTS_PER_MINUTE) as client:
        outcomes = await asyncio.gather(
            *(work(client, w) for w in range(TASKS)), return_exceptions=True
        )
    tally("calls (200 tasks, one AsyncHeymarket)", TASKS * CALLS_PER_TASK)

    assert [o for o in outcomes if o is not None] == []
    check_all_answered(setup, TASKS * CALLS_PER_TASK)
    check_tokens(setup.log.attempts)
    check_paced([a.mono for a in setup.log.attempts], REQUESTS_PER_MINUTE)


def small_run(requests_per_minute: float | None) -> list[float]:
    """The arrival times of 16 threads x 20 calls through a client paced at this rate."""
    setup = Setup(AutojumpClock(wall=START))
    with setup.client(requests_per_minute) as client:
        assert run_threads(setup, client, THREADS, 20) == []
    tally("calls (pacing check, small runs)", THREADS * 20)
    return after_the_first_answer(a.mono for a in setup.log.attempts)


def after_the_first_answer(arrivals: Iterable[float]) -> list[float]:
    """The arrivals but the first: that call goes alone and the others wait for its answer,
    a `ROUND_TRIP` here, as it teaches the server's clock (`FirstAnswer`); then the rate."""
    return sorted(arrivals)[1:]


@pytest.mark.parametrize(
    ("requests_per_minute", "caught"),
    [
        pytest.param(None, "faster than 300/min", id="no pacing"),
        pytest.param(2 * REQUESTS_PER_MINUTE, "faster than 300/min", id="twice the rate"),
        pytest.param(REQUESTS_PER_MINUTE / 2, "slower than the rate", id="half the rate"),
    ],
)
def test_the_pacing_check_catches_a_client_paced_at_another_rate(
    requests_per_minute: float | None, caught: str
) -> None:
    arrivals = small_run(requests_per_minute)
    with pytest.raises(AssertionError, match=caught):
        check_paced(arrivals, REQUESTS_PER_MINUTE)


def test_the_pacing_check_passes_the_same_small_run_paced_at_the_rate() -> None:
    check_paced(small_run(REQUESTS_PER_MINUTE), REQUESTS_PER_MINUTE)


@pytest.mark.asyncio
async def test_a_pacing_queue_longer_than_a_token_never_sends_a_stale_one() -> None:
    """500 tasks at 100 requests a minute wait up to 5 minutes for their turn, longer than the
    minute between re-signing and expiry: each still sends a token under 4 minutes old."""
    setup = Setup(SharedClock(wall=START))
    async with setup.async_client(100) as client:
        outcomes = await asyncio.gather(
            *(setup.acall(client, worker) for worker in range(500)), return_exceptions=True
        )
    tally("calls (a five-minute pacing queue)", 500)

    assert [o for o in outcomes if o is not None] == []
    check_all_answered(setup, 500)  # no 401: no token was refused
    check_tokens(setup.log.attempts)
