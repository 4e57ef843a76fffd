"""Timestamps compared as instants: one instant, several spellings."""

from __future__ import annotations

import pytest

from heymarket_typed._instants import earlier, instant


@pytest.mark.parametrize(
    "text",
    [
        "2024-06-01T12:00:00Z",
        "2024-06-01T12:00:00.000Z",
        "2024-06-01T12:00:00.000000000z",
        "2024-06-01T14:00:00+02:00",
        "2024-06-01T07:30:00.0-04:30",
    ],
)
def test_spellings_of_one_instant_are_equal(text: str) -> None:
    assert instant(text) == instant("2024-06-01T12:00:00Z") == 1717243200 * 10**9


def test_nanoseconds_are_kept() -> None:
    assert instant("2024-06-01T12:00:00.000000001Z") == 1717243200 * 10**9 + 1
    assert instant("2024-06-01T12:00:00.1Z") == 1717243200 * 10**9 + 100_000_000


@pytest.mark.parametrize(
    "text",
    [
        "",
        "yesterday",
        "2024-06-01T12:00:00",
        "2024-13-01T12:00:00Z",
        "2024-06-01T12:00:00.1234567891Z",
    ],
)
def test_not_a_timestamp(text: str) -> None:
    assert instant(text) is None


def test_earlier_keeps_the_servers_spelling() -> None:
    assert earlier("2024-06-01T00:00:30.120Z", 60) == "2024-05-31T23:59:30.120Z"
    assert earlier("2024-06-01T00:00:30+02:00", 60) == "2024-05-31T23:59:30+02:00"
    assert instant(earlier("2024-06-01T00:00:30.5Z", 60)) == 1717199970 * 10**9 + 500_000_000
    with pytest.raises(ValueError, match="RFC 3339"):
        earlier("soon", 60)
