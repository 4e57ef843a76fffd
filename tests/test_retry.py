"""The retry policy: what is retried, after how long."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime

import httpx
import pytest

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
