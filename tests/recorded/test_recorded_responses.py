"""The SDK against recorded responses: every operation, paging, and the main failures.

Each test builds what it needs through the API itself (and cleans up), so the same test
records against the sandbox, records live, and replays from its cassette.
"""

from __future__ import annotations

import pytest

from heymarket_typed import Heymarket, errors, models
from heymarket_typed.testing import FakeHeymarket, Fault
from tests.helpers import InstantClock
from tests.recorded.conftest import LIVE
from tests.recorded.data import EMAILS, PHONES

pytestmark = pytest.mark.vcr


def ada(n: int = 0) -> models.ContactInput:
    return models.ContactInput(phone=PHONES[n], first="Ada", last="Lovelace", email=EMAILS[0])


def ada_v2(n: int = 0) -> models.ContactInputV2:
    return models.ContactInputV2(
        first="Ada",
        contact_channels=[
            models.ChannelInput(channel_type="phone", channel_id=PHONES[n]),
            models.ChannelInput(channel_type="email", channel_id=EMAILS[n % len(EMAILS)]),
        ],
    )


def uuid_of(ref: models.ContactRef) -> str:
    assert isinstance(ref.uuid, str)
    return ref.uuid


# --- v1 ---------------------------------------------------------------------------------------


def test_create_contact(client: Heymarket) -> None:
    ref = client.contacts.create(ada(0))
    assert ref.id > 0
    assert ref.rev == 1
    client.contacts.delete(ref.id)


def test_get_contact(client: Heymarket) -> None:
    ref = client.contacts.create(ada(1))
    contact = client.contacts.get(ref.id)
    assert (contact.id, contact.phone, contact.display_name) == (ref.id, PHONES[1], "Ada Lovelace")
    assert isinstance(contact.updated, str)
    client.contacts.delete(ref.id)


def test_update_contact(client: Heymarket) -> None:
    ref = client.contacts.create(ada(2))
    grace = models.ContactInput(phone=PHONES[2], first="Grace", last="Hopper")
    updated = client.contacts.update(ref.id, grace, overwrite=True)
    assert updated.id == ref.id
    assert updated.rev > ref.rev
    assert client.contacts.get(ref.id).first == "Grace"
    client.contacts.delete(ref.id)


def test_delete_contact(client: Heymarket) -> None:
    ref = client.contacts.create(ada(3))
    client.contacts.delete(ref.id)
    with pytest.raises(errors.NotFoundError):
        client.contacts.get(ref.id)


def test_list_contacts(client: Heymarket, sandbox: FakeHeymarket | None) -> None:
    if sandbox is not None:
        sandbox.seed(5)
    page = client.contacts.list(limit=3)
    assert 0 < len(page) <= 3
    assert all(isinstance(c, models.Contact) for c in page)


def test_count_contacts(client: Heymarket, sandbox: FakeHeymarket | None) -> None:
    if sandbox is not None:
        sandbox.seed(7)
    count = client.contacts.count()
    assert type(count) is int
    assert count >= 1


def test_find_contact(client: Heymarket) -> None:
    ref = client.contacts.create(ada(4))
    assert client.contacts.find(phone=f"+{PHONES[4]}").id == ref.id
    assert client.contacts.find(id=ref.id).phone == PHONES[4]
    client.contacts.delete(ref.id)


def test_get_contact_status(client: Heymarket) -> None:
    ref = client.contacts.create(ada(5))
    status = client.contacts.get_status(id=ref.id)
    assert (status.unsubscribed, status.blocked) == (False, False)
    client.contacts.delete(ref.id)


def test_set_contact_status(client: Heymarket) -> None:
    ref = client.contacts.create(ada(6))
    client.contacts.set_status("unsubscribed", phone=PHONES[6])
    assert client.contacts.get_status(phone=PHONES[6]).unsubscribed is True
    client.contacts.delete(ref.id)


def test_batch_create_contacts(client: Heymarket) -> None:
    batch = [ada(10), ada(11), ada(12), ada(10)]
    result = client.contacts.batch_create(batch)
    assert result.submitted == 4
    assert [f.index for f in result.failed_contacts] == [3]
    assert result.failed_contacts[0].reason
    for n in (10, 11, 12):
        client.contacts.delete(client.contacts.find(phone=PHONES[n]).id)


def test_list_contact_fields(client: Heymarket, sandbox: FakeHeymarket | None) -> None:
    if sandbox is not None:
        sandbox.add_contact_field("Plan")
    fields = client.contacts.list_fields()
    assert all(isinstance(f.id, int) for f in fields)
    assert fields


# --- v2 ---------------------------------------------------------------------------------------


