"""The request pipeline shared by every front end: routing, errors, headers and latency."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from heymarket_typed.testing import FakeHeymarket
from heymarket_typed.testing._store import ContactStore
from tests.testing.conftest import BASE_URL, Clock, bearer, make_token
from tests.testing.contract import UUID_SHAPE


def test_unknown_path_is_404(client: httpx.Client) -> None:
    response = client.post("/v1/nothing", json={})

    assert response.status_code == 404
    assert response.json()["error_code"] == "not_found"


def test_wrong_method_is_405_with_allow(client: httpx.Client) -> None:
    response = client.patch("/v1/contact/1001", json={})

    assert response.status_code == 405
    assert response.headers["allow"] == "DELETE, GET, PUT"


def test_literal_paths_win_over_templates(client: httpx.Client) -> None:
    assert client.get("/v1/contact/get").status_code == 405
    assert client.post("/v1/contact/get", json={"phone": "15105553344"}).status_code == 404


def test_malformed_json_is_400(client: httpx.Client) -> None:
    response = client.post(
        "/v1/contact", content=b"{not json", headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 400
    assert response.json()["error_code"] == "bad_data"


def test_authentication_comes_before_routing(fake: FakeHeymarket) -> None:
    with httpx.Client(transport=fake.transport(), base_url=BASE_URL) as anonymous:
        assert anonymous.get("/nowhere").status_code == 401


def test_every_response_carries_a_distinct_request_id(client: httpx.Client) -> None:
    ids = {client.post("/v1/contacts/count", json={}).headers["x-request-id"] for _ in range(5)}

    assert len(ids) == 5
    assert all(UUID_SHAPE.fullmatch(request_id) for request_id in ids)


def test_a_crashing_route_answers_500(
    client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(ContactStore, "count_after", broken)

    response = client.post("/v1/contacts/count", json={})

    assert response.status_code == 500
    assert response.json()["error_code"] == "internal_error"


def test_latency_is_added_to_sync_requests(clock: Clock) -> None:
    fake = FakeHeymarket(latency=0.05, clock=clock)
    with httpx.Client(
        transport=fake.transport(), base_url=BASE_URL, headers=bearer(make_token())
    ) as http:
        started = time.perf_counter()
        http.post("/v1/contacts/count", json={})

    assert time.perf_counter() - started >= 0.05


@pytest.mark.asyncio
async def test_async_latency_does_not_block_the_event_loop(clock: Clock) -> None:
    fake = FakeHeymarket(latency=0.1, clock=clock)
    async with httpx.AsyncClient(
        transport=fake.async_transport(), base_url=BASE_URL, headers=bearer(make_token())
    ) as http:
        started = time.perf_counter()
        responses = await asyncio.gather(
            *(http.post("/v1/contacts/count", json={}) for _ in range(5))
        )
        elapsed = time.perf_counter() - started

    assert [r.status_code for r in responses] == [200] * 5
    assert 0.1 <= elapsed < 0.3
