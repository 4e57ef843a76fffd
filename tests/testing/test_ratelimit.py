"""The sandbox's quota shapes (token bucket, fixed and sliding window), alone and in front of
the fake API, with their `Retry-After`, rate-limit and `Date` headers."""

from __future__ import annotations

import time
from email.utils import parsedate_to_datetime

import httpx
import pytest

from heymarket_typed.testing import SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, FakeHeymarket, Quota
from heymarket_typed.testing._ratelimit import retry_after_seconds
from tests.testing.conftest import BASE_URL, Clock, bearer, make_token
from tests.testing.contract import check_response


class Monotonic:
    def __init__(self, now: float = 1000.1) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_bucket_starts_full_then_gives_the_wait_for_the_next_token() -> None:
    clock = Monotonic()
    bucket = Quota(2.0, burst=3, clock=clock)

    assert [bucket.take().wait for _ in range(3)] == [0.0, 0.0, 0.0]
    assert bucket.take().wait == pytest.approx(0.5)
    clock.now += 0.2
    refused = bucket.take()
    assert not refused.allowed
    assert refused.wait == pytest.approx(0.3)


def test_bucket_passes_a_request_arriving_exactly_when_a_token_is_due() -> None:
    clock = Monotonic(123456.789)
    bucket = Quota(3.0, burst=1, clock=clock)
    assert bucket.take().allowed

    for _ in range(50):
        clock.now += 1 / 3
        assert bucket.take().allowed


def test_bucket_never_holds_more_than_its_capacity() -> None:
    clock = Monotonic()
    bucket = Quota(10.0, burst=2, clock=clock)
    clock.now += 3600

    assert [bucket.take().allowed for _ in range(3)] == [True, True, False]


def test_fixed_window_resets_on_the_period_boundary() -> None:
    clock = Monotonic(100.0)
    window = Quota(3, window="fixed", clock=clock)
    clock.now = 100.7
    assert [window.take().allowed for _ in range(4)] == [True, True, True, False]
    refused = window.take()
    assert refused.wait == pytest.approx(0.3)
    assert (refused.limit, refused.remaining) == (3, 0)
    assert refused.reset == pytest.approx(0.3)
    clock.now = 101.0  # a new window: a burst of twice the limit across the boundary passes
    assert [window.take().allowed for _ in range(4)] == [True, True, True, False]


def test_sliding_window_counts_any_period() -> None:
    clock = Monotonic(100.0)
    window = Quota(2, window="sliding", clock=clock)
    assert window.take().allowed
    clock.now = 100.6
    assert window.take().allowed
    clock.now = 100.9
    refused = window.take()
    assert not refused.allowed
    assert refused.wait == pytest.approx(0.1)  # the request at 100.0 leaves the window
    clock.now = 101.0
    assert window.take().allowed
    clock.now = 101.5
    assert not window.take().allowed  # 100.6 and 101.0 are still within the last second


@pytest.mark.parametrize(
    ("rate", "options"),
    [
        (0.0, {}),
        (-1.0, {}),
        (float("nan"), {}),
        (float("inf"), {}),
        (1.0, {"burst": 0.5}),
        (0.5, {"window": "fixed"}),
        (1.0, {"window": "leaky"}),
        (1.0, {"window": "sliding", "period": 0.0}),
    ],
)
def test_quota_rejects_unusable_settings(rate: float, options: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="must"):
        Quota(rate, **options)  # type: ignore[arg-type]


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


def test_x_ratelimit_headers_describe_the_quota(clock: Clock) -> None:
    fake = FakeHeymarket(
        rate_limit=Quota(2, window="fixed", period=5, clock=lambda: 1002.0),
        rate_limit_headers="x-ratelimit",
        clock=clock,
    )
    with limited_client(fake) as http:
        first = http.post("/v1/contacts/count", json={})
    assert first.headers["x-ratelimit-limit"] == "10"
    assert first.headers["x-ratelimit-remaining"] == "9"
    assert first.headers["x-ratelimit-reset"] == "3"


def test_ietf_headers_give_the_bucket_rate_as_the_policy(clock: Clock) -> None:
    fake = FakeHeymarket(
        rate_limit=Quota(20, burst=3, clock=lambda: 5.0), rate_limit_headers="ietf", clock=clock
    )
    with limited_client(fake) as http:
        first = http.post("/v1/contacts/count", json={})
    assert first.headers["ratelimit"] == "limit=3, remaining=2, reset=0.05"
    assert first.headers["ratelimit-policy"] == "20;w=1"


def test_a_quota_is_shared_by_two_sandboxes(clock: Clock) -> None:
    quota = Quota(1, burst=2, clock=lambda: 0.0)
    first = FakeHeymarket(rate_limit=quota, clock=clock)
    second = FakeHeymarket(rate_limit=quota, clock=clock)
    with limited_client(first) as one, limited_client(second) as two:
        statuses = [http.post("/v1/contacts/count", json={}).status_code for http in (one, two)]
        assert two.post("/v1/contacts/count", json={}).status_code == 429
    assert statuses == [200, 200]


def test_date_header_and_jwt_checks_follow_the_clock_offset(clock: Clock) -> None:
    fake = FakeHeymarket(clock=clock, clock_offset=600)
    with limited_client(fake) as http:  # a token signed at the client's "now"
        assert http.post("/v1/contacts/count", json={}).status_code == 401
    with httpx.Client(
        transport=fake.transport(),
        base_url=BASE_URL,
        headers=bearer(make_token(iat=int(clock.now) + 600)),
    ) as http:
        answer = http.post("/v1/contacts/count", json={})
    assert answer.status_code == 200
    assert parsedate_to_datetime(answer.headers["date"]).timestamp() == clock.now + 600


def test_served_responses_carry_one_date_from_the_sandbox_clock(clock: Clock) -> None:
    fake = FakeHeymarket(clock=clock, secret_id=SANDBOX_SECRET_ID, secret_key=SANDBOX_SECRET_KEY)
    with (
        fake.serve() as server,
        httpx.Client(base_url=server.url, headers=bearer(make_token())) as http,
    ):
        answer = http.post("/v1/contacts/count", json={})
    assert answer.headers.get_list("date") == ["Sat, 01 Jun 2024 12:00:00 GMT"]
