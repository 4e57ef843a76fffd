"""`client.contacts` (v1) and `client.contacts_v2` (v2), sync and async.

Each method is one plan from `_operations` run by `_run`; the twins differ only in `await`.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TypeVar
from uuid import UUID

from heymarket_typed_api import Client
from heymarket_typed_api.errors import UnparsableResponse
from heymarket_typed_api.models import (
    Contact,
    ContactField,
    ContactInput,
    ContactInputV2,
    ContactRef,
    ContactStatus,
    ContactStatusValue,
)

from . import _operations as ops
from . import _validation as check
from ._bulk import AsyncChunk, Chunk, arun_chunks, run_chunks
from ._constants import (
    DEFAULT_CHUNK_SIZE,
    DEFAULT_CONCURRENCY,
    MAX_CHUNK_SIZE,
    MAX_CONCURRENCY,
)
from ._exceptions import scrub_error, validation_error
from ._export import ExportPlan
from ._export_iter import AsyncContactIterator, ContactIterator, list_call
from ._operations import Call
from ._phones import DEFAULT_PHONE_REGION
from ._results import BatchCreateResult, BulkUpsertResult, FailedContact

T = TypeVar("T")
ItemT = TypeVar("ItemT")


def _unreadable(error: UnparsableResponse, where: str) -> Exception:
    return validation_error(error.response, f"{type(error.cause).__name__}: {error.cause}", where)


class _Sync:
    def __init__(self, api: Client, phone_region: str | None = DEFAULT_PHONE_REGION) -> None:
        self._api = api
        self._region = phone_region

    def _chunk(self, start: int, stop: int, call: Call[T]) -> Chunk[T]:
        return Chunk(start, stop, lambda: self._run(call))

    def _run(self, call: Call[T]) -> T:
        try:
            try:
                response = call.sync(client=self._api)
            except UnparsableResponse as error:
                raise _unreadable(error, call.where) from error
            return call.result(response)
        except BaseException as error:
            scrub_error(error)
            raise


class _Async:
    def __init__(self, api: Client, phone_region: str | None = DEFAULT_PHONE_REGION) -> None:
        self._api = api
        self._region = phone_region

    def _chunk(self, start: int, stop: int, call: Call[T]) -> AsyncChunk[T]:
        return AsyncChunk(start, stop, lambda: self._run(call))

    async def _run(self, call: Call[T]) -> T:
        try:
            try:
                response = await call.asyncio(client=self._api)
            except UnparsableResponse as error:
                raise _unreadable(error, call.where) from error
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
    """The v1 contact endpoints, keyed by integer contact ID."""

    def create(self, contact: ContactInput) -> ContactRef:
        """Creates a contact (`phone` required). Never retried after it may have reached the
        server, so a retry cannot create it twice."""
        return self._run(ops.create(contact, self._region))

    def get(self, id: int) -> Contact:
        """The contact with this integer ID. Raises NotFoundError if there is none."""
        return self._run(ops.get(id))

    def update(self, id: int, contact: ContactInput, *, overwrite: bool = False) -> ContactRef:
        """Updates a contact. Send the whole contact: names are always overwritten and, per
        integrators, fields left out are cleared. `overwrite=True` replaces all custom values
        instead of merging them."""
        return self._run(ops.update(id, contact, overwrite, self._region))

    def delete(self, id: int) -> None:
        """Deletes a contact permanently, with its conversation history."""
        self._run(ops.delete(id))

    def find(self, *, phone: str | None = None, id: int | None = None) -> Contact:
        """The contact with this phone number or integer ID (give exactly one)."""
        return self._run(ops.find(phone, id, self._region))

    def count(self, *, updated_after: datetime | str | None = None) -> int:
        """The number of contacts, or of those updated after `updated_after`."""
        return self._run(ops.count(updated_after))

    def list(
        self,
        *,
        date: datetime | str | None = None,
        limit: int | None = None,
        ascending: bool | None = None,
    ) -> builtins.list[Contact]:
        """One page of contacts from the `date` cursor. `iter()` pages for you."""
        return self._run(ops.list_v1(date, limit, ascending))

    def iter(
        self,
        *,
        page_size: int = 100,
        max_items: int | None = None,
        ascending: bool = False,
        concurrency: int = DEFAULT_CONCURRENCY,
        resume: str | None = None,
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
        _concurrency(concurrency)
        plan = ExportPlan(surface="v1", page_size=page_size, ascending=ascending, resume=resume)
        return ContactIterator(plan, lambda fetch: self._run(list_call(fetch)), max_items=max_items)

    def get_status(self, *, phone: str | None = None, id: int | None = None) -> ContactStatus:
        """Whether the contact is opted out or blocked (give exactly one of phone or id)."""
        return self._run(ops.get_status(phone, id, self._region))

    def set_status(
        self, status: ContactStatusValue, *, phone: str | None = None, id: int | None = None
    ) -> None:
        """Sets `active`, `blocked`, `unblocked`, `subscribed` or `unsubscribed` (opted out)."""
        self._run(ops.set_status(status, phone, id, self._region))

    def batch_create(
        self,
        contacts: Iterable[ContactInput],
        *,
        overwrite: bool = False,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> BatchCreateResult:
        """Creates many contacts, `chunk_size` per request, up to `concurrency` requests at once.

        Every contact is checked before the first request. With `overwrite=False` a contact whose
        phone exists is reported as failed; with `overwrite=True` it is overwritten. If a request
        fails, no further one is sent and the error's note says which contacts were written.
        """
        checked = check.contact_list(contacts, "contacts", ContactInput, self._region)
        flag = check.flag(overwrite, "overwrite")
        plans = _chunks(checked, chunk_size, lambda chunk, at: ops.batch_create(chunk, flag, at))
        done = run_chunks([self._chunk(*plan) for plan in plans], _concurrency(concurrency))
        failed = [failure for failures in done for failure in failures]
        return BatchCreateResult(submitted=len(checked), failed_contacts=failed)

    def list_fields(self) -> builtins.list[ContactField]:
        """The team's custom contact fields; custom values are keyed by their IDs."""
        return self._run(ops.list_fields())


