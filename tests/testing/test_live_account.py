"""The sandbox's live-account switches: `date` bounds, timestamp precision, delayed visibility,
writes scheduled on request numbers, and the history of writes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from heymarket_typed.testing import SANDBOX_API_KEY, FakeHeymarket, Write
from tests.testing.conftest import BASE_URL, Clock

T0 = "2024-06-01T12:00:00.000000000Z"
T1 = "2024-06-01T12:00:01.000000000Z"
T2 = "2024-06-01T12:00:02.000000000Z"


@pytest.fixture
def http_for() -> Iterator[Any]:
    clients: list[httpx.Client] = []

    def make(fake: FakeHeymarket) -> httpx.Client:
        client = httpx.Client(
            transport=fake.transport(),
            base_url=BASE_URL,
            headers={"Authorization": f"Bearer {SANDBOX_API_KEY}"},
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


def three_contacts(**switches: Any) -> FakeHeymarket:
    fake = FakeHeymarket(clock=Clock(), **switches)
    for stamp in (T0, T1, T2):
        fake.add_contact(phone=f"1510555000{stamp[18]}", updated=stamp)
    return fake


def ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [contact["id"] for contact in response.json()]


V1_ASC, V1_DESC, V2_ASC, COUNT = "v1 ascending", "v1 descending", "v2 ascending", "count"


def listed_from_t1(http: httpx.Client) -> dict[str, object]:
    """What each listing returns with `date` at the middle contact's timestamp."""
    return {
        V1_ASC: ids(http.post("/v1/contacts", json={"date": T1, "ascending": True})),
        V1_DESC: ids(http.post("/v1/contacts", json={"date": T1})),
        V2_ASC: ids(http.post("/v2/contacts/list", json={"date": T1, "ascending": True})),
        COUNT: http.post("/v1/contacts/count", json={"date": T1}).json(),
    }


@pytest.mark.parametrize(
    ("date_bound", "expected"),
    [
        (None, {V1_ASC: [1002, 1003], V1_DESC: [1002, 1001], V2_ASC: [1003], COUNT: "1"}),
        (
            "inclusive",
            {V1_ASC: [1002, 1003], V1_DESC: [1002, 1001], V2_ASC: [1002, 1003], COUNT: "2"},
        ),
        ("exclusive", {V1_ASC: [1003], V1_DESC: [1001], V2_ASC: [1003], COUNT: "1"}),
    ],
)
def test_date_bound_decides_whether_the_bound_itself_is_listed(
    http_for: Any, date_bound: str | None, expected: dict[str, object]
) -> None:
    http = http_for(three_contacts(date_bound=date_bound))

    assert listed_from_t1(http) == expected


def test_an_unknown_switch_value_is_refused() -> None:
    with pytest.raises(ValueError, match="date_bound"):
        FakeHeymarket(date_bound="both")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="timestamp_precision"):
        FakeHeymarket(timestamp_precision="cs")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="visibility_delay"):
        FakeHeymarket(visibility_delay=-1)


@pytest.mark.parametrize(
    ("precision", "first", "second"),
    [
        ("s", "2024-06-01T12:00:00Z", "2024-06-01T12:00:00Z"),
        ("ms", "2024-06-01T12:00:00.250Z", "2024-06-01T12:00:00.250Z"),
        ("us", "2024-06-01T12:00:00.250000Z", "2024-06-01T12:00:00.250000Z"),
        ("ns", "2024-06-01T12:00:00.250000000Z", "2024-06-01T12:00:00.250000001Z"),
    ],
)
def test_writes_keep_and_write_only_the_precision_so_close_writes_share_a_stamp(
    precision: str, first: str, second: str
) -> None:
    fake = FakeHeymarket(clock=Clock(1_717_243_200.25), timestamp_precision=precision)  # type: ignore[arg-type]

    one = fake.add_contact(phone="15105550001")
    two = fake.update_contact(one["id"], first="A")

    assert (one["updated"], two["updated"]) == (first, second)


