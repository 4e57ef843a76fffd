"""How hard the robustness suites push: the one place that reads `HEYMARKET_SOAK`.

`HEYMARKET_SOAK=1` (a `make soak` run) tries ten times as many fault schedules; unset, empty or
`0`, the suites keep to the budget of the normal CI run.
"""

from __future__ import annotations

import os

SOAK = os.environ.get("HEYMARKET_SOAK", "").strip() not in ("", "0")
FACTOR = 10 if SOAK else 1


def scaled(n: int) -> int:
    """`n` in a normal run, ten times `n` in a soak run."""
    return n * FACTOR
