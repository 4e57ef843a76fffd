"""Paging: lazy, each contact once, never looping, the v1 cursor kept exactly as received."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import httpx
import pytest

from heymarket_typed import errors
from tests.helpers import ScriptedAPI, contact, json_response


class ContactStore:
    """Server side of both list endpoints over a fixed list, newest `updated` first."""

    def __init__(self, records: list[dict[str, Any]]) -> None:
        self.records = sorted(records, key=lambda c: (c["updated"], c["id"]), reverse=True)
        self.v1_bodies: list[dict[str, Any]] = []
        self.v2_pages: list[int] = []
        self.v2_bodies: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def v1(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        self.v1_bodies.append(body)
        cursor, limit = body.get("date"), body.get("limit", 30)
        # Inclusive cursor: the contacts at the cursor's timestamp come again.
        page = [c for c in self.records if cursor is None or c["updated"] <= cursor][:limit]
        return json_response(200, page)

    def v2(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        with self._lock:
            self.v2_pages.append(body["page"])
            self.v2_bodies.append(body)
        limit = body.get("limit", 30)
        start = body.get("page", 0) * limit
        return json_response(200, self.records[start : start + limit])

    def api(self) -> ScriptedAPI:
        return ScriptedAPI().on("POST /v1/contacts", self.v1).on("POST /v2/contacts/list", self.v2)


def stamp(n: int) -> str:
    return f"2024-06-01T12:00:{n // 1000:02d}.{n % 1000:03d}456789Z"


def distinct(n: int) -> list[dict[str, Any]]:
    return [contact(i, stamp(i)) for i in range(1, n + 1)]


def test_v1_cursor_is_exact_string() -> None:
    store = ContactStore(distinct(7))
    list(store.api().client().contacts.iter(page_size=3))
    cursors = [body.get("date") for body in store.v1_bodies]
    # The last `updated` of each page, nanoseconds and `Z` included, byte for byte.
    assert cursors == [None, stamp(5), stamp(3), stamp(1)]


def test_v1_yields_every_contact_in_order_and_stops_on_a_short_page() -> None:
    store = ContactStore(distinct(10))
    ids = [c.id for c in store.api().client().contacts.iter(page_size=4)]
    assert ids == list(range(10, 0, -1))
    assert len(store.v1_bodies) == 4  # pages of 4, 4 (+1 overlap), 4 (+1), then a short one


def test_v1_overlap_yields_each_contact_once() -> None:
    same = "2024-06-01T12:00:00.500000000Z"
    records = (
        distinct(3)
        + [contact(i, same) for i in range(10, 15)]
        + [contact(i, "2024-06-02T00:00:00Z") for i in range(20, 23)]
    )
    store = ContactStore(records)
    ids = [c.id for c in store.api().client().contacts.iter(page_size=4)]
    assert sorted(ids) == sorted(r["id"] for r in records)
    assert len(ids) == len(set(ids))


def test_v1_stalled_cursor_recovers_with_a_larger_limit() -> None:
    same = "2024-06-01T12:00:00.500000000Z"
    records = [contact(i, same) for i in range(101, 113)] + distinct(3)
    store = ContactStore(records)
    ids = [c.id for c in store.api().client().contacts.iter(page_size=5)]
    assert sorted(ids) == sorted(r["id"] for r in records)
    assert len(ids) == len(set(ids))
    # The repeated page at one timestamp doubles the limit until the page gets past it.
    assert [b["limit"] for b in store.v1_bodies] == [5, 5, 10, 20]


def test_v1_stalled_cursor_raises() -> None:
    same = "2024-06-01T12:00:00.500000000Z"
    store = ContactStore([contact(i, same) for i in range(1, 151)])
    seen: list[int] = []
    with pytest.raises(errors.PaginationError, match=same):
        seen.extend(c.id for c in store.api().client().contacts.iter(page_size=50))
    assert len(seen) == len(set(seen)) == 100
    assert len(store.v1_bodies) == 3


def test_v1_cursor_moving_backwards_raises_instead_of_looping() -> None:
    pages = [
        [contact(3, "2024-06-01T12:00:03Z"), contact(2, "2024-06-01T12:00:02Z")],
        [contact(4, "2024-06-01T12:00:04Z"), contact(5, "2024-06-01T12:00:05Z")],
    ]
    api = ScriptedAPI().on("POST /v1/contacts", *(json_response(200, p) for p in pages))
    with pytest.raises(errors.PaginationError, match="wrong way"):
        list(api.client().contacts.iter(page_size=2))


def test_v1_contact_without_updated_raises() -> None:
    api = ScriptedAPI().on("POST /v1/contacts", json_response(200, [{"id": 1}, {"id": 2}]))
    with pytest.raises(errors.PaginationError, match="updated"):
        list(api.client().contacts.iter(page_size=2))


def test_iteration_is_lazy() -> None:
    store = ContactStore(distinct(50))
    iterator = store.api().client().contacts_v2.iter(page_size=10, concurrency=1)
    assert store.v2_pages == []
    next(iterator)
    assert store.v2_pages == [0]


def test_v2_stops_on_short_page() -> None:
    store = ContactStore(distinct(25))
    ids = [c.id for c in store.api().client().contacts_v2.iter(page_size=10, concurrency=1)]
    assert ids == list(range(25, 0, -1))
    assert store.v2_pages == [0, 1, 2]


def test_v2_stops_on_empty_page() -> None:
    store = ContactStore(distinct(20))
    ids = [c.id for c in store.api().client().contacts_v2.iter(page_size=10, concurrency=1)]
    assert len(ids) == 20
    assert store.v2_pages == [0, 1, 2]


def test_v2_sends_its_options() -> None:
    store = ContactStore(distinct(3))
    client = store.api().client()
    list(
        client.contacts_v2.iter(page_size=50, updated_after="2024-01-01T00:00:00Z", ascending=True)
    )
    assert store.v2_bodies == [
        {"limit": 50, "page": 0, "ascending": True, "date": "2024-01-01T00:00:00Z"}
    ]


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_max_items(version: str) -> None:
    store = ContactStore(distinct(100))
    client = store.api().client()
    resource = client.contacts if version == "v1" else client.contacts_v2
    ids = [c.id for c in resource.iter(page_size=30, max_items=45)]
    assert ids == list(range(100, 55, -1))
    assert len(store.v1_bodies or store.v2_pages) == 2


def test_v2_read_ahead_keeps_order_and_fetches_each_page_once() -> None:
    store = ContactStore(distinct(1000))

    def slowly(request: httpx.Request) -> httpx.Response:
        time.sleep(0.002)
        return store.v2(request)

    slow = ScriptedAPI().on("POST /v2/contacts/list", slowly)
    ids = [c.id for c in slow.client().contacts_v2.iter(page_size=10, concurrency=8)]
    assert ids == list(range(1000, 0, -1))
    assert len(store.v2_pages) == len(set(store.v2_pages))
    assert set(range(101)) <= set(store.v2_pages)
    assert max(store.v2_pages) <= 100 + 7  # at most a window of speculative pages past the end


def test_v2_read_ahead_stops_fetching_when_the_consumer_stops() -> None:
    store = ContactStore(distinct(1000))
    iterator = store.api().client().contacts_v2.iter(page_size=10, concurrency=4)
    for _ in range(35):
        next(iterator)
    iterator.close()  # type: ignore[attr-defined]
    fetched = len(store.v2_pages)
    time.sleep(0.05)
    assert len(store.v2_pages) == fetched <= 4 + 4


@pytest.mark.asyncio
async def test_async_v1_and_v2_iterators() -> None:
    store = ContactStore(distinct(23))
    async with store.api().async_client() as client:
        v1 = [c.id async for c in client.contacts.iter(page_size=5)]
        v2 = [c.id async for c in client.contacts_v2.iter(page_size=5, concurrency=3)]
    assert v1 == v2 == list(range(23, 0, -1))


@pytest.mark.asyncio
async def test_async_read_ahead_cancels_pending_pages_on_close() -> None:
    store = ContactStore(distinct(500))
    async with store.api().async_client() as client:
        iterator = client.contacts_v2.iter(page_size=10, concurrency=8)
        async for c in iterator:
            if c.id == 470:
                break
        await iterator.aclose()  # type: ignore[attr-defined]
    assert len(store.v2_pages) <= 4 + 8


@pytest.mark.parametrize("page_size", [0, 101, -1])
def test_page_size_over_100_rejected_without_request(page_size: int) -> None:
    api = ScriptedAPI()
    client = api.client()
    with pytest.raises(ValueError, match="page_size"):
        client.contacts.iter(page_size=page_size)
    with pytest.raises(ValueError, match="page_size"):
        client.contacts_v2.iter(page_size=page_size)
    assert api.requests == []