def test_create_contact_v2(client: Heymarket) -> None:
    ref = client.contacts_v2.create(ada_v2(20))
    assert ref.id > 0
    client.contacts_v2.delete(uuid_of(ref))


def test_get_contact_v2(client: Heymarket) -> None:
    ref = client.contacts_v2.create(ada_v2(21))
    contact = client.contacts_v2.get(uuid_of(ref))
    assert (contact.id, contact.phone) == (ref.id, PHONES[21])
    client.contacts_v2.delete(uuid_of(ref))


def test_update_contact_v2(client: Heymarket) -> None:
    ref = client.contacts_v2.create(ada_v2(22))
    renamed = models.ContactInputV2(first="Renamed", contact_channels=ada_v2(22).contact_channels)
    contact = client.contacts_v2.update(uuid_of(ref), renamed)
    assert (contact.id, contact.first) == (ref.id, "Renamed")
    client.contacts_v2.delete(uuid_of(ref))


def test_delete_contact_v2(client: Heymarket) -> None:
    ref = client.contacts_v2.create(ada_v2(23))
    client.contacts_v2.delete(uuid_of(ref))
    with pytest.raises(errors.NotFoundError):
        client.contacts_v2.get(uuid_of(ref))


def test_bulk_upsert_contacts_v2(client: Heymarket) -> None:
    result = client.contacts_v2.bulk_upsert([ada_v2(n) for n in (30, 31, 32)])
    assert result.ok
    assert sorted(c.phone for c in result.contacts if isinstance(c.phone, str)) == PHONES[30:33]
    client.contacts_v2.bulk_delete([c.uuid for c in result.contacts if isinstance(c.uuid, str)])


def test_bulk_delete_contacts_v2(client: Heymarket) -> None:
    written = client.contacts_v2.bulk_upsert([ada_v2(n) for n in (40, 41)]).contacts
    uuids = [c.uuid for c in written if isinstance(c.uuid, str)]
    client.contacts_v2.bulk_delete(uuids)
    with pytest.raises(errors.NotFoundError):
        client.contacts_v2.get(uuids[0])


def test_list_contacts_v2(client: Heymarket, sandbox: FakeHeymarket | None) -> None:
    if sandbox is not None:
        sandbox.seed(5)
    page = client.contacts_v2.list(limit=3)
    assert 0 < len(page) <= 3


def test_search_contacts_v2(client: Heymarket) -> None:
    ref = client.contacts_v2.create(ada_v2(50))
    found = client.contacts_v2.search(phones=[PHONES[50]], emails=[EMAILS[0]])
    assert ref.id in [c.id for c in found]
    client.contacts_v2.delete(uuid_of(ref))


# --- paging and failures ----------------------------------------------------------------------


def test_list_contacts_pages(client: Heymarket, sandbox: FakeHeymarket | None) -> None:
    """70 contacts, 30 of them sharing one `updated`: overlapping pages, a stalled cursor."""
    if sandbox is not None:
        sandbox.seed(30, updated="2024-06-01T12:00:00.000000000Z", phone_start=15550200000)
        sandbox.seed(40, phone_start=15550300000)
    ids = [c.id for c in client.contacts.iter(page_size=30)]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 70 if sandbox is not None or not LIVE else len(ids) > 0


def test_list_contacts_v2_pages(client: Heymarket, sandbox: FakeHeymarket | None) -> None:
    if sandbox is not None:
        sandbox.seed(250)
    ids = [c.id for c in client.contacts_v2.iter(page_size=100, concurrency=1)]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 250 if sandbox is not None or not LIVE else len(ids) > 0


def test_get_contact_not_found(client: Heymarket) -> None:
    with pytest.raises(errors.NotFoundError) as caught:
        client.contacts.get(987654321)
    assert caught.value.request_id


def test_get_contact_unauthorized(wrong_key_client: Heymarket) -> None:
    with pytest.raises(errors.AuthenticationError) as caught:
        wrong_key_client.contacts.count()
    assert caught.value.status_code == 401
    assert caught.value.request_id


def test_list_contacts_v2_rate_limited(
    client: Heymarket, sandbox: FakeHeymarket | None, clock: InstantClock
) -> None:
    """A 429 with Retry-After, then success: the client waits as told and retries."""
    if LIVE:
        pytest.skip(
            "the real API cannot be made to answer 429 on demand; the sandbox cassette stays"
        )
    if sandbox is not None:
        sandbox.seed(3)
        sandbox.inject(Fault(status=429, retry_after="2"), path="/v2/contacts/list")
    assert len(client.contacts_v2.list(limit=10)) == 3
    assert sum(clock.sleeps) == pytest.approx(2.0, abs=0.05)  # in steps of at most 0.25 s
