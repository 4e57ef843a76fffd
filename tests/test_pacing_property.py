"""The pacer against servers whose limit it does not know, on one virtual clock shared by the
sandbox and the client, so a job of 1,000 requests runs in about a second.

Whatever the shape (a token bucket with a burst of 1 to 60, a fixed or a sliding window, with
or without rate-limit headers and `Retry-After`) and whatever the client's ceiling (half to
three times the server's rate): after at most 5 429s to learn, at most 1% of the remaining
requests get a 429, and the export loses and repeats nothing. `make soak` draws ten times as
many shapes.
"""

from __future__ import annotations

from typing import cast

import httpx
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from heymarket_typed import Heymarket
from heymarket_typed.testing import SANDBOX_API_KEY, FakeHeymarket, Quota
from heymarket_typed.testing._ratelimit import WINDOWS
from tests.helpers import FakeClock, clocked
from tests.robustness.soak import scaled

LATENCY = 0.010
CONTACTS = 2_000
PAGE_SIZE = 1  # with room for a repeat, 2 a request: 1,000 requests and more
LEARNING = 5


SHAPE: dict[str, object] = {
    "rate": 20.0,
    "burst": 20,
    "window": "token_bucket",
    "headers": None,
    "retry_after": False,
    "ceiling": 1.0,
}
START = FakeClock().mono


class Latency(httpx.BaseTransport):
    """The sandbox's transport, with each request taking `LATENCY` of the virtual clock."""

    def __init__(self, inner: httpx.BaseTransport, clock: FakeClock) -> None:
        self.inner, self.clock = inner, clock

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        self.clock.advance(LATENCY)
        return response


def share_after_learning(statuses: list[int]) -> float:
    refused = [i for i, status in enumerate(statuses) if status == 429]
    if len(refused) <= LEARNING:
        return 0.0
    after = statuses[refused[LEARNING - 1] + 1 :]
    return after.count(429) / len(after)


@st.composite
def shapes(draw: st.DrawFn) -> dict[str, object]:
    return {
        "rate": draw(st.sampled_from([5.0, 8.0, 10.0, 20.0, 33.0])),
        "burst": draw(st.integers(1, 60)),
        "window": draw(st.sampled_from(WINDOWS)),
        "headers": draw(st.sampled_from([None, "x-ratelimit", "ietf"])),
        "retry_after": draw(st.booleans()),
        "ceiling": draw(st.floats(0.5, 3.0)),
    }


@settings(
    max_examples=scaled(10),
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(shape=shapes())
@example(shape=SHAPE | {"burst": 1, "ceiling": 3.0})
@example(shape=SHAPE | {"window": "fixed", "ceiling": 3.0})
@example(shape=SHAPE | {"window": "sliding", "ceiling": 2.0, "headers": "ietf"})
# Whole-second `Retry-After` and a client ceiling past twice the server's rate: a run after
# each hold looked long (the server's refill) and the rate came down 2.5% a 429 (1.2% to
# 1.9% 429s after learning, 14 to 23 429s in all).
@example(shape=SHAPE | {"rate": 5.0, "burst": 27, "retry_after": True, "ceiling": 2.46})
@example(shape=SHAPE | {"rate": 10.0, "burst": 9, "retry_after": True, "ceiling": 2.65})
@example(shape=SHAPE | {"rate": 33.0, "burst": 19, "retry_after": True, "ceiling": 2.78})
@example(shape=SHAPE | {"rate": 33.0, "burst": 27, "retry_after": True, "ceiling": 2.2})
@example(shape=SHAPE | {"rate": 5.0, "window": "fixed", "retry_after": True, "ceiling": 2.49})
def test_few_429s_after_learning_and_nothing_lost(shape: dict[str, object]) -> None:
    statuses = export(shape)
    assert len(statuses) >= 1000
    refused = [i for i, status in enumerate(statuses) if status == 429]
    assert share_after_learning(statuses) <= 0.01, f"{shape}: 429s at {refused} of {len(statuses)}"


def test_the_issue_export_stays_near_the_floor() -> None:
    """The issue's case: a v2 export against 20 requests/s with a burst of 3, the client at
    the same 20/s. It took 2.5x the floor and drew 25 429s, each followed by a backoff."""
    clock = FakeClock()
    statuses = export(SHAPE | {"burst": 3, "ceiling": 1.0}, clock)
    needed = len(statuses) - statuses.count(429)
    floor = (needed - 3) / 20.0
    assert statuses.count(429) <= LEARNING
    assert clock.mono - START <= 1.10 * floor


def export(shape: dict[str, object], clock: FakeClock | None = None) -> list[int]:
    """Exports `CONTACTS` contacts with `contacts_v2.iter()` from a sandbox of `shape`; returns
    the statuses of every request in order, after checking each contact came once."""
    rate, burst = cast(float, shape["rate"]), cast(int, shape["burst"])
    ceiling = cast(float, shape["ceiling"])
    clock = clock or FakeClock()
    fake = FakeHeymarket(
        rate_limit=Quota(
            rate,
            burst=burst,
            window=shape["window"],  # type: ignore[arg-type]
            period=cast(float, shape.get("period", 1.0)),
            clock=clock.monotonic,
        ),
        retry_after=bool(shape["retry_after"]),
        rate_limit_headers=shape["headers"],  # type: ignore[arg-type]
        clock=clock.time,
    )
    fake.seed(CONTACTS)
    http = httpx.Client(
        transport=Latency(fake.transport(), clock), base_url="https://api.heymarket.com"
    )
    with clocked(
        Heymarket,
        clock,
        api_key=SANDBOX_API_KEY,  # no JWT to check on each of the 1,000 requests: faster
        requests_per_minute=rate * ceiling * 60,
        http_client=http,
    ) as client:
        ids = [c.id for c in client.contacts_v2.iter(page_size=PAGE_SIZE, concurrency=1)]

    assert len(ids) == CONTACTS
    assert len(set(ids)) == CONTACTS
    return [r.status or 0 for r in fake.requests]
