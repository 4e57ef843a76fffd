"""The user's tests: the three fixtures and `without_waiting`, through retries and pacing."""

from __future__ import annotations

import sys

import pytest

from heymarket_typed import AsyncHeymarket, Heymarket
from heymarket_typed.testing import (
    SANDBOX_SECRET_ID,
    SANDBOX_SECRET_KEY,
    FakeHeymarket,
    Fault,
    without_waiting,
)

PHONE = "14155550100"


def test_the_plugin_needs_no_recording_library() -> None:
    assert not {"vcr", "pytest_recording", "hypothesis"} & set(sys.modules)


def test_a_503_is_retried_without_sleeping(
    heymarket_client: Heymarket, heymarket_sandbox: FakeHeymarket
) -> None:
    heymarket_sandbox.add_contact(phone=PHONE, first="Ada")
    heymarket_sandbox.inject(Fault(status=503), path="/v1/contact/get")
    assert heymarket_client.contacts.find(phone=PHONE).first == "Ada"
    assert [r.status for r in heymarket_sandbox.requests] == [503, 200]


def test_retry_after_is_honoured_without_sleeping(
    heymarket_client: Heymarket, heymarket_sandbox: FakeHeymarket
) -> None:
    heymarket_sandbox.seed(3)
    heymarket_sandbox.inject(Fault(status=429, retry_after="30"), times=2)
    assert len(heymarket_client.contacts_v2.list(limit=10)) == 3
    assert [r.status for r in heymarket_sandbox.requests] == [429, 429, 200]


def test_no_client_side_pacing(
    heymarket_client: Heymarket, heymarket_sandbox: FakeHeymarket
) -> None:
    heymarket_sandbox.seed(120)
    assert len(list(heymarket_client.contacts.iter(page_size=5))) == 120


@pytest.mark.asyncio
async def test_async_with_pytest_asyncio(
    async_heymarket_client: AsyncHeymarket, heymarket_sandbox: FakeHeymarket
) -> None:
    heymarket_sandbox.add_contact(phone=PHONE, first="Ada")
    heymarket_sandbox.inject(Fault(status=503), times=2, path="/v1/contact/get")
    contact = await async_heymarket_client.contacts.find(phone=PHONE)
    assert contact.first == "Ada"
    assert [r.status for r in heymarket_sandbox.requests] == [503, 503, 200]


@pytest.mark.anyio
async def test_async_with_anyio(
    async_heymarket_client: AsyncHeymarket, heymarket_sandbox: FakeHeymarket
) -> None:
    heymarket_sandbox.seed(40)
    heymarket_sandbox.inject(Fault(status=503, retry_after="5"), path="/v2/contacts/list")
    contacts = [
        c async for c in async_heymarket_client.contacts_v2.iter(page_size=5, ascending=True)
    ]
    assert len(contacts) == 40
    assert heymarket_sandbox.requests[0].status == 503


def test_without_waiting_on_my_own_client(heymarket_sandbox: FakeHeymarket) -> None:
    heymarket_sandbox.add_contact(phone=PHONE, first="Ada")
    with (
        heymarket_sandbox.serve() as server,
        Heymarket(
            secret_id=SANDBOX_SECRET_ID, secret_key=SANDBOX_SECRET_KEY, base_url=server.url
        ) as client,
    ):
        quick = without_waiting(client)
        assert type(quick) is Heymarket
        heymarket_sandbox.inject(Fault(status=503, retry_after="2"), path="/v1/contact/get")
        for _ in range(20):  # beyond the pacing burst of 500 a minute
            assert quick.contacts.find(phone=PHONE).first == "Ada"
        assert [r.status for r in heymarket_sandbox.requests].count(503) == 1


@pytest.mark.asyncio
async def test_without_waiting_on_my_own_async_client(heymarket_sandbox: FakeHeymarket) -> None:
    heymarket_sandbox.seed(30)
    with heymarket_sandbox.serve() as server:
        async with AsyncHeymarket(
            secret_id=SANDBOX_SECRET_ID, secret_key=SANDBOX_SECRET_KEY, base_url=server.url
        ) as client:
            quick = without_waiting(client)
            assert type(quick) is AsyncHeymarket
            heymarket_sandbox.inject(Fault(status=429, retry_after="3"), times=2)
            assert len([c async for c in quick.contacts.iter(page_size=2)]) == 30
