"""Exports against the sandbox: the issue's regression inputs, cost, laziness, checkpoints."""

from __future__ import annotations

import gc
import math
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from heymarket_typed import (
    AsyncContactIterator,
    AsyncHeymarket,
    ContactIterator,
    Heymarket,
    errors,
    models,
)
from heymarket_typed.testing import SANDBOX_API_KEY, FakeHeymarket

BASE = "https://sandbox.invalid"


class Clock:
    def __init__(self) -> None:
        self.now = 1_717_243_200.0

    def __call__(self) -> float:
        return self.now


def client_for(fake: FakeHeymarket) -> Heymarket:
    http = httpx.Client(transport=fake.transport(), base_url=BASE)
    return Heymarket(
        api_key=SANDBOX_API_KEY, base_url=BASE, http_client=http, requests_per_minute=None
    )


def async_client_for(fake: FakeHeymarket) -> AsyncHeymarket:
    http = httpx.AsyncClient(transport=fake.async_transport(), base_url=BASE)
    return AsyncHeymarket(
        api_key=SANDBOX_API_KEY, base_url=BASE, http_client=http, requests_per_minute=None
    )


def four() -> FakeHeymarket:
    """Contacts 1001-1004, oldest first, one second apart (writes are stamped later)."""
    fake = FakeHeymarket()
    for i in range(1001, 1005):
        fake.add_contact(
            id=i, phone=f"1415555{i}", updated=f"2024-06-01T12:00:0{i - 1000}.000000000Z"
        )
    return fake


def touch(client: Heymarket, id: int) -> None:
    client.contacts.update(id, models.ContactInput(phone=f"1415555{id}", first="Changed"))


# The inputs. Laziness makes "after X is yielded" exact: the next page is asked for only
# when the consumer wants the next contact.


def test_v2_oldest_first_update_of_a_yielded_contact_loses_nothing() -> None:
    client = client_for(four())
    ids = []
    for contact in client.contacts_v2.iter(page_size=2, ascending=True, concurrency=1):
        ids.append(contact.id)
        if ids == [1001]:
            touch(client, 1001)
    assert ids == [1001, 1002, 1003, 1004, 1001]  # 1001 changed, so it comes again at the end


def test_v2_newest_first_delete_of_a_yielded_contact_loses_nothing() -> None:
    client = client_for(four())
    ids = []
    for contact in client.contacts_v2.iter(page_size=2):
        ids.append(contact.id)
        if ids == [1004]:
            client.contacts.delete(1004)
    assert ids == [1004, 1003, 1002, 1001]


def test_v1_newest_first_update_behind_the_cursor_is_yielded_in_its_new_state() -> None:
    client = client_for(four())
    seen = []
    for contact in client.contacts.iter(page_size=2):
        seen.append((contact.id, contact.first))
        if len(seen) == 1:
            touch(client, 1001)
    assert [id for id, _ in seen] == [1004, 1003, 1002, 1001]
    assert seen[-1] == (1001, "Changed")


def test_one_instant_spelled_two_ways_is_one_timestamp() -> None:
    fake = FakeHeymarket()
    fake.add_contact(id=1, phone="14155550001", updated="2024-06-01T12:00:00Z")
    fake.add_contact(id=2, phone="14155550002", updated="2024-06-01T12:00:00.000Z")
    for ascending in (False, True):
        ids = [c.id for c in client_for(fake).contacts.iter(page_size=1, ascending=ascending)]
        assert sorted(ids) == [1, 2]


@pytest.mark.asyncio
async def test_async_exports_give_the_same_contacts() -> None:
    fake = four()
    client = async_client_for(fake)
    v1 = client.contacts.iter(page_size=2)
    v2 = client.contacts_v2.iter(page_size=3, ascending=True)
    assert isinstance(v1, AsyncContactIterator)
    assert [c.id async for c in v1] == [1004, 1003, 1002, 1001]
    assert [c.id async for c in v2] == [1001, 1002, 1003, 1004]
    stopped = client.contacts_v2.iter(page_size=2, max_items=1)
    assert [c.id async for c in stopped] == [1004]
    resumed = client.contacts_v2.iter(page_size=2, resume=stopped.checkpoint)
    assert [c.id async for c in resumed] == [1003, 1002, 1001]
    await resumed.aclose()


