"""Recovery from a server stricter than the client's ceiling, on virtual time.

The case of an attack on the pacer: a server of 10 requests/s with no burst and `Retry-After`
(whole seconds, so each 429 holds every request for a second), a client allowed 1,000 a minute
(16.7/s) and four workers calling `get` in a loop. The first two 429s came about a second
apart, the second one's estimate of the limit counted the second the pacer itself held every
request, about 2/s, and the climb back, counted in responses, took minutes at that rate.
"""

from __future__ import annotations

import asyncio
import random

import httpx
import pytest

from heymarket_typed import AsyncHeymarket
from heymarket_typed._settings import clock_for_new_clients
from heymarket_typed.testing import SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, FakeHeymarket, Quota
from tests.test_pacing_shared import arrival_delay
from tests.virtual_time import Delayed, LoopClock, VirtualTimeLoop, run

RATE = 10.0
SECONDS = 120.0
WORKERS = 4
LEARNING = 5


def calls_per_second(seed: int) -> tuple[list[float], list[int]]:
    """Four workers calling `get` for `SECONDS`: calls done in each 10-second span, per
    second, and the status of every request in order."""
    done: list[float] = []

    async def main(loop: VirtualTimeLoop) -> None:
        clock = LoopClock(loop)
        fake = FakeHeymarket(
            rate_limit=Quota(RATE, burst=1, clock=loop.time),
            retry_after=True,
            clock=clock.time,
        )
        fake.seed(1)
        http = httpx.AsyncClient(
            transport=Delayed(fake.async_transport(), arrival_delay, random.Random(seed)),
            base_url="https://api.heymarket.com",
        )
        with clock_for_new_clients(clock):
            client = AsyncHeymarket(
                secret_id=SANDBOX_SECRET_ID,
                secret_key=SANDBOX_SECRET_KEY,
                requests_per_minute=1000,
                http_client=http,
            )

        async def work() -> None:
            while loop.time() < SECONDS:
                await client.contacts.get(1001)
                done.append(loop.time())

        await asyncio.gather(*(work() for _ in range(WORKERS)))
        await client.close()
        statuses.extend(r.status or 0 for r in fake.requests)

    statuses: list[int] = []
    run(main)
    spans = int(SECONDS // 10)
    return [sum(1 for t in done if i * 10 <= t < (i + 1) * 10) / 10 for i in range(spans)], statuses


@pytest.mark.parametrize("seed", [0, 1])
def test_a_client_above_a_strict_server_recovers_within_seconds(seed: int) -> None:
    """From the second 10-second span on, at least 80% of the server's rate (it was 18%
    for minutes); at most 5 429s to learn, then at most 1%."""
    spans, statuses = calls_per_second(seed)
    assert min(spans[1:]) >= 0.8 * RATE, spans
    refused = [i for i, status in enumerate(statuses) if status == 429]
    after = statuses[refused[LEARNING - 1] + 1 :] if len(refused) > LEARNING else []
    assert after.count(429) <= 0.01 * len(after), (len(refused), len(statuses))
