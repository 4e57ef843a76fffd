"""`ContactIterator` and `AsyncContactIterator`: the loops that fetch what an `ExportPlan` asks.

Lazy (nothing is sent before the first contact is asked for; a bounded number of pages in
memory, see `_segments`), stopped by
`max_items` before any further request, and by `close()` / `aclose()`. `checkpoint` describes
exactly what has been yielded so far (see `_export`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from types import TracebackType
from typing import TYPE_CHECKING, Any, cast

import httpx

from ._constants import MAX_CONCURRENCY
from ._export import ExportPlan, Fetch, Page, Token
from ._segments import SMALL_PAGES

if TYPE_CHECKING:
    import asyncio

    from heymarket_typed_api.models import Contact
    from heymarket_typed_api.types import Response

    from ._operations import Call


def list_call(fetch: Fetch) -> Call[Page | int]:
    """The plan of one list request (or of the count probe), for either client to run."""
    # Loaded on the first request: importing the SDK does not load the generated package.
    from heymarket_typed_api.models import ListContactsV2Request, PaginationRequest  # noqa: PLC0415
    from heymarket_typed_api.types import UNSET  # noqa: PLC0415

    from . import _operations as ops  # noqa: PLC0415

    ask = fetch.ask
    call: object
    if fetch.endpoint == "count":
        call = ops.count(ask.date)
    elif fetch.endpoint == "v1":
        date = UNSET if ask.date is None else ask.date
        call = ops.list_page(PaginationRequest(date=date, limit=ask.limit, ascending=ask.ascending))
    else:
        date = UNSET if ask.date is None else ask.date
        call = ops.list_page_v2(
            ListContactsV2Request(
                limit=ask.limit, page=ask.page, ascending=ask.ascending, date=date
            )
        )
    if fetch.endpoint == "count":
        return cast("Call[Page | int]", call)
    listed = cast("ops.Call[list[Contact]]", call)

    def read(response: Response[Any], where: str) -> Page:
        # The plan also takes the response's `Date` (`Sweep.known`).
        return Page(listed.read(response, where), response.headers.get("date"))

    return ops.Call(listed.where, listed.sync, listed.asyncio, read)


_LIST_PATHS = frozenset({"/v1/contacts", "/v2/contacts/list", "/v1/contacts/count"})


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
    """What the sync and async iterators share: the plan, the caps, the requests in flight."""

    def __init__(self, plan: ExportPlan, max_items: object, readers: Callable[[], int]) -> None:
        from . import _validation as check  # noqa: PLC0415 - see `list_call`

        self.plan = plan
        self.remaining = check.optional_count(max_items, "max_items")
        self.readers = readers
        self.closed = False

    @property
    def stopped(self) -> bool:
        """Closed, or `max_items` reached: nothing more is yielded or sent."""
        return self.closed or self.remaining == 0

    def next_contact(self) -> Contact | None:
        """The next contact, if it is read already; counts it against `max_items`."""
        contact = self.plan.pop()
        if contact is not None and self.remaining is not None:
            self.remaining -= 1
        return contact

    def fetches(self, in_flight: int) -> list[tuple[Token, Fetch]]:
        """What to send now; at least one request must be in flight or going out."""
        readers = self.readers()
        left = self.remaining
        if left is not None and left <= SMALL_PAGES * self.plan.page_size:
            readers = 1  # a few pages capped by `max_items`: no probe, no segments
        wanted = self.plan.fetches(readers)
        if not wanted and not in_flight:
            raise RuntimeError("the export has nothing to read and is not done")  # a bug
        return wanted

    @property
    def checkpoint(self) -> str:
        """An opaque ASCII string (at most 4 KB): pass it as `iter(resume=...)` to continue.

        Raises:
            ValueError: the export is inside a block of contacts sharing one timestamp whose
                ids and revs are too scattered to list in 4 KB (from about 1,000: a bulk edit
                in one second). It fits again once the block is read; a finished export's
                checkpoint always fits.
        """
        return self.plan.checkpoint()


class ContactIterator(Iterator["Contact"]):
    """Every contact of an export, lazily; see DESIGN.md "Exports" for G1-G3 and the order.

    With one reader (`_throughput`) requests go out one at a time from the caller's thread;
    with more, from a pool of `readers` threads, the caller's thread filing the answers.
    """

    def __init__(
        self,
        plan: ExportPlan,
        fetch: Callable[[Fetch], Page | int],
        *,
        max_items: object = None,
        readers: Callable[[], int] = lambda: 1,
    ) -> None:
        self._export = _Export(plan, max_items, readers)
        self._fetch = fetch
        self._flying: dict[Future[Page | int], Token] = {}
        self._pool: ThreadPoolExecutor | None = None

    def __iter__(self) -> ContactIterator:
        return self

    def __next__(self) -> Contact:
        export = self._export
        while not export.stopped:
            contact = export.next_contact()
            if contact is not None:
                return contact
            if export.plan.done:
                break
            self._step()
        self._shutdown()
        raise StopIteration

    def _step(self) -> None:
        """Sends what the plan asks for, then files at least one answer."""
        plan, flying = self._export.plan, self._flying
        wanted = self._export.fetches(len(flying))
        if len(wanted) == 1 and not flying:
            ((token, fetch),) = wanted
            try:
                answer = self._fetch(fetch)
            except BaseException:
                plan.failed(token)
                raise
            plan.take(token, answer)
            return
        if wanted and self._pool is None:
            # Threads start as requests need them, up to the most readers plus the probe.
            self._pool = ThreadPoolExecutor(MAX_CONCURRENCY + 1, "heymarket-export")
        for token, fetch in wanted:
            assert self._pool is not None
            flying[self._pool.submit(self._fetch, fetch)] = token
        finished, _ = wait(flying, return_when=FIRST_COMPLETED)
        for future in finished:
            token = flying.pop(future)
            try:
                answer = future.result()
            except BaseException:
                plan.failed(token)
                raise
            plan.take(token, answer)

    @property
    def checkpoint(self) -> str:
        return self._export.checkpoint

    def close(self) -> None:
        """Stops the export: no further request is sent."""
        self._export.closed = True
        self._shutdown()

    def _shutdown(self) -> None:
        for future in self._flying:
            future.cancel()
        self._flying.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

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
    """Every contact of an export, lazily (`async for`); see `ContactIterator`. With more than
    one reader, each request in flight is a task, cancelled by `aclose()`."""

    def __init__(
        self,
        plan: ExportPlan,
        fetch: Callable[[Fetch], Awaitable[Page | int]],
        *,
        max_items: object = None,
        readers: Callable[[], int] = lambda: 1,
    ) -> None:
        self._export = _Export(plan, max_items, readers)
        self._fetch = fetch
        self._flying: dict[asyncio.Task[Page | int], Token] = {}

    def __aiter__(self) -> AsyncContactIterator:
        return self

    async def __anext__(self) -> Contact:
        export = self._export
        while not export.stopped:
            contact = export.next_contact()
            if contact is not None:
                return contact
            if export.plan.done:
                break
            await self._step()
        await self._settle()
        raise StopAsyncIteration

    async def _step(self) -> None:
        import asyncio  # noqa: PLC0415 - loaded already in async code; sync users never need it

        plan, flying = self._export.plan, self._flying
        wanted = self._export.fetches(len(flying))
        if len(wanted) == 1 and not flying:
            ((token, fetch),) = wanted
            try:
                answer = await self._fetch(fetch)
            except BaseException:
                plan.failed(token)
                raise
            plan.take(token, answer)
            return
        for token, fetch in wanted:
            flying[asyncio.ensure_future(self._fetch(fetch))] = token
        try:
            finished, _ = await asyncio.wait(flying, return_when=asyncio.FIRST_COMPLETED)
            for task in finished:
                token = flying.pop(task)
                try:
                    answer = task.result()
                except BaseException:
                    plan.failed(token)
                    raise
                plan.take(token, answer)
        except BaseException:
            await self._settle()
            raise

    async def _settle(self) -> None:
        """Cancels the requests in flight and waits for them to end (a task left pending
        would be destroyed with the loop); their segments may be asked again."""
        import asyncio  # noqa: PLC0415 - see `_step`

        tasks = dict(self._flying)
        self._flying.clear()
        for task, token in tasks.items():
            task.cancel()
            self._export.plan.failed(token)
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    @property
    def checkpoint(self) -> str:
        return self._export.checkpoint

    async def aclose(self) -> None:
        """Stops the export: no further request is sent, and those in flight are cancelled."""
        self._export.closed = True
        await self._settle()

    async def __aenter__(self) -> AsyncContactIterator:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
