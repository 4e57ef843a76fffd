"""What a response's headers say about when to send next: `Retry-After` and rate-limit fields.

Heymarket documents none of them (only the 500 requests a minute and the 429), so each is
honoured when present and ignored when absent or unreadable:

- `Retry-After` (RFC 9110 section 10.2.3): delay-seconds or an HTTP-date in any of its three
  forms (IMF-fixdate, RFC 850, asctime; asctime carries no zone and is GMT by definition).
  A negative or unreadable value counts as absent; the wait is capped at `MAX_RETRY_AFTER`.
- The IETF draft fields (draft-ietf-httpapi-ratelimit-headers): `RateLimit-Policy` as
  `20;w=1` or `"name";q=20;w=1` (the quota per window: a rate), `RateLimit` as
  `limit=20, remaining=5, reset=3` or `"name";r=5;t=3`, and the older split fields
  `RateLimit-Limit/-Remaining/-Reset`.
- The common `X-RateLimit-Limit/-Remaining/-Reset`, with `Reset` as seconds from now or as an
  epoch time (GitHub's form): a value past `EPOCH_THRESHOLD` is an epoch time.
"""

from __future__ import annotations

import calendar
import math
import re
import sys
from dataclasses import dataclass
from email.utils import parsedate_tz

import httpx

from ._constants import MAX_RETRY_AFTER

EPOCH_THRESHOLD = 10 * 365 * 24 * 3600.0
"""A reset beyond ten years from now is an epoch time, not a number of seconds."""

_NUMBER = re.compile(r"\s*\+?([0-9]+(?:\.[0-9]+)?)\s*")  # ASCII digits only (RFC 9110 DIGIT)
_PARAMETER = re.compile(r"([A-Za-z][\w-]*)\s*=\s*(\"[^\"]*\"|[^,;\s]+)")


def _seconds(value: str | None) -> float | None:
    """A non-negative number of seconds, or None (absent, negative or unreadable)."""
    if value is None:
        return None
    match = _NUMBER.fullmatch(value)
    # A number too long for a float is a very long wait, not an unreadable one: the callers cap it.
    return min(float(match.group(1)), sys.float_info.max) if match else None


def http_date(value: str) -> float | None:
    """An HTTP-date as Unix seconds; None when unreadable. A date without a zone (asctime) is
    GMT, never local time."""
    parts = parsedate_tz(value.strip())
    if parts is None:
        return None
    try:
        seconds = calendar.timegm((*parts[:6], 0, 1, 0))
    except (OverflowError, ValueError):
        return None
    return float(seconds - (parts[9] or 0))


def server_now(headers: httpx.Headers, wall: float) -> float:
    """The time an absolute `Retry-After` or an epoch `Reset` is measured from: the response's
    own `Date` when readable (the server's clock, RFC 9110 10.2.3 and 6.6.1), else `wall`. A
    client clock minutes off then neither holds a 5 s `Retry-After` for a minute nor skips it."""
    date = headers.get("Date")
    server = http_date(date) if date else None
    return wall if server is None else server


def retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait, from a `Retry-After` value and the wall-clock `now`; capped at 60 s.

    Returns:
        None when the value is absent, negative or unreadable (the caller backs off instead).
    """
    if value is None:
        return None
    seconds = _seconds(value)
    if seconds is None:
        date = http_date(value)  # None for a negative or malformed number too
        if date is None:
            return None
        seconds = max(0.0, date - now)
    return min(seconds, MAX_RETRY_AFTER) if math.isfinite(seconds) else None


@dataclass(frozen=True)
class Limits:
    """The rate-limit fields of one response, in the client's units.

    Attributes:
        policy_rate: Requests per second the server's policy allows, when it says.
        remaining: Requests the server takes before `reset`.
        reset: Seconds until the quota is restored.
    """

    policy_rate: float | None = None
    remaining: int | None = None
    reset: float | None = None

    def __bool__(self) -> bool:
        return self.policy_rate is not None or self.remaining is not None


def _parameters(member: str) -> dict[str, str]:
    return {key.lower(): value.strip('"') for key, value in _PARAMETER.findall(member)}


def _policy_rate(value: str) -> float | None:
    """The strictest rate among the policies of a `RateLimit-Policy` field."""
    rates = []
    for member in value.split(","):
        items = [item.strip() for item in member.split(";")]
        parameters = _parameters(member)
        quota = _seconds(parameters.get("q")) if "q" in parameters else _seconds(items[0])
        window = _seconds(parameters.get("w"))
        if quota and window:  # a quota of 0 is no policy a client can pace to
            rates.append(quota / window)
    return min(rates) if rates else None


def _reset(value: str | None, now: float) -> float | None:
    """Seconds until the reset, at most `MAX_RETRY_AFTER`, as `Retry-After` is: a server that
    says an hour (or an epoch time in milliseconds, read as 56,000 years) must not stall every
    client of the credential for that long; past the cap a 429 raises `RateLimitError`."""
    seconds = _seconds(value)
    if seconds is not None and seconds > EPOCH_THRESHOLD:
        seconds = max(0.0, seconds - now)
    return None if seconds is None else min(seconds, MAX_RETRY_AFTER)


def limits(headers: httpx.Headers, now: float) -> Limits:
    """The rate-limit fields in `headers` (any of the forms above); `now` is wall-clock
    seconds, for an epoch `Reset`. Unreadable fields are left out."""
    policy = headers.get("ratelimit-policy")
    rate = _policy_rate(policy) if policy else None
    remaining: str | None = None
    reset: str | None = None
    combined = headers.get("ratelimit")
    if combined:
        parameters = _parameters(combined.split(",")[0] if ";" in combined else combined)
        remaining = parameters.get("remaining", parameters.get("r"))
        reset = parameters.get("reset", parameters.get("t"))
    for prefix in ("ratelimit-", "x-ratelimit-"):
        if remaining is None and reset is None:
            remaining, reset = headers.get(prefix + "remaining"), headers.get(prefix + "reset")
    left = _seconds(remaining)
    return Limits(
        policy_rate=rate,
        remaining=None if left is None else int(left),
        reset=_reset(reset, now) if left is not None else None,
    )
