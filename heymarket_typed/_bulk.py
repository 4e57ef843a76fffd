"""Bulk writes sent as chunks, several at a time, with the results kept in input order.

A chunk that fails stops the job: no further chunk is sent, the ones in flight finish, and the
first failure is raised with a note saying which contacts were written, which may or may not
have been (the failed chunks: a create that got a 500 is not retried), and which were never
sent. Nothing is lost silently and nothing is sent twice.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
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
    stopped = threading.Event()  # set by the first failure, whichever thread sees it

    def send(chunk: Chunk[T]) -> T | BaseException | None:
        if stopped.is_set():
            return None  # not sent
        outcome = _outcome(chunk.send)
        if isinstance(outcome, BaseException):
            stopped.set()
        return outcome

    if concurrency == 1 or len(chunks) == 1:
        return _results(chunks, [send(chunk) for chunk in chunks])
    with ThreadPoolExecutor(concurrency, "heymarket-bulk") as pool:
        return _results(chunks, list(pool.map(send, chunks)))


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
