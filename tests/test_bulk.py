"""Bulk work: chunked imports and read-ahead, concurrent but in order, paced, each item once."""

from __future__ import annotations

import json
import random
import threading
import time
from collections import Counter

import httpx
import pytest

from heymarket_typed import AsyncHeymarket, Heymarket, errors, models
from heymarket_typed.testing import SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, FakeHeymarket
from tests.helpers import FakeClock, ScriptedAPI, json_response


def people(n: int) -> list[models.ContactInput]:
    return [models.ContactInput(phone=f"1415555{i:04d}", first=f"P{i}") for i in range(n)]


def jittery_batch(rejected: set[str]) -> ScriptedAPI:
    """Answers v1 batches after a random pause (so chunks finish out of order), failing the
    phones in `rejected`."""

    def reply(request: httpx.Request) -> httpx.Response:
        time.sleep(random.uniform(0, 0.01))
        sent = json.loads(request.content)
        failed = [
            dict(item, error="phone already exists") for item in sent if item["phone"] in rejected
        ]
        return json_response(200, failed or "ok")

    return ScriptedAPI().on("POST /v1/batch/contacts", reply)


def people_v2(n: int) -> list[models.ContactInputV2]:
    return [
        models.ContactInputV2(
            first=f"P{i}", contact_channels=[models.ChannelInput("phone", f"1415555{i:04d}")]
        )
        for i in range(n)
    ]


def first_name(request: httpx.Request) -> str:
    """The first name of the first contact in a v2 bulk request."""
    return str(json.loads(request.content)["contacts"][0]["first"])


def sent_phones(api: ScriptedAPI) -> list[str]:
    return [item["phone"] for body in api.bodies() for item in body]


def test_chunks_run_concurrently_yet_failures_come_back_in_input_order() -> None:
    contacts = people(500)
    rejected = {contacts[i].phone for i in (7, 123, 250, 499)}
    api = jittery_batch(rejected)
    result = api.client().contacts.batch_create(contacts, chunk_size=25, concurrency=8)

    assert len(api.requests) == 20
    assert Counter(sent_phones(api)) == Counter(c.phone for c in contacts)  # each exactly once
    assert [f.index for f in result.failed_contacts] == [7, 123, 250, 499]
    assert result.submitted == 500


@pytest.mark.asyncio
async def test_async_chunks_keep_order_and_send_each_contact_once() -> None:
    contacts = people(300)
    rejected = {contacts[i].phone for i in (0, 150, 299)}
    api = jittery_batch(rejected)
    async with api.async_client() as client:
        result = await client.contacts.batch_create(contacts, chunk_size=20, concurrency=5)
    assert Counter(sent_phones(api)) == Counter(c.phone for c in contacts)
    assert [f.index for f in result.failed_contacts] == [0, 150, 299]


