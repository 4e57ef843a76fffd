"""Each method of `contacts` and `contacts_v2`: the request it sends and what it returns."""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from heymarket_typed import models
from tests.helpers import ScriptedAPI, contact, json_response
from tests.openapi_document import operations

UUID = "a1b2c3d4-e5f6-7890-abcd-ef1234567890"
REF = {"id": 1001, "rev": 2, "uuid": UUID}
STATUS = {"id": 1, "phone": "14155553434", "unsubscribed": True, "blocked": False}
PHONE = models.ChannelInput(channel_type="phone", channel_id="+1 415 555 3434")

PHONE_CHANNEL = {"channel_type": "phone", "channel_id": "14155553434"}


@dataclass(frozen=True)
class Case:
    name: str
    call: Callable[[Any], Any]
    route: str
    body: Any  # the JSON body expected on the wire (None: no body)
    reply: Any
    check: Callable[[Any], bool]


CASES = [
    Case(
        "create",
        lambda c: c.contacts.create(models.ContactInput(phone="(415) 555-3434", first="Ada")),
        "POST /v1/contact",
        {"phone": "14155553434", "first": "Ada"},
        REF,
        lambda r: isinstance(r, models.ContactRef) and r.uuid == UUID,
    ),
    Case(
        "get",
        lambda c: c.contacts.get(98765),
        "GET /v1/contact/98765",
        None,
        contact(98765),
        lambda r: isinstance(r, models.Contact) and r.id == 98765,
    ),
    Case(
        "update",
        lambda c: c.contacts.update(7, models.ContactInput(phone="14155553434"), overwrite=True),
        "PUT /v1/contact/7",
        {"phone": "14155553434"},
        {"id": 7, "rev": 3},
        lambda r: isinstance(r, models.ContactRef) and r.rev == 3,
    ),
    Case(
        "delete",
        lambda c: c.contacts.delete(7),
        "DELETE /v1/contact/7",
        None,
        "ok",
        lambda r: r is None,
    ),
    Case(
        "find by phone",
        lambda c: c.contacts.find(phone="+1 415 555 3434"),
        "POST /v1/contact/get",
        {"phone": "14155553434"},
        contact(3),
        lambda r: r.id == 3,
    ),
    Case(
        "find by id",
        lambda c: c.contacts.find(id=3),
        "POST /v1/contact/get",
        {"id": "3"},
        contact(3),
        lambda r: r.id == 3,
    ),
    Case(
        "count",
        lambda c: c.contacts.count(updated_after="2024-01-01T00:00:00Z"),
        "POST /v1/contacts/count",
        {"date": "2024-01-01T00:00:00Z"},
        "1042",
        lambda r: r == 1042,
    ),
    Case(
        "list",
        lambda c: c.contacts.list(limit=2, date="2024-06-01T12:00:00.123456789Z"),
        "POST /v1/contacts",
        {"limit": 2, "date": "2024-06-01T12:00:00.123456789Z"},
        [contact(1), contact(2)],
        lambda r: [x.id for x in r] == [1, 2],
    ),
    Case(
        "get_status",
        lambda c: c.contacts.get_status(id=1),
        "POST /v1/contact/status",
        {"id": 1},
        STATUS,
        lambda r: isinstance(r, models.ContactStatus) and r.unsubscribed is True,
    ),
    Case(
        "set_status",
        lambda c: c.contacts.set_status("unsubscribed", phone="14155553434"),
        "POST /v1/contact/set_status",
        {"phone": "14155553434", "status": "unsubscribed"},
        "success",
        lambda r: r is None,
    ),
    Case(
        "batch_create",
        lambda c: c.contacts.batch_create([models.ContactInput(phone="14155553434")]),
        "POST /v1/batch/contacts",
        [{"phone": "14155553434"}],
        "ok",
        lambda r: isinstance(r, models.BatchCreateResult) and r.ok and r.submitted == 1,
    ),
    Case(
        "list_fields",
        lambda c: c.contacts.list_fields(),
        "POST /v1/contact-fields",
        None,
        [{"id": 123, "title": "Plan"}],
        lambda r: r[0].title == "Plan",
    ),
    Case(
        "v2 create",
        lambda c: c.contacts_v2.create(models.ContactInputV2(contact_channels=[PHONE])),
        "POST /v2/contact",
        {"contact_channels": [PHONE_CHANNEL]},
        REF,
        lambda r: r.id == 1001,
    ),
    Case(
        "v2 get",
        lambda c: c.contacts_v2.get(UUID),
        f"GET /v2/contact/{UUID}",
        None,
        contact(1001),
        lambda r: r.id == 1001,
    ),
    Case(
        "v2 update",
        lambda c: c.contacts_v2.update(UUID, models.ContactInputV2(first="Bo")),
        f"PUT /v2/contact/{UUID}",
        {"first": "Bo"},
        contact(1001, first="Bo"),
        lambda r: r.first == "Bo",
    ),
    Case(
        "v2 delete",
        lambda c: c.contacts_v2.delete(UUID),
        f"DELETE /v2/contact/{UUID}",
        None,
        "contact deleted",
        lambda r: r is None,
    ),
    Case(
        "v2 bulk_upsert",
        lambda c: c.contacts_v2.bulk_upsert([models.ContactInputV2(contact_channels=[PHONE])]),
        "POST /v2/contacts",
        {"contacts": [{"contact_channels": [PHONE_CHANNEL]}]},
        {"contacts": [contact(5)], "failed_contacts": []},
        lambda r: isinstance(r, models.BulkUpsertResult) and r.ok and r.contacts[0].id == 5,
    ),
    Case(
        "v2 bulk_delete",
        lambda c: c.contacts_v2.bulk_delete([UUID]),
        "DELETE /v2/contacts",
        {"contact_channels": [{"channel_type": "id", "channel_ids": [UUID]}]},
        "ok",
        lambda r: r is None,
    ),
    Case(
        "v2 list",
        lambda c: c.contacts_v2.list(page=2, limit=10, ascending=True),
        "POST /v2/contacts/list",
        {"page": 2, "limit": 10, "ascending": True},
        [contact(9)],
        lambda r: r[0].id == 9,
    ),
    Case(
        "v2 search",
        lambda c: c.contacts_v2.search(phones=["+1 415 555 3434"], emails=["a@b.co"]),
        "POST /v2/contacts/search",
        {
            "contact_channels": [
                {"channel_type": "phone", "channel_ids": ["14155553434"]},
                {"channel_type": "email", "channel_ids": ["a@b.co"]},
            ]
        },
        [contact(4)],
        lambda r: r[0].id == 4,
    ),
]


