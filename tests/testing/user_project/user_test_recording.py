"""The user's recorded tests: pytest-recording with `vcr_config()`, as the README says.

Recorded against the sandbox (`--record-mode=once`), replayed with `--record-mode=none
--block-network` and an empty sandbox on another port: the answers can only come from the
cassettes. The parent test sets SANDBOX_PORT, SCRUB and REPLAY.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from heymarket_typed import Heymarket, models
from heymarket_typed.testing import (
    SANDBOX_SECRET_ID,
    SANDBOX_SECRET_KEY,
    FakeHeymarket,
    without_waiting,
)
from heymarket_typed.testing import (
    vcr_config as heymarket_vcr_config,
)

PHONE = "14155552671"
USERS_OWN_KEY = "users-own-key-7f3a9c1e5b"  # the app's own secret header: never recorded
REPLAY = os.environ.get("REPLAY") == "1"


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    return heymarket_vcr_config(scrub_personal_data=os.environ.get("SCRUB") == "1")


@pytest.fixture
def sandbox(heymarket_sandbox: FakeHeymarket) -> FakeHeymarket:
    if not REPLAY:
        heymarket_sandbox.add_contact(
            phone=PHONE, first="Jane", last="Doe", email="jane.doe@corp.com"
        )
    return heymarket_sandbox


@pytest.fixture
def client(sandbox: FakeHeymarket) -> Iterator[Heymarket]:
    """The app's own client, as it would build it, against the sandbox served on a port."""
    with (
        sandbox.serve(port=int(os.environ["SANDBOX_PORT"])) as server,
        Heymarket(
            secret_id=SANDBOX_SECRET_ID, secret_key=SANDBOX_SECRET_KEY, base_url=server.url
        ) as client,
    ):
        yield without_waiting(client)


@pytest.mark.vcr
def test_find_rename_and_search(client: Heymarket) -> None:
    contact = client.contacts.find(phone=PHONE, extra_headers={"X-Api-Key": USERS_OWN_KEY})
    assert contact.id == 1001
    assert isinstance(contact.phone, str)
    assert isinstance(contact.first, str)
    # Sends back what it read: on replay, the (scrubbed) values of the cassette.
    renamed = models.ContactInput(phone=contact.phone, first=contact.first, last="Renamed")
    assert client.contacts.update(contact.id, renamed).rev == 2
    assert [c.id for c in client.contacts_v2.search(phones=[contact.phone])] == [1001]


@pytest.mark.vcr
def test_through_the_fixture_client(heymarket_client: Heymarket, sandbox: FakeHeymarket) -> None:
    """The in-process transport is recorded too, and replayed without the sandbox's data."""
    contact = heymarket_client.contacts.find(phone=PHONE)
    assert contact.id == 1001
    assert heymarket_client.contacts.count() == 1
