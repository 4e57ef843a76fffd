"""Injected faults: each kind, before and after processing, and which requests they hit."""

from __future__ import annotations

import time

import httpx
import pytest

from heymarket_typed.testing import FakeHeymarket, Fault
from heymarket_typed.testing._faults import FaultQueue
from tests.testing.conftest import BASE_URL
from tests.testing.contract import UUID_SHAPE, check_response

NEW_CONTACT = {"phone": "15105553344"}


def test_a_status_fault_before_processing_writes_nothing(
    raw_client: httpx.Client, fake: FakeHeymarket
) -> None:
    fake.inject(Fault(status=503))

    response = raw_client.post("/v1/contact", json=NEW_CONTACT)

    assert response.status_code == 503
    assert response.json()["error_code"] == "service_unavailable"
    assert UUID_SHAPE.fullmatch(response.headers["x-request-id"])
    assert response.headers["content-type"] == "application/json"
    assert fake.contacts() == []


def test_a_status_fault_after_processing_keeps_the_write(
    raw_client: httpx.Client, fake: FakeHeymarket
) -> None:
    fake.inject(Fault(status=500, after=True))

    response = raw_client.post("/v1/contact", json=NEW_CONTACT)

    check_response(response)
    assert response.json()["error_code"] == "internal_error"
    assert len(fake.contacts()) == 1


def test_a_drop_before_processing_raises_and_writes_nothing(
    raw_client: httpx.Client, fake: FakeHeymarket
) -> None:
    fake.inject(Fault(drop=True))

    with pytest.raises(httpx.RemoteProtocolError):
        raw_client.post("/v1/contact", json=NEW_CONTACT)
    assert fake.contacts() == []


def test_a_drop_after_processing_raises_but_keeps_the_write(
    raw_client: httpx.Client, fake: FakeHeymarket
) -> None:
    fake.inject(Fault(drop=True, after=True))

    with pytest.raises(httpx.RemoteProtocolError):
        raw_client.post("/v1/contact", json=NEW_CONTACT)
    assert len(fake.contacts()) == 1
    assert fake.requests[0].status is None


def test_a_connect_error_raises_before_authentication_and_is_not_recorded(
    fake: FakeHeymarket,
) -> None:
    fake.inject(Fault(connect_error=True))

    with (
        httpx.Client(transport=fake.transport(), base_url=BASE_URL) as anonymous,
        pytest.raises(httpx.ConnectError),
    ):
        anonymous.post("/v1/contact", json=NEW_CONTACT)
    assert fake.requests == []
    assert fake.contacts() == []


def test_a_raw_body_replaces_the_response(raw_client: httpx.Client, fake: FakeHeymarket) -> None:
    fake.inject(Fault(body=b"<html>gateway</html>"))

    response = raw_client.post("/v1/contacts/count", json={})

    assert response.status_code == 200
    assert response.content == b"<html>gateway</html>"


def test_a_raw_body_after_processing_keeps_the_status_and_the_write(
    raw_client: httpx.Client, fake: FakeHeymarket
) -> None:
    fake.inject(Fault(body=b"{", after=True))

    response = raw_client.post("/v1/contact", json=NEW_CONTACT)

    assert (response.status_code, response.content) == (200, b"{")
    assert len(fake.contacts()) == 1


def test_a_status_fault_can_carry_retry_after_and_headers(
    raw_client: httpx.Client, fake: FakeHeymarket
) -> None:
    fake.inject(Fault(status=429, retry_after="7", headers={"X-RateLimit-Remaining": "0"}))

    response = raw_client.post("/v1/contacts/count", json={})

    check_response(response)
    assert response.status_code == 429
    assert response.headers["retry-after"] == "7"
    assert response.headers["x-ratelimit-remaining"] == "0"


def test_a_headers_only_fault_decorates_the_real_response(
    raw_client: httpx.Client, fake: FakeHeymarket
) -> None:
    fake.inject(Fault(headers={"X-Extra": "yes"}))

    response = raw_client.post("/v1/contact", json=NEW_CONTACT)

    assert response.status_code == 200
    assert response.json()["id"] == 1001
    assert response.headers["x-extra"] == "yes"


def test_fault_headers_win_over_the_fakes_own_whatever_their_case(
    raw_client: httpx.Client, fake: FakeHeymarket
) -> None:
    fake.inject(Fault(status=502, body=b"<html/>", headers={"content-type": "text/html"}))

    response = raw_client.post("/v1/contacts/count", json={})

    assert response.headers.get_list("content-type") == ["text/html"]
    assert UUID_SHAPE.fullmatch(response.headers["x-request-id"])


def test_a_delay_fault_adds_latency(raw_client: httpx.Client, fake: FakeHeymarket) -> None:
    fake.inject(Fault(delay=0.05))

    started = time.perf_counter()
    response = raw_client.post("/v1/contacts/count", json={})

    assert time.perf_counter() - started >= 0.05
    assert response.status_code == 200


def test_faults_match_method_and_exact_path(raw_client: httpx.Client, fake: FakeHeymarket) -> None:
    fake.inject(Fault(status=502), method="post", path="/v1/contacts")

    assert raw_client.post("/v1/contacts/count", json={}).status_code == 200
    assert raw_client.get("/v1/contacts").status_code == 405
    assert raw_client.post("/v1/contacts", json={}).status_code == 502
    assert raw_client.post("/v1/contacts", json={}).status_code == 200


def test_a_fault_fires_the_given_number_of_times(
    raw_client: httpx.Client, fake: FakeHeymarket
) -> None:
    fake.inject(Fault(status=500), times=2)

    statuses = [raw_client.post("/v1/contacts/count", json={}).status_code for _ in range(3)]

    assert statuses == [500, 500, 200]


def test_faults_fire_in_the_order_injected(raw_client: httpx.Client, fake: FakeHeymarket) -> None:
    fake.inject(Fault(status=502))
    fake.inject(Fault(connect_error=True))
    fake.inject(Fault(status=504))

    first = raw_client.post("/v1/contacts/count", json={})
    with pytest.raises(httpx.ConnectError):
        raw_client.post("/v1/contacts/count", json={})
    third = raw_client.post("/v1/contacts/count", json={})

    assert (first.status_code, third.status_code) == (502, 504)


def test_refused_credentials_do_not_consume_a_fault(
    raw_client: httpx.Client, fake: FakeHeymarket
) -> None:
    fake.inject(Fault(status=500))
    with httpx.Client(transport=fake.transport(), base_url=BASE_URL) as anonymous:
        assert anonymous.post("/v1/contacts/count", json={}).status_code == 401

    assert raw_client.post("/v1/contacts/count", json={}).status_code == 500


def test_times_must_be_positive() -> None:
    with pytest.raises(ValueError, match="times"):
        FaultQueue().inject(Fault(status=500), times=0, method=None, path=None)


def test_a_fault_keeps_its_own_copy_of_the_headers() -> None:
    headers = {"X-A": "1"}
    fault = Fault(headers=headers)
    headers["X-A"] = "2"

    assert fault.headers == {"X-A": "1"}
    assert Fault(status=500) == Fault(status=500)
    assert hash(Fault(status=500)) == hash(Fault(status=500))
