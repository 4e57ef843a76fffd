"""The retry policy: what is retried, after how long."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from email.utils import format_datetime

import httpx
import pytest

from heymarket_typed._limits import Limits, limits, retry_after, server_now
from heymarket_typed._retry import RetryPolicy, is_idempotent

NOW = 1_700_000_000.0


def request(method: str, path: str) -> httpx.Request:
    return httpx.Request(method, f"https://api.heymarket.com{path}")


def response(status: int, **headers: str) -> httpx.Response:
    return httpx.Response(status, headers=headers)


def policy(max_retries: int = 2, jitter: float = 0.0) -> RetryPolicy:
    return RetryPolicy(max_retries, wall_clock=lambda: NOW, jitter=lambda: jitter)


@pytest.mark.parametrize(
    ("method", "path", "idempotent"),
    [
        ("GET", "/v1/contact/1", True),
        ("PUT", "/v1/contact/1", True),
        ("DELETE", "/v2/contacts", True),
        ("POST", "/v1/contacts", True),
        ("POST", "/v1/contacts/count", True),
        ("POST", "/v1/contact/get", True),
        ("POST", "/v1/contact/status", True),
        ("POST", "/v1/contact/set_status", True),
        ("POST", "/v1/contact-fields", True),
        ("POST", "/v2/contacts/list", True),
        ("POST", "/v2/contacts/search", True),
        ("POST", "/v1/contact", False),
        ("POST", "/v1/batch/contacts", False),
        ("POST", "/v2/contact", False),
        ("POST", "/v2/contacts", False),
        ("POST", "/proxy/prefix/v2/contacts/list", True),
    ],
)
def test_idempotency_by_route(method: str, path: str, idempotent: bool) -> None:
    assert is_idempotent(request(method, path)) is idempotent


def test_backoff_doubles_from_half_a_second_to_8_seconds() -> None:
    assert [policy().backoff(n) for n in range(6)] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]


def test_backoff_jitter_shortens_by_at_most_a_quarter() -> None:
    assert policy(jitter=1.0).backoff(1) == pytest.approx(0.75)
    assert policy(jitter=0.5).backoff(3) == pytest.approx(3.5)


def test_retry_after_seconds_and_http_date() -> None:
    in_12_s = format_datetime(datetime.fromtimestamp(NOW + 12, UTC), usegmt=True)
    get = request("GET", "/v1/contact/1")
    assert policy().delay_after_response(get, response(429, **{"Retry-After": "3"}), 0) == 3.0
    assert policy().delay_after_response(get, response(503, **{"Retry-After": in_12_s}), 0) == 12.0


@pytest.mark.parametrize("skew", [-600.0, 600.0])
def test_an_http_date_retry_after_counts_from_the_responses_date(skew: float) -> None:
    """The client's clock is 10 minutes off the server's: a `Retry-After` 5 s after the
    response's `Date` is 5 s, not 60 s (client behind) nor 0 s (client ahead)."""
    server = NOW + skew
    date = format_datetime(datetime.fromtimestamp(server, UTC), usegmt=True)
    in_5_s = format_datetime(datetime.fromtimestamp(server + 5, UTC), usegmt=True)
    get = request("GET", "/v1/contact/1")
    answer = response(503, **{"Retry-After": in_5_s, "Date": date})
    assert policy().delay_after_response(get, answer, 0) == 5.0
    assert limits(
        httpx.Headers({"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(server) + 2)}),
        server_now(httpx.Headers({"Date": date}), NOW),
    ) == Limits(None, 0, 2.0)


def test_retry_after_is_capped_at_60_seconds_and_never_negative() -> None:
    get = request("GET", "/v1/contact/1")
    past = format_datetime(datetime.fromtimestamp(NOW - 30, UTC), usegmt=True)
    assert policy().delay_after_response(get, response(429, **{"Retry-After": "3600"}), 0) == 60.0
    assert policy().delay_after_response(get, response(429, **{"Retry-After": past}), 0) == 0.0


def test_unreadable_retry_after_falls_back_to_backoff() -> None:
    get = request("GET", "/v1/contact/1")
    for value in ("soon", "nan", "inf"):
        delay = policy().delay_after_response(get, response(429, **{"Retry-After": value}), 1)
        assert delay == 1.0, value


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_idempotent_request_retried_on_retryable_status(status: int) -> None:
    assert (
        policy().delay_after_response(request("POST", "/v1/contacts"), response(status), 0) == 0.5
    )


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422, 501])
def test_other_statuses_are_final(status: int) -> None:
    assert (
        policy().delay_after_response(request("GET", "/v1/contact/1"), response(status), 0) is None
    )


@pytest.mark.parametrize("status", [408, 500, 502, 503, 504])
def test_create_not_retried_on_server_errors(status: int) -> None:
    assert (
        policy().delay_after_response(request("POST", "/v1/contact"), response(status), 0) is None
    )


def test_create_retried_on_429() -> None:
    assert policy().delay_after_response(request("POST", "/v2/contacts"), response(429), 0) == 0.5


