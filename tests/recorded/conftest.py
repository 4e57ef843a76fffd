"""Recorded-response tests: replayed from `cassettes/` in CI, recorded by `make record`.

Replay (`--record-mode=none`, the default): no server, vcr answers from the cassette.
Record (`make record`): each test gets a fresh sandbox (`FakeHeymarket`) behind a real loopback
HTTP server. Live (`HEYMARKET_RECORD_LIVE=1 make record`): the real API, with the credentials
and base URL from the environment.
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
from tests.helpers import InstantClock, clocked
from tests.recorded import scrub

CASSETTES = Path(__file__).resolve().parents[2] / "cassettes"


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    # No record_mode here: it would override the command line's --record-mode.
    return {
        "filter_headers": ["authorization", "cookie", "host"],
        "match_on": ["method", "path", "body"],
        "before_record_request": scrub.before_record_request,
        "before_record_response": scrub.before_record_response,
        "decode_compressed_response": True,
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir() -> str:
    return str(CASSETTES)


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
    return FakeHeymarket(seed=0) if recording and not scrub.LIVE else None


@pytest.fixture
def base_url(sandbox: FakeHeymarket | None) -> Iterator[str]:
    if sandbox is not None:
        with sandbox.serve(host="127.0.0.1", port=0) as server:
            yield server.url
    elif scrub.LIVE:
        yield os.environ.get("HEYMARKET_BASE_URL", "https://api.heymarket.com")
    else:
        yield f"http://{scrub.SANDBOX_HOST}"  # never contacted: vcr answers


def credentials() -> tuple[str | None, str | None]:
    """The sandbox's secret; live, None and None: the client reads the environment."""
    return (None, None) if scrub.LIVE else (SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY)


@pytest.fixture
def clock() -> InstantClock:
    return InstantClock()


@pytest.fixture
def client(base_url: str, clock: InstantClock) -> Iterator[Heymarket]:
    secret_id, secret_key = credentials()
    # Against the real API, pace and back off for real.
    with clocked(
        Heymarket,
        SYSTEM_CLOCK if scrub.LIVE else clock,
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
