"""Every public method of `Heymarket` against `prism mock`: the SDK sends what the document says.

Prism validates each request against the document and flags a violation in the
`sl-violations` header (or refuses the request with a problem document of its own). The mock
answers from the document's examples, or from its schemas where there is none.

Only violations located in the request are the SDK's. In mock mode Prism also validates the
bodies it made up itself, and its static generator ignores `propertyNames` (and, in a bulk
upsert's failed contact, `pattern`): a generated `Contact` carries `custom: {"property1": ...}`,
which breaks `CustomFields` (keys are numeric field IDs). Those response-side entries describe
Prism's mock, not the SDK, so they are ignored here; `test_prism_proxy.py` checks responses,
from the sandbox, with no such exemption.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import pytest

from heymarket_typed import Heymarket, errors, models
from heymarket_typed._resources import Contacts, ContactsV2
from tests.contract.exchanges import Recorder, recording_client, request_violations
from tests.openapi_document import operations
from tests.tally import tally

CONTACT_ID = UUID("a1b2c3d4-e5f6-7890-abcd-ef1234567890")
OTHER_ID = "0b9a7c55-8d1e-4f2a-9c3b-6e5d4c3b2a10"  # the SDK takes UUIDs and strings alike
CUSTOM = models.CustomFields.from_dict({"123": "Premium", "124": 3, "125": True, "126": None})

# Every field of the input models, so each one's serialisation is checked against the document.
FULL_INPUT = models.ContactInput(
    phone="+1 (415) 555-3434",
    first="Ada",
    last="Lovelace",
    display_name="Ada L.",
    email="ada@example.com",
    avatar="https://example.com/ada.png",
    custom=CUSTOM,
    assignee_id=-1,
    tags=[models.TagRef(tag_id=42), models.TagRef(tag_id=43)],
    is_opted_out=False,
    email_suppressions=[7],
)
FULL_INPUT_V2 = models.ContactInputV2(
    contact_channels=[
        models.ChannelInput(channel_type="phone", channel_id="+1 415 555 3434"),
        models.ChannelInput(
            channel_type="email",
            channel_id="ada@example.com",
            channel_ids=["ada@example.com"],
            channel_handle="ada",
            info_channel="work",
        ),
    ],
    phone="14155553434",
    first="Ada",
    last="Lovelace",
    display_name="Ada L.",
    email="ada@example.com",
    avatar="https://example.com/ada.png",
    custom=CUSTOM,
    assignee_id=7,
    tags=[models.TagRef(tag_id=42)],
    is_opted_out=True,
    email_suppressions=[7, 8],
)
PHONE_ONLY_V2 = models.ContactInputV2(
    contact_channels=[models.ChannelInput(channel_type="phone", channel_id="14155550101")]
)


@dataclass(frozen=True)
class Case:
    """One call of one public method, the operations it must reach, and a check of the result."""

    name: str
    method: str  # "contacts.create", "contacts_v2.iter", ...
    call: Callable[[Heymarket], Any]
    routes: frozenset[str]
    check: Callable[[Any], bool]


def case(
    name: str,
    method: str,
    call: Callable[[Heymarket], Any],
    check: Callable[[Any], bool],
    *routes: str,
) -> Case:
    return Case(name, method, call, frozenset(routes), check)


def is_contacts(result: Any) -> bool:
    return isinstance(result, list) and all(isinstance(c, models.Contact) for c in result)


V1_ID = "GET /v1/contact/{id}"
V2_ID = "GET /v2/contact/{contactID}"
CASES = [
    case(
        "create",
        "contacts.create",
        lambda c: c.contacts.create(FULL_INPUT),
        lambda r: isinstance(r, models.ContactRef),
        "POST /v1/contact",
    ),
    case(
        "get",
        "contacts.get",
        lambda c: c.contacts.get(98765),
        lambda r: isinstance(r, models.Contact) and r.id == 98765,
        V1_ID,
    ),
    case(
        "update with overwrite",
        "contacts.update",
        lambda c: c.contacts.update(98765, FULL_INPUT, overwrite=True),
        lambda r: isinstance(r, models.ContactRef),
        "PUT /v1/contact/{id}",
    ),
    case(
        "delete",
        "contacts.delete",
        lambda c: c.contacts.delete(98765),
        lambda r: r is None,
        "DELETE /v1/contact/{id}",
    ),
    case(
        "find by phone",
        "contacts.find",
        lambda c: c.contacts.find(phone="+1 415 555 3434"),
        lambda r: isinstance(r, models.Contact),
        "POST /v1/contact/get",
    ),
    case(
        "find by id",
        "contacts.find",
        lambda c: c.contacts.find(id=98765),
        lambda r: isinstance(r, models.Contact),
        "POST /v1/contact/get",
    ),
    case(
        "count updated after",
        "contacts.count",
        lambda c: c.contacts.count(updated_after=datetime(2024, 6, 1, 12, tzinfo=UTC)),
        lambda r: r == 1042,
        "POST /v1/contacts/count",
    ),
    case(
        "list from a cursor",
        "contacts.list",
        lambda c: c.contacts.list(date="2024-06-01T12:00:00.123456789Z", limit=5, ascending=True),
        is_contacts,
        "POST /v1/contacts",
    ),
    case(
        "iter",
        "contacts.iter",
        lambda c: list(c.contacts.iter(page_size=5, max_items=10, ascending=True)),
        is_contacts,
        "POST /v1/contacts",
    ),
    case(
        "get_status by id",
        "contacts.get_status",
        lambda c: c.contacts.get_status(id=98765),
        lambda r: isinstance(r, models.ContactStatus),
        "POST /v1/contact/status",
    ),
    case(
        "get_status by phone",
        "contacts.get_status",
        lambda c: c.contacts.get_status(phone="15105553344"),
        lambda r: isinstance(r, models.ContactStatus),
        "POST /v1/contact/status",
    ),
    case(
        "set_status by phone",
        "contacts.set_status",
        lambda c: c.contacts.set_status("unsubscribed", phone="15105553344"),
        lambda r: r is None,
        "POST /v1/contact/set_status",
    ),
    case(
        "set_status by id",
        "contacts.set_status",
        lambda c: c.contacts.set_status("blocked", id=98765),
        lambda r: r is None,
        "POST /v1/contact/set_status",
    ),
    case(
        "batch_create with overwrite",
        "contacts.batch_create",
        lambda c: c.contacts.batch_create(
            [FULL_INPUT, models.ContactInput(phone="14155550101")], overwrite=True
        ),
        lambda r: isinstance(r, models.BatchCreateResult) and r.submitted == 2,
        "POST /v1/batch/contacts",
    ),
    case(
        "list_fields",
        "contacts.list_fields",
        lambda c: c.contacts.list_fields(),
        lambda r: [f.title for f in r] == ["Plan"],
        "POST /v1/contact-fields",
    ),
    case(
        "v2 create",
        "contacts_v2.create",
        lambda c: c.contacts_v2.create(FULL_INPUT_V2),
        lambda r: isinstance(r, models.ContactRef),
        "POST /v2/contact",
    ),
    case(
        "v2 get",
        "contacts_v2.get",
        lambda c: c.contacts_v2.get(CONTACT_ID),
        lambda r: isinstance(r, models.Contact),
        V2_ID,
    ),
    case(
        "v2 update",
        "contacts_v2.update",
        lambda c: c.contacts_v2.update(CONTACT_ID, FULL_INPUT_V2),
        lambda r: isinstance(r, models.Contact),
        "PUT /v2/contact/{contactID}",
    ),
    case(
        "v2 delete",
        "contacts_v2.delete",
        lambda c: c.contacts_v2.delete(CONTACT_ID),
        lambda r: r is None,
        "DELETE /v2/contact/{contactID}",
    ),
    case(
        "v2 bulk_upsert creates and updates",
        "contacts_v2.bulk_upsert",
        lambda c: c.contacts_v2.bulk_upsert(
            [PHONE_ONLY_V2, models.ContactInputV2(contact_id=CONTACT_ID, display_name="Renamed")]
        ),
        lambda r: isinstance(r, models.BulkUpsertResult),
        "POST /v2/contacts",
    ),
    case(
        "v2 bulk_delete",
        "contacts_v2.bulk_delete",
        lambda c: c.contacts_v2.bulk_delete([CONTACT_ID, OTHER_ID]),
        lambda r: r is None,
        "DELETE /v2/contacts",
    ),
    case(
        "v2 list",
        "contacts_v2.list",
        lambda c: c.contacts_v2.list(
            page=1, limit=100, updated_after="2024-06-01T12:00:00Z", ascending=True
        ),
        is_contacts,
        "POST /v2/contacts/list",
    ),
    case(
        "v2 iter",
        "contacts_v2.iter",
        lambda c: list(
            c.contacts_v2.iter(
                page_size=5, max_items=10, updated_after=datetime(2024, 6, 1, tzinfo=UTC)
            )
        ),
        is_contacts,
        # Newest first: down the v1 cursor (v2 has no "updated before"), then v2's catch-up.
        "POST /v1/contacts",
        "POST /v2/contacts/list",
    ),
    case(
        "v2 search by phone and email",
        "contacts_v2.search",
        lambda c: c.contacts_v2.search(phones=["+1 415 555 3434"], emails=["ada@example.com"]),
        is_contacts,
        "POST /v2/contacts/search",
    ),
]


def public_methods() -> set[str]:
    return {
        f"{surface}.{name}"
        for surface, cls in (("contacts", Contacts), ("contacts_v2", ContactsV2))
        for name, _ in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_")
    }


@pytest.fixture
def client(prism_mock: str, recorder: Recorder) -> Iterator[Heymarket]:
    with recording_client(prism_mock, recorder) as client:
        yield client


def test_the_cases_call_every_public_method() -> None:
    """A method added to the SDK without a case here would go unchecked."""
    methods = public_methods()
    assert len(methods) == 21
    assert {c.method for c in CASES} == methods


def test_the_cases_reach_every_operation_of_the_document() -> None:
    expected = {f"{method} {path}" for method, path, _ in operations()}
    assert set().union(*(c.routes for c in CASES)) == expected


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_sdk_sends_requests_the_document_allows(
    case: Case, client: Heymarket, recorder: Recorder
) -> None:
    result = case.call(client)
    exchanges = recorder.take()
    tally("prism mock requests checked", len(exchanges))
    assert exchanges, "the method sent no request"
    assert {e.route for e in exchanges} == case.routes
    flagged = [e.describe() for e in exchanges if request_violations(e)]
    assert not flagged, "Prism found requests the document forbids:\n" + "\n".join(flagged)
    assert case.check(result), result


def test_prism_flags_a_request_the_document_forbids(client: Heymarket, recorder: Recorder) -> None:
    """The check can fail: a phone of two digits breaks `ContactInput.phone`'s pattern.

    Sent through `client.api`'s httpx client, past the SDK's own argument checks, and read
    from the same recorder as the cases above: if this test passes, theirs can fail.
    """
    with pytest.raises(errors.BadRequestError):
        client.api.get_httpx_client().post("/v1/contact", json={"phone": "12"})
    [exchange] = recorder.take()
    tally("prism mock requests checked", 1)
    [violation] = request_violations(exchange)
    assert violation["location"] == ["request", "body", "phone"]
    assert violation["code"] == "pattern"
