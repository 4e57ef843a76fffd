"""One plan per API operation, shared by the sync and async clients.

A plan checks the arguments (raising `ValueError` before anything is sent), binds them to the
generated `*_detailed` functions, and says how to read the response into the SDK's return type.
The clients only run plans: `plan.sync(client=api)` or `await plan.asyncio(client=api)`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, Protocol, TypeVar

import httpx
from heymarket_typed_api.api.contacts_v1 import (
    batch_create_contacts,
    count_contacts,
    create_contact,
    delete_contact,
    find_contact,
    get_contact,
    get_contact_status,
    list_contact_fields,
    list_contacts,
    set_contact_status,
    update_contact,
)
from heymarket_typed_api.api.contacts_v2 import (
    bulk_delete_contacts_v2,
    bulk_upsert_contacts_v2,
    create_contact_v2,
    delete_contact_v2,
    get_contact_v2,
    list_contacts_v2,
    search_contacts_v2,
    update_contact_v2,
)
from heymarket_typed_api.models import (
    BatchFailure,
    BulkDeleteChannel,
    BulkDeleteRequest,
    BulkUpsertRequest,
    BulkUpsertResponse,
    Contact,
    ContactField,
    ContactInput,
    ContactInputV2,
    ContactLookup,
    ContactRef,
    ContactStatus,
    ContactStatusQuery,
    CountRequest,
    ListContactsV2Request,
    PaginationRequest,
    SearchChannel,
    SearchRequest,
    SetStatusRequest,
)
from heymarket_typed_api.models.contact_status_value import CONTACT_STATUS_VALUE_VALUES
from heymarket_typed_api.types import UNSET, Response

from . import _validation as check
from ._exceptions import APIResponseValidationError, validation_error
from ._results import FailedContact, match_failures

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Call(Generic[T]):
    """One request, ready to send through either client."""

    where: str
    sync: Callable[..., Response[Any]]
    asyncio: Callable[..., Awaitable[Response[Any]]]
    read: Callable[[Response[Any], str], T]

    def result(self, response: Response[Any]) -> T:
        return self.read(response, self.where)


class _Endpoint(Protocol):
    """A generated endpoint module: its `sync_detailed` and `asyncio_detailed` functions."""

    @property
    def sync_detailed(self) -> Callable[..., Response[Any]]: ...

    @property
    def asyncio_detailed(self) -> Callable[..., Awaitable[Response[Any]]]: ...


def _plan(
    where: str,
    endpoint: _Endpoint,
    read: Callable[[Response[Any], str], T],
    *args: Any,
    **kwargs: Any,
) -> Call[T]:
    """`endpoint`'s two functions with the same arguments bound, for either client to run."""
    return Call(
        where,
        partial(endpoint.sync_detailed, *args, **kwargs),
        partial(endpoint.asyncio_detailed, *args, **kwargs),
        read,
    )


def mismatch(response: Response[Any], where: str, problem: str) -> APIResponseValidationError:
    raw = httpx.Response(
        int(response.status_code), headers=response.headers, content=response.content
    )
    return validation_error(raw, problem, where)


def _expect(kind: type[T]) -> Callable[[Response[Any], str], T]:
    def read(response: Response[Any], where: str) -> T:
        if isinstance(response.parsed, kind):
            return response.parsed
        raise mismatch(response, where, f"expected {kind.__name__}, got {response.parsed!r:.80}")

    return read


def _expect_list(kind: type[T]) -> Callable[[Response[Any], str], list[T]]:
    def read(response: Response[Any], where: str) -> list[T]:
        parsed = response.parsed
        if isinstance(parsed, list) and all(isinstance(item, kind) for item in parsed):
            return parsed
        raise mismatch(response, where, f"expected a list of {kind.__name__}")

    return read


def _confirmation(response: Response[Any], where: str) -> None:
    # "ok", "success", "contact deleted": the wording varies; only a string is documented.
    if not isinstance(response.parsed, str):
        raise mismatch(
            response, where, f"expected a confirmation string, got {response.parsed!r:.80}"
        )


def _count(response: Response[Any], where: str) -> int:
    parsed = response.parsed
    if isinstance(parsed, str) and parsed.isascii() and parsed.isdigit():
        return int(parsed)
    if isinstance(parsed, int) and not isinstance(parsed, bool) and parsed >= 0:
        return parsed
    raise mismatch(response, where, f"expected a count, got {parsed!r:.80}")


