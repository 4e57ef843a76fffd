"""Inputs the fresh-user attack of 2026-12-01 found, each kept as a regression test."""

from __future__ import annotations

import base64
import zlib
from typing import Any

import pytest

from heymarket_typed._checkpoint import decode, encode
from heymarket_typed.testing import FakeHeymarket
from heymarket_typed.testing._timestamps import format_ns
from tests.robustness.exports import client, seen, violations

T0 = 1_717_243_200.0
T0_NS = 1_717_243_200 * 10**9


@pytest.mark.parametrize("surface", ["v1", "v2"])
def test_ties_wider_than_a_page_on_a_split_export_do_not_divide_by_zero(surface: str) -> None:
    """99 contacts on each of 10 milliseconds, pages of 50, eight readers: full pages of one
    timestamp bring no new contact, and the split planned with 0 contacts a page."""
    fake = FakeHeymarket(clock=lambda: T0 + 5, timestamp_precision="ms", date_bound="inclusive")
    phones = iter(range(15550200000, 15550300000))
    for block in range(10):
        for _ in range(99):
            fake.add_contact(phone=str(next(phones)), updated=format_ns(T0_NS - block * 10**6, 3))

    with client(fake) as sdk:
        resource: Any = sdk.contacts if surface == "v1" else sdk.contacts_v2
        ids = [c.id for c in resource.iter(page_size=50, concurrency=8)]

    assert sorted(ids) == sorted(c["id"] for c in fake.contacts())


@pytest.mark.parametrize("ascending", [True, False])
def test_an_incremental_sync_does_not_look_back_below_updated_after(ascending: bool) -> None:
    fake = FakeHeymarket(clock=lambda: T0 + 5, timestamp_precision="s")
    for i in range(3):
        fake.add_contact(phone=f"1555020000{i}", updated="2024-06-01T11:59:30Z")
    newer = fake.add_contact(phone="15550200009", updated="2024-06-01T12:00:01Z")
    options: dict[str, Any] = {"updated_after": "2024-06-01T12:00:00Z", "ascending": ascending}

    with client(fake) as sdk:
        export = sdk.contacts_v2.iter(**options)
        assert [c.id for c in export] == [newer["id"]]
        again = [c.id for c in sdk.contacts_v2.iter(**options, resume=export.checkpoint)]

    assert again == [newer["id"]]  # the look-back window, cut at updated_after


@pytest.mark.parametrize("surface", ["v1", "v2"])
def test_a_contact_written_then_deleted_while_the_first_page_is_asked_again_comes_once(
    surface: str,
) -> None:
    """Newest first: 1003 is updated (to a newer second) before the first page is asked
    again with a larger limit, then deleted. The main pass yielded both versions (G3)."""
    fake = FakeHeymarket(clock=lambda: T0 + 2.9, timestamp_precision="s")
    for i in range(6):  # 1001-1006 on one second
        fake.add_contact(phone=f"1555020000{i}", updated="2024-06-01T12:00:00Z")
    for i in range(40):
        fake.add_contact(phone=f"155502001{i:02d}", updated="2024-06-01T11:59:00Z")
    first = fake.request_count + 1
    fake.on_request(first + 1, lambda f: f.update_contact(1003, first="x"))
    fake.on_request(first + 2, lambda f: f.delete_contact(1003))

    with client(fake) as sdk:
        resource: Any = sdk.contacts if surface == "v1" else sdk.contacts_v2
        yielded = [seen(c) for c in resource.iter(page_size=5)]

    assert [y.rev for y in yielded if y.id == 1003] == [1]
    assert not violations(fake.history, fake.requests, first, yielded, ascending=False)


@pytest.mark.parametrize("field", ["block", "tie", "passed", "reach", "edge"])
def test_a_checkpoint_with_a_huge_number_is_a_value_error(field: str) -> None:
    fake = FakeHeymarket()
    fake.seed(5)
    with client(fake) as sdk:
        export = sdk.contacts_v2.iter(page_size=2, ascending=False)
        next(export)
        state = decode(export.checkpoint)
        state[field] = 10**30
        with pytest.raises(ValueError, match="resume"):
            list(sdk.contacts_v2.iter(page_size=2, ascending=False, resume=encode(state)))


@pytest.mark.parametrize("surface", ["v1", "v2"])
@pytest.mark.parametrize("precision", ["s", "ns"])
def test_a_contact_written_in_the_first_pages_second_then_deleted_comes_once(
    surface: str, precision: Any
) -> None:
    """Newest first, the clock still on the first page's instant: 1004 is updated (keeping
    that instant) while the first page is asked again with larger limits, then deleted. The
    main pass yielded both versions (G3, found by the re-attack)."""
    fake = FakeHeymarket(clock=lambda: T0, timestamp_precision=precision)
    for i in range(5):  # 1001-1005 at the clock's instant
        fake.add_contact(phone=f"155502000{i:02d}", updated="2024-06-01T12:00:00Z")
    for i in range(5):
        fake.add_contact(phone=f"155502001{i:02d}", updated="2024-06-01T11:59:53Z")
    first = fake.request_count + 1
    fake.on_request(first + 1, lambda f: f.update_contact(1004, first="x"))
    fake.on_request(first + 2, lambda f: f.delete_contact(1004))

    with client(fake) as sdk:
        resource: Any = sdk.contacts if surface == "v1" else sdk.contacts_v2
        yielded = [seen(c) for c in resource.iter(page_size=1, concurrency=2)]

    assert [y.rev for y in yielded if y.id == 1004] == [1]
    assert not violations(fake.history, fake.requests, first, yielded, ascending=False)


def test_a_checkpoint_nested_too_deep_is_a_value_error() -> None:
    forged = "hmx1." + base64.urlsafe_b64encode(zlib.compress(b"[" * 100_000, 9)).decode()
    with client(FakeHeymarket()) as sdk, pytest.raises(ValueError, match="resume"):
        sdk.contacts_v2.iter(resume=forged)
