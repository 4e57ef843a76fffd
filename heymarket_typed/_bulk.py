"""Bulk writes sent as chunks, several at a time, with the results kept in input order.

A chunk that fails stops the job: no further chunk is sent, the ones in flight finish, and the
first failure is raised with a note saying which contacts were written, which may or may not
have been (the failed chunks: a create that got a 500 is not retried), and which were never
sent. Nothing is lost silently and nothing is sent twice.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Chunk(Generic[T]):
    """One request of a bulk write: the contacts `start` to `stop` of the caller's list."""

    start: int
    stop: int
    send: Callable[[], T]


@dataclass(frozen=True)
class AsyncChunk(Generic[T]):
    start: int
    stop: int
    send: Callable[[], Awaitable[T]]


def run_chunks(chunks: Sequence[Chunk[T]], concurrency: int) -> list[T]:
    if concurrency == 1 or len(chunks) == 1:
        outcomes: list[T | BaseException | None] = []
        for chunk in chunks:
            outcomes.append(_outcome(chunk.send))
            if isinstance(outcomes[-1], BaseException):
                break
        return _results(chunks, outcomes)
    with ThreadPoolExecutor(concurrency, "heymarket-bulk") as pool:
        futures: list[Future[T]] = [pool.submit(chunk.send) for chunk in chunks]
        for future in futures:
            if future.exception() is not None:
                for pending in futures:
                    pending.cancel()  # only those not started yet
                break
    settled: list[T | BaseException | None] = []
    for future in futures:
        if future.cancelled():
            settled.append(None)
        else:
            error = future.exception()
            settled.append(future.result() if error is None else error)
    return _results(chunks, settled)


async def arun_chunks(chunks: Sequence[AsyncChunk[T]], concurrency: int) -> list[T]:
    import asyncio  # noqa: PLC0415 - loaded already in async code; sync users never need it

    gate = asyncio.Semaphore(concurrency)
    stopped = False

    async def send(chunk: AsyncChunk[T]) -> T | BaseException | None:
        nonlocal stopped
        async with gate:
            if stopped:
                return None
            try:
                return await chunk.send()
            except Exception as error:
                stopped = True
                return error

    outcomes = await asyncio.gather(*(send(chunk) for chunk in chunks))
    return _results(chunks, list(outcomes))


def _outcome(send: Callable[[], T]) -> T | BaseException:
    try:
        return send()
    except Exception as error:
        return error


def _results(
    chunks: Sequence[Chunk[T] | AsyncChunk[T]], outcomes: Sequence[T | BaseException | None]
) -> list[T]:
    """The results in order; or the first failure, noted with what was and was not written."""
    outcomes = list(outcomes) + [None] * (len(chunks) - len(outcomes))
    failures = [o for o in outcomes if isinstance(o, BaseException)]
    if not failures:
        return outcomes  # type: ignore[return-value]  # no None and no error left: all T
    written, uncertain, unsent = [], [], []
    for chunk, outcome in zip(chunks, outcomes, strict=True):
        span = (chunk.start, chunk.stop)
        if outcome is None:
            unsent.append(span)
        elif isinstance(outcome, BaseException):
            uncertain.append(span)
        else:
            written.append(span)
    error = failures[0]
    error.add_note(
        "bulk write stopped: "
        f"written: {_spans(written)}; failed, may or may not be written: {_spans(uncertain)}; "
        f"not sent: {_spans(unsent)}"
    )
    raise error


def _spans(spans: list[tuple[int, int]]) -> str:
    """[(0, 100), (100, 200), (300, 400)] -> 'contacts[0:200], contacts[300:400]'."""
    if not spans:
        return "none"
    merged: list[list[int]] = []
    for start, stop in sorted(spans):
        if merged and merged[-1][1] == start:
            merged[-1][1] = stop
        else:
            merged.append([start, stop])
    return ", ".join(f"contacts[{start}:{stop}]" for start, stop in merged)
