"""The eight v2 operations: success and main errors, every response checked by the document."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from heymarket_typed.testing import FakeHeymarket
from tests.testing.test_routes_v1 import assert_error

UNKNOWN_UUID = "a1b2c3d4-e5f6-4890-abcd-ef1234567890"


def channels(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"channel_type": kind, "channel_id": value} for kind, value in pairs]


def create_v2(client: httpx.Client, **fields: Any) -> dict[str, Any]:
    response = client.post("/v2/contact", json=fields)
    assert response.status_code == 200, response.text
    ref: dict[str, Any] = response.json()
    return ref


# POST /v2/contact


def test_create_v2_takes_phone_and_email_from_the_channels(
    client: httpx.Client, fake: FakeHeymarket
) -> None:
    ref = create_v2(
        client,
        first="API",
        contact_channels=channels(("phone", "15105553344"), ("email", "help@heymarket.com")),
    )

    assert set(ref) == {"id", "rev", "uuid"}
    [stored] = fake.contacts()
    assert stored["phone"] == "15105553344"
    assert stored["email"] == "help@heymarket.com"
    assert [(c["channel_type"], c["contact_id"]) for c in stored["contact_channels"]] == [
        ("phone", ref["uuid"]),
        ("email", ref["uuid"]),
    ]


@pytest.mark.parametrize(
    "body",
    [
        {"first": "No channels"},
        {"contact_channels": []},
        {"contact_channels": [{"channel_type": "phone"}]},
        {"contact_channels": channels(("phone", "12"))},
        {"contact_channels": [{"channel_id": "15105553344"}]},
    ],
)
def test_create_v2_needs_valid_channels(
    client: httpx.Client, fake: FakeHeymarket, body: object
) -> None:
    assert_error(client.post("/v2/contact", json=body), 400, "bad_data")
    assert fake.contacts() == []


# GET /v2/contact/{contactID}


def test_get_v2_by_uuid(client: httpx.Client) -> None:
    ref = create_v2(client, contact_channels=channels(("phone", "15105553344")))

    contact = client.get(f"/v2/contact/{ref['uuid']}").json()

    assert contact["id"] == ref["id"]
    assert contact["contact_channels"][0]["channel_id"] == "15105553344"


def test_get_v2_finds_v1_contacts_by_their_uuid(client: httpx.Client) -> None:
    ref = client.post("/v1/contact", json={"phone": "15105553344"}).json()

    assert client.get(f"/v2/contact/{ref['uuid'].upper()}").json()["id"] == ref["id"]


def test_get_v2_unknown_uuid_is_404(client: httpx.Client) -> None:
    assert_error(client.get(f"/v2/contact/{UNKNOWN_UUID}"), 404, "not_found")


@pytest.mark.parametrize("contact_id", ["1001", "not-a-uuid", UNKNOWN_UUID.replace("-", "")])
def test_get_v2_with_a_malformed_uuid_is_400(client: httpx.Client, contact_id: str) -> None:
    assert_error(client.get(f"/v2/contact/{contact_id}"), 400, "bad_data")


# PUT /v2/contact/{contactID}


def test_update_v2_merges_and_returns_the_whole_contact(client: httpx.Client) -> None:
    ref = create_v2(
        client,
        first="Ada",
        custom={"1": "x"},
        contact_channels=channels(("phone", "15105553344")),
    )

    updated = client.put(
        f"/v2/contact/{ref['uuid']}",
        json={"last": "King", "custom": {"2": "y"}},
    ).json()

    assert updated["id"] == ref["id"]
    assert updated["rev"] == 2
    assert (updated["first"], updated["last"]) == ("Ada", "King")
    assert updated["custom"] == {"1": "x", "2": "y"}
    assert updated["phone"] == "15105553344"


def test_update_v2_replaces_channels_and_keeps_ids_of_unchanged_ones(
    client: httpx.Client,
) -> None:
    ref = create_v2(client, contact_channels=channels(("phone", "15105553344")))
    before = client.get(f"/v2/contact/{ref['uuid']}").json()["contact_channels"][0]

    updated = client.put(
        f"/v2/contact/{ref['uuid']}",
        json={"contact_channels": channels(("phone", "15105553344"), ("email", "a@b.co"))},
    ).json()

    assert [c["channel_type"] for c in updated["contact_channels"]] == ["phone", "email"]
    assert updated["contact_channels"][0]["id"] == before["id"]
    assert updated["email"] == "a@b.co"


def test_update_v2_unknown_uuid_is_404(client: httpx.Client) -> None:
    assert_error(client.put(f"/v2/contact/{UNKNOWN_UUID}", json={}), 404, "not_found")


def test_update_v2_invalid_field_is_400(client: httpx.Client) -> None:
    ref = create_v2(client, contact_channels=channels(("phone", "15105553344")))

    response = client.put(f"/v2/contact/{ref['uuid']}", json={"is_opted_out": "no"})

    assert_error(response, 400, "bad_data")


# DELETE /v2/contact/{contactID}


def test_delete_v2_answers_contact_deleted(client: httpx.Client) -> None:
    ref = create_v2(client, contact_channels=channels(("phone", "15105553344")))

    assert client.delete(f"/v2/contact/{ref['uuid']}").json() == "contact deleted"
    assert_error(client.get(f"/v2/contact/{ref['uuid']}"), 404, "not_found")


def test_delete_v2_unknown_uuid_is_404(client: httpx.Client) -> None:
    assert_error(client.delete(f"/v2/contact/{UNKNOWN_UUID}"), 404, "not_found")


# POST /v2/contacts


def test_bulk_upsert_creates_updates_and_reports_failures(
    client: httpx.Client, fake: FakeHeymarket
) -> None:
    existing = create_v2(client, first="Old", contact_channels=channels(("phone", "15105550001")))
    items = [
        {"first": "New", "contact_channels": channels(("phone", "15105550002"))},
        {"contact_id": existing["uuid"], "first": "Renamed"},
        {"contact_id": UNKNOWN_UUID, "first": "Ghost"},
        {"first": "No channels"},
    ]

    result = client.post("/v2/contacts", json={"contacts": items}).json()

    assert [c["first"] for c in result["contacts"]] == ["New", "Renamed"]
    assert result["failed_contacts"] == [
        {"contact": items[2], "error": "contact not found"},
        {"contact": items[3], "error": "contact_channels are required to create a contact"},
    ]
    assert sorted(c["first"] for c in fake.contacts()) == ["New", "Renamed"]


def test_bulk_upsert_echoes_failed_items_without_the_custom_keys_it_drops(
    client: httpx.Client,
) -> None:
    item = {"contact_id": UNKNOWN_UUID, "custom": {"1": "kept", "Plan": "dropped"}}

    result = client.post("/v2/contacts", json={"contacts": [item]}).json()

    assert result["failed_contacts"][0]["contact"]["custom"] == {"1": "kept"}


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"contacts": []},
        {"contacts": ["x"]},
        {"contacts": [{"contact_id": "nope"}]},
        {"contacts": [{"contact_channels": channels(("phone", "15105550002"))}, {"phone": "1"}]},
    ],
)
def test_bulk_upsert_with_a_malformed_item_is_400_and_writes_nothing(
    client: httpx.Client, fake: FakeHeymarket, body: object
) -> None:
    assert_error(client.post("/v2/contacts", json=body), 400, "bad_data")
    assert fake.contacts() == []


# DELETE /v2/contacts


def test_bulk_delete_removes_the_listed_contacts(client: httpx.Client, fake: FakeHeymarket) -> None:
    one = create_v2(client, contact_channels=channels(("phone", "15105550001")))
    two = create_v2(client, contact_channels=channels(("phone", "15105550002")))
    create_v2(client, contact_channels=channels(("phone", "15105550003")))
    body = {"contact_channels": [{"channel_type": "id", "channel_ids": [one["uuid"], two["uuid"]]}]}

    assert client.request("DELETE", "/v2/contacts", json=body).json() == "ok"
    assert [c["phone"] for c in fake.contacts()] == ["15105550003"]


def test_bulk_delete_ignores_unknown_uuids(client: httpx.Client) -> None:
    body = {"contact_channels": [{"channel_type": "id", "channel_ids": [UNKNOWN_UUID]}]}

    assert client.request("DELETE", "/v2/contacts", json=body).json() == "ok"


@pytest.mark.parametrize(
    "entries",
    [
        [],
        [{"channel_type": "phone", "channel_ids": [UNKNOWN_UUID]}],
        [{"channel_type": "id", "channel_ids": []}],
        [{"channel_type": "id", "channel_ids": ["1001"]}],
        [{"channel_type": "id", "channel_ids": [UNKNOWN_UUID]}] * 2,
    ],
)
def test_bulk_delete_needs_exactly_one_entry_of_uuids(
    client: httpx.Client, entries: list[dict[str, Any]]
) -> None:
    response = client.request("DELETE", "/v2/contacts", json={"contact_channels": entries})

    assert_error(response, 400, "bad_data")


# POST /v2/contacts/list


def test_list_v2_pages_from_zero_newest_first(client: httpx.Client, fake: FakeHeymarket) -> None:
    fake.seed(5)

    pages = [
        [c["id"] for c in client.post("/v2/contacts/list", json={"limit": 2, "page": n}).json()]
        for n in range(4)
    ]

    assert pages == [[1005, 1004], [1003, 1002], [1001], []]


def test_list_v2_ascending_pages(client: httpx.Client, fake: FakeHeymarket) -> None:
    fake.seed(5)

    body = {"limit": 2, "page": 1, "ascending": True}
    page = client.post("/v2/contacts/list", json=body).json()

    assert [c["id"] for c in page] == [1003, 1004]


def test_list_v2_defaults_to_30(client: httpx.Client, fake: FakeHeymarket) -> None:
    fake.seed(31)

    assert len(client.post("/v2/contacts/list", json={}).json()) == 30


def test_list_v2_date_keeps_contacts_updated_strictly_after(
    client: httpx.Client, fake: FakeHeymarket
) -> None:
    fake.seed(2, updated="2024-01-01T00:00:00Z")
    fake.seed(2, updated="2024-02-01T00:00:00Z")

    for ascending in (False, True):
        body = {"date": "2024-01-01T00:00:00Z", "ascending": ascending}
        page = client.post("/v2/contacts/list", json=body).json()
        assert sorted(c["id"] for c in page) == [1003, 1004]


@pytest.mark.parametrize(
    "body", [{"limit": 0}, {"limit": 101}, {"page": -1}, {"date": 5}, {"ascending": 1}]
)
def test_list_v2_rejects_out_of_range_parameters(client: httpx.Client, body: object) -> None:
    assert_error(client.post("/v2/contacts/list", json=body), 400, "bad_data")


# POST /v2/contacts/search


def search(client: httpx.Client, *entries: dict[str, Any]) -> list[int]:
    response = client.post("/v2/contacts/search", json={"contact_channels": list(entries)})
    assert response.status_code == 200, response.text
    return [contact["id"] for contact in response.json()]


def test_search_by_typed_and_inferred_channels(client: httpx.Client) -> None:
    by_phone = create_v2(client, contact_channels=channels(("phone", "15105550001")))
    by_email = create_v2(client, contact_channels=channels(("email", "Ada@Example.com")))
    by_page = create_v2(client, contact_channels=channels(("facebook", "ada.page")))

    assert search(client, {"channel_type": "phone", "channel_ids": ["15105550001"]}) == [
        by_phone["id"]
    ]
    assert search(client, {"channel_ids": ["+15105550001", "ada@example.com"]}) == [
        by_phone["id"],
        by_email["id"],
    ]
    assert search(client, {"channel_ids": ["ada.page"]}) == [by_page["id"]]


def test_search_matches_v1_contacts_by_phone_and_email(client: httpx.Client) -> None:
    body = {"phone": "15105550001", "email": "ada@example.com"}
    ref = client.post("/v1/contact", json=body).json()

    assert search(client, {"channel_ids": ["ada@example.com"]}) == [ref["id"]]


def test_search_without_matches_is_an_empty_array(client: httpx.Client) -> None:
    assert search(client, {"channel_ids": ["15105550009"]}) == []


@pytest.mark.parametrize(
    "body",
    [{}, {"contact_channels": []}, {"contact_channels": [{"channel_ids": []}]}],
)
def test_search_needs_channel_values(client: httpx.Client, body: object) -> None:
    assert_error(client.post("/v2/contacts/search", json=body), 400, "bad_data")
