"""The contact store: stamping, indexes and pages, without HTTP."""

from __future__ import annotations

import threading

import pytest

from heymarket_typed.testing._store import FIRST_CONTACT_ID, ContactStore
from heymarket_typed.testing._timestamps import parse_ns
from tests.testing.conftest import Clock


@pytest.fixture
def store(clock: Clock) -> ContactStore:
    return ContactStore(clock=clock, seed=0)


def ids(records: list[dict[str, object]]) -> list[object]:
    return [record["id"] for record in records]


def test_ids_start_at_1001_and_rev_at_1(store: ContactStore) -> None:
    first = store.create({"phone": "15105550001"})
    second = store.create({"phone": "15105550002"})

    assert (first["id"], second["id"]) == (FIRST_CONTACT_ID, FIRST_CONTACT_ID + 1)
    assert (first["rev"], first["op"]) == (1, "create")


def test_writes_get_strictly_increasing_timestamps_under_a_stopped_clock(
    store: ContactStore,
) -> None:
    created = store.create({"phone": "15105550001"})
    updated = store.update(created["id"], {"first": "A"})
    again = store.update(created["id"], {"first": "B"})

    stamps = [created["updated"], updated["updated"], again["updated"]]
    assert stamps[0] == "2024-06-01T12:00:00.000000000Z"
    assert [parse_ns(s) - parse_ns(stamps[0]) for s in stamps] == [0, 1, 2]
    assert again["rev"] == 3


def test_writes_follow_the_clock(store: ContactStore, clock: Clock) -> None:
    store.create({"phone": "15105550001"})
    clock.now += 1.25

    assert store.create({"phone": "15105550002"})["updated"] == "2024-06-01T12:00:01.250000000Z"


def test_update_sets_and_removes_fields_but_never_system_fields(store: ContactStore) -> None:
    created = store.create({"phone": "15105550001", "email": "a@b.co"})

    updated = store.update(created["id"], {"first": "A", "id": 5, "rev": 99}, ["email", "uuid"])

    assert updated["id"] == created["id"]
    assert updated["uuid"] == created["uuid"]
    assert updated["rev"] == 2
    assert updated["first"] == "A"
    assert updated["email"] is None


def test_update_reindexes_phone_and_order(store: ContactStore, clock: Clock) -> None:
    first = store.create({"phone": "15105550001"})
    store.create({"phone": "15105550002"})
    clock.now += 1

    store.update(first["id"], {"phone": "15105550003"})

    assert store.first_id_with_phone("15105550001") is None
    assert store.first_id_with_phone("15105550003") == first["id"]
    assert ids(store.page_through(None, 5, ascending=False)) == [first["id"], first["id"] + 1]


def test_delete_removes_the_contact_from_every_index(store: ContactStore) -> None:
    created = store.create({"phone": "15105550001"})

    assert store.delete(created["id"]) is True
    assert store.delete(created["id"]) is False
    assert store.get(created["id"]) is None
    assert store.id_for_uuid(created["uuid"]) is None
    assert store.ids_for_channel(None, "15105550001") == set()
    assert store.count_after(None) == 0


def test_duplicate_phones_are_indexed_together(store: ContactStore) -> None:
    one = store.create({"phone": "15105550001"})
    two = store.create({"phone": "15105550001"})

    assert store.ids_for_channel("phone", "+15105550001") == {one["id"], two["id"]}
    assert store.first_id_with_phone("15105550001") == one["id"]
    store.delete(one["id"])
    assert store.first_id_with_phone("15105550001") == two["id"]


def test_channels_are_completed_and_searchable(store: ContactStore) -> None:
    created = store.create(
        {"contact_channels": [{"channel_type": "facebook", "channel_id": "ada.page"}]}
    )

    [channel] = created["contact_channels"]
    assert channel["contact_id"] == created["uuid"]
    assert channel["created"] == created["created"]
    assert store.ids_for_channel("facebook", "ada.page") == {created["id"]}
    assert store.ids_for_channel(None, "ada.page") == {created["id"]}
    assert store.ids_for_channel("phone", "ada.page") == set()


def test_inclusive_pages_and_strict_counts_around_shared_timestamps(store: ContactStore) -> None:
    store.seed(3, updated="2024-01-01T00:00:00Z", phone_start=15550000000)
    store.seed(3, updated="2024-02-01T00:00:00Z", phone_start=15550000100)
    january = parse_ns("2024-01-01T00:00:00Z")

    assert ids(store.page_through(january, 10, ascending=False)) == [1003, 1002, 1001]
    assert ids(store.page_through(january, 4, ascending=True)) == [1001, 1002, 1003, 1004]
    assert store.count_after(january) == 3
    assert ids(store.page_after(january, 2, 0, ascending=True)) == [1004, 1005]
    assert ids(store.page_after(january, 2, 1, ascending=False)) == [1004]
    assert store.page_after(january, 2, 2, ascending=False) == []


def test_seed_continues_ids_and_the_write_clock(store: ContactStore) -> None:
    store.create({"phone": "15105550001"})
    store.seed(2, updated=None, phone_start=15550000000)
    last = store.create({"phone": "15105550002"})

    assert last["id"] == 1004
    assert ids(store.page_through(None, 1, ascending=False)) == [1004]


def test_concurrent_creates_get_distinct_ids(store: ContactStore) -> None:
    def create_many() -> None:
        for _ in range(200):
            store.create({"phone": "15105550001"})

    threads = [threading.Thread(target=create_many) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    records = store.all()
    assert len({record["id"] for record in records}) == 800
    assert len({record["updated"] for record in records}) == 800


def test_custom_fields_are_numbered_in_order(store: ContactStore) -> None:
    assert store.add_field("Plan") == {"id": 1, "title": "Plan"}
    assert store.add_field("Region") == {"id": 2, "title": "Region"}
    assert store.fields() == [{"id": 1, "title": "Plan"}, {"id": 2, "title": "Region"}]
