"""Clients for tests: `without_waiting`, and the clients the pytest fixtures bind to a sandbox.

Retry backoff and pacing sleep through the client's clock, so swapping that clock for one whose
waits return at once skips every wait and changes nothing else: the same requests, retries,
errors and logs as in production. The clock is private, out of the public constructors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

import httpx

from heymarket_typed import AsyncHeymarket, Heymarket
from heymarket_typed._clock import Clock
from heymarket_typed._settings import clock_for_new_clients
from heymarket_typed._throughput import RoundTrips
from heymarket_typed.testing._fake import FakeHeymarket
from heymarket_typed.testing._jwt import SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY

C = TypeVar("C", Heymarket, AsyncHeymarket)

SANDBOX_BASE_URL = "https://api.heymarket.com"
"""The base URL of fixture clients: requests never leave the process, so it is the real one."""


class _NoWaitClock(Clock):
    """Another clock's time; its sleeps return at once."""

    def __init__(self, time: Callable[[], float], monotonic: Callable[[], float]) -> None:
        self._time = time
        self._monotonic = monotonic

    def time(self) -> float:
        return self._time()

    def monotonic(self) -> float:
        return self._monotonic()

    def sleep(self, seconds: float) -> None:
        """Returns at once."""

    async def asleep(self, seconds: float) -> None:
        """Returns at once, without touching the event loop (so any async library works)."""


def without_waiting(client: C) -> C:
    """A client like `client`, sharing its connection pool, that never waits: its retry and
    `Retry-After` waits return at once, and it does not pace itself (as the fixture clients):
    for tests that retry against a sandbox or a cassette.

    Pacing is waiting: a pacer whose waits were skipped would take time that never passed
    for a slot, and resend each 429 at once for as long as real time lags (thousands of
    requests a second, teaching `client`'s shared pacer a rate near zero). Unpaced, a 429
    is resent at most `max_retries` times, then raises `RateLimitError`.

    Closing it does not close the pool; closing `client` closes the pool and it.

    Raises:
        TypeError: `client` is not a `Heymarket` or `AsyncHeymarket`.
    """
    if not isinstance(client, Heymarket | AsyncHeymarket):
        raise TypeError(f"client must be a Heymarket or AsyncHeymarket, got {type(client)!r}")
    settings = client._settings
    clock = _NoWaitClock(settings.clock.time, settings.clock.monotonic)
    return client._derive(
        replace(
            settings,
            clock=clock,
            pacer=None,
            requests_per_minute=None,
            round_trips=RoundTrips(None),
        )
    )


def _sandbox_clock(sandbox: FakeHeymarket) -> Clock:
    # Wall time from the sandbox (a deterministic sandbox's clock stands still), so JWTs carry
    # the server's time as a production client learns it; monotonic time stays real.
    return _NoWaitClock(sandbox._clock, Clock().monotonic)


def sandbox_client(sandbox: FakeHeymarket) -> Heymarket:
    """A `Heymarket` bound to `sandbox` in process: no pacing, no real waits."""
    with clock_for_new_clients(_sandbox_clock(sandbox)):
        return Heymarket(
            secret_id=SANDBOX_SECRET_ID,
            secret_key=SANDBOX_SECRET_KEY,
            requests_per_minute=None,
            http_client=httpx.Client(transport=sandbox.transport(), base_url=SANDBOX_BASE_URL),
        )


def async_sandbox_client(sandbox: FakeHeymarket) -> AsyncHeymarket:
    """An `AsyncHeymarket` bound to `sandbox` in process: no pacing, no real waits."""
    transport = sandbox.async_transport()
    with clock_for_new_clients(_sandbox_clock(sandbox)):
        return AsyncHeymarket(
            secret_id=SANDBOX_SECRET_ID,
            secret_key=SANDBOX_SECRET_KEY,
            requests_per_minute=None,
            http_client=httpx.AsyncClient(transport=transport, base_url=SANDBOX_BASE_URL),
        )
