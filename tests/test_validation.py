"""What the checks let through, and how: phones normalised to the number a person meant,
timestamps sent as given, contacts sent whole. (What they refuse: tests/robustness/test_bad_input.)
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from heymarket_typed import models
from heymarket_typed._phones import _NANP_REGIONS, _TRUNK_ZERO_REGIONS, PHONE_REGIONS
from heymarket_typed._validation import phone, timestamp
from tests.helpers import ScriptedAPI, json_response


@pytest.mark.parametrize(
    ("given", "region", "sent"),
    [
        ("+1 (415) 555-3434", "US", "14155553434"),
        ("14155553434", "US", "14155553434"),
        ("14155553434", None, "14155553434"),
        ("(415) 555-3434", "US", "14155553434"),
        ("415.555.3434", "CA", "14155553434"),
        (" 1 415 555 3434 ", "US", "14155553434"),
        ("1 (415) 555-3434", "US", "14155553434"),
        ("+44 20 7946 0958", "US", "442079460958"),
        ("+61 2 9876 5432", "US", "61298765432"),
        # The trunk prefix written for national callers is not part of the number.
        ("+44 (0)20 7946 0018", "US", "442079460018"),
        ("+44 (0) 20 7946 0018", None, "442079460018"),
        ("+44 020 7946 0018", "US", "442079460018"),
        ("+49 (0)30 1234567", "DE", "49301234567"),
        ("4402079460018", None, "442079460018"),
        # In Italy the 0 is part of the number.
        ("+39 06 1234 5678", "US", "390612345678"),
        ("0039 06 1234 5678", "GB", "390612345678"),
        # International prefixes: 00 everywhere, 011 from North America.
        ("0044 20 7946 0018", "US", "442079460018"),
        ("00 1 415 555 3434", "GB", "14155553434"),
        ("011 44 20 7946 0018", "US", "442079460018"),
        # A national number belongs to the default region.
        ("020 7946 0018", "GB", "442079460018"),
        ("(020) 7946 0018", "GB", "442079460018"),
        ("030/1234567", "DE", "49301234567"),
        ("06 12 34 56 78", "FR", "33612345678"),
        ("0412 345 678", "au", "61412345678"),
        ("0113 496 0000", "GB", "441134960000"),
        # Separators phone apps write: no-break and thin spaces, non-breaking hyphens, dashes.
        ("+1\u00a0415\u00a0555\u00a03434", None, "14155553434"),
        ("+44\u202f20\u20097946\u00a00018", None, "442079460018"),
        ("(415)\u00a0555\u20113434", "US", "14155553434"),
        ("+1 415 \u2013 555 \u2212 3434", None, "14155553434"),
        # The API's own form, country code first, stays as it is in any region.
        ("442079460018", "US", "442079460018"),
        ("33612345678", "GB", "33612345678"),
    ],
)
def test_phones_are_normalised_to_the_e164_digits_meant(
    given: str, region: str | None, sent: str
) -> None:
    assert phone(given, "phone", region.upper() if region else None) == sent


@pytest.mark.parametrize(
    ("given", "region", "why"),
    [
        ("020 7946 0018", None, "no default_phone_region"),
        ("020 7946 0018", "US", "never does"),
        ("(20) 7946 0018", "GB", "area code in parentheses"),
        ("(415) 555-3434", None, "national callers"),
        ("+44 (0)020 7946 0018", "US", "trunk prefix"),
        ("+39 (0)6 1234 5678", "US", "always dialled"),
        ("+34 0912 345 678", "US", "a 0 after the country code"),
        ("+999 1234 5678", "US", "country calling code"),
        ("+1 415 555 343", "US", "North American"),
        ("(115) 555-3434", "US", "North American"),
    ],
)
def test_a_phone_that_could_be_someone_elses_is_refused_saying_why(
    given: str, region: str | None, why: str
) -> None:
    with pytest.raises(ValueError, match=why):
        phone(given, "phone", region)


def test_every_region_reads_its_own_national_numbers() -> None:
    for region in PHONE_REGIONS:
        if region in _NANP_REGIONS:
            assert phone("(415) 555-3434", "phone", region) == "14155553434", region
        else:
            code = _TRUNK_ZERO_REGIONS[region]
            assert phone("020 7946 0018", "phone", region) == f"{code}2079460018", region
            assert phone(f"+{code} (0)20 7946 0018", "phone", None) == f"{code}2079460018"


def test_the_clients_default_phone_region_applies_to_every_phone() -> None:
    api = ScriptedAPI()
    api.on("POST /v1/contact", json_response(200, {"id": 1, "rev": 1}))
    api.on("POST /v2/contacts/search", json_response(200, []))
    api.on("POST /v1/contact/get", json_response(200, {"id": 1}))
    client = api.client(default_phone_region="GB")
    client.contacts.create(models.ContactInput(phone="020 7946 0018"))
    client.contacts_v2.search(phones=["07700 900123"])
    client.contacts.find(phone="+1 415 555 3434")
    assert api.bodies()[0] == {"phone": "442079460018"}
    assert api.bodies()[1]["contact_channels"][0]["channel_ids"] == ["447700900123"]
    assert api.bodies()[2] == {"phone": "14155553434"}
    assert client.with_options(max_retries=0)._settings.phone_region == "GB"


def test_an_async_client_takes_default_phone_region_too() -> None:
    api = ScriptedAPI().on("POST /v1/contact/status", json_response(200, {"status": "active"}))

    async def main() -> None:
        async with api.async_client(default_phone_region="de") as client:
            await client.contacts.get_status(phone="0151 23456789")

    asyncio.run(main())
    assert api.bodies() == [{"phone": "4915123456789"}]


def test_normalised_phone_is_what_is_sent_and_the_input_is_not_changed() -> None:
    api = ScriptedAPI().on("POST /v1/contact", json_response(200, {"id": 1, "rev": 1}))
    given = models.ContactInput(phone="+1 (415) 555-3434")
    given["notes"] = "kept"
    api.client().contacts.create(given)
    assert api.bodies() == [{"phone": "14155553434", "notes": "kept"}]
    assert given.phone == "+1 (415) 555-3434"


@pytest.mark.parametrize(
    "given",
    [
        "2024-06-01T12:00:00Z",
        "2024-06-01T12:00:00.123456789Z",
        "2024-06-01T12:00:00.1+05:30",
        "2024-06-01t12:00:00z",
        "2024-06-01T12:00:00-00:00",
        "2024-02-29T23:59:59.999999999-12:00",
    ],
)
def test_an_rfc3339_string_is_sent_exactly_as_given(given: str) -> None:
    assert timestamp(given, "updated_after") == given


@pytest.mark.parametrize(
    ("given", "sent"),
    [
        (datetime(2024, 6, 1, 12, tzinfo=UTC), "2024-06-01T12:00:00Z"),
        (datetime(2024, 6, 1, 12, 0, 0, 5, tzinfo=UTC), "2024-06-01T12:00:00.000005Z"),
        (
            datetime(2024, 6, 1, 12, tzinfo=timezone(timedelta(hours=5, minutes=30))),
            "2024-06-01T12:00:00+05:30",
        ),
        # RFC 3339 has no offset with seconds (Amsterdam's local mean time): sent in UTC.
        (
            datetime(1930, 6, 1, 12, tzinfo=timezone(timedelta(minutes=19, seconds=32))),
            "1930-06-01T11:40:28Z",
        ),
    ],
)
def test_an_aware_datetime_is_sent_as_rfc3339(given: datetime, sent: str) -> None:
    assert timestamp(given, "updated_after") == sent


def test_a_cursor_with_nanoseconds_is_sent_unchanged() -> None:
    api = ScriptedAPI().on("POST /v1/contacts", json_response(200, []))
    api.client().contacts.list(date="2024-06-01T12:00:00.123456789+02:00")
    assert api.bodies() == [{"date": "2024-06-01T12:00:00.123456789+02:00"}]


def test_a_batch_with_an_unsendable_contact_sends_no_chunk() -> None:
    api = ScriptedAPI().on("POST /v1/batch/contacts", json_response(200, "ok"))
    contacts = [models.ContactInput(phone=f"1415555{i:04d}") for i in range(150)]
    contacts[120] = models.ContactInput(phone="14155559999", first="Trunc\ud83d")
    with pytest.raises(ValueError, match=r"contacts\[120\]\.first") as raised:
        api.client().contacts.batch_create(contacts, chunk_size=100, concurrency=1)
    assert api.requests == []
    assert not isinstance(raised.value, UnicodeError)
    assert not getattr(raised.value, "__notes__", None), "no 'may or may not be written' note"


def test_a_sendable_batch_is_sent_whole_with_its_extra_fields() -> None:
    api = ScriptedAPI().on("POST /v1/batch/contacts", json_response(200, "ok"))
    contacts = [models.ContactInput(phone=f"1415555{i:04d}", first="Zoë 🎉") for i in range(3)]
    contacts[1]["notes"] = "n"
    result = api.client().contacts.batch_create(contacts, chunk_size=2, concurrency=1)
    assert result.submitted == 3
    bodies: list[Any] = api.bodies()
    assert [len(b) for b in bodies] == [2, 1]
    assert bodies[0][1] == {"phone": "14155550001", "first": "Zoë 🎉", "notes": "n"}