# Cost


@pytest.mark.parametrize("n", [0, 1, 99, 100, 250, 1000])
@pytest.mark.parametrize("surface", ["v1", "v2"])
@pytest.mark.parametrize("ascending", [False, True])
def test_small_export_stays_within_the_request_bound(n: int, surface: str, ascending: bool) -> None:
    fake = FakeHeymarket()
    fake.seed(n)
    client = client_for(fake)
    resource = client.contacts if surface == "v1" else client.contacts_v2
    ids = [c.id for c in resource.iter(page_size=100, ascending=ascending)]
    assert sorted(ids) == sorted(c["id"] for c in fake.contacts())
    assert len(fake.requests) <= math.ceil(n / 100) + 3


def test_nothing_is_sent_before_the_first_contact_nor_after_max_items() -> None:
    fake = FakeHeymarket()
    fake.seed(30)
    iterator = client_for(fake).contacts_v2.iter(page_size=10, max_items=10, ascending=True)
    assert isinstance(iterator, ContactIterator)
    assert fake.requests == []
    assert len(list(iterator)) == 10
    assert len(fake.requests) == 1


def test_close_stops_every_request() -> None:
    fake = FakeHeymarket()
    fake.seed(30)
    iterator = client_for(fake).contacts.iter(page_size=10)
    next(iterator)
    iterator.close()
    assert list(iterator) == []
    assert len(fake.requests) == 1


# Checkpoints


def exports() -> Iterator[tuple[str, bool]]:
    for surface in ("v1", "v2"):
        for ascending in (False, True):
            yield surface, ascending


@pytest.mark.parametrize(("surface", "ascending"), list(exports()))
@pytest.mark.parametrize("k", [0, 1, 7, 10, 24])
def test_stop_after_k_and_resume_in_a_new_client_is_exact(
    surface: str, ascending: bool, k: int
) -> None:
    fake = FakeHeymarket()
    fake.seed(25)

    def iterate(client: Heymarket, **options: object) -> ContactIterator:
        resource = client.contacts if surface == "v1" else client.contacts_v2
        return resource.iter(ascending=ascending, **options)  # type: ignore[arg-type]

    first = iterate(client_for(fake), page_size=10, max_items=k)
    head = [c.id for c in first]
    rest = [c.id for c in iterate(client_for(fake), page_size=3, resume=first.checkpoint)]
    assert len(head) == k
    assert sorted(head + rest) == sorted(c["id"] for c in fake.contacts())
    assert len(head + rest) == 25


@pytest.mark.parametrize(("surface", "ascending"), list(exports()))
def test_finished_export_resumes_as_an_incremental_sync(surface: str, ascending: bool) -> None:
    clock = Clock()
    fake = FakeHeymarket(clock=clock)
    client = client_for(fake)
    refs = [
        client.contacts.create(models.ContactInput(phone=f"141555510{i:02d}")) for i in range(20)
    ]
    clock.now += 300
    last = client.contacts.create(models.ContactInput(phone="14155551100"))  # the look-back window
    resource = client.contacts if surface == "v1" else client.contacts_v2
    done = resource.iter(page_size=7, ascending=ascending)
    assert len(list(done)) == 21
    clock.now += 300
    touch(client, refs[3].id)
    new = client.contacts.create(models.ContactInput(phone="14155559999"))
    changed = [
        c.id for c in resource.iter(page_size=7, ascending=ascending, resume=done.checkpoint)
    ]
    assert sorted(changed) == sorted([refs[3].id, new.id, last.id])


