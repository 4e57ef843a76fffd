"""The bad-input catalogue: inputs from public bug reports of comparable SDKs, tried as a new user
would, each refused before anything is sent.

Every input runs on `Heymarket` and on `AsyncHeymarket` against the sandbox, whose recorder must
show no request. A wrong type raises `TypeError`, a wrong value `ValueError`, naming the argument.
The calls take the client as `Any`: they pass what a caller without a type checker might.
"""

from __future__ import annotations

import asyncio
import base64
import functools
import inspect
import math
import re
import zlib
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import httpx
import pytest

from heymarket_typed import AsyncHeymarket, Heymarket, models
from heymarket_typed.testing import SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, FakeHeymarket
from tests.helpers import BASE_URL, FakeClock, InstantClock, clocked
from tests.tally import tally

Input = models.ContactInput
InputV2 = models.ContactInputV2
Channel = models.ChannelInput
UUID = "a1b2c3d4-e5f6-7890-abcd-ef1234567890"
NO_PHONE: Any = None
LONE = "Trunc\ud83d"
"""A string ending in half a surrogate pair: Python holds it, UTF-8 (and so JSON) cannot."""


class World:
    """The sandbox, and clients of one kind (sync or async) bound to it."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.fake = FakeHeymarket()
        self.client = self.make()

    def make(self, **options: Any) -> Any:
        options = {
            "secret_id": SANDBOX_SECRET_ID,
            "secret_key": SANDBOX_SECRET_KEY,
            "requests_per_minute": None,
            **options,
        }
        if self.kind == "sync":
            http = httpx.Client(transport=self.fake.transport(), base_url=BASE_URL)
            return clocked(Heymarket, FakeClock(), http_client=http, **options)
        ahttp = httpx.AsyncClient(transport=self.fake.async_transport(), base_url=BASE_URL)
        return clocked(AsyncHeymarket, FakeClock(), http_client=ahttp, **options)


@dataclass(frozen=True)
class Case:
    name: str
    raises: type[Exception]
    argument: str
    """What the message must name."""
    call: Callable[[World], object]


def v(name: str, argument: str, call: Callable[[Any], object]) -> Case:
    """A wrong value, tried on the world's client."""
    return Case(name, ValueError, argument, lambda w: call(w.client))


def t(name: str, argument: str, call: Callable[[Any], object]) -> Case:
    """A wrong type, tried on the world's client."""
    return Case(name, TypeError, argument, lambda w: call(w.client))


def made(name: str, raises: type[Exception], argument: str, **options: Any) -> Case:
    """A client built with these options."""
    return Case(name, raises, argument, lambda w: w.make(**options))


def loose(value: object) -> Any:
    """`value`, typed so that mypy lets a test pass it where another type is expected."""
    return value


def v2(**fields: Any) -> models.ContactInputV2:
    fields.setdefault("contact_channels", [Channel("phone", "14155553434")])
    return models.ContactInputV2(**fields)


def with_extra(model: Any, **extra: Any) -> Any:
    for key, value in extra.items():
        model[key] = value
    return model


def custom(values: dict[str, Any]) -> models.CustomFields:
    fields = models.CustomFields()
    fields.additional_properties = dict(values)
    return fields


def batch_with(index: int, bad: models.ContactInput, n: int = 150) -> list[models.ContactInput]:
    contacts = [Input(phone=f"1415555{i:04d}", first=f"P{i}") for i in range(n)]
    contacts[index] = bad
    return contacts