# --- v1 ---------------------------------------------------------------------------------------


def create(contact: object, region: str | None) -> Call[ContactRef]:
    body = check.contact_input(contact, "contact", ContactInput, region)
    return _plan("POST /v1/contact", create_contact, _expect(ContactRef), body=body)


def get(id: object) -> Call[Contact]:
    contact_id = check.contact_id(id)
    return _plan("GET /v1/contact/{id}", get_contact, _expect(Contact), contact_id)


def update(id: object, contact: object, overwrite: object, region: str | None) -> Call[ContactRef]:
    contact_id = check.contact_id(id)
    body = check.contact_input(contact, "contact", ContactInput, region)
    flag = check.flag(overwrite, "overwrite")
    return _plan(
        "PUT /v1/contact/{id}",
        update_contact,
        _expect(ContactRef),
        contact_id,
        body=body,
        overwrite=flag,
    )


def delete(id: object) -> Call[None]:
    contact_id = check.contact_id(id)
    return _plan("DELETE /v1/contact/{id}", delete_contact, _confirmation, contact_id)


def find(phone: object, id: object, region: str | None) -> Call[Contact]:
    by_phone, by_id = check.either_phone_or_id(phone, id, region)
    body = ContactLookup(
        phone=UNSET if by_phone is None else by_phone,
        id=UNSET if by_id is None else str(by_id),
    )
    return _plan("POST /v1/contact/get", find_contact, _expect(Contact), body=body)


def count(updated_after: object) -> Call[int]:
    body = CountRequest(
        date=UNSET if updated_after is None else check.timestamp(updated_after, "updated_after")
    )
    return _plan("POST /v1/contacts/count", count_contacts, _count, body=body)


def list_page(body: PaginationRequest) -> Call[list[Contact]]:
    return _plan("POST /v1/contacts", list_contacts, _expect_list(Contact), body=body)


def list_v1(date: object, limit: object, ascending: object) -> Call[list[Contact]]:
    return list_page(
        PaginationRequest(
            date=UNSET if date is None else check.timestamp(date, "date"),
            limit=UNSET if limit is None else check.bounded_int(limit, "limit"),
            ascending=UNSET if ascending is None else check.flag(ascending, "ascending"),
        )
    )


def get_status(phone: object, id: object, region: str | None) -> Call[ContactStatus]:
    by_phone, by_id = check.either_phone_or_id(phone, id, region)
    body = ContactStatusQuery(
        phone=UNSET if by_phone is None else by_phone, id=UNSET if by_id is None else by_id
    )
    return _plan("POST /v1/contact/status", get_contact_status, _expect(ContactStatus), body=body)


def set_status(status: object, phone: object, id: object, region: str | None) -> Call[None]:
    if not isinstance(status, str):
        raise TypeError(f"status must be a str, not {type(status).__name__}")
    if status not in CONTACT_STATUS_VALUE_VALUES:
        allowed = ", ".join(sorted(CONTACT_STATUS_VALUE_VALUES))
        raise ValueError(f"status must be one of {allowed}, got {status!r}")
    by_phone, by_id = check.either_phone_or_id(phone, id, region)
    body = SetStatusRequest(
        status=status,
        phone=UNSET if by_phone is None else by_phone,
        id=UNSET if by_id is None else by_id,
    )
    return _plan("POST /v1/contact/set_status", set_contact_status, _confirmation, body=body)


def batch_create(
    chunk: list[ContactInput], overwrite: bool, offset: int
) -> Call[list[FailedContact[ContactInput]]]:
    """One request of a batch; `offset` is the index of `chunk[0]` in the caller's list."""

    def read(response: Response[Any], where: str) -> list[FailedContact[ContactInput]]:
        parsed = response.parsed
        if isinstance(parsed, str):
            return []
        if isinstance(parsed, list) and all(isinstance(item, BatchFailure) for item in parsed):
            # A v1 report is the echoed contact itself, plus its reason.
            raws = [(f.to_dict(), _reason(f.error, f.reason, f.message)) for f in parsed]
            return match_failures(chunk, [(raw, reason, raw) for raw, reason in raws], offset)
        raise mismatch(response, where, 'expected "ok" or a list of failed contacts')

    return _plan(
        "POST /v1/batch/contacts", batch_create_contacts, read, body=chunk, overwrite=overwrite
    )


