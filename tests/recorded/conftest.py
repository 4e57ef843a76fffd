"""Recorded-response tests: replayed from `cassettes/` in CI, recorded by `make record`.

Replay (`--record-mode=none`, the default): no server, vcr answers from the cassette.
Record (`make record`): each test gets a fresh deterministic sandbox (`FakeHeymarket` with a
frozen clock and a fixed seed) behind a real loopback HTTP server, so recording twice writes the
same bytes and no cassette depends on another. Live (`HEYMARKET_RECORD_LIVE=1 make record`):
the real API, with the credentials and base URL from the environment, personal data scrubbed.

The cassettes are written with `heymarket_typed.testing.vcr_config`, as users' are.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from heymarket_typed import Heymarket
from heymarket_typed._clock import SYSTEM_CLOCK
from heymarket_typed.testing import SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, FakeHeymarket
from heymarket_typed.testing._vcr import Scrubber, recording_config
from heymarket_typed.testing._vcr import vcr_config as sandbox_config
from tests.helpers import InstantClock, clocked
from tests.recorded.data import NAMES

LIVE = os.environ.get("HEYMARKET_RECORD_LIVE") == "1"
CASSETTES = Path(__file__).resolve().parents[2] / "cassettes"
CASSETTE_DIR_ENV = "HEYMARKET_TEST_CASSETTE_DIR"
"""Where to record instead of `cassettes/` (the record-twice test records into temp folders)."""

FROZEN_AT = 1_717_243_200.0
"""2024-06-01T12:00:00Z: the sandbox's clock while recording; writes tick by a nanosecond."""

REPLAY_URL = "http://sandbox.invalid"
"""The base URL when replaying: never contacted, vcr answers."""


class FrozenClock(InstantClock):
    """The client's clock: the sandbox's frozen time, waits recorded and skipped."""

    def time(self) -> float:
        return FROZEN_AT


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    # No record_mode here: it would override the command line's --record-mode. Live, the
    # names the tests send are fictional and kept, so their assertions hold on replay.
    if LIVE:
        return recording_config(Scrubber.from_environment(keep=NAMES))
    return sandbox_config()


@pytest.fixture(scope="module")
def vcr_cassette_dir() -> str:
    return os.environ.get(CASSETTE_DIR_ENV) or str(CASSETTES)


@pytest.fixture
def default_cassette_name(request: pytest.FixtureRequest) -> str:
    name: str = request.node.name
    return name.removeprefix("test_")


@pytest.fixture
def recording(record_mode: str) -> bool:
    return record_mode != "none"


@pytest.fixture
def sandbox(recording: bool) -> FakeHeymarket | None:
    """The sandbox being recorded, to seed data or inject a fault; None in replay and live."""
    if recording and not LIVE:
        return FakeHeymarket(clock=lambda: FROZEN_AT, seed=0)
    return None


@pytest.fixture
def base_url(sandbox: FakeHeymarket | None) -> Iterator[str]:
    if sandbox is not None:
        with sandbox.serve(host="127.0.0.1", port=0) as server:
            yield server.url
    elif LIVE:
        yield os.environ.get("HEYMARKET_BASE_URL", "https://api.heymarket.com")
    else:
        yield REPLAY_URL


def credentials() -> tuple[str | None, str | None]:
    """The sandbox's secret; live, None and None: the client reads the environment."""
    return (None, None) if LIVE else (SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY)


@pytest.fixture
def clock() -> InstantClock:
    return FrozenClock()


@pytest.fixture
def client(base_url: str, clock: InstantClock) -> Iterator[Heymarket]:
    secret_id, secret_key = credentials()
    # Against the real API, pace and back off for real.
    with clocked(
        Heymarket,
        SYSTEM_CLOCK if LIVE else clock,
        secret_id=secret_id,
        secret_key=secret_key,
        base_url=base_url,
    ) as client:
        yield client


@pytest.fixture
def wrong_key_client(base_url: str) -> Iterator[Heymarket]:
    with Heymarket(
        secret_id="not-a-secret-id",
        secret_key="not-the-secret-key-of-this-team-at-all",
        base_url=base_url,
    ) as client:
        yield client