def phones_cases() -> list[Case]:
    """Phones that cannot be one person's number (see `_phones` for the rule)."""
    return [
        v("phone with letters", "phone", lambda h: h.contacts.find(phone="415-CALL-NOW")),
        v("phone too short", "phone", lambda h: h.contacts.find(phone="1234567")),
        v("phone too long", "phone", lambda h: h.contacts.find(phone="+1234567890123456")),
        v("phone empty", "phone", lambda h: h.contacts.find(phone="")),
        t("phone not a string", "phone", lambda h: h.contacts.get_status(phone=14155553434)),
        v("phone with unicode digits", "phone", lambda h: h.contacts.find(phone="١٤١٥٥٥٥٣٤٣٤")),
        v(
            "phone with a fullwidth plus",
            "phone",
            lambda h: h.contacts.find(phone="\uff0b14155553434"),
        ),
        v(
            "phone with an extension",
            "phone",
            lambda h: h.contacts.find(phone="+1 415 555 3434 x12"),
        ),
        v("phone with a plus inside", "phone", lambda h: h.contacts.find(phone="1+4155553434")),
        v("phone plus alone", "phone", lambda h: h.contacts.find(phone="+")),
        v("phone unknown country code", "phone", lambda h: h.contacts.find(phone="+999 1234 5678")),
        v("phone +1 one digit short", "phone", lambda h: h.contacts.find(phone="+1 415 555 343")),
        v("phone +1 one digit long", "phone", lambda h: h.contacts.find(phone="1415555343412")),
        v("phone US area code 0", "phone", lambda h: h.contacts.find(phone="(015) 555-3434")),
        v("phone 0 after +34", "phone", lambda h: h.contacts.find(phone="+34 0912 345 678")),
        v("phone (0) after +39", "phone", lambda h: h.contacts.find(phone="+39 (0)6 1234 5678")),
        v("phone (0) mid-number", "phone", lambda h: h.contacts.find(phone="+44 20 (0)7946 0018")),
        v("phone trunk 0 in the US", "phone", lambda h: h.contacts.find(phone="020 7946 0018")),
        v(
            "search phone of one digit",
            "phones[1]",
            lambda h: h.contacts_v2.search(phones=["+44 20 7946 0018", "0"]),
        ),
        Case(
            "national number and no default region",
            ValueError,
            "default_phone_region",
            lambda w: w.make(default_phone_region=None).contacts.find(phone="020 7946 0018"),
        ),
        Case(
            "national US number and no default region",
            ValueError,
            "phone",
            lambda w: w.make(default_phone_region=None).contacts.find(phone="(415) 555-343"),
        ),
        v(
            "v1 contact with bad phone",
            "contact.phone",
            lambda h: h.contacts.update(1, Input(phone="abc")),
        ),
        t(
            "v1 contact phone an int",
            "contact.phone",
            lambda h: h.contacts.create(Input(loose(14155553434))),
        ),
        v(
            "v2 bad channel phone",
            "contact.contact_channels[0].channel_id",
            lambda h: h.contacts_v2.create(v2(contact_channels=[Channel("phone", "nope")])),
        ),
        v(
            "v2 channel phone with a trunk 0 after +44 (0) and 0",
            "contacts[1].contact_channels[0].channel_id",
            lambda h: h.contacts_v2.bulk_upsert(
                [v2(), v2(contact_channels=[Channel("phone", "+44 (0)020 7946 0018")])]
            ),
        ),
        v(
            "search bad phone",
            "phones[1]",
            lambda h: h.contacts_v2.search(phones=["14155553434", "12"]),
        ),
        t("search phone an int", "phones[0]", lambda h: h.contacts_v2.search(phones=[14155553434])),
        v(
            "set_status by a phone of no country",
            "phone",
            lambda h: h.contacts.set_status("blocked", phone="+0 415 555 3434"),
        ),
    ]


