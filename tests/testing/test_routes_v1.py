"""The eleven v1 operations: success and main errors, every response checked by the document."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from heymarket_typed.testing import FakeHeymarket
from tests.testing.conftest import Clock
from tests.testing.contract import UUID_SHAPE


def create(client: httpx.Client, **fields: Any) -> dict[str, Any]:
    response = client.post("/v1/contact", json=fields)
    assert response.status_code == 200, response.text
    ref: dict[str, Any] = response.json()
    return ref


def assert_error(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.json()["error_code"] == code


# POST /v1/contact


def test_create_returns_id_rev_and_uuid_and_stores_the_contact(
    client: httpx.Client, fake: FakeHeymarket
) -> None:
    ref = create(client, phone="15105553344", first="API", last="Contact", custom={"123": "P"})

    assert ref["id"] == 1001
    assert ref["rev"] == 1
    assert UUID_SHAPE.fullmatch(ref["uuid"])
    [stored] = fake.contacts()
    assert stored["display_name"] == "API Contact"
    assert stored["custom"] == {"123": "P"}
    assert stored["uuid"] == ref["uuid"]


def test_create_twice_with_the_same_phone_makes_two_contacts(
    client: httpx.Client, fake: FakeHeymarket
) -> None:
    first = create(client, phone="15105553344")
    second = create(client, phone="15105553344")

    assert first["id"] != second["id"]
    assert [c["phone"] for c in fake.contacts()] == ["15105553344", "15105553344"]


def test_create_drops_custom_keys_that_are_not_field_ids(
    client: httpx.Client, fake: FakeHeymarket
) -> None:
    create(client, phone="15105553344", custom={"123": "kept", "Plan": "dropped"})

    assert fake.contacts()[0]["custom"] == {"123": "kept"}


def test_create_maps_assignee_and_tags(client: httpx.Client, fake: FakeHeymarket) -> None:
    create(client, phone="15105553344", assignee_id=42, tags=[{"tag_id": 7}])

    stored = fake.contacts()[0]
    assert stored["assigned_user_id"] == 42
    assert stored["tags"] == [7]


@pytest.mark.parametrize(
    "body",
    [
        {"first": "No phone"},
        {"phone": "1234567"},
        {"phone": "+15105553344"},
        {"phone": 15105553344},
        {"phone": "15105553344", "tags": [{"tag_id": n} for n in range(6)]},
        {"phone": "15105553344", "first": 5},
        {"phone": "15105553344", "assignee_id": -2},
        ["not", "an", "object"],
    ],
)
def test_create_rejects_invalid_input_with_bad_data(
    client: httpx.Client, fake: FakeHeymarket, body: object
) -> None:
    assert_error(client.post("/v1/contact", json=body), 400, "bad_data")
    assert fake.contacts() == []


# GET /v1/contact/{id}


def test_get_returns_the_contact(client: httpx.Client) -> None:
    ref = create(client, phone="15105553344", first="Ada", email="ada@example.com")

    contact = client.get(f"/v1/contact/{ref['id']}").json()

    assert contact["id"] == ref["id"]
    assert contact["first"] == "Ada"
    assert contact["email"] == "ada@example.com"
    assert contact["rev"] == 1
    assert contact["created"] == contact["updated"]


def test_get_unknown_id_is_404(client: httpx.Client) -> None:
    assert_error(client.get("/v1/contact/999999"), 404, "not_found")


def test_get_non_numeric_id_is_400(client: httpx.Client) -> None:
    assert_error(client.get("/v1/contact/abc"), 400, "bad_data")


# PUT /v1/contact/{id}


def test_update_merges_custom_and_keeps_unsent_fields_by_default(
    client: httpx.Client, fake: FakeHeymarket
) -> None:
    ref = create(client, phone="15105553344", email="a@b.co", custom={"1": "x", "2": "y"})

    response = client.put(
        f"/v1/contact/{ref['id']}", json={"phone": "15105553344", "custom": {"2": "z"}}
    )

    assert response.json() == {"id": ref["id"], "rev": 2, "uuid": ref["uuid"]}
    stored = fake.contacts()[0]
    assert stored["custom"] == {"1": "x", "2": "z"}
    assert stored["email"] == "a@b.co"


def test_update_always_overwrites_names(client: httpx.Client, fake: FakeHeymarket) -> None:
    ref = create(client, phone="15105553344", first="Ada", last="Lovelace")

    client.put(f"/v1/contact/{ref['id']}", json={"phone": "15105553344", "last": "King"})

    stored = fake.contacts()[0]
    assert stored["first"] is None
    assert stored["last"] == "King"
    assert stored["display_name"] == "King"


def test_update_with_overwrite_replaces_custom_and_removes_unsent_fields(
    client: httpx.Client, fake: FakeHeymarket
) -> None:
    ref = create(client, phone="15105553344", email="a@b.co", custom={"1": "x"}, assignee_id=3)

    client.put(
        f"/v1/contact/{ref['id']}",
        params={"overwrite": "true"},
        json={"phone": "15105559999", "custom": {"2": "y"}},
    )

    stored = fake.contacts()[0]
    assert stored["custom"] == {"2": "y"}
    assert stored["phone"] == "15105559999"
    assert stored["email"] is None
    assert stored["assigned_user_id"] is None


def test_update_moves_the_contact_to_a_later_updated_time(
    client: httpx.Client, clock: Clock
) -> None:
    ref = create(client, phone="15105553344")
    before = client.get(f"/v1/contact/{ref['id']}").json()
    clock.now += 10

    client.put(f"/v1/contact/{ref['id']}", json={"phone": "15105553344"})

    after = client.get(f"/v1/contact/{ref['id']}").json()
    assert after["updated"] > before["updated"]
    assert after["created"] == before["created"]
    assert after["op"] == "update"


def test_update_unknown_id_is_404(client: httpx.Client) -> None:
    assert_error(client.put("/v1/contact/5", json={"phone": "15105553344"}), 404, "not_found")


def test_update_without_phone_is_400(client: httpx.Client) -> None:
    ref = create(client, phone="15105553344")

    assert_error(client.put(f"/v1/contact/{ref['id']}", json={"first": "A"}), 400, "bad_data")


def test_update_with_a_non_boolean_overwrite_is_400(client: httpx.Client) -> None:
    ref = create(client, phone="15105553344")
    response = client.put(
        f"/v1/contact/{ref['id']}", params={"overwrite": "maybe"}, json={"phone": "15105553344"}
    )

    assert_error(response, 400, "bad_data")


# DELETE /v1/contact/{id}


def test_delete_answers_ok_and_forgets_the_contact(client: httpx.Client) -> None:
    ref = create(client, phone="15105553344")

    assert client.delete(f"/v1/contact/{ref['id']}").json() == "ok"
    assert_error(client.get(f"/v1/contact/{ref['id']}"), 404, "not_found")
    assert_error(client.delete(f"/v1/contact/{ref['id']}"), 404, "not_found")


# POST /v1/contacts


def test_list_returns_30_newest_first_by_default(client: httpx.Client, fake: FakeHeymarket) -> None:
    fake.seed(35)

    page = client.post("/v1/contacts", json={}).json()

    assert [c["id"] for c in page] == list(range(1035, 1005, -1))


def test_list_ascending_with_limit(client: httpx.Client, fake: FakeHeymarket) -> None:
    fake.seed(10)

    page = client.post("/v1/contacts", json={"ascending": True, "limit": 3}).json()

    assert [c["id"] for c in page] == [1001, 1002, 1003]


def test_list_accepts_an_empty_body(client: httpx.Client, fake: FakeHeymarket) -> None:
    fake.seed(2)

    assert len(client.post("/v1/contacts").json()) == 2


def test_list_cursor_is_inclusive_so_the_boundary_contact_repeats(
    client: httpx.Client, fake: FakeHeymarket
) -> None:
    fake.seed(5)

    first = client.post("/v1/contacts", json={"limit": 2}).json()
    second = client.post("/v1/contacts", json={"limit": 2, "date": first[-1]["updated"]}).json()

    assert [c["id"] for c in first] == [1005, 1004]
    assert [c["id"] for c in second] == [1004, 1003]


def test_list_ascending_cursor_is_inclusive_too(client: httpx.Client, fake: FakeHeymarket) -> None:
    fake.seed(5)

    first = client.post("/v1/contacts", json={"limit": 2, "ascending": True}).json()
    body = {"limit": 2, "ascending": True, "date": first[-1]["updated"]}
    second = client.post("/v1/contacts", json=body).json()

    assert [c["id"] for c in second] == [1002, 1003]


def test_list_page_of_equal_timestamps_is_ordered_by_id_and_repeats_at_the_cursor(
    client: httpx.Client, fake: FakeHeymarket
) -> None:
    fake.seed(2)
    fake.seed(4, updated="2024-05-01T00:00:00Z")

    body = {"limit": 3, "date": "2024-05-01T00:00:00Z"}
    first = client.post("/v1/contacts", json=body).json()
    again = client.post("/v1/contacts", json=body).json()

    assert [c["id"] for c in first] == [1006, 1005, 1004]
    assert {c["updated"] for c in first} == {"2024-05-01T00:00:00Z"}
    assert again == first


def test_list_compares_cursor_times_by_value_not_text(
    client: httpx.Client, fake: FakeHeymarket
) -> None:
    fake.add_contact(phone="15105550001", updated="2024-06-01T12:00:00.5Z")
    fake.add_contact(phone="15105550002", updated="2024-06-01T12:00:01.000000001Z")

    body = {"date": "2024-06-01T14:00:00.500000000+02:00"}
    page = client.post("/v1/contacts", json=body).json()

    assert [c["phone"] for c in page] == ["15105550001"]


@pytest.mark.parametrize(
    "body", [{"limit": 0}, {"limit": "5"}, {"date": "yesterday"}, {"ascending": "yes"}, [1]]
)
def test_list_rejects_invalid_parameters(client: httpx.Client, body: object) -> None:
    assert_error(client.post("/v1/contacts", json=body), 400, "bad_data")


# POST /v1/contacts/count


def test_count_is_a_string_of_digits(client: httpx.Client, fake: FakeHeymarket) -> None:
    fake.seed(42)

    assert client.post("/v1/contacts/count", json={}).json() == "42"


def test_count_after_a_date_counts_strictly_later_updates(
    client: httpx.Client, fake: FakeHeymarket
) -> None:
    fake.seed(3, updated="2024-01-01T00:00:00Z")
    fake.seed(2, updated="2024-02-01T00:00:00Z")

    response = client.post("/v1/contacts/count", json={"date": "2024-01-01T00:00:00Z"})

    assert response.json() == "2"


def test_count_with_a_bad_date_is_400(client: httpx.Client) -> None:
    assert_error(client.post("/v1/contacts/count", json={"date": "soon"}), 400, "bad_data")


# POST /v1/contact/get


def test_find_by_phone(client: httpx.Client) -> None:
    ref = create(client, phone="15105553344", first="Ada")

    found = client.post("/v1/contact/get", json={"phone": "15105553344"}).json()

    assert found["id"] == ref["id"]


def test_find_by_id_given_as_a_string(client: httpx.Client) -> None:
    ref = create(client, phone="15105553344")

    found = client.post("/v1/contact/get", json={"id": str(ref["id"])}).json()

    assert found["id"] == ref["id"]


def test_find_prefers_phone_over_id(client: httpx.Client) -> None:
    one = create(client, phone="15105550001")
    two = create(client, phone="15105550002")

    found = client.post("/v1/contact/get", json={"phone": "15105550002", "id": str(one["id"])})

    assert found.json()["id"] == two["id"]


def test_find_with_no_match_is_404(client: httpx.Client) -> None:
    response = client.post("/v1/contact/get", json={"phone": "15105550001"})

    assert_error(response, 404, "not_found")


@pytest.mark.parametrize("body", [{}, {"id": 1001}, {"phone": "12"}])
def test_find_without_a_valid_phone_or_id_is_400(client: httpx.Client, body: object) -> None:
    assert_error(client.post("/v1/contact/get", json=body), 400, "bad_data")


# POST /v1/contact/status and /v1/contact/set_status


def test_status_of_a_new_contact_is_all_clear(client: httpx.Client) -> None:
    ref = create(client, phone="15105553344")

    status = client.post("/v1/contact/status", json={"id": ref["id"]}).json()

    assert status == {
        "id": ref["id"],
        "phone": "15105553344",
        "unsubscribed": False,
        "blocked": False,
        "unsubscribed_admin": False,
        "unsubscribed_contact": False,
    }


def test_status_by_phone(client: httpx.Client) -> None:
    ref = create(client, phone="15105553344")

    status = client.post("/v1/contact/status", json={"phone": "15105553344"}).json()

    assert status["id"] == ref["id"]


def test_status_of_an_unknown_contact_is_404(client: httpx.Client) -> None:
    assert_error(client.post("/v1/contact/status", json={"id": 4242}), 404, "not_found")


@pytest.mark.parametrize("body", [{}, {"id": "1001"}, {"id": 0}, {"phone": "555"}])
def test_status_needs_a_valid_id_or_phone(client: httpx.Client, body: object) -> None:
    assert_error(client.post("/v1/contact/status", json=body), 400, "bad_data")


def test_set_status_unsubscribed_opts_out_by_admin_and_is_a_write(
    client: httpx.Client, fake: FakeHeymarket
) -> None:
    ref = create(client, phone="15105553344")

    response = client.post(
        "/v1/contact/set_status", json={"phone": "15105553344", "status": "unsubscribed"}
    )

    assert response.json() == "success"
    status = client.post("/v1/contact/status", json={"id": ref["id"]}).json()
    assert status["unsubscribed"] is True
    assert status["unsubscribed_admin"] is True
    assert status["unsubscribed_contact"] is False
    stored = fake.contacts()[0]
    assert stored["is_opted_out"] is True
    assert stored["rev"] == 2


@pytest.mark.parametrize(
    ("steps", "unsubscribed", "blocked"),
    [
        (["unsubscribed", "subscribed"], False, False),
        (["blocked"], False, True),
        (["blocked", "unblocked"], False, False),
        (["blocked", "unsubscribed"], True, True),
        (["blocked", "unsubscribed", "active"], False, False),
    ],
)
def test_set_status_sequences(
    client: httpx.Client, steps: list[str], unsubscribed: bool, blocked: bool
) -> None:
    ref = create(client, phone="15105553344")
    for step in steps:
        client.post("/v1/contact/set_status", json={"id": ref["id"], "status": step})

    status = client.post("/v1/contact/status", json={"id": ref["id"]}).json()

    assert (status["unsubscribed"], status["blocked"]) == (unsubscribed, blocked)


def test_set_status_rejects_unknown_statuses(client: httpx.Client) -> None:
    ref = create(client, phone="15105553344")

    response = client.post("/v1/contact/set_status", json={"id": ref["id"], "status": "gone"})

    assert_error(response, 400, "bad_data")


def test_set_status_of_an_unknown_contact_is_404(client: httpx.Client) -> None:
    response = client.post("/v1/contact/set_status", json={"id": 4242, "status": "active"})

    assert_error(response, 404, "not_found")


# POST /v1/batch/contacts


def test_batch_answers_ok_when_every_contact_is_written(
    client: httpx.Client, fake: FakeHeymarket
) -> None:
    batch = [{"phone": "15105550001", "first": "A"}, {"phone": "15105550002"}]

    assert client.post("/v1/batch/contacts", json=batch).json() == "ok"
    assert [c["phone"] for c in fake.contacts()] == ["15105550001", "15105550002"]


def test_batch_reports_invalid_and_duplicate_phones_and_writes_the_rest(
    client: httpx.Client, fake: FakeHeymarket
) -> None:
    create(client, phone="15105550001")
    batch = [
        {"phone": "15105550001", "first": "exists"},
        {"phone": "123", "first": "invalid"},
        {"phone": "15105550002", "first": "new"},
        {"phone": "15105550002", "first": "same batch"},
    ]

    failed = client.post("/v1/batch/contacts", json=batch).json()

    assert [(f["first"], f["error"]) for f in failed] == [
        ("exists", "phone already exists"),
        ("invalid", "phone must be a string of 8 to 15 digits"),
        ("same batch", "phone already exists"),
    ]
    assert failed[0]["phone"] == "15105550001"
    assert [c.get("first") for c in fake.contacts()] == [None, "new"]


def test_batch_with_overwrite_updates_existing_phones(
    client: httpx.Client, fake: FakeHeymarket
) -> None:
    create(client, phone="15105550001", first="Old", email="old@example.com")
    batch = [{"phone": "15105550001", "first": "New"}]

    response = client.post("/v1/batch/contacts", params={"overwrite": "true"}, json=batch)

    assert response.json() == "ok"
    [stored] = fake.contacts()
    assert stored["first"] == "New"
    assert stored["rev"] == 2
    assert stored["email"] is None


@pytest.mark.parametrize("body", [[], {"phone": "15105550001"}, ["15105550001"], [{"phone": 1}]])
def test_batch_that_is_not_an_array_of_contacts_is_400(
    client: httpx.Client, fake: FakeHeymarket, body: object
) -> None:
    assert_error(client.post("/v1/batch/contacts", json=body), 400, "bad_data")
    assert fake.contacts() == []


# POST /v1/contact-fields


def test_contact_fields_lists_the_fields_added(client: httpx.Client, fake: FakeHeymarket) -> None:
    assert client.post("/v1/contact-fields").json() == []
    plan = fake.add_contact_field("Plan")
    fake.add_contact_field("Region")

    fields = client.post("/v1/contact-fields", json={}).json()

    assert fields == [plan, {"id": plan["id"] + 1, "title": "Region"}]


def test_contact_fields_with_a_non_object_body_is_400(client: httpx.Client) -> None:
    assert_error(client.post("/v1/contact-fields", json=[1]), 400, "bad_data")
