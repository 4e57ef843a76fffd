"""Bad input is refused before anything is sent, with a ValueError naming the argument."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from heymarket_typed import models
from heymarket_typed._validation import phone
from tests.helpers import ScriptedAPI, json_response
from tests.tally import tally

Input = models.ContactInput
InputV2 = models.ContactInputV2
UUID = "a1b2c3d4-e5f6-7890-abcd-ef1234567890"
NO_PHONE: Any = None


def v2(**fields: Any) -> models.ContactInputV2:
    fields.setdefault("contact_channels", [models.ChannelInput("phone", "14155553434")])
    return models.ContactInputV2(**fields)


@pytest.mark.parametrize(
    ("given", "sent"),
    [
        ("+1 (415) 555-3434", "14155553434"),
        ("14155553434", "14155553434"),
        ("(415) 555-3434", "14155553434"),
        ("415.555.3434", "14155553434"),
        ("+44 20 7946 0958", "442079460958"),
        ("+61 2 9876 5432", "61298765432"),
        (" 1 415 555 3434 ", "14155553434"),
    ],
)
def test_phones_are_normalised_to_e164_digits(given: str, sent: str) -> None:
    assert phone(given, "phone") == sent


def test_normalised_phone_is_what_is_sent_and_the_input_is_not_changed() -> None:
    api = ScriptedAPI().on("POST /v1/contact", json_response(200, {"id": 1, "rev": 1}))
    given = Input(phone="+1 (415) 555-3434")
    api.client().contacts.create(given)
    assert api.bodies() == [{"phone": "14155553434"}]
    assert given.phone == "+1 (415) 555-3434"


def catalogue() -> list[tuple[str, str, Callable[[Any], object]]]:
    """(case, the argument the error must name, the call).

    The calls take the client as `Any`: they pass what a caller without a type checker might.
    """
    c: list[tuple[str, str, Callable[[Any], object]]] = [
        ("phone with letters", "phone", lambda h: h.contacts.find(phone="415-CALL-NOW")),
        ("phone too short", "phone", lambda h: h.contacts.find(phone="1234567")),
        ("phone too long", "phone", lambda h: h.contacts.find(phone="+1234567890123456")),
        ("phone empty", "phone", lambda h: h.contacts.find(phone="")),
        ("phone not a string", "phone", lambda h: h.contacts.get_status(phone=14155553434)),
        ("phone with unicode digits", "phone", lambda h: h.contacts.find(phone="١٤١٥٥٥٥٣٤٣٤")),
        ("id negative", "id", lambda h: h.contacts.get(-5)),
        ("id zero", "id", lambda h: h.contacts.delete(0)),
        ("id bool", "id", lambda h: h.contacts.get(True)),
        ("id str", "id", lambda h: h.contacts.get("98765")),
        ("id float", "id", lambda h: h.contacts.update(1.5, Input(phone="14155553434"))),
        ("find with neither", "phone or id", lambda h: h.contacts.find()),
        ("find with both", "phone or id", lambda h: h.contacts.find(phone="14155553434", id=1)),
        ("status with neither", "phone or id", lambda h: h.contacts.get_status()),
        ("set_status with neither", "phone or id", lambda h: h.contacts.set_status("blocked")),
        ("unknown status", "status", lambda h: h.contacts.set_status("paused", id=1)),
        ("iter page_size 0", "page_size", lambda h: h.contacts.iter(page_size=0)),
        ("iter page_size 101", "page_size", lambda h: h.contacts.iter(page_size=101)),
        ("v2 iter page_size 101", "page_size", lambda h: h.contacts_v2.iter(page_size=101)),
        ("v1 list limit 101", "limit", lambda h: h.contacts.list(limit=101)),
        ("v2 list limit 0", "limit", lambda h: h.contacts_v2.list(limit=0)),
        ("v2 list limit over 100", "limit", lambda h: h.contacts_v2.list(limit=500)),
        ("v2 list negative page", "page", lambda h: h.contacts_v2.list(page=-1)),
        ("max_items negative", "max_items", lambda h: h.contacts.iter(max_items=-1)),
        ("v2 max_items negative", "max_items", lambda h: h.contacts_v2.iter(max_items=-3)),
        ("concurrency 0", "concurrency", lambda h: h.contacts_v2.iter(concurrency=0)),
        (
            "six tags",
            "contact.tags",
            lambda h: h.contacts.create(
                Input(phone="14155553434", tags=[models.TagRef(i) for i in range(6)])
            ),
        ),
        (
            "custom key is a title",
            "contact.custom",
            lambda h: h.contacts.create(
                Input(phone="14155553434", custom=models.CustomFields.from_dict({"Plan": "Gold"}))
            ),
        ),
        (
            "v1 contact without phone",
            "contact.phone",
            lambda h: h.contacts.create(Input(phone=NO_PHONE)),
        ),
        (
            "v1 contact with bad phone",
            "contact.phone",
            lambda h: h.contacts.update(1, Input(phone="abc")),
        ),
        ("not a ContactInput", "contact", lambda h: h.contacts.create({"phone": "14155553434"})),
        (
            "overwrite not a bool",
            "overwrite",
            lambda h: h.contacts.update(1, Input(phone="14155553434"), overwrite="yes"),
        ),
        ("malformed v2 UUID", "contact_id", lambda h: h.contacts_v2.get("not-a-uuid")),
        ("v1 id as v2 id", "contact_id", lambda h: h.contacts_v2.delete("98765")),
        (
            "v2 create without channels",
            "contact.contact_channels",
            lambda h: h.contacts_v2.create(InputV2(first="No channel")),
        ),
        (
            "v2 bad channel phone",
            "contact.contact_channels[0].channel_id",
            lambda h: h.contacts_v2.create(
                v2(contact_channels=[models.ChannelInput("phone", "nope")])
            ),
        ),
        (
            "v2 bad contact_id in upsert",
            "contacts[0].contact_id",
            lambda h: h.contacts_v2.bulk_upsert([v2(contact_id="x")]),
        ),
        ("empty search", "phones or emails", lambda h: h.contacts_v2.search()),
        (
            "search phones as one string",
            "phones",
            lambda h: h.contacts_v2.search(phones="14155553434"),
        ),
        (
            "search email without @",
            "emails[0]",
            lambda h: h.contacts_v2.search(emails=["help.heymarket.com"]),
        ),
        (
            "search bad phone",
            "phones[1]",
            lambda h: h.contacts_v2.search(phones=["14155553434", "12"]),
        ),
        (
            "naive updated_after",
            "updated_after",
            lambda h: h.contacts.count(updated_after=datetime(2024, 1, 1)),
        ),
        (
            "unparsable updated_after",
            "updated_after",
            lambda h: h.contacts_v2.iter(updated_after="last tuesday"),
        ),
        (
            "updated_after without zone",
            "updated_after",
            lambda h: h.contacts.count(updated_after="2024-01-01T00:00:00"),
        ),
        ("v1 list date unparsable", "date", lambda h: h.contacts.list(date="yesterday")),
        ("empty batch", "contacts", lambda h: h.contacts.batch_create([])),
        (
            "batch bad contact in the middle",
            "contacts[2].phone",
            lambda h: h.contacts.batch_create(
                [
                    Input(phone="14155550001"),
                    Input(phone="14155550002"),
                    Input(phone="call me"),
                    Input(phone="14155550004"),
                ]
            ),
        ),
        (
            "batch of dicts",
            "contacts[0]",
            lambda h: h.contacts.batch_create([{"phone": "14155553434"}]),
        ),
        (
            "batch chunk_size 0",
            "chunk_size",
            lambda h: h.contacts.batch_create([Input(phone="14155553434")], chunk_size=0),
        ),
        ("empty bulk upsert", "contacts", lambda h: h.contacts_v2.bulk_upsert([])),
        (
            "bulk upsert bad one in the middle",
            "contacts[1].tags",
            lambda h: h.contacts_v2.bulk_upsert(
                [v2(), v2(tags=[models.TagRef(i) for i in range(7)])]
            ),
        ),
        ("empty bulk delete", "contact_ids", lambda h: h.contacts_v2.bulk_delete([])),
        (
            "bulk delete with a bad UUID",
            "contact_ids[1]",
            lambda h: h.contacts_v2.bulk_delete([UUID, "nope"]),
        ),
        ("bulk delete one string", "contact_ids", lambda h: h.contacts_v2.bulk_delete(UUID)),
    ]
    return c


CASES = catalogue()


def test_the_catalogue_is_large() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize(("case", "argument", "call"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_raises_value_error_naming_the_argument_and_sends_nothing(
    case: str, argument: str, call: Callable[[Any], object]
) -> None:
    api = ScriptedAPI()
    with pytest.raises(ValueError, match=re.escape(argument)):
        call(api.client())
    assert api.requests == [], case
    tally("bad inputs")