def timestamp_cases() -> list[Case]:
    """Timestamps outside RFC 3339 `date-time` (at most 9 fractional digits) or naive."""
    return [
        v(
            "basic-format timestamp",
            "updated_after",
            lambda h: h.contacts.count(updated_after="20240601T120000Z"),
        ),
        v(
            "offset without a colon",
            "updated_after",
            lambda h: h.contacts_v2.list(updated_after="2024-06-01T12:00:00+0200"),
        ),
        v(
            "week date",
            "updated_after",
            lambda h: h.contacts_v2.iter(updated_after="2024-W22-6T12:00:00Z"),
        ),
        v("ordinal date", "date", lambda h: h.contacts.list(date="2024-153T12:00:00Z")),
        v(
            "12 fractional digits",
            "date",
            lambda h: h.contacts.list(date="2024-06-01T12:00:00.123456789012Z"),
        ),
        v(
            "an offset with seconds",
            "updated_after",
            lambda h: h.contacts.count(updated_after="2024-06-01T12:00:00+00:19:32"),
        ),
        v("date only", "updated_after", lambda h: h.contacts.count(updated_after="2024-06-01")),
        v("no seconds", "date", lambda h: h.contacts.list(date="2024-06-01T12:00Z")),
        v("empty fraction", "date", lambda h: h.contacts.list(date="2024-06-01T12:00:00.Z")),
        v(
            "space for T",
            "updated_after",
            lambda h: h.contacts_v2.list(updated_after="2024-06-01 12:00:00Z"),
        ),
        v(
            "month 13",
            "updated_after",
            lambda h: h.contacts.count(updated_after="2024-13-01T00:00:00Z"),
        ),
        v("hour 24", "date", lambda h: h.contacts.list(date="2024-06-01T24:00:00Z")),
        v("offset +24:00", "date", lambda h: h.contacts.list(date="2024-06-01T12:00:00+24:00")),
        v(
            "unicode digits",
            "date",
            lambda h: h.contacts.list(date="\uff12\uff10\uff12\uff14-06-01T12:00:00Z"),
        ),
        v("trailing newline", "date", lambda h: h.contacts.list(date="2024-06-01T12:00:00Z\n")),
        v(
            "naive updated_after",
            "updated_after",
            lambda h: h.contacts.count(updated_after=datetime(2024, 1, 1)),
        ),
        v(
            "naive datetime to v2 iter",
            "updated_after",
            lambda h: h.contacts_v2.iter(updated_after=datetime(2024, 1, 1, 12)),
        ),
        v(
            "unparsable updated_after",
            "updated_after",
            lambda h: h.contacts_v2.iter(updated_after="last tuesday"),
        ),
        v(
            "updated_after without zone",
            "updated_after",
            lambda h: h.contacts.count(updated_after="2024-01-01T00:00:00"),
        ),
        v("v1 list date unparsable", "date", lambda h: h.contacts.list(date="yesterday")),
        t("a date, not a datetime", "date", lambda h: h.contacts.list(date=date(2024, 6, 1))),
        t("epoch seconds", "updated_after", lambda h: h.contacts.count(updated_after=1717243200)),
    ]


def unsendable_cases() -> list[Case]:
    """Contacts and strings that UTF-8 JSON cannot carry: refused whole, naming index and field."""
    return [
        v(
            "lone surrogate in contact 120 of 150",
            "contacts[120].first",
            lambda h: h.contacts.batch_create(
                batch_with(120, Input("14155559999", first=LONE)), concurrency=1
            ),
        ),
        v(
            "lone surrogate in a last name",
            "contact.last",
            lambda h: h.contacts.create(Input("14155553434", last="\udc00x")),
        ),
        v(
            "lone surrogate in notes",
            "contact.notes",
            lambda h: h.contacts.update(1, with_extra(Input("14155553434"), notes=LONE)),
        ),
        v(
            "lone surrogate in a custom field",
            "contacts[1].custom['123']",
            lambda h: h.contacts_v2.bulk_upsert([v2(), v2(custom=custom({"123": LONE}))]),
        ),
        v(
            "lone surrogate in a tag",
            "contact.tags[0].name",
            lambda h: h.contacts.create(
                Input("14155553434", tags=[with_extra(models.TagRef(7), name=LONE)])
            ),
        ),
        v(
            "lone surrogate in an email channel",
            "contact.contact_channels[1].channel_id",
            lambda h: h.contacts_v2.update(
                UUID,
                v2(contact_channels=[Channel("phone", "14155553434"), Channel("email", LONE)]),
            ),
        ),
        v(
            "lone surrogate in a v2 display name",
            "contact.display_name",
            lambda h: h.contacts_v2.create(v2(display_name=LONE)),
        ),
        v(
            "NaN in a custom field",
            "contact.custom['5']",
            lambda h: h.contacts.create(Input("14155553434", custom=custom({"5": math.nan}))),
        ),
        v(
            "lone surrogate in a searched email",
            "emails[0]",
            lambda h: h.contacts_v2.search(emails=[f"{LONE}@example.com"]),
        ),
        t(
            "a datetime in an extra field",
            "contact",
            lambda h: h.contacts.create(
                with_extra(Input("14155553434"), seen=datetime(2024, 1, 1))
            ),
        ),
    ]


