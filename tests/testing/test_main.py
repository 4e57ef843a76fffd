"""`python -m heymarket_typed.testing`: prints its URL first, serves, stops cleanly on signals."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from heymarket_typed.testing import SANDBOX_API_KEY
from tests.testing.conftest import bearer

AUTH = bearer(SANDBOX_API_KEY)


@contextmanager
def sandbox(*args: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """Starts the CLI on a free loopback port and yields it with the URL it printed."""
    process = subprocess.Popen(
        [sys.executable, "-m", "heymarket_typed.testing", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        yield process, process.stdout.readline().strip()
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=10)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_prints_its_url_serves_and_exits_0_on_signals(stop: signal.Signals) -> None:
    with sandbox("--seed-contacts", "3") as (process, url):
        assert url.startswith("http://127.0.0.1:")
        count = httpx.post(f"{url}/v1/contacts/count", json={}, headers=AUTH)
        assert count.json() == "3"

        process.send_signal(stop)

        assert process.wait(timeout=10) == 0


def test_rate_limit_options_are_applied() -> None:
    with sandbox("--rate-limit", "0.5", "--burst", "1", "--no-retry-after") as (process, url):
        with httpx.Client(base_url=url, headers=AUTH) as client:
            statuses = [client.post("/v1/contacts/count", json={}) for _ in range(2)]
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0

    assert [r.status_code for r in statuses] == [200, 429]
    assert "retry-after" not in statuses[1].headers
