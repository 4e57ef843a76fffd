"""Nanosecond RFC 3339 timestamps: the backend's format out, every client format in."""

from __future__ import annotations

import pytest

from heymarket_typed.testing._timestamps import format_ns, parse_ns

NOON = 1_717_243_200 * 1_000_000_000
"""2024-06-01T12:00:00Z in nanoseconds."""


def test_format_has_nine_fractional_digits_and_z() -> None:
    assert format_ns(NOON + 123_456_789) == "2024-06-01T12:00:00.123456789Z"
    assert format_ns(NOON) == "2024-06-01T12:00:00.000000000Z"


@pytest.mark.parametrize(
    ("text", "ns"),
    [
        ("2024-06-01T12:00:00Z", NOON),
        ("2024-06-01T12:00:00.123456789Z", NOON + 123_456_789),
        ("2024-06-01T12:00:00.5Z", NOON + 500_000_000),
        ("2024-06-01T12:00:00.000001z", NOON + 1_000),
        ("2024-06-01T14:00:00+02:00", NOON),
        ("2024-06-01T07:30:00.25-04:30", NOON + 250_000_000),
        ("2024-06-01 12:00:00Z", NOON),
    ],
)
def test_parse_reads_every_rfc3339_form(text: str, ns: int) -> None:
    assert parse_ns(text) == ns


@pytest.mark.parametrize(
    "text",
    [
        "2024-06-01T12:00:00",
        "2024-06-01",
        "2024-06-01T12:00:00.1234567891Z",
        "2024-13-01T12:00:00Z",
        "1717243200",
        "",
    ],
)
def test_parse_rejects_anything_else(text: str) -> None:
    with pytest.raises(ValueError, match="not an RFC 3339 timestamp"):
        parse_ns(text)


def test_format_and_parse_round_trip() -> None:
    for ns in (0, 1, NOON + 1, NOON + 999_999_999):
        assert parse_ns(format_ns(ns)) == ns