def test_every_operation_is_covered() -> None:
    expected = {f"{method} {path}" for method, path, _ in operations()}
    routes = {case.route.replace(UUID, "{contactID}") for case in CASES}
    routes = {r.replace("/98765", "/{id}").replace("/7", "/{id}") for r in routes}
    assert routes == expected


def check_request(api: ScriptedAPI, route: str, body: Any) -> None:
    [request] = api.requests
    assert f"{request.method} {request.url.path}" == route
    assert (json.loads(request.content) if request.content else None) == body


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_sync_method_sends_the_documented_request(case: Case) -> None:
    api = ScriptedAPI().on(case.route, json_response(200, case.reply))
    result = case.call(api.client())
    check_request(api, case.route, case.body)
    assert case.check(result)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
@pytest.mark.asyncio
async def test_async_method_sends_the_same_request(case: Case) -> None:
    api = ScriptedAPI().on(case.route, json_response(200, case.reply))
    async with api.async_client() as client:
        pending = case.call(client)
        assert inspect.isawaitable(pending)
        result = await pending
    check_request(api, case.route, case.body)
    assert case.check(result)


def test_update_sends_overwrite_as_a_query_parameter() -> None:
    api = ScriptedAPI().on("PUT /v1/contact/7", json_response(200, {"id": 7, "rev": 3}))
    api.client().contacts.update(7, models.ContactInput(phone="14155553434"), overwrite=True)
    assert api.requests[0].url.params["overwrite"] == "true"


def test_batch_create_chunks_and_reports_failures_by_index() -> None:
    def failures(request: Any) -> Any:
        sent = json.loads(request.content)
        failed = [
            dict(item, error="phone already exists") for item in sent if item["phone"].endswith("3")
        ]
        return json_response(200, failed or "ok")

    api = ScriptedAPI().on("POST /v1/batch/contacts", failures)
    people = [models.ContactInput(phone=f"141555500{i:02d}", first=f"P{i}") for i in range(25)]
    result = api.client().contacts.batch_create(people, chunk_size=10)

    # Chunks are sent concurrently, so in any order.
    assert sorted(len(json.loads(r.content)) for r in api.requests) == [5, 10, 10]
    assert result.submitted == 25
    assert [(f.index, f.reason) for f in result.failed_contacts] == [
        (3, "phone already exists"),
        (13, "phone already exists"),
        (23, "phone already exists"),
    ]
    assert result.failed_contacts[1].contact == people[13]


def test_bulk_upsert_merges_chunks_and_pairs_failures_with_inputs() -> None:
    def reply(request: Any) -> Any:
        sent = json.loads(request.content)["contacts"]
        good = [item for item in sent if item.get("first") != "bad"]
        bad = [item for item in sent if item.get("first") == "bad"]
        return json_response(
            200,
            {
                "contacts": [contact(i + 1) for i in range(len(good))],
                "failed_contacts": [{"contact": item, "error": "invalid"} for item in bad],
            },
        )

    api = ScriptedAPI().on("POST /v2/contacts", reply)
    people = [
        models.ContactInputV2(first="bad" if i == 4 else f"P{i}", contact_channels=[PHONE])
        for i in range(6)
    ]
    result = api.client().contacts_v2.bulk_upsert(people, chunk_size=4)
    assert len(api.requests) == 2
    assert len(result.contacts) == 5
    assert [(f.index, f.reason) for f in result.failed_contacts] == [(4, "invalid")]


def test_models_reexports_what_users_need() -> None:
    for name in ("Contact", "ContactInput", "ContactRef", "ContactStatus", "ContactField", "Note"):
        assert name in models.__all__
        assert hasattr(models, name)


def test_a_duplicate_within_a_batch_is_reported_at_its_own_index() -> None:
    def reply(request: Any) -> Any:
        seen: set[str] = set()
        failed = []
        for item in json.loads(request.content):
            if item["phone"] in seen:
                failed.append(dict(item, error="phone already exists"))
            seen.add(item["phone"])
        return json_response(200, failed or "ok")

    api = ScriptedAPI().on("POST /v1/batch/contacts", reply)
    same = models.ContactInput(phone="14155550100", first="Ada")
    other = models.ContactInput(phone="14155550101")
    result = api.client().contacts.batch_create([same, other, same, same])
    assert [f.index for f in result.failed_contacts] == [2, 3]
