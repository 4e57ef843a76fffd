"""`client.contacts_v2`: the v2 surface (UUIDs and contact channels), sync and async."""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

from heymarket_typed_api.models import (
    Contact,
    ContactInputV2,
    ContactRef,
)
from httpx import Timeout

from . import _operations as ops
from . import _validation as check
from ._bulk import arun_chunks, run_chunks
from ._constants import (
    DEFAULT_CHUNK_SIZE,
    DEFAULT_CONCURRENCY,
)
from ._export import ExportPlan
from ._export_iter import AsyncContactIterator, ContactIterator, list_call
from ._options import call_options
from ._resource_base import _Async, _chunks, _concurrency, _merge, _Sync
from ._results import BulkUpsertResult

if TYPE_CHECKING:
    from ._raw_response import (
        AsyncContactsV2WithRawResponse,
        ContactsV2WithRawResponse,
    )


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
        bounds the requests in flight: a large newest-first export is read as segments at
        once when the round trip is long (rate x round trip readers, `_segments`), in order, at most
        `concurrency` x 40 pages held. `page_size` (1-100): new contacts per request; a
        request asks for that many plus the one or two its cursor repeats (up to 100).

        Raises:
            ValueError: a bad argument, or a `resume` of another export or damaged.
            PaginationError: the server's pages go back against the order asked (a block of
                more than 100 contacts on one timestamp is read by page number, in both
                orders: newest first, through the v2 list from just below it).
        """
        options = call_options(timeout, extra_headers)
        readers = self._readers(concurrency)
        plan = ExportPlan(
            surface="v2",
            page_size=page_size,
            ascending=ascending,
            updated_after=updated_after,
            resume=resume,
        )
        return ContactIterator(
            plan,
            lambda fetch: self._run(list_call(fetch), options),
            max_items=max_items,
            readers=readers,
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
        readers = self._readers(concurrency)
        plan = ExportPlan(
            surface="v2",
            page_size=page_size,
            ascending=ascending,
            updated_after=updated_after,
            resume=resume,
        )
        return AsyncContactIterator(
            plan,
            lambda fetch: self._run(list_call(fetch), options),
            max_items=max_items,
            readers=readers,
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
