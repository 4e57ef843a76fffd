"""The token bucket, alone and in front of the fake API."""

from __future__ import annotations

import time

import httpx
import pytest

from heymarket_typed.testing import FakeHeymarket
from heymarket_typed.testing._ratelimit import TokenBucket, retry_after_seconds
from tests.testing.conftest import BASE_URL, Clock, bearer, make_token
from tests.testing.contract import check_response


class Monotonic:
    def __init__(self, now: float = 1000.1) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_bucket_starts_full_then_gives_the_wait_for_the_next_token() -> None:
    clock = Monotonic()
    bucket = TokenBucket(rate=2.0, capacity=3, monotonic=clock)

    assert [bucket.take() for _ in range(3)] == [0.0, 0.0, 0.0]
    assert bucket.take() == pytest.approx(0.5)
    clock.now += 0.2
    assert bucket.take() == pytest.approx(0.3)


def test_bucket_passes_a_request_arriving_exactly_when_a_token_is_due() -> None:
    clock = Monotonic(123456.789)
    bucket = TokenBucket(rate=3.0, capacity=1, monotonic=clock)
    assert bucket.take() == 0.0

    for _ in range(50):
        clock.now += 1 / 3
        assert bucket.take() == 0.0


def test_bucket_never_holds_more_than_its_capacity() -> None:
    clock = Monotonic()
    bucket = TokenBucket(rate=10.0, capacity=2, monotonic=clock)
    clock.now += 3600

    assert [bucket.take() > 0 for _ in range(3)] == [False, False, True]


@pytest.mark.parametrize(("rate", "capacity"), [(0.0, 1), (-1.0, 1), (1.0, 0.5)])
def test_bucket_rejects_unusable_settings(rate: float, capacity: float) -> None:
    with pytest.raises(ValueError, match="must"):
        TokenBucket(rate, capacity)


@pytest.mark.parametrize(
    ("wait", "seconds"), [(0.001, 1), (0.5, 1), (1.0, 1), (1.0000000001, 1), (1.2, 2), (7.0, 7)]
)
def test_retry_after_is_the_wait_rounded_up_to_whole_seconds(wait: float, seconds: int) -> None:
    assert retry_after_seconds(wait) == seconds


def limited_client(fake: FakeHeymarket) -> httpx.Client:
    return httpx.Client(transport=fake.transport(), base_url=BASE_URL, headers=bearer(make_token()))


def test_requests_beyond_the_burst_get_429_with_retry_after(clock: Clock) -> None:
    fake = FakeHeymarket(rate_limit=0.5, burst=2, clock=clock)
    with limited_client(fake) as http:
        responses = [http.post("/v1/contacts/count", json={}) for _ in range(3)]

    assert [r.status_code for r in responses] == [200, 200, 429]
    check_response(responses[2])
    assert responses[2].json()["error_code"] == "rate_limited"
    assert responses[2].headers["retry-after"] == "2"


def test_429_without_retry_after_when_turned_off(clock: Clock) -> None:
    fake = FakeHeymarket(rate_limit=1, retry_after=False, clock=clock)
    with limited_client(fake) as http:
        responses = [http.post("/v1/contacts/count", json={}) for _ in range(2)]

    assert [r.status_code for r in responses] == [200, 429]
    assert "retry-after" not in responses[1].headers
    check_response(responses[1])


def test_default_burst_is_one_seconds_worth(clock: Clock) -> None:
    fake = FakeHeymarket(rate_limit=5, clock=clock)
    with limited_client(fake) as http:
        statuses = [http.post("/v1/contacts/count", json={}).status_code for _ in range(6)]

    assert statuses == [200] * 5 + [429]


def test_no_429_when_requests_are_spaced_at_the_rate(clock: Clock) -> None:
    fake = FakeHeymarket(rate_limit=50, burst=1, clock=clock)
    with limited_client(fake) as http:
        statuses = []
        for _ in range(5):
            statuses.append(http.post("/v1/contacts/count", json={}).status_code)
            time.sleep(1 / 50)

    assert statuses == [200] * 5


def test_unauthenticated_requests_do_not_spend_tokens(clock: Clock) -> None:
    fake = FakeHeymarket(rate_limit=1, clock=clock)
    with httpx.Client(transport=fake.transport(), base_url=BASE_URL) as anonymous:
        assert anonymous.post("/v1/contacts/count", json={}).status_code == 401
    with limited_client(fake) as http:
        assert http.post("/v1/contacts/count", json={}).status_code == 200
