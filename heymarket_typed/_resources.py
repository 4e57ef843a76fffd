"""`client.contacts` (v1) and `client.contacts_v2` (v2), sync and async.

Each method is one plan from `_operations` run by `_run`; the twins differ only in `await`.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar
from uuid import UUID

from heymarket_typed_api import Client
from heymarket_typed_api.models import (
    Contact,
    ContactField,
    ContactInput,
    ContactInputV2,
    ContactRef,
    ContactStatus,
    ContactStatusValue,
)
from httpx import Timeout

from . import _operations as ops
from . import _validation as check
from ._bulk import AsyncChunk, Chunk, arun_chunks, run_chunks
from ._constants import (
    DEFAULT_CHUNK_SIZE,
    DEFAULT_CONCURRENCY,
    MAX_CHUNK_SIZE,
    MAX_CONCURRENCY,
)
from ._exceptions import client_closed, scrub_error
from ._export import ExportPlan
from ._export_iter import AsyncContactIterator, ContactIterator, list_call
from ._operations import Call
from ._options import CallOptions, call_options
from ._phones import DEFAULT_PHONE_REGION
from ._results import BatchCreateResult, BulkUpsertResult, FailedContact

if TYPE_CHECKING:
    from ._raw_response import (
        AsyncContactsV2WithRawResponse,
        AsyncContactsWithRawResponse,
        ContactsV2WithRawResponse,
        ContactsWithRawResponse,
    )

T = TypeVar("T")
ItemT = TypeVar("ItemT")


class _Sync:
    def __init__(self, api: Client, phone_region: str | None = DEFAULT_PHONE_REGION) -> None:
        self._api = api
        self._region = phone_region

    def _chunk(self, options: CallOptions, start: int, stop: int, call: Call[T]) -> Chunk[T]:
        return Chunk(start, stop, lambda: self._run(call, options))

    def _run(self, call: Call[T], options: CallOptions) -> T:
        if self._api.get_httpx_client().is_closed:
            raise client_closed()
        try:
            with options.applied():
                response = call.sync(client=self._api)
            return call.result(response)
        except BaseException as error:
            scrub_error(error)
            raise


class _Async:
    def __init__(self, api: Client, phone_region: str | None = DEFAULT_PHONE_REGION) -> None:
        self._api = api
        self._region = phone_region

    def _chunk(self, options: CallOptions, start: int, stop: int, call: Call[T]) -> AsyncChunk[T]:
        return AsyncChunk(start, stop, lambda: self._run(call, options))

    async def _run(self, call: Call[T], options: CallOptions) -> T:
        if self._api.get_async_httpx_client().is_closed:
            raise client_closed()
        try:
            with options.applied():
                response = await call.asyncio(client=self._api)
            return call.result(response)
        except BaseException as error:
            scrub_error(error)
            raise


def _chunks(
    items: list[ItemT], size: object, plan: Callable[[list[ItemT], int], Call[T]]
) -> list[tuple[int, int, Call[T]]]:
    """(start, stop, plan) for each `size` contacts of `items`."""
    size = check.bounded_int(size, "chunk_size", high=MAX_CHUNK_SIZE)
    return [
        (start, min(start + size, len(items)), plan(items[start : start + size], start))
        for start in range(0, len(items), size)
    ]


def _concurrency(value: object) -> int:
    return check.bounded_int(value, "concurrency", high=MAX_CONCURRENCY)


def _merge(
    done: list[tuple[list[Contact], list[FailedContact[ContactInputV2]]]],
) -> BulkUpsertResult:
    return BulkUpsertResult(
        contacts=[contact for written, _ in done for contact in written],
        failed_contacts=[failure for _, failed in done for failure in failed],
    )


class Contacts(_Sync):
    """The v1 contact endpoints, keyed by integer contact ID.

    Every method also takes keyword-only `timeout=` (seconds or an `httpx.Timeout`: this
    call's per-attempt timeouts; pacing and retry waits do not count) and `extra_headers=`
    (sent with each of the call's requests; credential and framing headers are refused).
    """

    @property
    def with_raw_response(self) -> ContactsWithRawResponse:
        """These methods (but `iter`), each returning an `APIResponse`: status, headers,
        request id, and `parse()` for the value."""
        from ._raw_response import ContactsWithRawResponse  # noqa: PLC0415 - it imports this module

        return ContactsWithRawResponse(self)

    def create(
        self,
        contact: ContactInput,
        *,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> ContactRef:
        """Creates a contact (`phone` required). Never retried after it may have reached the
        server, so a retry cannot create it twice."""
        return self._run(ops.create(contact, self._region), call_options(timeout, extra_headers))

    def get(
        self,
        id: int,
        *,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Contact:
        """The contact with this integer ID. Raises NotFoundError if there is none."""
        return self._run(ops.get(id), call_options(timeout, extra_headers))

    def update(
        self,
        id: int,
        contact: ContactInput,
        *,
        overwrite: bool = False,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> ContactRef:
        """Updates a contact. Send the whole contact: names are always overwritten and, per
        integrators, fields left out are cleared. `overwrite=True` replaces all custom values
        instead of merging them."""
        return self._run(
            ops.update(id, contact, overwrite, self._region), call_options(timeout, extra_headers)
        )

    def delete(
        self,
        id: int,
        *,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> None:
        """Deletes a contact permanently, with its conversation history."""
        self._run(ops.delete(id), call_options(timeout, extra_headers))

    def find(
        self,
        *,
        phone: str | None = None,
        id: int | None = None,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Contact:
        """The contact with this phone number or integer ID (give exactly one)."""
        return self._run(ops.find(phone, id, self._region), call_options(timeout, extra_headers))

    def count(
        self,
        *,
        updated_after: datetime | str | None = None,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> int:
        """The number of contacts, or of those updated after `updated_after`."""
        return self._run(ops.count(updated_after), call_options(timeout, extra_headers))

    def list(
        self,
        *,
        date: datetime | str | None = None,
        limit: int | None = None,
        ascending: bool | None = None,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> builtins.list[Contact]:
        """One page of contacts from the `date` cursor. `iter()` pages for you."""
        return self._run(ops.list_v1(date, limit, ascending), call_options(timeout, extra_headers))

    def iter(
        self,
        *,
        page_size: int = 100,
        max_items: int | None = None,
        ascending: bool = False,
        concurrency: int = DEFAULT_CONCURRENCY,
        resume: str | None = None,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> ContactIterator:
        """Every contact, by `updated`, lazily, exact while others write (DESIGN.md "Exports").

        `resume`: a `checkpoint` of an earlier `iter()` with the same `ascending`; a finished
        export's checkpoint gives what changed since. `concurrency` bounds the requests in
        flight (this version sends one at a time).

        Raises:
            ValueError: a bad argument, or a `resume` of another export or damaged.
            PaginationError: more than 100 contacts share one `updated` timestamp, which the v1
                cursor cannot get past (`contacts_v2.iter()` can).
        """
        options = call_options(timeout, extra_headers)
        _concurrency(concurrency)
        plan = ExportPlan(surface="v1", page_size=page_size, ascending=ascending, resume=resume)
        return ContactIterator(
            plan, lambda fetch: self._run(list_call(fetch), options), max_items=max_items
        )

    def get_status(
        self,
        *,
        phone: str | None = None,
        id: int | None = None,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> ContactStatus:
        """Whether the contact is opted out or blocked (give exactly one of phone or id)."""
        return self._run(
            ops.get_status(phone, id, self._region), call_options(timeout, extra_headers)
        )

    def set_status(
        self,
        status: ContactStatusValue,
        *,
        phone: str | None = None,
        id: int | None = None,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> None:
        """Sets `active`, `blocked`, `unblocked`, `subscribed` or `unsubscribed` (opted out)."""
        self._run(
            ops.set_status(status, phone, id, self._region), call_options(timeout, extra_headers)
        )

    def batch_create(
        self,
        contacts: Iterable[ContactInput],
        *,
        overwrite: bool = False,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        concurrency: int = DEFAULT_CONCURRENCY,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> BatchCreateResult:
        """Creates many contacts, `chunk_size` per request, up to `concurrency` requests at once.

        Every contact is checked before the first request. With `overwrite=False` a contact whose
        phone exists is reported as failed; with `overwrite=True` it is overwritten. If a request
        fails, no further one is sent and the error's note says which contacts were written.
        """
        checked = check.contact_list(contacts, "contacts", ContactInput, self._region)
        flag = check.flag(overwrite, "overwrite")
        options = call_options(timeout, extra_headers)
        plans = _chunks(checked, chunk_size, lambda chunk, at: ops.batch_create(chunk, flag, at))
        done = run_chunks(
            [self._chunk(options, *plan) for plan in plans], _concurrency(concurrency)
        )
        failed = [failure for failures in done for failure in failures]
        return BatchCreateResult(submitted=len(checked), failed_contacts=failed)

    def list_fields(
        self,
        *,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> builtins.list[ContactField]:
        """The team's custom contact fields; custom values are keyed by their IDs."""
        return self._run(ops.list_fields(), call_options(timeout, extra_headers))


class AsyncContacts(_Async):
    """The v1 contact endpoints, keyed by integer contact ID.

    Every method also takes keyword-only `timeout=` (seconds or an `httpx.Timeout`: this
    call's per-attempt timeouts; pacing and retry waits do not count) and `extra_headers=`
    (sent with each of the call's requests; credential and framing headers are refused).
    """

    @property
    def with_raw_response(self) -> AsyncContactsWithRawResponse:
        """These methods (but `iter`), each returning an `APIResponse`: status, headers,
        request id, and `parse()` for the value."""
        from ._raw_response import AsyncContactsWithRawResponse  # noqa: PLC0415 - it imports this module

        return AsyncContactsWithRawResponse(self)

    async def create(
        self,
        contact: ContactInput,
        *,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> ContactRef:
        """Creates a contact (`phone` required). Never retried after it may have reached the
        server, so a retry cannot create it twice."""
        return await self._run(
            ops.create(contact, self._region), call_options(timeout, extra_headers)
        )

    async def get(
        self,
        id: int,
        *,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Contact:
        """The contact with this integer ID. Raises NotFoundError if there is none."""
        return await self._run(ops.get(id), call_options(timeout, extra_headers))

    async def update(
        self,
        id: int,
        contact: ContactInput,
        *,
        overwrite: bool = False,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> ContactRef:
        """Updates a contact. Send the whole contact: names are always overwritten and, per
        integrators, fields left out are cleared. `overwrite=True` replaces all custom values
        instead of merging them."""
        return await self._run(
            ops.update(id, contact, overwrite, self._region), call_options(timeout, extra_headers)
        )

    async def delete(
        self,
        id: int,
        *,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> None:
        """Deletes a contact permanently, with its conversation history."""
        await self._run(ops.delete(id), call_options(timeout, extra_headers))

    async def find(
        self,
        *,
        phone: str | None = None,
        id: int | None = None,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Contact:
        """The contact with this phone number or integer ID (give exactly one)."""
        return await self._run(
            ops.find(phone, id, self._region), call_options(timeout, extra_headers)
        )

    async def count(
        self,
        *,
        updated_after: datetime | str | None = None,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> int:
        """The number of contacts, or of those updated after `updated_after`."""
        return await self._run(ops.count(updated_after), call_options(timeout, extra_headers))

    async def list(
        self,
        *,
        date: datetime | str | None = None,
        limit: int | None = None,
        ascending: bool | None = None,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> builtins.list[Contact]:
        """One page of contacts from the `date` cursor. `iter()` pages for you."""
        return await self._run(
            ops.list_v1(date, limit, ascending), call_options(timeout, extra_headers)
        )

    def iter(
        self,
        *,
        page_size: int = 100,
        max_items: int | None = None,
        ascending: bool = False,
        concurrency: int = DEFAULT_CONCURRENCY,
        resume: str | None = None,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> AsyncContactIterator:
        """Every contact, by `updated`, lazily (`async for`); see `Contacts.iter`."""
        options = call_options(timeout, extra_headers)
        _concurrency(concurrency)
        plan = ExportPlan(surface="v1", page_size=page_size, ascending=ascending, resume=resume)
        return AsyncContactIterator(
            plan, lambda fetch: self._run(list_call(fetch), options), max_items=max_items
        )

    async def get_status(
        self,
        *,
        phone: str | None = None,
        id: int | None = None,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> ContactStatus:
        """Whether the contact is opted out or blocked (give exactly one of phone or id)."""
        return await self._run(
            ops.get_status(phone, id, self._region), call_options(timeout, extra_headers)
        )

    async def set_status(
        self,
        status: ContactStatusValue,
        *,
        phone: str | None = None,
        id: int | None = None,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> None:
        """Sets `active`, `blocked`, `unblocked`, `subscribed` or `unsubscribed` (opted out)."""
        await self._run(
            ops.set_status(status, phone, id, self._region), call_options(timeout, extra_headers)
        )

    async def batch_create(
        self,
        contacts: Iterable[ContactInput],
        *,
        overwrite: bool = False,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        concurrency: int = DEFAULT_CONCURRENCY,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> BatchCreateResult:
        """Creates many contacts, `chunk_size` per request, up to `concurrency` requests at once.

        Every contact is checked before the first request. With `overwrite=False` a contact whose
        phone exists is reported as failed; with `overwrite=True` it is overwritten. If a request
        fails, no further one is sent and the error's note says which contacts were written.
        """
        checked = check.contact_list(contacts, "contacts", ContactInput, self._region)
        flag = check.flag(overwrite, "overwrite")
        options = call_options(timeout, extra_headers)
        plans = _chunks(checked, chunk_size, lambda chunk, at: ops.batch_create(chunk, flag, at))
        done = await arun_chunks(
            [self._chunk(options, *plan) for plan in plans], _concurrency(concurrency)
        )
        failed = [failure for failures in done for failure in failures]
        return BatchCreateResult(submitted=len(checked), failed_contacts=failed)

    async def list_fields(
        self,
        *,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> builtins.list[ContactField]:
        """The team's custom contact fields; custom values are keyed by their IDs."""
        return await self._run(ops.list_fields(), call_options(timeout, extra_headers))


class ContactsV2(_Sync):
    """The v2 contact endpoints, keyed by contact UUID, with contact channels.

    Every method also takes keyword-only `timeout=` (seconds or an `httpx.Timeout`: this
    call's per-attempt timeouts; pacing and retry waits do not count) and `extra_headers=`
    (sent with each of the call's requests; credential and framing headers are refused).
    """

    @property
    def with_raw_response(self) -> ContactsV2WithRawResponse:
        """These methods (but `iter`), each returning an `APIResponse`: status, headers,
        request id, and `parse()` for the value."""
        from ._raw_response import ContactsV2WithRawResponse  # noqa: PLC0415 - it imports this module

        return ContactsV2WithRawResponse(self)

    def create(
        self,
        contact: ContactInputV2,
        *,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> ContactRef:
        """Creates a contact from its channels (at least one). Never retried after it may have
        reached the server."""
        return self._run(ops.create_v2(contact, self._region), call_options(timeout, extra_headers))

    def get(
        self,
        contact_id: UUID | str,
        *,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Contact:
        """The contact with this UUID. Raises NotFoundError if there is none."""
        return self._run(ops.get_v2(contact_id), call_options(timeout, extra_headers))

    def update(
        self,
        contact_id: UUID | str,
        contact: ContactInputV2,
        *,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Contact:
        """Updates a contact and returns it whole."""
        return self._run(
            ops.update_v2(contact_id, contact, self._region), call_options(timeout, extra_headers)
        )

    def delete(
        self,
        contact_id: UUID | str,
        *,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> None:
        """Deletes a contact permanently."""
        self._run(ops.delete_v2(contact_id), call_options(timeout, extra_headers))

    def bulk_upsert(
        self,
        contacts: Iterable[ContactInputV2],
        *,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        concurrency: int = DEFAULT_CONCURRENCY,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> BulkUpsertResult:
        """Creates (no `contact_id`) or updates (with `contact_id`) many contacts, `chunk_size`
        per request, up to `concurrency` requests at once, every contact checked before the first
        request. If a request fails, no further one is sent and the error's note says which
        contacts were written."""
        checked = check.contact_list(contacts, "contacts", ContactInputV2, self._region)
        options = call_options(timeout, extra_headers)
        plans = _chunks(checked, chunk_size, ops.bulk_upsert)
        done = run_chunks(
            [self._chunk(options, *plan) for plan in plans], _concurrency(concurrency)
        )
        return _merge(done)

    def bulk_delete(
        self,
        contact_ids: Iterable[UUID | str],
        *,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> None:
        """Deletes these contacts permanently."""
        self._run(ops.bulk_delete(contact_ids), call_options(timeout, extra_headers))

    def list(
        self,
        *,
        page: int = 0,
        limit: int = 30,
        updated_after: datetime | str | None = None,
        ascending: bool = False,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> builtins.list[Contact]:
        """One page of contacts (pages count from 0). `iter()` pages for you."""
        return self._run(
            ops.list_v2(page, limit, updated_after, ascending), call_options(timeout, extra_headers)
        )

    def iter(
        self,
        *,
        page_size: int = 100,
        max_items: int | None = None,
        updated_after: datetime | str | None = None,
        ascending: bool = False,
        concurrency: int = DEFAULT_CONCURRENCY,
        resume: str | None = None,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> ContactIterator:
        """Every contact updated after `updated_after`, by `updated`, lazily, exact while others
        write (DESIGN.md "Exports").

        `resume`: a `checkpoint` of an earlier `iter()` with the same `ascending` and
        `updated_after`; a finished export's checkpoint gives what changed since. `concurrency`
        bounds the requests in flight (this version sends one at a time).

        Raises:
            ValueError: a bad argument, or a `resume` of another export or damaged.
        """
        options = call_options(timeout, extra_headers)
        _concurrency(concurrency)
        plan = ExportPlan(
            surface="v2",
            page_size=page_size,
            ascending=ascending,
            updated_after=updated_after,
            resume=resume,
        )
        return ContactIterator(
            plan, lambda fetch: self._run(list_call(fetch), options), max_items=max_items
        )

    def search(
        self,
        *,
        phones: Iterable[str] = (),
        emails: Iterable[str] = (),
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> builtins.list[Contact]:
        """The contacts with any of these phone numbers or email addresses."""
        return self._run(
            ops.search(phones, emails, self._region), call_options(timeout, extra_headers)
        )


class AsyncContactsV2(_Async):
    """The v2 contact endpoints, keyed by contact UUID, with contact channels.

    Every method also takes keyword-only `timeout=` (seconds or an `httpx.Timeout`: this
    call's per-attempt timeouts; pacing and retry waits do not count) and `extra_headers=`
    (sent with each of the call's requests; credential and framing headers are refused).
    """

    @property
    def with_raw_response(self) -> AsyncContactsV2WithRawResponse:
        """These methods (but `iter`), each returning an `APIResponse`: status, headers,
        request id, and `parse()` for the value."""
        from ._raw_response import AsyncContactsV2WithRawResponse  # noqa: PLC0415 - it imports this module

        return AsyncContactsV2WithRawResponse(self)

    async def create(
        self,
        contact: ContactInputV2,
        *,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> ContactRef:
        """Creates a contact from its channels (at least one). Never retried after it may have
        reached the server."""
        return await self._run(
            ops.create_v2(contact, self._region), call_options(timeout, extra_headers)
        )

    async def get(
        self,
        contact_id: UUID | str,
        *,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Contact:
        """The contact with this UUID. Raises NotFoundError if there is none."""
        return await self._run(ops.get_v2(contact_id), call_options(timeout, extra_headers))

    async def update(
        self,
        contact_id: UUID | str,
        contact: ContactInputV2,
        *,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Contact:
        """Updates a contact and returns it whole."""
        return await self._run(
            ops.update_v2(contact_id, contact, self._region), call_options(timeout, extra_headers)
        )

    async def delete(
        self,
        contact_id: UUID | str,
        *,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> None:
        """Deletes a contact permanently."""
        await self._run(ops.delete_v2(contact_id), call_options(timeout, extra_headers))

    async def bulk_upsert(
        self,
        contacts: Iterable[ContactInputV2],
        *,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        concurrency: int = DEFAULT_CONCURRENCY,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> BulkUpsertResult:
        """Creates (no `contact_id`) or updates (with `contact_id`) many contacts, `chunk_size`
        per request, up to `concurrency` requests at once, every contact checked before the first
        request. If a request fails, no further one is sent and the error's note says which
        contacts were written."""
        checked = check.contact_list(contacts, "contacts", ContactInputV2, self._region)
        options = call_options(timeout, extra_headers)
        plans = _chunks(checked, chunk_size, ops.bulk_upsert)
        done = await arun_chunks(
            [self._chunk(options, *plan) for plan in plans], _concurrency(concurrency)
        )
        return _merge(done)

    async def bulk_delete(
        self,
        contact_ids: Iterable[UUID | str],
        *,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> None:
        """Deletes these contacts permanently."""
        await self._run(ops.bulk_delete(contact_ids), call_options(timeout, extra_headers))

    async def list(
        self,
        *,
        page: int = 0,
        limit: int = 30,
        updated_after: datetime | str | None = None,
        ascending: bool = False,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> builtins.list[Contact]:
        """One page of contacts (pages count from 0). `iter()` pages for you."""
        return await self._run(
            ops.list_v2(page, limit, updated_after, ascending), call_options(timeout, extra_headers)
        )

    def iter(
        self,
        *,
        page_size: int = 100,
        max_items: int | None = None,
        updated_after: datetime | str | None = None,
        ascending: bool = False,
        concurrency: int = DEFAULT_CONCURRENCY,
        resume: str | None = None,
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> AsyncContactIterator:
        """Every contact updated after `updated_after`, lazily (`async for`); see
        `ContactsV2.iter`."""
        options = call_options(timeout, extra_headers)
        _concurrency(concurrency)
        plan = ExportPlan(
            surface="v2",
            page_size=page_size,
            ascending=ascending,
            updated_after=updated_after,
            resume=resume,
        )
        return AsyncContactIterator(
            plan, lambda fetch: self._run(list_call(fetch), options), max_items=max_items
        )

    async def search(
        self,
        *,
        phones: Iterable[str] = (),
        emails: Iterable[str] = (),
        timeout: float | Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> builtins.list[Contact]:
        """The contacts with any of these phone numbers or email addresses."""
        return await self._run(
            ops.search(phones, emails, self._region), call_options(timeout, extra_headers)
        )
