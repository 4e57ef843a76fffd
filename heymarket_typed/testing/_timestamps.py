"""RFC 3339 timestamps with nanoseconds, the way the Heymarket backend writes them.

The backend sends `updated` with nine fractional digits, and clients page by sending that value
back. Clients may also send coarser forms (`2024-06-01T12:00:00Z`, offsets, 1-9 digits), so every
comparison goes through the integer nanosecond value, never through the text.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

_NS_PER_SECOND = 1_000_000_000
_RFC3339 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?"
    r"(?:([Zz])|([+-])(\d{2}):(\d{2}))"
)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def format_ns(ns: int) -> str:
    """Formats nanoseconds since the epoch as `2024-06-01T12:00:00.123456789Z`."""
    seconds, fraction = divmod(ns, _NS_PER_SECOND)
    moment = _EPOCH + timedelta(seconds=seconds)
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{fraction:09d}Z"


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
