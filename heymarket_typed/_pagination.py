"""Paging through contacts: lazily, one page in memory, never looping, never yielding twice.

The pagers hold the rules and no I/O, so the sync and async clients share them; the loops below
only fetch what a pager asks for and hand it each page.

v1 pages by cursor: the `updated` string of a page's last contact, sent back exactly as received
(re-formatting a timestamp loses nanoseconds and skips contacts). The cursor is inclusive, so
the next page repeats the contacts at the cursor's timestamp; those already yielded are dropped.
v2 pages by number from 0, and may read ahead (`concurrency`) while keeping the order.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from typing import TYPE_CHECKING

from heymarket_typed_api.models import Contact, ListContactsV2Request, PaginationRequest
from heymarket_typed_api.types import UNSET

from . import _validation as check
from ._constants import MAX_CONCURRENCY, MAX_PAGE_SIZE
from ._exceptions import PaginationError

if TYPE_CHECKING:
    import asyncio

_RFC3339 = re.compile(r"(.+T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)", re.IGNORECASE)


class _Pager:
    def __init__(self, page_size: object, max_items: object) -> None:
        self.page_size = check.bounded_int(page_size, "page_size")
        self.remaining = check.optional_count(max_items, "max_items")
        self.done = self.remaining == 0

    def _cap(self, contacts: list[Contact]) -> list[Contact]:
        if self.remaining is not None:
            contacts = contacts[: self.remaining]
            self.remaining -= len(contacts)
            self.done = self.done or self.remaining == 0
        return contacts


class V1Pager(_Pager):
    """The v1 cursor rules. Ask `next_request()`, fetch it, give the page to `take()`."""

    def __init__(self, *, page_size: object, max_items: object, ascending: object) -> None:
        super().__init__(page_size, max_items)
        self.ascending = check.flag(ascending, "ascending")
        self._cursor: str | None = None
        self._yielded_at_cursor: set[int] = set()
        self._limit = self.page_size
        self._stuck: PaginationError | None = None

    def next_request(self) -> PaginationRequest | None:
        if self.done:
            return None
        if self._stuck is not None:
            raise self._stuck
        return PaginationRequest(
            limit=self._limit,
            ascending=self.ascending,
            date=UNSET if self._cursor is None else self._cursor,
        )

    def take(self, page: list[Contact]) -> list[Contact]:
        """The contacts of `page` not yet yielded; moves the cursor past them."""
        fresh = [c for c in page if c.id not in self._yielded_at_cursor]
        if len(page) < self._limit:
            self.done = True
        else:
            self._advance(page)
        return self._cap(fresh)

    def _advance(self, page: list[Contact]) -> None:
        last = page[-1]
        if not isinstance(last.updated, str):
            raise PaginationError(
                f"contact {last.id} has no `updated` timestamp, so the v1 cursor cannot advance"
            )
        at_last = {c.id for c in page if c.updated == last.updated}
        if last.updated == self._cursor:
            # A full page at one timestamp: the same request would return it again.
            if self._limit >= MAX_PAGE_SIZE:
                # Yield what this page brought, then fail instead of asking for it again.
                self._stuck = PaginationError(
                    f"more than {MAX_PAGE_SIZE} contacts share the timestamp {last.updated!r}; "
                    "the v1 cursor cannot get past them (use contacts_v2.iter())"
                )
            self._limit = min(MAX_PAGE_SIZE, self._limit * 2)
            self._yielded_at_cursor |= at_last
            return
        if self._cursor is not None:
            self._check_direction(self._cursor, last.updated)
        self._cursor = last.updated
        self._yielded_at_cursor = at_last
        self._limit = self.page_size

    def _check_direction(self, old: str, new: str) -> None:
        old_ns, new_ns = _nanoseconds(old), _nanoseconds(new)
        if old_ns is None or new_ns is None:
            return
        if (new_ns <= old_ns) if self.ascending else (new_ns >= old_ns):
            raise PaginationError(
                f"the v1 cursor moved the wrong way, from {old!r} to {new!r}; "
                "iterating further could loop"
            )


class V2Pager(_Pager):
    """The v2 page-number rules, and how many pages may be in flight at once."""

    def __init__(
        self,
        *,
        page_size: object,
        max_items: object,
        updated_after: object,
        ascending: object,
        concurrency: object,
    ) -> None:
        super().__init__(page_size, max_items)
        self.ascending = check.flag(ascending, "ascending")
        self.date = (
            None if updated_after is None else check.timestamp(updated_after, "updated_after")
        )
        self.concurrency = check.bounded_int(concurrency, "concurrency", high=MAX_CONCURRENCY)
        self._last_page = (
            None if self.remaining is None else -(-self.remaining // self.page_size) - 1
        )
        self._full_pages = 0
        self._previous_ids: set[int] = set()

    def request(self, page: int) -> ListContactsV2Request:
        return ListContactsV2Request(
            limit=self.page_size,
            page=page,
            ascending=self.ascending,
            date=UNSET if self.date is None else self.date,
        )

    def wants(self, page: int) -> bool:
        return not self.done and (self._last_page is None or page <= self._last_page)

    def window(self) -> int:
        """Pages to keep in flight: 1 until a page comes back full (a short listing costs no
        speculative request), then 4, then 16, up to `concurrency`."""
        return min(self.concurrency, 1 << min(2 * self._full_pages, 6))

    def take(self, page: list[Contact]) -> list[Contact]:
        if len(page) < self.page_size:
            self.done = True
        else:
            self._full_pages += 1
        # A contact written during the listing shifts the offsets; drop a repeat across pages.
        fresh = [c for c in page if c.id not in self._previous_ids]
        self._previous_ids = {c.id for c in page}
        return self._cap(fresh)


def v1_contacts(
    fetch: Callable[[PaginationRequest], list[Contact]], pager: V1Pager
) -> Iterator[Contact]:
    while (request := pager.next_request()) is not None:
        yield from pager.take(fetch(request))


async def av1_contacts(
    fetch: Callable[[PaginationRequest], Awaitable[list[Contact]]], pager: V1Pager
) -> AsyncIterator[Contact]:
    while (request := pager.next_request()) is not None:
        for contact in pager.take(await fetch(request)):
            yield contact


def v2_contacts(fetch: Callable[[int], list[Contact]], pager: V2Pager) -> Iterator[Contact]:
    """Pages in order, up to `pager.window()` of them fetched ahead on worker threads."""
    pool = (
        ThreadPoolExecutor(pager.concurrency, "heymarket-read-ahead")
        if pager.concurrency > 1
        else None
    )
    submit = pool.submit if pool is not None else _now
    ahead: deque[Future[list[Contact]]] = deque()
    page = 0
    try:
        while not pager.done:
            while len(ahead) < pager.window() and pager.wants(page):
                ahead.append(submit(fetch, page))
                page += 1
            if not ahead:
                return
            yield from pager.take(ahead.popleft().result())
    finally:
        # Stopped early, failed, or at the end: pages not started are never fetched.
        for future in ahead:
            future.cancel()
        if pool is not None:
            pool.shutdown(wait=True)


async def av2_contacts(
    fetch: Callable[[int], Awaitable[list[Contact]]], pager: V2Pager
) -> AsyncIterator[Contact]:
    """Pages in order, up to `pager.window()` of them fetched ahead as tasks."""
    import asyncio  # noqa: PLC0415 - loaded already in async code; sync users never need it

    ahead: deque[asyncio.Task[list[Contact]]] = deque()
    page = 0
    try:
        while not pager.done:
            while len(ahead) < pager.window() and pager.wants(page):
                ahead.append(asyncio.ensure_future(fetch(page)))
                page += 1
            if not ahead:
                return
            for contact in pager.take(await ahead.popleft()):
                yield contact
    finally:
        for task in ahead:
            task.cancel()
        await asyncio.gather(*ahead, return_exceptions=True)


def _now(fetch: Callable[[int], list[Contact]], page: int) -> Future[list[Contact]]:
    """Runs `fetch` at once, as a finished future: read-ahead without threads."""
    future: Future[list[Contact]] = Future()
    try:
        future.set_result(fetch(page))
    except Exception as error:
        future.set_exception(error)
    return future


def _nanoseconds(timestamp: str) -> int | None:
    """An RFC 3339 timestamp as nanoseconds since the epoch (datetime stops at microseconds)."""
    match = _RFC3339.fullmatch(timestamp)
    if match is None:
        return None
    seconds: str = match[1]
    fraction: str = match[2] or ""
    zone: str = match[3]
    try:
        whole = datetime.fromisoformat(seconds + ("+00:00" if zone.upper() == "Z" else zone))
    except ValueError:
        return None
    return int(whole.timestamp()) * 1_000_000_000 + int(fraction.ljust(9, "0"))