def test_a_date_finer_than_the_precision_is_cut_to_it(http_for: Any) -> None:
    fake = FakeHeymarket(clock=Clock(), timestamp_precision="s")
    fake.add_contact(phone="15105550001", updated="2024-06-01T12:00:00Z")
    fake.add_contact(phone="15105550002", updated="2024-06-01T12:00:01Z")
    http = http_for(fake)

    # .9 s is read as 12:00:00, so the v1 cursor (inclusive by default) includes 1001.
    late = "2024-06-01T12:00:00.900Z"
    assert ids(http.post("/v1/contacts", json={"date": late, "ascending": True})) == [1001, 1002]
    assert http.post("/v1/contacts/count", json={"date": late}).json() == "1"


def test_seeding_at_a_coarse_precision_gives_every_contact_its_own_stamp() -> None:
    fake = FakeHeymarket(clock=Clock(), timestamp_precision="s")
    fake.seed(3)

    stamps = [contact["updated"] for contact in fake.contacts()]
    assert stamps == ["2024-06-01T12:00:00Z", "2024-06-01T12:00:01Z", "2024-06-01T12:00:02Z"]
    # A later write is never stamped before them (here: within the last seeded second).
    assert fake.add_contact(phone="15105550001")["updated"] == "2024-06-01T12:00:02Z"


def test_a_delayed_write_is_listed_and_counted_only_once_due(http_for: Any) -> None:
    clock = Clock()
    fake = FakeHeymarket(clock=clock, visibility_delay=2.0)
    fake.add_contact(phone="15105550001", updated="2024-06-01T11:00:00Z")
    http = http_for(fake)
    before = http.post("/v1/contacts", json={}).json()

    created = fake.add_contact(phone="15105550002")
    updated = fake.update_contact(1001, first="New")

    clock.now += 1.5
    # Listing lags: the old version of 1001, no 1002; `get` already sees both writes.
    assert http.post("/v1/contacts", json={}).json() == before
    assert http.post("/v2/contacts/list", json={}).json() == before
    assert http.post("/v1/contacts/count", json={}).json() == "1"
    assert http.get("/v1/contact/1002").json()["updated"] == created["updated"]
    assert http.get("/v1/contact/1001").json()["first"] == "New"

    clock.now += 0.5 + 1e-6  # the update was stamped 1 ns after the create
    listed = http.post("/v1/contacts", json={}).json()
    assert [(c["id"], c["updated"]) for c in listed] == [
        (1001, updated["updated"]),
        (1002, created["updated"]),
    ]
    assert http.post("/v1/contacts/count", json={}).json() == "2"


def test_a_delayed_write_is_listed_at_its_stamp_not_at_the_time_it_shows(http_for: Any) -> None:
    clock = Clock()
    fake = FakeHeymarket(clock=clock, visibility_delay=5.0)
    early = fake.add_contact(phone="15105550001")  # stamped 12:00:00, shows at 12:00:05
    clock.now += 1
    fake.add_contact(phone="15105550002", updated="2024-06-01T11:59:00Z")  # due already
    http = http_for(fake)

    assert ids(http.post("/v1/contacts", json={"ascending": True})) == [1002]
    clock.now += 4
    listed = http.post("/v1/contacts", json={"ascending": True}).json()
    # Once visible it is listed at 12:00:00, where a cursor may have passed already.
    assert [(c["id"], c["updated"]) for c in listed] == [
        (1002, "2024-06-01T11:59:00Z"),
        (1001, early["updated"]),
    ]
    assert early["updated"] == "2024-06-01T12:00:00.000000000Z"


def test_deletes_are_not_delayed(http_for: Any) -> None:
    clock = Clock()
    fake = FakeHeymarket(clock=clock, visibility_delay=5.0)
    fake.seed(2)
    fake.update_contact(1001, first="Pending")
    fake.delete_contact(1001)
    http = http_for(fake)

    assert ids(http.post("/v1/contacts", json={})) == [1002]
    clock.now += 10
    assert ids(http.post("/v1/contacts", json={})) == [1002]


