"""The eleven v1 operations, keyed by integer contact id."""

from __future__ import annotations

from typing import Any

from heymarket_typed.testing import _inputs
from heymarket_typed.testing._contacts import contact_ref, v1_update
from heymarket_typed.testing._declared import STATUSES
from heymarket_typed.testing._errors import ApiError, bad_data, not_found
from heymarket_typed.testing._router import Call, Json, Route
from heymarket_typed.testing._store import ContactStore, Record

DEFAULT_PAGE_SIZE = 30
# Keys of a failed batch item that the document types as strings: echoing anything else
# would break the response schema, so such an item makes the whole request malformed.
_ECHOED_TEXT = ("phone", "first", "last", "display_name", "email", "reason", "message")


def _existing(store: ContactStore, contact_id: int) -> Record:
    record = store.get(contact_id)
    if record is None:
        raise not_found()
    return record


def _path_id(call: Call) -> int:
    return _inputs.digits_id(call.params["id"], what="id")


def create_contact(call: Call) -> Json:
    """POST /v1/contact. Duplicate phones are created again, as the API does."""
    fields = _inputs.contact_fields(_inputs.json_object(call.body), require_phone=True)
    return contact_ref(call.store.create(fields))


def get_contact(call: Call) -> Json:
    """GET /v1/contact/{id}."""
    return _existing(call.store, _path_id(call))


def update_contact(call: Call) -> Json:
    """PUT /v1/contact/{id}: `phone` required; `?overwrite=` picks replace or merge."""
    contact_id = _path_id(call)
    overwrite = _inputs.query_flag(call.query, "overwrite")
    fields = _inputs.contact_fields(_inputs.json_object(call.body), require_phone=True)
    record = _existing(call.store, contact_id)
    changes, removals = v1_update(record, fields, overwrite=overwrite)
    return contact_ref(call.store.update(contact_id, changes, removals))


def delete_contact(call: Call) -> Json:
    """DELETE /v1/contact/{id}."""
    if not call.store.delete(_path_id(call)):
        raise not_found()
    return "ok"


def list_contacts(call: Call) -> Json:
    """POST /v1/contacts: a page by the inclusive `date` cursor, newest first by default."""
    body = _inputs.json_object(call.body, optional=True)
    cursor = _inputs.timestamp(body)
    limit = _inputs.integer(body, "limit", default=DEFAULT_PAGE_SIZE, minimum=1)
    ascending = _inputs.boolean(body, "ascending")
    return call.store.page_through(cursor, limit, ascending=ascending)


def count_contacts(call: Call) -> Json:
    """POST /v1/contacts/count: the count, as a JSON string of digits."""
    body = _inputs.json_object(call.body, optional=True)
    return str(call.store.count_after(_inputs.timestamp(body)))


def find_contact(call: Call) -> Json:
    """POST /v1/contact/get: by `phone`, else by `id` (a string of digits)."""
    body = _inputs.json_object(call.body)
    if "phone" in body:
        found = call.store.first_id_with_phone(_inputs.phone(body["phone"]))
        if found is None:
            raise not_found()
        return _existing(call.store, found)
    if "id" in body:
        return _existing(call.store, _inputs.digits_id(body["id"], what="id"))
    raise bad_data("phone or id is required")


def _locate(store: ContactStore, body: dict[str, Any]) -> Record:
    """The contact a status request names: by `id` when given, else by `phone`."""
    if "id" in body:
        return _existing(store, _inputs.integer(body, "id", default=0, minimum=1))
    if "phone" in body:
        found = store.first_id_with_phone(_inputs.phone(body["phone"]))
        if found is None:
            raise not_found()
        return _existing(store, found)
    raise bad_data("id or phone is required")


def get_contact_status(call: Call) -> Json:
    """POST /v1/contact/status."""
    record = _locate(call.store, _inputs.json_object(call.body))
    blocked, by_contact = call.store.flags(record["id"])
    opted_out = bool(record.get("is_opted_out"))
    return {
        "id": record["id"],
        "phone": record.get("phone"),
        "unsubscribed": opted_out,
        "blocked": blocked,
        "unsubscribed_admin": opted_out and not by_contact,
        "unsubscribed_contact": opted_out and by_contact,
    }


def set_contact_status(call: Call) -> Json:
    """POST /v1/contact/set_status: one write changing the opt-out or blocked flags."""
    body = _inputs.json_object(call.body)
    status = body.get("status")
    if status not in STATUSES:
        raise bad_data(f"status must be one of {', '.join(STATUSES)}")
    record = _locate(call.store, body)
    changes: dict[str, Any] = {}
    blocked: bool | None = None
    if status in ("unsubscribed", "subscribed", "active"):
        changes["is_opted_out"] = status == "unsubscribed"
    if status in ("blocked", "unblocked", "active"):
        blocked = status == "blocked"
    by_contact = False if "is_opted_out" in changes else None
    call.store.update(record["id"], changes, blocked=blocked, opted_out_by_contact=by_contact)
    return "success"


def batch_create_contacts(call: Call) -> Json:
    """POST /v1/batch/contacts: `"ok"`, or the items that failed with an `error` each."""
    overwrite = _inputs.query_flag(call.query, "overwrite")
    items = call.body
    if not isinstance(items, list) or not items:
        raise bad_data("body must be a non-empty JSON array of contacts")
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise bad_data(f"[{index}] must be a JSON object")
        for key in _ECHOED_TEXT:
            if item.get(key) is not None and not isinstance(item[key], str):
                raise bad_data(f"[{index}].{key} must be a string")
    failed: list[dict[str, Any]] = []
    for item in items:
        try:
            fields = _inputs.contact_fields(item, require_phone=True)
        except ApiError as error:
            failed.append({**item, "error": error.message})
            continue
        existing = call.store.first_id_with_phone(fields["phone"])
        if existing is None:
            call.store.create(fields)
        elif overwrite:
            record = _existing(call.store, existing)
            call.store.update(existing, *v1_update(record, fields, overwrite=True))
        else:
            failed.append({**item, "error": "phone already exists"})
    return failed if failed else "ok"


def list_contact_fields(call: Call) -> Json:
    """POST /v1/contact-fields: the fields defined with `add_contact_field`."""
    _inputs.json_object(call.body, optional=True)
    return call.store.fields()


ROUTES = (
    Route("POST", "/v1/contact", create_contact),
    Route("GET", "/v1/contact/{id}", get_contact),
    Route("PUT", "/v1/contact/{id}", update_contact),
    Route("DELETE", "/v1/contact/{id}", delete_contact),
    Route("POST", "/v1/contacts", list_contacts),
    Route("POST", "/v1/contacts/count", count_contacts),
    Route("POST", "/v1/contact/get", find_contact),
    Route("POST", "/v1/contact/status", get_contact_status),
    Route("POST", "/v1/contact/set_status", set_contact_status),
    Route("POST", "/v1/batch/contacts", batch_create_contacts),
    Route("POST", "/v1/contact-fields", list_contact_fields),
)
"""The v1 routes."""
