# pyright: strict
"""Code a user writes against the SDK, the plain way: `make typecheck` runs both mypy --strict
and pyright strict on this file and expects 0 errors from each.

It reads response fields with one `None` check or an `or` default, as with openai-python or
stripe-python, never with three-way `Unset` narrowing. Never imported or run: type-checked only.
"""

from __future__ import annotations

from heymarket_typed import AsyncHeymarket, Heymarket, models


def names_in_order(client: Heymarket) -> list[str]:
    contacts = client.contacts_v2.list(limit=100)
    ordered = sorted(contacts, key=lambda c: c.display_name or "")
    return [c.display_name or c.phone or str(c.id) for c in ordered]


def create_then_read(client: Heymarket, phone: str) -> models.Contact:
    ref = client.contacts_v2.create(models.ContactInputV2(phone=phone, first="Ada"))
    if ref.uuid is None:
        raise RuntimeError("this deployment returns no uuid")
    return client.contacts_v2.get(ref.uuid)


def copy_to_v1(client: Heymarket, contact: models.Contact) -> int:
    if contact.phone is None:
        raise ValueError("contact has no phone")
    copy = models.ContactInput(phone=contact.phone, first=contact.first or "")
    if contact.email is not None:
        copy.email = contact.email
    return client.contacts.create(copy).id


def phone_channels(contact: models.Contact) -> list[str]:
    return [
        channel.channel_id
        for channel in contact.contact_channels or []
        if channel.channel_type == "phone" and channel.channel_id is not None
    ]


def latest_cursor(client: Heymarket) -> str | None:
    page = client.contacts.list(limit=100)
    return page[-1].updated if page else None


def tag_labels(contact: models.Contact) -> list[str]:
    labels: list[str] = []
    for tag in contact.tags or []:
        if isinstance(tag, int):
            labels.append(str(tag))
        elif tag.tag is not None:
            labels.append(tag.tag)
    return labels


def opted_out(client: Heymarket, phone: str) -> bool:
    status = client.contacts.get_status(phone=phone)
    return bool(status.unsubscribed or status.blocked)


async def total_revisions(client: AsyncHeymarket) -> int:
    total = 0
    async for contact in client.contacts_v2.iter(page_size=100):
        total += contact.rev or 0
    return total