def type_cases() -> list[Case]:
    """A value of the wrong type: TypeError naming it."""
    return [
        t("id bool", "id", lambda h: h.contacts.get(True)),
        t("id str", "id", lambda h: h.contacts.get("98765")),
        t("id float", "id", lambda h: h.contacts.update(1.5, Input(phone="14155553434"))),
        t("not a ContactInput", "contact", lambda h: h.contacts.create({"phone": "14155553434"})),
        t("v2 model to v1", "contact", lambda h: h.contacts.create(v2())),
        t("dict to v2 update", "contact", lambda h: h.contacts_v2.update(UUID, {"first": "A"})),
        t(
            "batch of dicts",
            "contacts[0]",
            lambda h: h.contacts.batch_create([{"phone": "14155553434"}]),
        ),
        t(
            "batch of one model",
            "contacts",
            lambda h: h.contacts.batch_create(Input("14155553434")),
        ),
        t(
            "first name an int",
            "contact.first",
            lambda h: h.contacts.create(Input("14155553434", first=loose(7))),
        ),
        t(
            "assignee_id a str",
            "contacts[0].assignee_id",
            lambda h: h.contacts_v2.bulk_upsert([v2(assignee_id="7")]),
        ),
        t(
            "is_opted_out a str",
            "contact.is_opted_out",
            lambda h: h.contacts.create(Input("14155553434", is_opted_out=loose("no"))),
        ),
        t(
            "tags a dict",
            "contact.tags[0]",
            lambda h: h.contacts.create(Input("14155553434", tags=[loose({"tag_id": 1})])),
        ),
        t(
            "custom a dict",
            "contact.custom",
            lambda h: h.contacts.create(Input("14155553434", custom=loose({"1": "x"}))),
        ),
        t(
            "channel a dict",
            "contact.contact_channels[0]",
            lambda h: h.contacts_v2.create(
                InputV2(contact_channels=[loose({"channel_type": "phone"})])
            ),
        ),
        t(
            "overwrite not a bool",
            "overwrite",
            lambda h: h.contacts.update(1, Input("14155553434"), overwrite="yes"),
        ),
        t("ascending a str", "ascending", lambda h: h.contacts.list(ascending="false")),
        t("page_size a str", "page_size", lambda h: h.contacts.iter(page_size="10")),
        t("limit a float", "limit", lambda h: h.contacts_v2.list(limit=10.0)),
        t("page a str", "page", lambda h: h.contacts_v2.list(page="2")),
        t("max_items a str", "max_items", lambda h: h.contacts_v2.iter(max_items="5")),
        t("concurrency None", "concurrency", lambda h: h.contacts_v2.iter(concurrency=None)),
        t(
            "chunk_size a float",
            "chunk_size",
            lambda h: h.contacts.batch_create([Input("14155553434")], chunk_size=1.5),
        ),
        t("v2 id an int", "contact_id", lambda h: h.contacts_v2.get(12345)),
        t("bulk delete an int", "contact_ids[1]", lambda h: h.contacts_v2.bulk_delete([UUID, 5])),
        t("bulk delete one string", "contact_ids", lambda h: h.contacts_v2.bulk_delete(UUID)),
        t("status an int", "status", lambda h: h.contacts.set_status(1, id=1)),
        t(
            "search phones as one string",
            "phones",
            lambda h: h.contacts_v2.search(phones="14155553434"),
        ),
        t("search email None", "emails[0]", lambda h: h.contacts_v2.search(emails=[None])),
    ]