@pytest.mark.parametrize(
    "error",
    [httpx.ConnectError("refused"), httpx.ConnectTimeout("slow"), httpx.PoolTimeout("busy")],
)
def test_create_retried_when_the_request_never_left(error: httpx.TransportError) -> None:
    assert policy().delay_after_error(request("POST", "/v1/batch/contacts"), error, 0) == 0.5


@pytest.mark.parametrize(
    "error",
    [httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("dropped"), httpx.ReadError("reset")],
)
def test_create_not_retried_when_the_server_may_have_acted(error: httpx.TransportError) -> None:
    assert policy().delay_after_error(request("POST", "/v1/contact"), error, 0) is None
    assert policy().delay_after_error(request("GET", "/v1/contact/1"), error, 0) == 0.5


def test_no_retry_beyond_max_retries() -> None:
    get = request("GET", "/v1/contact/1")
    assert policy(max_retries=2).delay_after_response(get, response(500), 1) == 1.0
    assert policy(max_retries=2).delay_after_response(get, response(500), 2) is None
    assert policy(max_retries=0).delay_after_error(get, httpx.ConnectError("x"), 0) is None


# --- Retry-After and the rate-limit headers (`_limits`) -----------------------------------


@pytest.mark.parametrize("value", ["-5", "-0.5", "+-3", "3s", "", "1e3"])
def test_a_negative_or_malformed_retry_after_counts_as_absent(value: str) -> None:
    """The issue's `Retry-After: -5` retried at once; it is now read as no Retry-After."""
    assert retry_after(value, NOW) is None
    get = request("GET", "/v1/contact/1")
    assert policy().delay_after_response(get, response(429, **{"Retry-After": value}), 1) == 1.0


@pytest.mark.parametrize(
    "value",
    [
        "Tue, 14 Nov 2023 22:13:32 GMT",  # IMF-fixdate
        "Tuesday, 14-Nov-23 22:13:32 GMT",  # RFC 850
        "Tue Nov 14 22:13:32 2023",  # asctime: no zone, GMT by definition
    ],
)
@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Asia/Tokyo", "UTC"])
def test_every_http_date_form_is_gmt_whatever_the_local_zone(
    value: str, zone: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's asctime date was read as local time: a 60 s wait west of UTC, none east."""
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        assert retry_after(value, NOW) == 12.0  # NOW is 2023-11-14T22:13:20Z
    finally:
        monkeypatch.undo()
        time.tzset()


def test_retry_after_numbers_and_the_cap() -> None:
    assert retry_after(" 7 ", NOW) == 7.0
    assert retry_after("1.5", NOW) == 1.5
    assert retry_after("0", NOW) == 0.0
    assert retry_after("86400", NOW) == 60.0
    assert retry_after("9" * 400, NOW) == 60.0  # past a float's range: still the cap
    assert retry_after("\u0665", NOW) is None  # an Arabic-Indic 5 is no DIGIT (RFC 9110)
    assert retry_after("Tue, 14 Nov 2023 22:20:00 GMT", NOW) == 60.0
    assert retry_after("Tue, 14 Nov 2023 22:00:00 GMT", NOW) == 0.0  # past: retry now
    assert retry_after(None, NOW) is None


def test_a_paced_429_leaves_the_wait_to_the_pacer() -> None:
    paced = RetryPolicy(2, wall_clock=lambda: NOW, paced=True)
    create = request("POST", "/v1/contact")
    assert paced.delay_after_response(create, response(429, **{"Retry-After": "9"}), 0) == 0.0
    assert paced.delay_after_response(create, response(429), 2) is None  # retries are bounded


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"RateLimit-Policy": "20;w=1", "RateLimit": "limit=20, remaining=5, reset=3"},
            Limits(20.0, 5, 3.0),
        ),
        (
            {"RateLimit-Policy": '"burst";q=100;w=60, "daily";q=1000;w=86400'},
            Limits(1000 / 86400, None, None),
        ),
        ({"RateLimit": '"default";r=0;t=2.5'}, Limits(None, 0, 2.5)),
        ({"RateLimit-Remaining": "4", "RateLimit-Reset": "10"}, Limits(None, 4, 10.0)),
        ({"X-RateLimit-Remaining": "9", "X-RateLimit-Reset": "30"}, Limits(None, 9, 30.0)),
        (  # Reset as an epoch time, GitHub's form
            {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(NOW) + 42)},
            Limits(None, 0, 42.0),
        ),
        # A reset past `Retry-After`'s cap is capped like it: an hour, or an epoch time in
        # milliseconds (56,000 years as seconds), stalled every client of the credential.
        ({"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "3600"}, Limits(None, 0, 60.0)),
        (
            {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(NOW) * 1000)},
            Limits(None, 0, 60.0),
        ),
        ({"X-RateLimit-Remaining": "-1", "X-RateLimit-Reset": "5"}, Limits()),
        ({"RateLimit-Policy": "garbage;w=0"}, Limits()),
        ({}, Limits()),
    ],
)
def test_rate_limit_headers_in_every_form(fields: dict[str, str], expected: Limits) -> None:
    assert limits(httpx.Headers(fields), NOW) == expected
