"""Deterministic identifiers: UUID-shaped, version 4, a pure function of seed and number."""

from __future__ import annotations

import uuid

from heymarket_typed.testing._ids import RequestIds, contact_uuid


def test_contact_uuids_are_version_4_and_depend_on_seed_and_id() -> None:
    value = contact_uuid(0, 1001)

    assert uuid.UUID(value).version == 4
    assert str(uuid.UUID(value)) == value
    assert contact_uuid(0, 1001) == value
    assert len({contact_uuid(0, 1002), contact_uuid(1, 1001), value}) == 3


def test_request_ids_follow_the_seed() -> None:
    one, two, other = RequestIds(3), RequestIds(3), RequestIds(4)
    sequence = [one.next() for _ in range(3)]

    assert sequence == [two.next() for _ in range(3)]
    assert sequence[0] != other.next()
    assert len(set(sequence)) == 3
    assert all(uuid.UUID(value).version == 4 for value in sequence)