def value_cases() -> list[Case]:
    """The catalogue's first inputs: wrong values of the existing arguments."""
    return [
        v("id negative", "id", lambda h: h.contacts.get(-5)),
        v("id zero", "id", lambda h: h.contacts.delete(0)),
        v("find with neither", "phone or id", lambda h: h.contacts.find()),
        v("find with both", "phone or id", lambda h: h.contacts.find(phone="14155553434", id=1)),
        v("status with neither", "phone or id", lambda h: h.contacts.get_status()),
        v("set_status with neither", "phone or id", lambda h: h.contacts.set_status("blocked")),
        v("unknown status", "status", lambda h: h.contacts.set_status("paused", id=1)),
        v("iter page_size 0", "page_size", lambda h: h.contacts.iter(page_size=0)),
        v("iter page_size 101", "page_size", lambda h: h.contacts.iter(page_size=101)),
        v("v2 iter page_size 101", "page_size", lambda h: h.contacts_v2.iter(page_size=101)),
        v("v1 list limit 101", "limit", lambda h: h.contacts.list(limit=101)),
        v("v2 list limit 0", "limit", lambda h: h.contacts_v2.list(limit=0)),
        v("v2 list limit over 100", "limit", lambda h: h.contacts_v2.list(limit=500)),
        v("v2 list negative page", "page", lambda h: h.contacts_v2.list(page=-1)),
        v("max_items negative", "max_items", lambda h: h.contacts.iter(max_items=-1)),
        v("v2 max_items negative", "max_items", lambda h: h.contacts_v2.iter(max_items=-3)),
        v("concurrency 0", "concurrency", lambda h: h.contacts_v2.iter(concurrency=0)),
        v(
            "six tags",
            "contact.tags",
            lambda h: h.contacts.create(
                Input(phone="14155553434", tags=[models.TagRef(i) for i in range(6)])
            ),
        ),
        v(
            "custom key is a title",
            "contact.custom",
            lambda h: h.contacts.create(
                Input(phone="14155553434", custom=custom({"Plan": "Gold"}))
            ),
        ),
        v(
            "v1 contact without phone",
            "contact.phone",
            lambda h: h.contacts.create(Input(phone=NO_PHONE)),
        ),
        v("malformed v2 UUID", "contact_id", lambda h: h.contacts_v2.get("not-a-uuid")),
        v("v1 id as v2 id", "contact_id", lambda h: h.contacts_v2.delete("98765")),
        v(
            "v2 create without channels",
            "contact.contact_channels",
            lambda h: h.contacts_v2.create(InputV2(first="No channel")),
        ),
        v(
            "v2 bad contact_id in upsert",
            "contacts[0].contact_id",
            lambda h: h.contacts_v2.bulk_upsert([v2(contact_id="x")]),
        ),
        v("empty search", "phones or emails", lambda h: h.contacts_v2.search()),
        v(
            "search email without @",
            "emails[0]",
            lambda h: h.contacts_v2.search(emails=["help.heymarket.com"]),
        ),
        v("search empty email", "emails[0]", lambda h: h.contacts_v2.search(emails=[""])),
        v("empty batch", "contacts", lambda h: h.contacts.batch_create([])),
        v(
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
        v(
            "batch chunk_size 0",
            "chunk_size",
            lambda h: h.contacts.batch_create([Input(phone="14155553434")], chunk_size=0),
        ),
        v("empty bulk upsert", "contacts", lambda h: h.contacts_v2.bulk_upsert([])),
        v(
            "bulk upsert bad one in the middle",
            "contacts[1].tags",
            lambda h: h.contacts_v2.bulk_upsert(
                [v2(), v2(tags=[models.TagRef(i) for i in range(7)])]
            ),
        ),
        v("empty bulk delete", "contact_ids", lambda h: h.contacts_v2.bulk_delete([])),
        v(
            "bulk delete with a bad UUID",
            "contact_ids[1]",
            lambda h: h.contacts_v2.bulk_delete([UUID, "nope"]),
        ),
    ]


def other_http_client(world: World) -> object:
    """A client given the other kind's httpx client (it would fail only at the first request)."""
    if world.kind == "sync":
        return Heymarket(api_key="k", http_client=loose(httpx.AsyncClient()))
    return AsyncHeymarket(api_key="k", http_client=loose(httpx.Client()))


@functools.cache
def checkpoint(surface: str, *, ascending: bool = False, updated_after: str | None = None) -> str:
    """A real checkpoint, taken one contact into an export of another sandbox."""
    fake = FakeHeymarket()
    fake.seed(7)
    http = httpx.Client(transport=fake.transport(), base_url=BASE_URL)
    with clocked(
        Heymarket,
        InstantClock(),
        secret_id=SANDBOX_SECRET_ID,
        secret_key=SANDBOX_SECRET_KEY,
        requests_per_minute=None,
        http_client=http,
    ) as client:
        if surface == "v1":
            export: Any = client.contacts.iter(page_size=2, ascending=ascending)
        else:
            export = client.contacts_v2.iter(
                page_size=2, ascending=ascending, updated_after=updated_after
            )
        next(export)
        return str(export.checkpoint)


def resume_cases() -> list[Case]:
    """`iter(resume=)`: malformed, truncated, altered, or from another export."""

    def v1() -> str:
        return checkpoint("v1")

    def v2_() -> str:
        return checkpoint("v2")

    return [
        v("resume not a checkpoint", "resume", lambda h: h.contacts.iter(resume="page=3")),
        v("resume empty", "resume", lambda h: h.contacts_v2.iter(resume="")),
        v("resume truncated", "resume", lambda h: h.contacts_v2.iter(resume=v2_()[:-9])),
        v(
            "resume with a char appended",
            "resume",
            lambda h: h.contacts_v2.iter(resume=v2_() + "A"),
        ),
        v(
            "resume with a stray char inside",
            "resume",
            lambda h: h.contacts.iter(resume=v1()[:20] + "!" + v1()[20:]),
        ),
        v(
            "resume of a future format",
            "resume",
            lambda h: h.contacts.iter(resume="hmx2." + v1()[5:]),
        ),
        v("resume with non-ASCII", "resume", lambda h: h.contacts.iter(resume=v1() + "é")),
        v("resume from v2 on v1", "resume", lambda h: h.contacts.iter(resume=v2_())),
        v("resume from v1 on v2", "resume", lambda h: h.contacts_v2.iter(resume=v1())),
        v(
            "resume in the other order",
            "resume",
            lambda h: h.contacts.iter(resume=checkpoint("v1", ascending=True)),
        ),
        v(
            "resume with another updated_after",
            "resume",
            lambda h: h.contacts_v2.iter(
                resume=checkpoint("v2", updated_after="2024-01-01T00:00:00Z"),
                updated_after="2024-02-01T00:00:00Z",
            ),
        ),
        v(
            "resume of JSON that is not a position",
            "resume",
            lambda h: h.contacts_v2.iter(
                resume="hmx1." + base64.urlsafe_b64encode(zlib.compress(b'{"v":1}')).decode()
            ),
        ),
        t("resume as bytes", "resume", lambda h: h.contacts_v2.iter(resume=v2_().encode())),
    ]


def call_option_cases() -> list[Case]:
    """Every method's `timeout=` and `extra_headers=`, and `with_options(default_headers=)`."""
    one = [Input("14155553434")]
    eh = "extra_headers"
    return [
        v("call timeout negative", "timeout", lambda h: h.contacts.get(1, timeout=-1)),
        v("call timeout NaN", "timeout", lambda h: h.contacts_v2.iter(timeout=math.nan)),
        v("call timeout zero", "timeout", lambda h: h.contacts_v2.bulk_upsert([v2()], timeout=0)),
        v(
            "call timeout infinite",
            "timeout",
            lambda h: h.contacts_v2.search(phones=["14155553434"], timeout=math.inf),
        ),
        v(
            "call timeout with no read limit",
            "timeout",
            lambda h: h.contacts.count(timeout=httpx.Timeout(5.0, read=None)),
        ),
        t("call timeout a str", "timeout", lambda h: h.contacts.list_fields(timeout="5")),
        t("call timeout True", "timeout", lambda h: h.contacts.delete(1, timeout=True)),
        v(
            "header value with CR LF",
            "extra_headers['X-Trace']",
            lambda h: h.contacts.create(one[0], extra_headers={"X-Trace": "a\r\nX-Evil: 1"}),
        ),
        v(
            "header value with NUL",
            "extra_headers['X-Trace']",
            lambda h: h.contacts_v2.get(UUID, extra_headers={"X-Trace": "a\0b"}),
        ),
        v(
            "header value not ASCII",
            "extra_headers['X-Note']",
            lambda h: h.contacts.find(id=1, extra_headers={"X-Note": "café"}),
        ),
        v(
            "header value with a lone surrogate",
            "extra_headers['X-Note']",
            lambda h: h.contacts.get_status(id=1, extra_headers={"X-Note": LONE}),
        ),
        v(
            "Authorization per call",
            "Authorization",
            lambda h: h.contacts.iter(extra_headers={"Authorization": "Bearer x"}),
        ),
        v(
            "Proxy-Authorization per call",
            "proxy-authorization",
            lambda h: h.contacts.batch_create(one, extra_headers={"proxy-authorization": "x"}),
        ),
        v(
            "Cookie per call",
            "Cookie",
            lambda h: h.contacts_v2.bulk_delete([UUID], extra_headers={"Cookie": "s=1"}),
        ),
        v(
            "Content-Length per call",
            "Content-Length",
            lambda h: h.contacts_v2.list(extra_headers={"Content-Length": "0"}),
        ),
        v(
            "header name with a space",
            "not a valid header name",
            lambda h: h.contacts.set_status("blocked", id=1, extra_headers={"X Note": "a"}),
        ),
        t("header value an int", eh, lambda h: h.contacts.get(1, extra_headers={"X-Retry": 1})),
        t("headers as pairs", eh, lambda h: h.contacts.get(1, extra_headers=[("X-A", "1")])),
        v(
            "default header with CR LF",
            "default_headers",
            lambda h: h.with_options(default_headers={"X-Team": "a\nb"}),
        ),
        v(
            "default Authorization",
            "default_headers",
            lambda h: h.with_options(default_headers={"authorization": "Bearer x"}),
        ),
    ]


def client_cases() -> list[Case]:
    """Constructor arguments (this round's `default_phone_region` among them)."""
    rpm = "requests_per_minute"
    return [
        made("unknown phone region", ValueError, "default_phone_region", default_phone_region="XX"),
        made("phone region by name", ValueError, "'USA'", default_phone_region="USA"),
        made("phone region an int", TypeError, "default_phone_region", default_phone_region=1),
        made("requests_per_minute 0", ValueError, rpm, requests_per_minute=0),
        made("requests_per_minute negative", ValueError, rpm, requests_per_minute=-5),
        made("requests_per_minute NaN", ValueError, rpm, requests_per_minute=math.nan),
        made("requests_per_minute infinite", ValueError, rpm, requests_per_minute=math.inf),
        made("requests_per_minute a str", TypeError, rpm, requests_per_minute="500"),
        made("timeout negative", ValueError, "timeout", timeout=-1),
        made("timeout NaN", ValueError, "timeout", timeout=math.nan),
        made("timeout infinite", ValueError, "timeout", timeout=math.inf),
        made("timeout a str", TypeError, "timeout", timeout="30"),
        made("max_retries negative", ValueError, "max_retries", max_retries=-1),
        made("max_retries a str", TypeError, "max_retries", max_retries="2"),
        made("base_url not http", ValueError, "base_url", base_url="ftp://api.heymarket.com"),
        made("base_url without a host", ValueError, "base_url", base_url="https://"),
        made(
            "base_url with a password",
            ValueError,
            "base_url",
            base_url="https://gateway-user:gateway-pass-123@api.heymarket.com",
        ),
        made(
            "api_key with a line break",
            ValueError,
            "api_key",
            secret_id=None,
            secret_key=None,
            api_key="legacy-team-api-key\n",
        ),
        made("secret_id an int", TypeError, "secret_id", secret_id=1234),
        made(
            "api_key as bytes", TypeError, "api_key", secret_id=None, secret_key=None, api_key=b"k"
        ),
        Case("http_client of the other kind", TypeError, "http_client", other_http_client),
        Case(
            "with_options timeout NaN",
            ValueError,
            "timeout",
            lambda w: w.client.with_options(timeout=math.nan),
        ),
        Case(
            "with_options max_retries a str",
            TypeError,
            "max_retries",
            lambda w: w.client.with_options(max_retries="3"),
        ),
    ]


CASES = [
    *phones_cases(),
    *timestamp_cases(),
    *unsendable_cases(),
    *type_cases(),
    *value_cases(),
    *resume_cases(),
    *call_option_cases(),
    *client_cases(),
]


def test_the_catalogue_is_large_and_its_names_unique() -> None:
    assert len(CASES) >= 90
    assert len({case.name for case in CASES}) == len(CASES)


async def _drive(result: object) -> None:
    """Runs what a call returned far enough to raise: a coroutine, or an iterator's first step."""
    if inspect.isawaitable(result):
        await result
    elif isinstance(result, AsyncIterator):
        await anext(result)
    elif isinstance(result, Iterator):
        next(result)


@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_raises_naming_the_argument_and_sends_nothing(kind: str, case: Case) -> None:
    world = World(kind)
    with pytest.raises(case.raises, match=re.escape(case.argument)):
        asyncio.run(_drive(case.call(world)))
    assert world.fake.requests == [], f"{case.name}: sent before refusing"
    if kind == "sync":
        tally("bad inputs")
