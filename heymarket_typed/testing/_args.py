"""Checks of the sandbox's own arguments: a clear error naming the argument, at construction,
rather than a sandbox that misbehaves (a NaN latency, a negative delay) in the middle of a test.
"""

from __future__ import annotations

import math
from numbers import Real


def number(name: str, value: object, *, at_least: float | None = None) -> float:
    """`value` (any real number: int, float, Fraction) as a finite float.

    Raises:
        TypeError: not a real number (a bool is not one either).
        ValueError: not finite, or below `at_least`.
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a number, not {type(value).__name__}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")
    if at_least is not None and value < at_least:
        raise ValueError(f"{name} must be at least {at_least:g}, got {value!r}")
    return value


def positive(name: str, value: object) -> float:
    """`value` as a finite float above zero (TypeError / ValueError naming `name`)."""
    result = number(name, value)
    if result <= 0:
        raise ValueError(f"{name} must be positive and finite, got {value!r}")
    return result
