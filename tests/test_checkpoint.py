"""The checkpoint codec: opaque ASCII, at most 4 KB, damaged input is a ValueError naming resume."""

from __future__ import annotations

import pytest

from heymarket_typed._checkpoint import MAX_CHECKPOINT, decode, encode


def test_round_trip_is_short_ascii() -> None:
    state = {"v": 1, "seen": [[i, 1717243200123456789 + i] for i in range(100)]}
    text = encode(state)
    assert text.isascii()
    assert len(text) <= MAX_CHECKPOINT
    assert decode(text) == state


@pytest.mark.parametrize("cut", [1, 5, 12])
def test_truncated_is_a_value_error_naming_resume(cut: int) -> None:
    text = encode({"v": 1, "cursor": "2024-06-01T12:00:00Z"})
    with pytest.raises(ValueError, match="resume"):
        decode(text[:-cut])


@pytest.mark.parametrize("text", ["", "hello", "hmx1.", "hmx1.!!!!", "hmx2." + "A" * 8, "é" * 3])
def test_malformed_is_a_value_error_naming_resume(text: str) -> None:
    with pytest.raises(ValueError, match="resume"):
        decode(text)


def test_not_a_string_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="resume"):
        decode(b"hmx1.")
