"""`without_waiting`: a client that never waits, so a test that goes through retries takes no
time, and one that meets a rate limit fails fast instead of spinning."""

from __future__ import annotations

import asyncio

import httpx

from heymarket_typed import AsyncHeymarket, Heymarket, errors
from heymarket_typed.testing import (
    SANDBOX_SECRET_ID,
    SANDBOX_SECRET_KEY,
    FakeHeymarket,
    without_waiting,
)

CALLS = 20
BASE_URL = "https://api.heymarket.com"


def test_a_client_without_waiting_resends_a_429_at_most_max_retries_times() -> None:
    """Against a sandbox of 2 requests a second, skipped pacing waits made each 429 go out
    again at once for as long as real time lagged: 20 calls sent about 3,000 requests and
    left the original client's shared pacer at 3.6 requests a minute."""
    fake = FakeHeymarket(rate_limit=2)
    http = httpx.Client(transport=fake.transport(), base_url=BASE_URL)
    with Heymarket(
        secret_id=SANDBOX_SECRET_ID, secret_key=SANDBOX_SECRET_KEY, http_client=http
    ) as client:
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
        async with AsyncHeymarket(
            secret_id=SANDBOX_SECRET_ID, secret_key=SANDBOX_SECRET_KEY, http_client=http
        ) as client:
            quick = without_waiting(client)
            outcomes = await asyncio.gather(
                *(quick.contacts.count() for _ in range(CALLS)), return_exceptions=True
            )
        return sum(isinstance(o, errors.RateLimitError) for o in outcomes)

    assert asyncio.run(calls()) > 0
    assert len(fake.requests) <= CALLS * 3


def test_a_client_without_waiting_keeps_the_originals_settings_but_pacing() -> None:
    sync = Heymarket(secret_id=SANDBOX_SECRET_ID, secret_key=SANDBOX_SECRET_KEY, max_retries=4)
    asynchronous = AsyncHeymarket(
        secret_id=SANDBOX_SECRET_ID, secret_key=SANDBOX_SECRET_KEY, max_retries=4
    )
    for client, quick in (
        (sync, without_waiting(sync)),
        (asynchronous, without_waiting(asynchronous)),
    ):
        assert (quick.max_retries, quick.base_url, quick.timeout) == (
            4,
            client.base_url,
            client.timeout,
        )
        assert quick._settings.pacer is None
        assert client._settings.pacer is not None
    sync.close()
