"""The log of every write the sandbox applied, to check what a client saw against what happened.

An export's guarantees ("a contact changed during the export is yielded in its latest state",
"a deleted one at most once") can only be checked against the account's history: which
versions of each contact existed, and when. Each write is tied to the number of the request
that was being answered when it happened, the clock every schedule of writes is keyed on.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

WriteKind = Literal["create", "update", "delete"]


@dataclass(frozen=True)
class Write:
    """One write to one contact.

    Attributes:
        contact_id: The contact written.
        kind: "create", "update" or "delete".
        updated: The contact's `updated` after the write, as the sandbox wrote it; None for a
            delete.
        rev: The contact's `rev` after the write; None for a delete.
        request: The number of the request being answered when the write happened (requests
            are numbered from 1 in order of arrival, every request counted); for a write made
            outside any request (`add_contact`, `seed`), the number of requests received so
            far.
    """

    contact_id: int
    kind: WriteKind
    updated: str | None
    rev: int | None
    request: int


@dataclass(frozen=True)
class _SeedRun:
    """`count` contacts seeded at once: kept as one entry, expanded when read (200,000 seeded
    contacts would otherwise cost tens of megabytes of log)."""

    first_id: int
    count: int
    stamp: Callable[[int], str]
    request: int


class History:
    """Writes in the order they were applied. Thread-safe."""

    def __init__(self) -> None:
        self._entries: list[Write | _SeedRun] = []
        self._lock = threading.Lock()

    def add(self, write: Write) -> None:
        with self._lock:
            self._entries.append(write)

    def add_seed(
        self, first_id: int, count: int, stamp: Callable[[int], str], request: int
    ) -> None:
        """Logs `count` creations with ids from `first_id`; `stamp(i)` is the i-th `updated`."""
        with self._lock:
            self._entries.append(_SeedRun(first_id, count, stamp, request))

    def writes(self) -> list[Write]:
        """Every write, oldest first."""
        with self._lock:
            entries = list(self._entries)
        return list(_expand(entries))


def _expand(entries: list[Write | _SeedRun]) -> Iterator[Write]:
    for entry in entries:
        if isinstance(entry, Write):
            yield entry
            continue
        for number in range(entry.count):
            yield Write(entry.first_id + number, "create", entry.stamp(number), 1, entry.request)