def test_a_failed_chunk_stops_the_import_and_notes_what_was_written() -> None:
    calls = 0

    def reply(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return json_response(500 if calls == 3 else 200, "ok", **{"X-Request-Id": f"r-{calls}"})

    api = ScriptedAPI().on("POST /v1/batch/contacts", reply)
    with pytest.raises(errors.InternalServerError) as caught:
        api.client().contacts.batch_create(people(100), chunk_size=10, concurrency=1)

    assert len(api.requests) == 3  # a create that got a 500 is not retried, nothing after it sent
    assert caught.value.request_id == "r-3"
    assert caught.value.__notes__ == [
        "bulk write stopped: written: contacts[0:20]; "
        "failed, may or may not be written: contacts[20:30]; not sent: contacts[30:100]"
    ]


def test_with_concurrency_a_failure_cancels_the_chunks_not_yet_started() -> None:
    started = threading.Event()

    def reply(request: httpx.Request) -> httpx.Response:
        if first_name(request) == "P0":
            return json_response(503, {"message": "down"})
        started.wait(0.05)
        return json_response(200, {"contacts": [], "failed_contacts": []})

    api = ScriptedAPI().on("POST /v2/contacts", reply)
    contacts = people_v2(400)
    with pytest.raises(errors.InternalServerError) as caught:
        api.client().contacts_v2.bulk_upsert(contacts, chunk_size=10, concurrency=4)
    assert len(api.requests) < 40
    assert "not sent: contacts[" in caught.value.__notes__[0]


def test_a_failure_stops_the_import_while_an_earlier_chunk_is_still_in_flight() -> None:
    """Chunk 0 is slow and chunk 1 fails: no chunk is sent after the failure, though chunk 0
    is still in flight (the sync twin waited on chunks in order, and went on sending)."""
    third_sent = threading.Event()

    def reply(request: httpx.Request) -> httpx.Response:
        first = first_name(request)
        if first == "P0":
            third_sent.wait(1.0)  # at most 1 s: long enough for a third chunk to go out
            return json_response(200, {"contacts": [], "failed_contacts": []})
        if first == "P10":
            return json_response(500, {"message": "boom"}, **{"X-Request-Id": "r-500"})
        third_sent.set()
        return json_response(200, {"contacts": [], "failed_contacts": []})

    api = ScriptedAPI().on("POST /v2/contacts", reply)
    contacts = people_v2(100)
    with pytest.raises(errors.InternalServerError) as caught:
        api.client().contacts_v2.bulk_upsert(contacts, chunk_size=10, concurrency=2)
    assert [first_name(r) for r in api.requests] in (
        ["P0", "P10"],
        ["P10", "P0"],
    )
    assert caught.value.__notes__ == [
        "bulk write stopped: written: contacts[0:10]; "
        "failed, may or may not be written: contacts[10:20]; not sent: contacts[20:100]"
    ]


def test_chunked_import_is_paced() -> None:
    clock = FakeClock()
    api = jittery_batch(set())
    # An API key: no server clock to learn, so no call waits for the first one's answer
    # (`FirstAnswer`), a wait this clock, whose sleeps return at once, would count at random.
    options = {"secret_id": None, "secret_key": None, "api_key": "team-api-key"}
    client = api.client(_clock=clock, requests_per_minute=60, **options)  # 1 a second, burst 2
    client.contacts.batch_create(people(100), chunk_size=10, concurrency=4)
    assert len(api.requests) == 10
    assert sum(clock.sleeps) == pytest.approx(8.0)


def sandbox_client(fake: FakeHeymarket, **options: object) -> Heymarket:
    http = httpx.Client(transport=fake.transport(), base_url="https://api.heymarket.com")
    return Heymarket(
        secret_id=SANDBOX_SECRET_ID,
        secret_key=SANDBOX_SECRET_KEY,
        http_client=http,
        **options,  # type: ignore[arg-type]
    )


def test_read_ahead_at_the_rate_limit_gets_no_429_and_each_contact_once() -> None:
    fake = FakeHeymarket(rate_limit=200, latency=0.005)
    fake.seed(3000)
    client = sandbox_client(fake, requests_per_minute=200 * 60)
    ids = [c.id for c in client.contacts_v2.iter(page_size=10, concurrency=8)]
    statuses = Counter(r.status for r in fake.requests)
    assert statuses[429] == 0
    assert sorted(ids) == sorted(c["id"] for c in fake.contacts())
    assert len(ids) == len(set(ids)) == 3000
    bodies = [repr(sorted(r.body.items())) for r in fake.requests if isinstance(r.body, dict)]
    assert len(bodies) == len(set(bodies))  # no page fetched twice


def test_chunked_upsert_at_the_rate_limit_gets_no_429_and_writes_each_contact_once() -> None:
    fake = FakeHeymarket(rate_limit=200, latency=0.005)
    client = sandbox_client(fake, requests_per_minute=200 * 60)
    contacts = [
        models.ContactInputV2(
            first=f"P{i}", contact_channels=[models.ChannelInput("phone", f"1415556{i:04d}")]
        )
        for i in range(2000)
    ]
    result = client.contacts_v2.bulk_upsert(contacts, chunk_size=10, concurrency=8)
    assert Counter(r.status for r in fake.requests)[429] == 0
    assert len(result.contacts) == 2000
    assert sorted(c["phone"] for c in fake.contacts()) == sorted(
        f"1415556{i:04d}" for i in range(2000)
    )


@pytest.mark.asyncio
async def test_async_read_ahead_against_the_sandbox() -> None:
    fake = FakeHeymarket(rate_limit=500, latency=0.002)
    fake.seed(1000)
    http = httpx.AsyncClient(transport=fake.async_transport(), base_url="https://api.heymarket.com")
    async with AsyncHeymarket(
        secret_id=SANDBOX_SECRET_ID,
        secret_key=SANDBOX_SECRET_KEY,
        http_client=http,
        requests_per_minute=500 * 60,
    ) as client:
        ids = [c.id async for c in client.contacts_v2.iter(page_size=25, concurrency=6)]
    assert len(ids) == len(set(ids)) == 1000
    assert Counter(r.status for r in fake.requests)[429] == 0
