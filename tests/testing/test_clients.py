"""`without_waiting`: a client that never waits, so a test that goes through retries takes no
time, and one that meets a rate limit fails fast instead of spinning."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from heymarket_typed import AsyncHeymarket, Heymarket, errors
from heymarket_typed.testing import (
    SANDBOX_SECRET_ID,
    SANDBOX_SECRET_KEY,
    FakeHeymarket,
    without_waiting,
)

CALLS = 20
KEY = {"secret_id": SANDBOX_SECRET_ID, "secret_key": SANDBOX_SECRET_KEY}
BASE_URL = "https://api.heymarket.com"


def test_a_client_without_waiting_resends_a_429_at_most_max_retries_times() -> None:
    """Against a sandbox of 2 requests a second, skipped pacing waits made each 429 go out
    again at once for as long as real time lagged: 20 calls sent about 3,000 requests and
    left the original client's shared pacer at 3.6 requests a minute."""
    fake = FakeHeymarket(rate_limit=2)
    http = httpx.Client(transport=fake.transport(), base_url=BASE_URL)
    with Heymarket(**KEY, http_client=http) as client:
        quick = without_waiting(client)
        refused = 0
        for _ in range(CALLS):
            try:
                quick.contacts.count()
            except errors.RateLimitError:
                refused += 1
        pacer = client._settings.pacer
        assert pacer is not None
        assert not pacer.control.throttled  # what `quick` met taught `client` nothing
    assert refused > 0
    assert len(fake.requests) <= CALLS * (1 + quick.max_retries)


def test_an_async_client_without_waiting_resends_a_429_at_most_max_retries_times() -> None:
    fake = FakeHeymarket(rate_limit=2)

    async def calls() -> int:
        http = httpx.AsyncClient(transport=fake.async_transport(), base_url=BASE_URL)
        async with AsyncHeymarket(**KEY, http_client=http) as client:
            quick = without_waiting(client)
            outcomes = await asyncio.gather(
                *(quick.contacts.count() for _ in range(CALLS)), return_exceptions=True
            )
        return sum(isinstance(o, errors.RateLimitError) for o in outcomes)

    assert asyncio.run(calls()) > 0
    assert len(fake.requests) <= CALLS * 3


@pytest.mark.parametrize("client_type", [Heymarket, AsyncHeymarket])
def test_a_client_without_waiting_keeps_the_originals_settings_but_pacing(
    client_type: type[Heymarket] | type[AsyncHeymarket],
) -> None:
    client = client_type(**KEY, max_retries=4, requests_per_minute=120)
    quick = without_waiting(client)
    assert (quick.max_retries, quick.base_url, quick.timeout) == (
        4,
        client.base_url,
        client.timeout,
    )
    assert quick._settings.pacer is None
    assert client._settings.pacer is not None
