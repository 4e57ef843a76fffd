"""RFC 3339 timestamps compared as instants, one way everywhere.

`2024-06-01T12:00:00Z` and `2024-06-01T12:00:00.000Z` are one instant written two ways, so
exports order, de-duplicate and check direction on integer nanoseconds since the epoch (up to 9
fractional digits, `Z` or `±HH:MM`), never on the text. The text itself is what goes back to the
server, exactly as the server wrote it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

_NS_PER_SECOND = 1_000_000_000
_RFC3339 = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?([Zz]|[+-]\d\d:\d\d)"
)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def instant(text: str) -> int | None:
    """`text` as nanoseconds since the epoch, or None if it is not an RFC 3339 date-time."""
    match = _RFC3339.fullmatch(text)
    if match is None:
        return None
    try:
        moment = datetime.fromisoformat(
            "{}-{}-{}T{}:{}:{}".format(*match.group(1, 2, 3, 4, 5, 6))
            + ("+00:00" if match[8] in "Zz" else match[8])
        )
    except ValueError:
        return None
    whole = (moment - _EPOCH) // timedelta(seconds=1)
    return whole * _NS_PER_SECOND + int((match[7] or "0").ljust(9, "0"))


def earlier(text: str, seconds: int) -> str:
    """`text` moved `seconds` whole seconds back, written the same way (same fraction digits,
    same zone), so the server reads it at the precision it writes.

    Raises:
        ValueError: `text` is not an RFC 3339 date-time.
    """
    match = _RFC3339.fullmatch(text)
    if match is None or instant(text) is None:
        raise ValueError(f"not an RFC 3339 timestamp: {text!r}")
    head = datetime.fromisoformat("{}-{}-{}T{}:{}:{}".format(*match.group(1, 2, 3, 4, 5, 6)))
    moved = head - timedelta(seconds=seconds)
    fraction = "" if match[7] is None else "." + match[7]
    return f"{moved:%Y-%m-%dT%H:%M:%S}{fraction}{match[8]}"


def unit_of(ns: int) -> int:
    """The finest decimal unit of `ns` that is not zero: 10**9 for a whole second, 10**6 for
    ...00.120, 1 for ...00.123456789. A server that wrote it keeps at least that precision."""
    unit = _NS_PER_SECOND
    while unit > 1 and ns % unit:
        unit //= 10
    return unit


def written(ns: int, unit: int) -> str:
    """Instant `ns` (a multiple of `unit`) in RFC 3339 UTC, with the fraction digits `unit`
    needs: a server keeping `unit` or finer reads it back as exactly `ns`."""
    whole, fraction = divmod(ns, _NS_PER_SECOND)
    digits = 9 - len(str(unit)) + 1
    stamp = f"{_EPOCH + timedelta(seconds=whole):%Y-%m-%dT%H:%M:%S}"
    if digits:
        stamp += "." + f"{fraction:09d}"[:digits]
    return stamp + "Z"