def list_fields() -> Call[list[ContactField]]:
    return _plan("POST /v1/contact-fields", list_contact_fields, _expect_list(ContactField))


# --- v2 ---------------------------------------------------------------------------------------


def create_v2(contact: object, region: str | None) -> Call[ContactRef]:
    body = check.contact_input(contact, "contact", ContactInputV2, region)
    if not body.contact_channels:
        raise ValueError(
            "contact.contact_channels: creating a v2 contact needs at least one channel"
        )
    return _plan("POST /v2/contact", create_contact_v2, _expect(ContactRef), body=body)


def get_v2(contact_id: object) -> Call[Contact]:
    key = check.contact_uuid(contact_id)
    return _plan("GET /v2/contact/{contactID}", get_contact_v2, _expect(Contact), key)


def update_v2(contact_id: object, contact: object, region: str | None) -> Call[Contact]:
    key = check.contact_uuid(contact_id)
    body = check.contact_input(contact, "contact", ContactInputV2, region)
    return _plan("PUT /v2/contact/{contactID}", update_contact_v2, _expect(Contact), key, body=body)


def delete_v2(contact_id: object) -> Call[None]:
    key = check.contact_uuid(contact_id)
    return _plan("DELETE /v2/contact/{contactID}", delete_contact_v2, _confirmation, key)


def bulk_upsert(
    chunk: list[ContactInputV2], offset: int
) -> Call[tuple[list[Contact], list[FailedContact[ContactInputV2]]]]:
    """One request of a bulk upsert; `offset` is the index of `chunk[0]` in the caller's list."""
    body = BulkUpsertRequest(contacts=chunk)

    def read(
        response: Response[Any], where: str
    ) -> tuple[list[Contact], list[FailedContact[ContactInputV2]]]:
        parsed = response.parsed
        if not isinstance(parsed, BulkUpsertResponse):
            raise mismatch(response, where, "expected {contacts, failed_contacts}")
        written = parsed.contacts if isinstance(parsed.contacts, list) else []
        reports = [
            (
                failure.contact.to_dict() if isinstance(failure.contact, ContactInputV2) else {},
                _reason(
                    failure.error,
                    failure.reason,
                    failure.additional_properties.get("message"),
                ),
                failure.to_dict(),
            )
            for failure in (
                parsed.failed_contacts if isinstance(parsed.failed_contacts, list) else []
            )
        ]
        return written, match_failures(chunk, reports, offset)

    return _plan("POST /v2/contacts", bulk_upsert_contacts_v2, read, body=body)


def bulk_delete(contact_ids: object) -> Call[None]:
    ids = check.uuids(contact_ids, "contact_ids")
    body = BulkDeleteRequest(
        contact_channels=[BulkDeleteChannel(channel_type="id", channel_ids=ids)]
    )
    return _plan("DELETE /v2/contacts", bulk_delete_contacts_v2, _confirmation, body=body)


def list_page_v2(body: ListContactsV2Request) -> Call[list[Contact]]:
    return _plan("POST /v2/contacts/list", list_contacts_v2, _expect_list(Contact), body=body)


def list_v2(
    page: object, limit: object, updated_after: object, ascending: object
) -> Call[list[Contact]]:
    return list_page_v2(
        ListContactsV2Request(
            limit=check.bounded_int(limit, "limit"),
            page=check.bounded_int(page, "page", low=0, high=2**31 - 1),
            date=UNSET
            if updated_after is None
            else check.timestamp(updated_after, "updated_after"),
            ascending=check.flag(ascending, "ascending"),
        )
    )


def search(phones: object, emails: object, region: str | None) -> Call[list[Contact]]:
    channels = [
        SearchChannel(channel_type=kind, channel_ids=values)
        for kind, values in (
            ("phone", check.phones(phones, "phones", region)),
            ("email", check.emails(emails, "emails")),
        )
        if values
    ]
    if not channels:
        raise ValueError("give at least one of phones or emails to search for")
    body = SearchRequest(contact_channels=channels)
    return _plan("POST /v2/contacts/search", search_contacts_v2, _expect_list(Contact), body=body)


def _reason(*candidates: object) -> str | None:
    return next((c for c in candidates if isinstance(c, str) and c), None)