class AsyncContacts(_Async):
    """The v1 contact endpoints, keyed by integer contact ID."""

    async def create(self, contact: ContactInput) -> ContactRef:
        """Creates a contact (`phone` required). Never retried after it may have reached the
        server, so a retry cannot create it twice."""
        return await self._run(ops.create(contact, self._region))

    async def get(self, id: int) -> Contact:
        """The contact with this integer ID. Raises NotFoundError if there is none."""
        return await self._run(ops.get(id))

    async def update(
        self, id: int, contact: ContactInput, *, overwrite: bool = False
    ) -> ContactRef:
        """Updates a contact. Send the whole contact: names are always overwritten and, per
        integrators, fields left out are cleared. `overwrite=True` replaces all custom values
        instead of merging them."""
        return await self._run(ops.update(id, contact, overwrite, self._region))

    async def delete(self, id: int) -> None:
        """Deletes a contact permanently, with its conversation history."""
        await self._run(ops.delete(id))

    async def find(self, *, phone: str | None = None, id: int | None = None) -> Contact:
        """The contact with this phone number or integer ID (give exactly one)."""
        return await self._run(ops.find(phone, id, self._region))

    async def count(self, *, updated_after: datetime | str | None = None) -> int:
        """The number of contacts, or of those updated after `updated_after`."""
        return await self._run(ops.count(updated_after))

    async def list(
        self,
        *,
        date: datetime | str | None = None,
        limit: int | None = None,
        ascending: bool | None = None,
    ) -> builtins.list[Contact]:
        """One page of contacts from the `date` cursor. `iter()` pages for you."""
        return await self._run(ops.list_v1(date, limit, ascending))

    def iter(
        self,
        *,
        page_size: int = 100,
        max_items: int | None = None,
        ascending: bool = False,
        concurrency: int = DEFAULT_CONCURRENCY,
        resume: str | None = None,
    ) -> AsyncContactIterator:
        """Every contact, by `updated`, lazily (`async for`); see `Contacts.iter`."""
        _concurrency(concurrency)
        plan = ExportPlan(surface="v1", page_size=page_size, ascending=ascending, resume=resume)
        return AsyncContactIterator(
            plan, lambda fetch: self._run(list_call(fetch)), max_items=max_items
        )

    async def get_status(self, *, phone: str | None = None, id: int | None = None) -> ContactStatus:
        """Whether the contact is opted out or blocked (give exactly one of phone or id)."""
        return await self._run(ops.get_status(phone, id, self._region))

    async def set_status(
        self, status: ContactStatusValue, *, phone: str | None = None, id: int | None = None
    ) -> None:
        """Sets `active`, `blocked`, `unblocked`, `subscribed` or `unsubscribed` (opted out)."""
        await self._run(ops.set_status(status, phone, id, self._region))

    async def batch_create(
        self,
        contacts: Iterable[ContactInput],
        *,
        overwrite: bool = False,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> BatchCreateResult:
        """Creates many contacts, `chunk_size` per request, up to `concurrency` requests at once.

        Every contact is checked before the first request. With `overwrite=False` a contact whose
        phone exists is reported as failed; with `overwrite=True` it is overwritten. If a request
        fails, no further one is sent and the error's note says which contacts were written.
        """
        checked = check.contact_list(contacts, "contacts", ContactInput, self._region)
        flag = check.flag(overwrite, "overwrite")
        plans = _chunks(checked, chunk_size, lambda chunk, at: ops.batch_create(chunk, flag, at))
        done = await arun_chunks([self._chunk(*plan) for plan in plans], _concurrency(concurrency))
        failed = [failure for failures in done for failure in failures]
        return BatchCreateResult(submitted=len(checked), failed_contacts=failed)

    async def list_fields(self) -> builtins.list[ContactField]:
        """The team's custom contact fields; custom values are keyed by their IDs."""
        return await self._run(ops.list_fields())


class ContactsV2(_Sync):
    """The v2 contact endpoints, keyed by contact UUID, with contact channels."""

    def create(self, contact: ContactInputV2) -> ContactRef:
        """Creates a contact from its channels (at least one). Never retried after it may have
        reached the server."""
        return self._run(ops.create_v2(contact, self._region))

    def get(self, contact_id: UUID | str) -> Contact:
        """The contact with this UUID. Raises NotFoundError if there is none."""
        return self._run(ops.get_v2(contact_id))

    def update(self, contact_id: UUID | str, contact: ContactInputV2) -> Contact:
        """Updates a contact and returns it whole."""
        return self._run(ops.update_v2(contact_id, contact, self._region))

    def delete(self, contact_id: UUID | str) -> None:
        """Deletes a contact permanently."""
        self._run(ops.delete_v2(contact_id))

    def bulk_upsert(
        self,
        contacts: Iterable[ContactInputV2],
        *,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> BulkUpsertResult:
        """Creates (no `contact_id`) or updates (with `contact_id`) many contacts, `chunk_size`
        per request, up to `concurrency` requests at once, every contact checked before the first
        request. If a request fails, no further one is sent and the error's note says which
        contacts were written."""
        checked = check.contact_list(contacts, "contacts", ContactInputV2, self._region)
        plans = _chunks(checked, chunk_size, ops.bulk_upsert)
        done = run_chunks([self._chunk(*plan) for plan in plans], _concurrency(concurrency))
        return _merge(done)

    def bulk_delete(self, contact_ids: Iterable[UUID | str]) -> None:
        """Deletes these contacts permanently."""
        self._run(ops.bulk_delete(contact_ids))

    def list(
        self,
        *,
        page: int = 0,
        limit: int = 30,
        updated_after: datetime | str | None = None,
        ascending: bool = False,
    ) -> builtins.list[Contact]:
        """One page of contacts (pages count from 0). `iter()` pages for you."""
        return self._run(ops.list_v2(page, limit, updated_after, ascending))

    def iter(
        self,
        *,
        page_size: int = 100,
        max_items: int | None = None,
        updated_after: datetime | str | None = None,
        ascending: bool = False,
        concurrency: int = DEFAULT_CONCURRENCY,
        resume: str | None = None,
    ) -> ContactIterator:
        """Every contact updated after `updated_after`, by `updated`, lazily, exact while others
        write (DESIGN.md "Exports").

        `resume`: a `checkpoint` of an earlier `iter()` with the same `ascending` and
        `updated_after`; a finished export's checkpoint gives what changed since. `concurrency`
        bounds the requests in flight (this version sends one at a time).

        Raises:
            ValueError: a bad argument, or a `resume` of another export or damaged.
        """
        _concurrency(concurrency)
        plan = ExportPlan(
            surface="v2",
            page_size=page_size,
            ascending=ascending,
            updated_after=updated_after,
            resume=resume,
        )
        return ContactIterator(plan, lambda fetch: self._run(list_call(fetch)), max_items=max_items)

    def search(
        self, *, phones: Iterable[str] = (), emails: Iterable[str] = ()
    ) -> builtins.list[Contact]:
        """The contacts with any of these phone numbers or email addresses."""
        return self._run(ops.search(phones, emails, self._region))


class AsyncContactsV2(_Async):
    """The v2 contact endpoints, keyed by contact UUID, with contact channels."""

    async def create(self, contact: ContactInputV2) -> ContactRef:
        """Creates a contact from its channels (at least one). Never retried after it may have
        reached the server."""
        return await self._run(ops.create_v2(contact, self._region))

    async def get(self, contact_id: UUID | str) -> Contact:
        """The contact with this UUID. Raises NotFoundError if there is none."""
        return await self._run(ops.get_v2(contact_id))

    async def update(self, contact_id: UUID | str, contact: ContactInputV2) -> Contact:
        """Updates a contact and returns it whole."""
        return await self._run(ops.update_v2(contact_id, contact, self._region))

    async def delete(self, contact_id: UUID | str) -> None:
        """Deletes a contact permanently."""
        await self._run(ops.delete_v2(contact_id))

    async def bulk_upsert(
        self,
        contacts: Iterable[ContactInputV2],
        *,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> BulkUpsertResult:
        """Creates (no `contact_id`) or updates (with `contact_id`) many contacts, `chunk_size`
        per request, up to `concurrency` requests at once, every contact checked before the first
        request. If a request fails, no further one is sent and the error's note says which
        contacts were written."""
        checked = check.contact_list(contacts, "contacts", ContactInputV2, self._region)
        plans = _chunks(checked, chunk_size, ops.bulk_upsert)
        done = await arun_chunks([self._chunk(*plan) for plan in plans], _concurrency(concurrency))
        return _merge(done)

    async def bulk_delete(self, contact_ids: Iterable[UUID | str]) -> None:
        """Deletes these contacts permanently."""
        await self._run(ops.bulk_delete(contact_ids))

    async def list(
        self,
        *,
        page: int = 0,
        limit: int = 30,
        updated_after: datetime | str | None = None,
        ascending: bool = False,
    ) -> builtins.list[Contact]:
        """One page of contacts (pages count from 0). `iter()` pages for you."""
        return await self._run(ops.list_v2(page, limit, updated_after, ascending))

    def iter(
        self,
        *,
        page_size: int = 100,
        max_items: int | None = None,
        updated_after: datetime | str | None = None,
        ascending: bool = False,
        concurrency: int = DEFAULT_CONCURRENCY,
        resume: str | None = None,
    ) -> AsyncContactIterator:
        """Every contact updated after `updated_after`, lazily (`async for`); see
        `ContactsV2.iter`."""
        _concurrency(concurrency)
        plan = ExportPlan(
            surface="v2",
            page_size=page_size,
            ascending=ascending,
            updated_after=updated_after,
            resume=resume,
        )
        return AsyncContactIterator(
            plan, lambda fetch: self._run(list_call(fetch)), max_items=max_items
        )

    async def search(
        self, *, phones: Iterable[str] = (), emails: Iterable[str] = ()
    ) -> builtins.list[Contact]:
        """The contacts with any of these phone numbers or email addresses."""
        return await self._run(ops.search(phones, emails, self._region))
