"""`FakeHeymarket` itself: seeding, direct data access, determinism and settings."""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import httpx
import pytest

from heymarket_typed.testing import SANDBOX_API_KEY, FakeHeymarket, Fault, Quota
from tests.testing.conftest import BASE_URL, Clock, bearer, make_token


def first_responses(fake: FakeHeymarket) -> list[tuple[str, object]]:
    with httpx.Client(
        transport=fake.transport(), base_url=BASE_URL, headers=bearer(make_token())
    ) as http:
        return [
            (response.headers["x-request-id"], response.json())
            for response in (
                http.post("/v1/contact", json={"phone": "15105553344"}),
                http.post(
                    "/v2/contact",
                    json={"contact_channels": [{"channel_type": "email", "channel_id": "a@b.co"}]},
                ),
                http.post("/v1/contacts", json={}),
            )
        ]


def test_the_same_seed_gives_the_same_ids_uuids_and_request_ids() -> None:
    one = first_responses(FakeHeymarket(seed=7, clock=Clock()))
    two = first_responses(FakeHeymarket(seed=7, clock=Clock()))

    assert one == two


def test_another_seed_gives_other_uuids_and_request_ids() -> None:
    one = first_responses(FakeHeymarket(seed=7, clock=Clock()))
    two = first_responses(FakeHeymarket(seed=8, clock=Clock()))

    assert one[0][0] != two[0][0]
    assert one[0][1] != two[0][1]


def test_seeding_200_000_contacts_and_listing_pages(clock: Clock) -> None:
    """200,000 contacts page correctly (how fast is `make bench`'s business, not a test's)."""
    fake = FakeHeymarket(clock=clock)
    fake.seed(200_000)
    with httpx.Client(
        transport=fake.transport(), base_url=BASE_URL, headers=bearer(make_token())
    ) as http:
        page = http.post("/v1/contacts", json={"limit": 100}).json()
        middle = http.post("/v2/contacts/list", json={"limit": 100, "page": 1000}).json()
        count = http.post("/v1/contacts/count", json={}).json()

    assert [c["id"] for c in page[:2]] == [201_000, 200_999]
    assert middle[0]["id"] == 201_000 - 100_000
    assert count == "200000"


def test_seeded_contacts_get_consecutive_phones_and_their_own_timestamps(clock: Clock) -> None:
    fake = FakeHeymarket(clock=clock)
    fake.seed(3, phone_start=14155550000)

    contacts = fake.contacts()

    assert [c["phone"] for c in contacts] == ["14155550000", "14155550001", "14155550002"]
    assert contacts[0]["updated"] == "2024-06-01T12:00:00.000000000Z"
    assert contacts[0]["updated"] < contacts[1]["updated"] < contacts[2]["updated"]


def test_seeding_with_one_updated_value_shares_it(clock: Clock) -> None:
    fake = FakeHeymarket(clock=clock)
    fake.seed(4, updated="2024-05-01T00:00:00Z")

    assert {c["updated"] for c in fake.contacts()} == {"2024-05-01T00:00:00Z"}


def test_add_contact_keeps_given_fields_and_defaults_the_rest(fake: FakeHeymarket) -> None:
    added = fake.add_contact(
        id=98765,
        phone="15105553344",
        first="API",
        last="Contact",
        updated="2024-06-01T12:00:00Z",
        external_id="crm-1",
    )

    assert added["id"] == 98765
    assert added["display_name"] == "API Contact"
    assert added["updated"] == added["created"] == "2024-06-01T12:00:00Z"
    assert added["external_id"] == "crm-1"
    assert added["rev"] == 1
    assert fake.add_contact(phone="15105553345")["id"] == 98766


def test_add_contact_returns_and_contacts_lists_copies(fake: FakeHeymarket) -> None:
    added = fake.add_contact(phone="15105553344", custom={"1": "x"})
    added["custom"]["1"] = "changed"
    fake.contacts()[0]["custom"]["1"] = "changed"

    assert fake.contacts()[0]["custom"] == {"1": "x"}


def test_add_contact_refuses_a_taken_id_or_a_bad_timestamp(fake: FakeHeymarket) -> None:
    fake.add_contact(id=5, phone="15105553344")

    with pytest.raises(ValueError, match="id"):
        fake.add_contact(id=5, phone="15105553345")
    with pytest.raises(ValueError, match="RFC 3339"):
        fake.add_contact(phone="15105553345", updated="June 1st")


@pytest.mark.parametrize(
    "build",
    [
        lambda: FakeHeymarket(latency=-1.0),
        lambda: FakeHeymarket(rate_limit=0.0),
        lambda: FakeHeymarket(rate_limit=1.0, burst=0.5),
    ],
    ids=["negative latency", "zero rate", "burst below one"],
)
def test_unusable_settings_are_refused(build: Callable[[], FakeHeymarket]) -> None:
    with pytest.raises(ValueError, match="must"):
        build()


@pytest.mark.parametrize(
    ("options", "error", "argument"),
    [
        ({"latency": math.nan}, ValueError, "latency"),
        ({"latency": math.inf}, ValueError, "latency"),
        ({"latency": -0.1}, ValueError, "latency"),
        ({"latency": "0.1"}, TypeError, "latency"),
        ({"clock_offset": math.nan}, ValueError, "clock_offset"),
        ({"visibility_delay": math.nan}, ValueError, "visibility_delay"),
        ({"rate_limit": "20"}, TypeError, "rate_limit"),
        ({"rate_limit": math.nan}, ValueError, "rate_limit"),
        ({"burst": 3}, ValueError, "burst and window need a rate_limit"),
        ({"window": "fixed"}, ValueError, "burst and window need a rate_limit"),
        ({"rate_limit": Quota(20), "burst": 3}, ValueError, "a Quota has its own"),
    ],
)
def test_a_sandbox_argument_out_of_range_is_refused_naming_it(
    options: dict[str, Any], error: type[Exception], argument: str
) -> None:
    with pytest.raises(error, match=argument):
        FakeHeymarket(**options)


@pytest.mark.parametrize(
    ("options", "error", "argument"),
    [
        ({"status": 99}, ValueError, "status"),
        ({"status": 600}, ValueError, "status"),
        ({"status": True}, TypeError, "status"),
        ({"status": "503"}, TypeError, "status"),
        ({"delay": -1}, ValueError, "delay"),
        ({"delay": math.nan}, ValueError, "delay"),
    ],
)
def test_a_fault_out_of_range_is_refused_naming_it(
    options: dict[str, Any], error: type[Exception], argument: str
) -> None:
    with pytest.raises(error, match=argument):
        Fault(**options)


@pytest.mark.parametrize(("n", "error"), [(-1, ValueError), ("5", TypeError), (2.0, TypeError)])
def test_seeding_a_count_that_is_not_one_is_refused_naming_it(
    n: object, error: type[Exception]
) -> None:
    with pytest.raises(error, match="n must"):
        FakeHeymarket().seed(n)  # type: ignore[arg-type]


def test_a_sandbox_takes_any_real_number_where_it_takes_seconds_or_a_rate() -> None:
    fake = FakeHeymarket(
        latency=Fraction(1, 100),  # type: ignore[arg-type]  # typed float, as most callers pass
        rate_limit=Fraction(20),  # type: ignore[arg-type]
        clock_offset=-5,
    )
    http = httpx.Client(transport=fake.transport(), base_url=BASE_URL)
    answer = http.post("/v1/contacts/count", headers={"Authorization": f"Bearer {SANDBOX_API_KEY}"})
    assert answer.status_code == 200
