"""Client-side pacing: a token bucket shared by every thread and task of a client."""

from __future__ import annotations

import asyncio
import threading

import pytest

from heymarket_typed._pacing import Pacer
from tests.helpers import FakeClock, ScriptedAPI, contact, json_response


def test_half_a_second_of_burst_then_one_slot_per_interval() -> None:
    clock = FakeClock()
    pacer = Pacer(480, clock=clock.monotonic)  # 8 per second, bucket of 4
    assert [pacer.reserve() for _ in range(6)] == [0.0, 0.0, 0.0, 0.0, 0.125, 0.25]


def test_tokens_refill_with_time_up_to_the_capacity() -> None:
    clock = FakeClock()
    pacer = Pacer(60, clock=clock.monotonic)  # 1 per second, bucket of 1
    assert pacer.reserve() == 0.0
    clock.advance(10)
    assert [pacer.reserve(), pacer.reserve()] == [0.0, 1.0]


def test_pacing_spreads_requests() -> None:
    clock = FakeClock()
    api = ScriptedAPI(default=json_response(200, contact(1)))
    client = api.client(_clock=clock, requests_per_minute=600)  # 10 per second, burst of 5
    for _ in range(25):
        client.contacts.get(1)
    assert len(api.requests) == 25
    # 5 at once, then one per 0.1 s: 20 waits, 2 s in all.
    assert len(clock.sleeps) == 20
    assert sum(clock.sleeps) == pytest.approx(2.0)


def test_pacing_is_shared_by_threads() -> None:
    clock = FakeClock()
    pacer = Pacer(60, clock=clock.monotonic)
    delays: list[float] = []
    lock = threading.Lock()

    def take() -> None:
        delay = pacer.reserve()
        with lock:
            delays.append(delay)

    threads = [threading.Thread(target=take) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(delays) == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]


@pytest.mark.asyncio
async def test_pacing_is_shared_by_tasks() -> None:
    clock = FakeClock()
    api = ScriptedAPI(default=json_response(200, contact(1)))
    async with api.async_client(_clock=clock, requests_per_minute=60) as client:
        await asyncio.gather(*(client.contacts.get(1) for _ in range(4)))
    # One bucket for all tasks: 4 requests at 1 per second (burst of 1) wait 3 s in all.
    assert len(api.requests) == 4
    assert sum(clock.sleeps) == pytest.approx(3.0)


def test_no_pacing_when_disabled() -> None:
    clock = FakeClock()
    api = ScriptedAPI(default=json_response(200, contact(1)))
    client = api.client(_clock=clock, requests_per_minute=None)
    for _ in range(50):
        client.contacts.get(1)
    assert clock.sleeps == []
