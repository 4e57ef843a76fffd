"""Fixtures for the FakeHeymarket tests: a fixed clock, credentials and checked clients."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import jwt
import pytest
import pytest_asyncio

from heymarket_typed.testing import (
    SANDBOX_SECRET_ID,
    SANDBOX_SECRET_KEY,
    FakeHeymarket,
    SandboxServer,
)
from tests.testing.contract import check_response

BASE_URL = "https://api.heymarket.com"
NOW = 1_717_243_200.0
"""2024-06-01T12:00:00Z, the fixed wall-clock time of the tests."""


class Clock:
    """A wall clock the test moves by hand."""

    def __init__(self, now: float = NOW) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def make_token(
    *,
    iat: int | float = int(NOW),
    iss: str = SANDBOX_SECRET_ID,
    secret_key: str = SANDBOX_SECRET_KEY,
    algorithm: str = "HS256",
) -> str:
    """A JWT as a Heymarket client signs it; every part can be made wrong on purpose."""
    key = f"{SANDBOX_SECRET_ID}||{secret_key}"
    return jwt.encode({"iss": iss, "iat": iat}, key, algorithm=algorithm)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _check(response: httpx.Response) -> None:
    check_response(response)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def fake(clock: Clock) -> FakeHeymarket:
    return FakeHeymarket(clock=clock)


@pytest.fixture
def client(fake: FakeHeymarket) -> Iterator[httpx.Client]:
    """An authenticated client whose every response is checked against the document."""
    with httpx.Client(
        transport=fake.transport(),
        base_url=BASE_URL,
        headers=bearer(make_token()),
        event_hooks={"response": [_check]},
    ) as checked:
        yield checked


@pytest.fixture
def raw_client(fake: FakeHeymarket) -> Iterator[httpx.Client]:
    """An authenticated client that checks nothing, for raw bodies injected by faults."""
    with httpx.Client(
        transport=fake.transport(), base_url=BASE_URL, headers=bearer(make_token())
    ) as plain:
        yield plain


@pytest_asyncio.fixture
async def async_client(fake: FakeHeymarket) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=fake.async_transport(), base_url=BASE_URL, headers=bearer(make_token())
    ) as plain:
        yield plain


@pytest.fixture
def server(fake: FakeHeymarket) -> Iterator[SandboxServer]:
    with fake.serve("127.0.0.1", 0) as running:
        yield running
