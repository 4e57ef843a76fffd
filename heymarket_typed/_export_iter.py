"""`ContactIterator` and `AsyncContactIterator`: the loops that fetch what an `ExportPlan` asks.

Lazy (nothing is sent before the first contact is asked for; one page in memory), stopped by
`max_items` before any further request, and by `close()` / `aclose()`. `checkpoint` describes
exactly what has been yielded so far (see `_export`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any

import httpx

from ._export import ExportPlan, Fetch
from ._keyset import Key, key_of

if TYPE_CHECKING:
    from heymarket_typed_api.models import Contact

    from ._operations import Call


def list_call(fetch: Fetch) -> Call[list[Contact]]:
    """The plan of one list request, for either client to run."""
    # Loaded on the first request: importing the SDK does not load the generated package.
    from heymarket_typed_api.models import ListContactsV2Request, PaginationRequest  # noqa: PLC0415
    from heymarket_typed_api.types import UNSET  # noqa: PLC0415

    from . import _operations as ops  # noqa: PLC0415

    ask = fetch.ask
    date = UNSET if ask.date is None else ask.date
    if fetch.endpoint == "v1":
        return ops.list_page(PaginationRequest(date=date, limit=ask.limit, ascending=ask.ascending))
    return ops.list_page_v2(
        ListContactsV2Request(limit=ask.limit, page=ask.page, ascending=ask.ascending, date=date)
    )


_LIST_PATHS = frozenset({"/v1/contacts", "/v2/contacts/list"})


def release_page(response: httpx.Response) -> None:
    """Response hook: reads a page of contacts and unbinds its stream from the response.

    httpx binds each response to a stream that points back at it; that cycle keeps every page's
    response (body included) alive until the garbage collector's rare full passes, so a large
    export grows by megabytes. Reading the body here and swapping in a plain stream lets the
    response go as soon as its page is parsed.
    """
    if response.request.url.path in _LIST_PATHS:
        response.read()
        response.stream = httpx.ByteStream(response.content)


async def arelease_page(response: httpx.Response) -> None:
    """`release_page` for `httpx.AsyncClient`."""
    if response.request.url.path in _LIST_PATHS:
        await response.aread()
        response.stream = httpx.ByteStream(response.content)


class _Export:
    """What the sync and async iterators share: the plan, the current page, the caps."""

    def __init__(self, plan: ExportPlan, max_items: object) -> None:
        from . import _validation as check  # noqa: PLC0415 - see `list_call`

        self.plan = plan
        self.remaining = check.optional_count(max_items, "max_items")
        self.buffer: deque[Contact] = deque()
        self.before_page: dict[str, Any] = plan.state()
        self.yielded: list[Key] = []
        self.closed = False

    @property
    def stopped(self) -> bool:
        """Closed, or `max_items` reached: nothing more is yielded or sent."""
        return self.closed or self.remaining == 0

    def next_fetch(self) -> Fetch | None:
        """The next request, or None when the export is over (or capped, or closed)."""
        if self.stopped:
            return None
        fetch = self.plan.next_fetch()
        if fetch is not None:
            self.before_page = self.plan.state()
            self.yielded = []
        return fetch

    def take(self, page: list[Contact]) -> None:
        self.buffer.extend(self.plan.take(page))
        if not self.buffer:
            self.before_page, self.yielded = self.plan.state(), []

    def pop(self) -> Contact:
        contact = self.buffer.popleft()
        self.yielded.append(key_of(contact))
        if self.remaining is not None:
            self.remaining -= 1
        if not self.buffer:
            self.before_page, self.yielded = self.plan.state(), []
        return contact

    @property
    def checkpoint(self) -> str:
        """An opaque ASCII string (at most 4 KB): pass it as `iter(resume=...)` to continue."""
        if self.buffer:
            state = dict(self.before_page)
            seen = {(k[0], k[1], k[2]) for k in state["seen"]} | set(self.yielded)
            state["seen"] = sorted(seen)
            return self.plan.checkpoint(state)
        return self.plan.checkpoint(self.plan.state())


class ContactIterator(Iterator["Contact"]):
    """Every contact of an export, lazily; see DESIGN.md "Exports" for G1-G3 and the order."""

    def __init__(
        self, plan: ExportPlan, fetch: Callable[[Fetch], list[Contact]], *, max_items: object = None
    ) -> None:
        self._export = _Export(plan, max_items)
        self._fetch = fetch

    def __iter__(self) -> ContactIterator:
        return self

    def __next__(self) -> Contact:
        export = self._export
        if export.stopped:
            raise StopIteration
        while not export.buffer:
            fetch = export.next_fetch()
            if fetch is None:
                raise StopIteration
            export.take(self._fetch(fetch))
        return export.pop()

    @property
    def checkpoint(self) -> str:
        return self._export.checkpoint

    def close(self) -> None:
        """Stops the export: no further request is sent."""
        self._export.closed = True
        self._export.buffer.clear()

    def __enter__(self) -> ContactIterator:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncContactIterator(AsyncIterator["Contact"]):
    """Every contact of an export, lazily (`async for`); see `ContactIterator`."""

    def __init__(
        self,
        plan: ExportPlan,
        fetch: Callable[[Fetch], Awaitable[list[Contact]]],
        *,
        max_items: object = None,
    ) -> None:
        self._export = _Export(plan, max_items)
        self._fetch = fetch

    def __aiter__(self) -> AsyncContactIterator:
        return self

    async def __anext__(self) -> Contact:
        export = self._export
        if export.stopped:
            raise StopAsyncIteration
        while not export.buffer:
            fetch = export.next_fetch()
            if fetch is None:
                raise StopAsyncIteration
            export.take(await self._fetch(fetch))
        return export.pop()

    @property
    def checkpoint(self) -> str:
        return self._export.checkpoint

    async def aclose(self) -> None:
        """Stops the export: no further request is sent."""
        self._export.closed = True
        self._export.buffer.clear()

    async def __aenter__(self) -> AsyncContactIterator:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
