"""The request log: what was received, in order, with the status answered."""

from __future__ import annotations

import httpx

from heymarket_typed.testing import FakeHeymarket, RecordedRequest
from tests.testing.conftest import BASE_URL


def test_requests_are_recorded_in_order_with_their_status(
    client: httpx.Client, fake: FakeHeymarket
) -> None:
    client.post("/v1/contact", params={"x": "1"}, json={"phone": "15105553344"})
    client.get("/v1/contact/999")

    first, second = fake.requests
    assert isinstance(first, RecordedRequest)
    assert (first.method, first.path, first.query, first.status) == (
        "POST",
        "/v1/contact",
        {"x": "1"},
        200,
    )
    assert first.body == {"phone": "15105553344"}
    assert first.headers["authorization"].startswith("Bearer ")
    assert first.headers["content-type"] == "application/json"
    assert (second.method, second.path, second.body, second.status) == (
        "GET",
        "/v1/contact/999",
        None,
        404,
    )


def test_refused_and_malformed_requests_are_recorded(fake: FakeHeymarket) -> None:
    with httpx.Client(transport=fake.transport(), base_url=BASE_URL) as anonymous:
        anonymous.post("/v1/contact", content=b"{oops")

    [recorded] = fake.requests
    assert (recorded.status, recorded.body) == (401, None)


def test_clear_requests_empties_the_log(client: httpx.Client, fake: FakeHeymarket) -> None:
    client.post("/v1/contacts/count", json={})
    fake.clear_requests()
    client.post("/v1/contacts", json={})

    assert [r.path for r in fake.requests] == ["/v1/contacts"]


def test_the_log_is_a_copy(client: httpx.Client, fake: FakeHeymarket) -> None:
    client.post("/v1/contacts/count", json={})
    fake.requests.clear()

    assert len(fake.requests) == 1