def test_checkpoint_of_another_order_is_refused_before_sending() -> None:
    fake = four()
    client = client_for(fake)
    done = client.contacts.iter()
    list(done)
    sent = len(fake.requests)
    with pytest.raises(ValueError, match="resume"):
        client.contacts.iter(ascending=True, resume=done.checkpoint)
    with pytest.raises(ValueError, match="resume"):
        client.contacts_v2.iter(resume=done.checkpoint)
    with pytest.raises(ValueError, match="resume"):
        client.contacts.iter(resume=done.checkpoint[:-3])
    assert len(fake.requests) == sent


# Memory


def live_responses() -> int:
    return sum(isinstance(o, httpx.Response) for o in gc.get_objects())


def test_each_pages_response_is_freed_without_the_garbage_collector() -> None:
    fake = FakeHeymarket()
    fake.seed(50)
    client = client_for(fake)
    gc.collect()
    gc.disable()
    try:
        before = live_responses()
        assert len(list(client.contacts_v2.iter(page_size=10, ascending=True))) == 50
        assert live_responses() == before
    finally:
        gc.enable()


@pytest.mark.asyncio
async def test_async_pages_responses_are_freed_without_the_garbage_collector() -> None:
    fake = FakeHeymarket()
    fake.seed(50)
    client = async_client_for(fake)
    gc.collect()
    gc.disable()
    try:
        before = live_responses()
        assert len([c async for c in client.contacts.iter(page_size=10)]) == 50
        assert live_responses() == before
    finally:
        gc.enable()


# Schedules a random search found (the sandbox's live-account switches)


def test_write_sharing_the_top_timestamp_is_caught_up_on_an_exclusive_server() -> None:
    clock = Clock()
    fake = FakeHeymarket(clock=clock, timestamp_precision="s", date_bound="exclusive")
    for i in range(6):
        fake.add_contact(id=1001 + i, phone=f"141555510{i:02d}", updated=f"2024-06-01T12:00:0{i}Z")
    clock.now += 5  # the next write is stamped in the newest contact's second
    fake.on_request(3, lambda f: f.update_contact(1001, first="Late"))
    yielded = [(c.id, c.first) for c in client_for(fake).contacts_v2.iter(page_size=2)]
    assert yielded[-1] == (1001, "Late")
    assert sorted({id for id, _ in yielded}) == list(range(1001, 1007))


def test_update_within_the_same_second_is_told_apart_by_rev() -> None:
    fake = FakeHeymarket(clock=Clock(), timestamp_precision="s", date_bound="exclusive")
    for i in range(4):
        fake.add_contact(id=1001 + i, phone=f"141555510{i:02d}", updated="2024-06-01T12:00:00Z")
    fake.on_request(2, lambda f: f.update_contact(1002, first="Again"))
    yielded = [(c.id, c.first) for c in client_for(fake).contacts.iter(page_size=2, ascending=True)]
    assert [first for id, first in yielded if id == 1002][-1] == "Again"


@pytest.mark.parametrize("date_bound", [None, "inclusive", "exclusive"])
@pytest.mark.parametrize("concurrency", [1, 8])
def test_v2_newest_first_reads_a_block_of_150_on_one_timestamp_which_v1_cannot(
    date_bound: Any, concurrency: int
) -> None:
    fake = FakeHeymarket(date_bound=date_bound)
    fake.seed(5, updated="2024-06-01T10:00:00Z", phone_start=15550900000)  # 1001-1005, older
    fake.seed(150, updated="2024-06-01T11:00:00.5Z", phone_start=15550910000)  # the block
    fake.seed(5, updated="2024-06-01T12:00:00Z", phone_start=15550920000)  # 1156-1160, newer
    client = client_for(fake)

    got = list(client.contacts_v2.iter(page_size=30, concurrency=concurrency))

    assert sorted(c.id for c in got) == list(range(1001, 1161))
    assert [c.id for c in got[:5]] == list(range(1156, 1161)) or {c.id for c in got[:5]} == set(
        range(1156, 1161)
    )
    assert {c.id for c in got[-5:]} == set(range(1001, 1006))
    with pytest.raises(errors.PaginationError, match=r"11:00:00.5Z.*in either order"):
        list(client.contacts.iter(page_size=30, concurrency=concurrency))
