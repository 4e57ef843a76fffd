"""A tour of the Heymarket Contacts API with heymarket-typed.

Credentials and the API's address come from the environment: HEYMARKET_SECRET_ID and
HEYMARKET_SECRET_KEY (or HEYMARKET_API_KEY), and HEYMARKET_BASE_URL. `make demo` starts the
embedded sandbox and runs this against it; `--read-only` skips every step that writes.

    python examples/quickstart.py [--read-only]
"""

from __future__ import annotations

import argparse
import sys

from heymarket_typed import Heymarket, errors, models


def step(title: str) -> None:
    print(f"\n== {title}")


def tour(client: Heymarket, *, read_only: bool) -> None:
    phone = "+1 (415) 555-3434"
    if not read_only:
        step("create a contact (the phone is normalised to 14155553434)")
        ref = client.contacts.create(
            models.ContactInput(phone=phone, first="Ada", last="Lovelace", email="ada@example.com")
        )
        print(f"created id={ref.id} rev={ref.rev} uuid={ref.uuid}")

        step("get it back by ID")
        contact = client.contacts.get(ref.id)
        print(f"{contact.id}: {contact.display_name} <{contact.email}> updated {contact.updated}")

    step("find a contact by phone")
    try:
        found = client.contacts.find(phone=phone)
        print(f"found {found.id}: {found.display_name}")
    except errors.NotFoundError as error:
        print(f"no contact with that phone (request id {error.request_id})")

    step("messaging status")
    try:
        if not read_only:
            client.contacts.set_status("unsubscribed", phone=phone)
            print("set to unsubscribed")
        status = client.contacts.get_status(phone=phone)
        print(f"unsubscribed={status.unsubscribed} blocked={status.blocked}")
    except errors.NotFoundError:
        print("no status: the contact does not exist")

    step("count")
    print(f"{client.contacts.count()} contacts in the team")

    step("iterate with v1 (cursor pages) and v2 (numbered pages, read ahead)")
    v1 = sum(1 for _ in client.contacts.iter(page_size=50, max_items=200))
    print(f"v1: {v1} contacts")
    seen = 0
    for seen, _contact in enumerate(client.contacts_v2.iter(max_items=500), start=1):
        if seen % 100 == 0:
            print(f"\rv2: {seen} contacts", end="", flush=True)
    print(f"\rv2: {seen} contacts")

    step("search by phone or email (v2)")
    matches = client.contacts_v2.search(phones=[phone], emails=["ada@example.com"])
    print(f"{len(matches)} match(es): {[m.id for m in matches]}")

    if read_only:
        return
    step("bulk upsert three contacts (v2)")
    result = client.contacts_v2.bulk_upsert(
        [
            models.ContactInputV2(
                first=f"Guest {n}",
                contact_channels=[
                    models.ChannelInput(channel_type="phone", channel_id=f"+1 415 555 01{n:02d}")
                ],
            )
            for n in range(3)
        ]
    )
    print(f"written: {len(result.contacts)}, failed: {len(result.failed_contacts)}")

    step("bulk delete them")
    uuids = [c.uuid for c in result.contacts if isinstance(c.uuid, str)]
    client.contacts_v2.bulk_delete(uuids)
    print(f"deleted {len(uuids)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--read-only", action="store_true", help="skip every step that writes")
    args = parser.parse_args()
    try:
        with Heymarket() as client:
            print(f"heymarket-typed tour against {client.base_url}")
            tour(client, read_only=args.read_only)
    except errors.HeymarketError as error:
        print(f"\nfailed: {error}", file=sys.stderr)
        return 1
    print("\ndone.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
