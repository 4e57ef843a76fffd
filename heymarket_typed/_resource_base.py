"""What the resource classes share: the sync and async runners and the chunking of bulk writes.

Each method is one plan from `_operations` run by `_run`; the twins differ only in `await`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from heymarket_typed_api import Client
from heymarket_typed_api.models import (
    Contact,
    ContactInputV2,
)

from . import _validation as check
from ._bulk import AsyncChunk, Chunk
from ._constants import (
    MAX_CHUNK_SIZE,
    MAX_CONCURRENCY,
)
from ._exceptions import client_closed, scrub_error
from ._operations import Call
from ._options import CallOptions
from ._phones import DEFAULT_PHONE_REGION
from ._results import BulkUpsertResult, FailedContact
from ._throughput import RoundTrips

if TYPE_CHECKING:
    pass

T = TypeVar("T")
ItemT = TypeVar("ItemT")


class _Sync:
    def __init__(
        self,
        api: Client,
        phone_region: str | None = DEFAULT_PHONE_REGION,
        round_trips: RoundTrips | None = None,
    ) -> None:
        self._api = api
        self._region = phone_region
        self._round_trips = round_trips

    def _readers(self, concurrency: object) -> Callable[[], int]:
        return _readers(self._round_trips, concurrency)

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
    def __init__(
        self,
        api: Client,
        phone_region: str | None = DEFAULT_PHONE_REGION,
        round_trips: RoundTrips | None = None,
    ) -> None:
        self._api = api
        self._region = phone_region
        self._round_trips = round_trips

    def _readers(self, concurrency: object) -> Callable[[], int]:
        return _readers(self._round_trips, concurrency)

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


def _readers(trips: RoundTrips | None, concurrency: object) -> Callable[[], int]:
    """How many requests an export keeps in flight (`_throughput`), up to `concurrency`."""
    limit = _concurrency(concurrency)
    return (lambda: 1) if trips is None else (lambda: trips.readers(limit))


def _concurrency(value: object) -> int:
    return check.bounded_int(value, "concurrency", high=MAX_CONCURRENCY)


def _merge(
    done: list[tuple[list[Contact], list[FailedContact[ContactInputV2]]]],
) -> BulkUpsertResult:
    return BulkUpsertResult(
        contacts=[contact for written, _ in done for contact in written],
        failed_contacts=[failure for _, failed in done for failure in failed],
    )
