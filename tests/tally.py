"""Counts that suites report at the end of the run (fault schedules, bad inputs, ...)."""

from __future__ import annotations

import threading
from collections import Counter

_counts: Counter[str] = Counter()
_lock = threading.Lock()


def tally(what: str, n: int = 1) -> None:
    """Adds `n` to the count of `what`, printed in pytest's terminal summary."""
    with _lock:
        _counts[what] += n


def counts() -> dict[str, int]:
    with _lock:
        return dict(_counts)
