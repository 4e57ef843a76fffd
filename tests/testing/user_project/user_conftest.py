"""The user's conftest.py: any real wait fails the test, so skipped waits are proven skipped."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

_real_sleep = time.sleep
_real_asleep = asyncio.sleep


def _sleep(seconds: float) -> None:
    if seconds > 0:
        raise AssertionError(f"time.sleep({seconds}) in a test")
    _real_sleep(seconds)


async def _asleep(seconds: float, result: Any = None) -> Any:
    if seconds > 0:
        raise AssertionError(f"asyncio.sleep({seconds}) in a test")
    return await _real_asleep(seconds, result)


@pytest.fixture(autouse=True)
def no_real_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time, "sleep", _sleep)
    monkeypatch.setattr(asyncio, "sleep", _asleep)
