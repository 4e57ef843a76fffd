"""The eight v2 operations, keyed by contact UUID and built around contact channels."""

from __future__ import annotations

import re
from typing import Any

from heymarket_typed.testing import _inputs
from heymarket_typed.testing._contacts import contact_ref, v2_fields, v2_update
from heymarket_typed.testing._errors import ApiError, bad_data, not_found
from heymarket_typed.testing._router import Call, Json, Route
from heymarket_typed.testing._store import ContactStore

DEFAULT_PAGE_SIZE = 30
MAX_PAGE_SIZE = 100
_PHONE_LIKE = re.compile(r"\+?[0-9]{8,15}")


def _id_for(store: ContactStore, contact_uuid: str) -> int:
    contact_id = store.id_for_uuid(contact_uuid)
    if contact_id is None:
        raise not_found()
    return contact_id


def _path_id(call: Call) -> int:
    return _id_for(call.store, _inputs.contact_uuid(call.params["contactID"]))


def create_contact_v2(call: Call) -> Json:
    """POST /v2/contact: needs at least one contact channel."""
    fields = v2_fields(_inputs.json_object(call.body), creating=True)
    return contact_ref(call.store.create(fields))


def get_contact_v2(call: Call) -> Json:
    """GET /v2/contact/{contactID}."""
    record = call.store.get(_path_id(call))
    if record is None:
        raise not_found()
    return record


def update_contact_v2(call: Call) -> Json:
    """PUT /v2/contact/{contactID}: merges, and returns the whole updated contact."""
    contact_id = _path_id(call)
    fields = v2_fields(_inputs.json_object(call.body), creating=False)
    record = call.store.get(contact_id)
    if record is None:
        raise not_found()
    return call.store.update(contact_id, v2_update(record, fields))


def delete_contact_v2(call: Call) -> Json:
    """DELETE /v2/contact/{contactID}."""
    if not call.store.delete(_path_id(call)):
        raise not_found()
    return "contact deleted"


def _echo(item: dict[str, Any]) -> dict[str, Any]:
    """A failed item as sent, minus the custom keys the API drops (they are not field ids)."""
    custom = item.get("custom")
    if not isinstance(custom, dict):
        return item
    return {**item, "custom": _inputs.known_custom(custom)}


def bulk_upsert_contacts_v2(call: Call) -> Json:
    """POST /v2/contacts: items with `contact_id` update, the others create.

    A malformed item makes the whole request a 400 before anything is written; items that are
    well-formed but cannot be written (unknown `contact_id`, no channels to create from) are
    reported in `failed_contacts`.
    """
    body = _inputs.json_object(call.body)
    items = body.get("contacts")
    if not isinstance(items, list) or not items:
        raise bad_data("contacts must be a non-empty array")
    parsed: list[tuple[dict[str, Any], str | None, dict[str, Any]]] = []
    for index, given in enumerate(items):
        try:
            item = _inputs.json_object(given, what="contact")
            target = item.get("contact_id")
            if target is not None:
                target = _inputs.contact_uuid(target, what="contact_id")
            parsed.append((item, target, v2_fields(item, creating=False)))
        except ApiError as error:
            raise bad_data(f"contacts[{index}]: {error.message}") from None
    written: list[dict[str, Any]] = []
    failed: list[dict[str, Any]] = []
    for item, target, fields in parsed:
        if target is not None:
            contact_id = call.store.id_for_uuid(target)
            record = call.store.get(contact_id) if contact_id is not None else None
            if contact_id is None or record is None:
                failed.append({"contact": _echo(item), "error": "contact not found"})
                continue
            written.append(call.store.update(contact_id, v2_update(record, fields)))
        elif "contact_channels" not in fields:
            reason = "contact_channels are required to create a contact"
            failed.append({"contact": _echo(item), "error": reason})
        else:
            written.append(call.store.create(fields))
    return {"contacts": written, "failed_contacts": failed}


def bulk_delete_contacts_v2(call: Call) -> Json:
    """DELETE /v2/contacts: one `{"channel_type": "id", "channel_ids": [uuid, ...]}` entry."""
    body = _inputs.json_object(call.body)
    entries = body.get("contact_channels")
    if not isinstance(entries, list) or len(entries) != 1 or not isinstance(entries[0], dict):
        raise bad_data("contact_channels must hold exactly one entry")
    entry = entries[0]
    uuids = entry.get("channel_ids")
    if entry.get("channel_type") != "id":
        raise bad_data('contact_channels[0].channel_type must be "id"')
    if not isinstance(uuids, list) or not uuids:
        raise bad_data("contact_channels[0].channel_ids must list at least one contact UUID")
    targets = [_inputs.contact_uuid(value, what="channel_ids[]") for value in uuids]
    for target in targets:
        contact_id = call.store.id_for_uuid(target)
        if contact_id is not None:
            call.store.delete(contact_id)
    return "ok"


def list_contacts_v2(call: Call) -> Json:
    """POST /v2/contacts/list: page `page` of `limit`, among contacts updated after `date`."""
    body = _inputs.json_object(call.body, optional=True)
    limit = _inputs.integer(
        body, "limit", default=DEFAULT_PAGE_SIZE, minimum=1, maximum=MAX_PAGE_SIZE
    )
    page = _inputs.integer(body, "page", default=0, minimum=0)
    after = _inputs.timestamp(body)
    ascending = _inputs.boolean(body, "ascending")
    return call.store.page_after(after, limit, page, ascending=ascending)


def _inferred_type(value: str) -> str | None:
    if _PHONE_LIKE.fullmatch(value):
        return "phone"
    if "@" in value:
        return "email"
    return None


def search_contacts_v2(call: Call) -> Json:
    """POST /v2/contacts/search: contacts matching any value; `[]` when none match."""
    body = _inputs.json_object(call.body)
    entries = body.get("contact_channels")
    if not isinstance(entries, list) or not entries:
        raise bad_data("contact_channels must hold at least one entry")
    found: set[int] = set()
    for index, entry in enumerate(entries):
        where = f"contact_channels[{index}]"
        if not isinstance(entry, dict):
            raise bad_data(f"{where} must be an object")
        channel_type, values = entry.get("channel_type"), entry.get("channel_ids")
        if channel_type is not None and not isinstance(channel_type, str):
            raise bad_data(f"{where}.channel_type must be a string")
        if not isinstance(values, list) or not values:
            raise bad_data(f"{where}.channel_ids must list at least one value")
        for value in values:
            if not isinstance(value, str):
                raise bad_data(f"{where}.channel_ids must hold strings")
            found |= call.store.ids_for_channel(channel_type or _inferred_type(value), value)
    return call.store.many(found)


ROUTES = (
    Route("POST", "/v2/contact", create_contact_v2),
    Route("GET", "/v2/contact/{contactID}", get_contact_v2),
    Route("PUT", "/v2/contact/{contactID}", update_contact_v2),
    Route("DELETE", "/v2/contact/{contactID}", delete_contact_v2),
    Route("POST", "/v2/contacts", bulk_upsert_contacts_v2),
    Route("DELETE", "/v2/contacts", bulk_delete_contacts_v2),
    Route("POST", "/v2/contacts/list", list_contacts_v2),
    Route("POST", "/v2/contacts/search", search_contacts_v2),
)
"""The v2 routes."""
