"""RFC 3339 timestamps with nanoseconds, the way the Heymarket backend writes them.

The backend sends `updated` with nine fractional digits, and clients page by sending that value
back. Clients may also send coarser forms (`2024-06-01T12:00:00Z`, offsets, 1-9 digits), so every
comparison goes through the integer nanosecond value, never through the text.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Literal

Precision = Literal["s", "ms", "us", "ns"]
"""How finely a server keeps `updated`: whole seconds, milliseconds, microseconds, nanoseconds."""

DIGITS: dict[str, int] = {"s": 0, "ms": 3, "us": 6, "ns": 9}
"""Fractional digits written at each precision."""

_NS_PER_SECOND = 1_000_000_000
_RFC3339 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?"
    r"(?:([Zz])|([+-])(\d{2}):(\d{2}))"
)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def format_ns(ns: int, digits: int = 9) -> str:
    """Formats nanoseconds since the epoch as `2024-06-01T12:00:00.123456789Z`.

    `digits` (0, 3, 6 or 9) is how many fractional digits to write; the value is truncated to
    them, and 0 writes no fraction at all (`2024-06-01T12:00:00Z`).
    """
    seconds, fraction = divmod(ns, _NS_PER_SECOND)
    moment = _EPOCH + timedelta(seconds=seconds)
    return f"{moment:%Y-%m-%dT%H:%M:%S}{format_fraction(fraction, digits)}Z"


def format_fraction(fraction_ns: int, digits: int) -> str:
    """`.123456` for 123456789 ns and 6 digits; the empty string for 0 digits."""
    if digits == 0:
        return ""
    return f".{fraction_ns // 10 ** (9 - digits):0{digits}d}"


def unit_ns(precision: str) -> int:
    """The smallest step of `updated` at `precision`, in nanoseconds.

    Raises:
        ValueError: `precision` is not one of "s", "ms", "us", "ns".
    """
    if precision not in DIGITS:
        raise ValueError(f"timestamp_precision must be one of {', '.join(DIGITS)}")
    unit: int = 10 ** (9 - DIGITS[precision])
    return unit


def truncate(ns: int, unit: int) -> int:
    """`ns` rounded down to a whole number of `unit` (toward the past, before 1970 too)."""
    return ns - ns % unit


def parse_ns(text: str) -> int:
    """Parses an RFC 3339 timestamp into nanoseconds since the epoch.

    Raises:
        ValueError: `text` is not an RFC 3339 date-time with a `Z` or `±hh:mm` offset.
    """
    match = _RFC3339.fullmatch(text)
    if match is None:
        raise ValueError(f"not an RFC 3339 timestamp: {text!r}")
    year, month, day, hour, minute, second = (int(part) for part in match.group(1, 2, 3, 4, 5, 6))
    try:
        moment = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        raise ValueError(f"not an RFC 3339 timestamp: {text!r}") from None
    if match.group(9) is not None:
        offset = timedelta(hours=int(match.group(10)), minutes=int(match.group(11)))
        moment -= offset if match.group(9) == "+" else -offset
    whole_seconds = (moment - _EPOCH) // timedelta(seconds=1)
    fraction = int((match.group(7) or "0").ljust(9, "0"))
    return whole_seconds * _NS_PER_SECOND + fraction
