"""The pytest plugin installed with heymarket-typed: fixtures for testing code that uses the SDK.

Registered through the `pytest11` entry point, so installing the package is enough. It needs
only pytest and the SDK's own dependencies. As a module of the package, loading it imports the
SDK and the sandbox (a few tenths of a second when pytest starts).

- `heymarket_sandbox`: a fresh `FakeHeymarket` per test.
- `heymarket_client`: a `Heymarket` bound to it in process.
- `async_heymarket_client`: an `AsyncHeymarket` bound to it, for pytest-asyncio or anyio tests.

Each test also starts from nothing that closed clients learned: clients of one credential and
server share what they learn (the rate, the server's clock) and keep it after they close, which
between tests would make one test's 429s or skewed sandbox clock change the next test's
requests. Clients still open (a module's or session's fixture) keep sharing with new ones.

The clients are production clients but for time: no client-side pacing, retries and
`Retry-After` waits return at once, and JWTs carry the sandbox's time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from heymarket_typed._registry import reset_all

if TYPE_CHECKING:
    from heymarket_typed import AsyncHeymarket, Heymarket
    from heymarket_typed.testing import FakeHeymarket


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Forgets what earlier tests' closed clients learned."""
    reset_all()


@pytest.fixture
def heymarket_sandbox() -> FakeHeymarket:
    """A fresh in-memory Heymarket API; seed it, inject faults, read its request log."""
    from heymarket_typed.testing import FakeHeymarket  # noqa: PLC0415 - loaded when used

    return FakeHeymarket()


@pytest.fixture
def heymarket_client(heymarket_sandbox: FakeHeymarket) -> Iterator[Heymarket]:
    """A `Heymarket` bound to `heymarket_sandbox`: no pacing, retry waits skipped."""
    from heymarket_typed.testing._clients import sandbox_client  # noqa: PLC0415

    with sandbox_client(heymarket_sandbox) as client:
        yield client


@pytest.fixture
def async_heymarket_client(heymarket_sandbox: FakeHeymarket) -> Iterator[AsyncHeymarket]:
    """An `AsyncHeymarket` bound to `heymarket_sandbox`: no pacing, retry waits skipped.

    A plain fixture, so it serves pytest-asyncio and anyio tests alike; it is closed after the
    test.
    """
    from heymarket_typed.testing._clients import async_sandbox_client  # noqa: PLC0415

    client = async_sandbox_client(heymarket_sandbox)
    yield client
    # A loop of its own that is never made the thread's current one, which pytest-asyncio and
    # anyio manage.
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(client.close())
    finally:
        loop.close()
