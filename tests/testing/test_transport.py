"""The in-process transports: a full round trip each, and how network faults surface."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from heymarket_typed.testing import FakeHeymarket, Fault
from tests.testing.contract import check_response


@pytest.mark.asyncio
async def test_async_transport_round_trip(
    async_client: httpx.AsyncClient, fake: FakeHeymarket
) -> None:
    created = await async_client.post("/v1/contact", json={"phone": "15105553344"})
    fetched = await async_client.get(f"/v2/contact/{created.json()['uuid']}")

    check_response(created)
    check_response(fetched)
    assert fetched.json()["id"] == created.json()["id"] == fake.contacts()[0]["id"]


@pytest.mark.asyncio
async def test_async_transport_raises_for_drops_and_connect_errors(
    async_client: httpx.AsyncClient, fake: FakeHeymarket
) -> None:
    fake.inject(Fault(drop=True))
    fake.inject(Fault(connect_error=True))

    with pytest.raises(httpx.RemoteProtocolError):
        await async_client.post("/v1/contacts/count", json={})
    with pytest.raises(httpx.ConnectError):
        await async_client.post("/v1/contacts/count", json={})
    assert (await async_client.post("/v1/contacts/count", json={})).json() == "0"


def test_sync_transport_reads_streamed_bodies(client: httpx.Client, fake: FakeHeymarket) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"phone": '
        yield b'"15105553344"}'

    response = client.post("/v1/contact", content=chunks())

    assert response.status_code == 200
    assert fake.requests[0].body == {"phone": "15105553344"}


def test_query_parameters_reach_the_route(client: httpx.Client, fake: FakeHeymarket) -> None:
    fake.add_contact(phone="15105553344", email="old@example.com")
    body = [{"phone": "15105553344"}]

    client.post("/v1/batch/contacts?overwrite=false&overwrite=true", json=body)

    assert fake.contacts()[0]["email"] is None
    assert fake.requests[0].query == {"overwrite": "true"}