def test_an_action_runs_just_before_its_request_is_answered(http_for: Any) -> None:
    fake = three_contacts()
    http = http_for(fake)
    fake.on_request(2, lambda f: f.delete_contact(1003))

    assert ids(http.post("/v1/contacts", json={})) == [1003, 1002, 1001]
    assert fake.request_count == 1
    assert ids(http.post("/v1/contacts", json={})) == [1002, 1001]


def test_every_request_counts_refused_ones_too(http_for: Any) -> None:
    fake = three_contacts()
    http = http_for(fake)
    fake.on_request(2, lambda f: f.update_contact(1001, first="Late"))

    assert http.post("/v1/contacts", json={}, headers={"Authorization": "Bearer x"}).status_code
    assert http.post("/v1/contacts", json={}).status_code == 200
    assert fake.request_count == 2
    assert http.get("/v1/contact/1001").json()["first"] == "Late"


def test_actions_for_a_request_run_in_order_and_a_past_request_is_refused(
    http_for: Any,
) -> None:
    fake = three_contacts()
    http = http_for(fake)
    seen: list[str] = []
    fake.on_request(1, lambda f: seen.append("a"))
    fake.on_request(1, lambda f: seen.append("b"))
    http.post("/v1/contacts", json={})

    assert seen == ["a", "b"]
    with pytest.raises(ValueError, match="request 1"):
        fake.on_request(1, lambda f: None)
    with pytest.raises(ValueError, match="below 1"):
        fake.on_request(0, lambda f: None)


def test_a_failing_action_answers_500(http_for: Any) -> None:
    fake = three_contacts()
    http = http_for(fake)

    def broken(_: FakeHeymarket) -> None:
        raise RuntimeError("boom")

    fake.on_request(1, broken)

    assert http.post("/v1/contacts", json={}).status_code == 500


def test_history_lists_every_write_with_its_request_number(http_for: Any) -> None:
    fake = FakeHeymarket(clock=Clock())
    fake.seed(2)
    http = http_for(fake)
    fake.on_request(2, lambda f: f.update_contact(1001, first="X"))
    http.post("/v1/contacts", json={})  # request 1
    created = http.post("/v1/contact", json={"phone": "15105550009"}).json()  # request 2
    http.delete("/v1/contact/1002")  # request 3
    fake.add_contact(phone="15105550010")  # between requests: 3 received so far

    history = fake.history
    stamps = {c["id"]: c["updated"] for c in fake.contacts()}
    assert [(w.contact_id, w.kind, w.rev, w.request) for w in history] == [
        (1001, "create", 1, 0),
        (1002, "create", 1, 0),
        (1001, "update", 2, 2),
        (created["id"], "create", 1, 2),
        (1002, "delete", None, 3),
        (1004, "create", 1, 3),
    ]
    assert history[2] == Write(1001, "update", stamps[1001], 2, 2)
    assert history[0].updated is not None
    assert history[0].updated < stamps[1001]
    assert history[4].updated is None


def test_defaults_keep_nanosecond_stamps_and_immediate_listing(http_for: Any) -> None:
    fake = FakeHeymarket(clock=Clock())
    http = http_for(fake)
    created = fake.add_contact(phone="15105550001")

    assert created["updated"] == T0
    assert ids(http.post("/v2/contacts/list", json={})) == [created["id"]]


def test_a_contact_given_its_stamp_is_listed_at_once_past_a_pending_write(http_for: Any) -> None:
    clock = Clock()
    fake = FakeHeymarket(clock=clock, visibility_delay=5.0)
    pending = fake.add_contact(phone="15105550001")  # stamped 12:00:00, listed at 12:00:05
    fake.add_contact(phone="15105550002", updated="2024-06-01T12:00:01Z")
    http = http_for(fake)

    assert ids(http.post("/v1/contacts", json={})) == [1002]
    clock.now += 5
    # Now the older-stamped write shows up, behind the newest contact already listed.
    assert ids(http.post("/v1/contacts", json={})) == [1002, 1001]
    assert pending["updated"] < "2024-06-01T12:00:01Z"
