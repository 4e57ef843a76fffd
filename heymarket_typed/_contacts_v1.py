"""`client.contacts`: the v1 surface (integer ids), sync and async."""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from heymarket_typed_api.models import (
    Contact,
    ContactField,
    ContactInput,
    ContactRef,
    ContactStatus,
    ContactStatusValue,
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
from ._resource_base import _Async, _chunks, _concurrency, _Sync
from ._results import BatchCreateResult

if TYPE_CHECKING:
    from ._raw_response import (
        AsyncContactsWithRawResponse,
        ContactsWithRawResponse,
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
        flight: a large newest-first export is read as segments at once when the round trip is long
        (rate x round trip readers, `_segments`), in order, at most `concurrency` x 40 pages held.
        `page_size` (1-100): new contacts per request; a request asks for that many plus the
        one or two its cursor repeats (up to 100), so that n contacts take about
        ceil(n / page_size) requests.

        Raises:
            ValueError: a bad argument, or a `resume` of another export or damaged.
            PaginationError: more than 100 contacts share one `updated` timestamp, which the v1
                cursor cannot get past (`contacts_v2.iter()` can, in either order).
        """
        options = call_options(timeout, extra_headers)
        readers = self._readers(concurrency)
        plan = ExportPlan(surface="v1", page_size=page_size, ascending=ascending, resume=resume)
        return ContactIterator(
            plan,
            lambda fetch: self._run(list_call(fetch), options),
            max_items=max_items,
            readers=readers,
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
        readers = self._readers(concurrency)
        plan = ExportPlan(surface="v1", page_size=page_size, ascending=ascending, resume=resume)
        return AsyncContactIterator(
            plan,
            lambda fetch: self._run(list_call(fetch), options),
            max_items=max_items,
            readers=readers,
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
