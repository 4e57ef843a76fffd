"""What list and count requests see: contacts ordered by `updated`, the `date` bound's meaning,
and writes that are stamped but not yet visible.

The API documents neither whether a `date` bound includes contacts updated exactly at it nor
how finely the server keeps `updated`, and a real backend may list from an index that lags its
writes. A `Listing` is one answer to each, chosen by the sandbox's switches, so that a client
can be checked against all of them.
"""

from __future__ import annotations

import heapq
import itertools
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

from heymarket_typed.testing._timestamps import parse_ns, truncate

Record = dict[str, Any]
DateBound = Literal["inclusive", "exclusive"]

_ID_MAX = 2**63


class Listing:
    """The ordered view of contacts that list and count requests read.

    Args:
        visible: The dict of listed records by id. Without a delay it is the store's own dict
            of records (every write is listed at once, so no second dict is kept): the store
            then calls `show` before it replaces a record there and `hide` before it removes
            one, so the version listed until then is still found.
        now_ns: The clock, in nanoseconds since the epoch.
        unit: The precision `updated` is kept at, in nanoseconds; `date` values are truncated
            to it before they are compared.
        date_bound: "inclusive" or "exclusive" for every listing; None for the default mix
            (the v1 cursor includes its own timestamp, v2's and count's `date` exclude it).
        delay_ns: How long after its stamp a write becomes visible here.
    """

    def __init__(
        self,
        *,
        visible: dict[int, Record],
        now_ns: Callable[[], int],
        unit: int,
        date_bound: DateBound | None,
        delay_ns: int,
    ) -> None:
        if date_bound not in (None, "inclusive", "exclusive"):
            raise ValueError('date_bound must be "inclusive", "exclusive" or None')
        if delay_ns < 0:
            raise ValueError("visibility_delay must not be negative")
        self._visible = visible
        self._now_ns = now_ns
        self._unit = unit
        self._v1_inclusive = date_bound != "exclusive"
        self._after_inclusive = date_bound == "inclusive"
        self._delay_ns = delay_ns
        # Sorted (updated_ns, id): pages are a bisect and a slice, never a sort.
        self._order: list[tuple[int, int]] = []
        # A heap of (due_ns, sequence, record): explicit stamps may be out of order.
        self._pending: list[tuple[int, int, Record]] = []
        self._sequence = itertools.count()

    @property
    def delayed(self) -> bool:
        """Whether writes wait before they are listed (then `visible` is a dict of its own)."""
        return self._delay_ns > 0

    def key(self, record: Record) -> int:
        """The instant a record is listed at: its `updated` at the kept precision."""
        return truncate(parse_ns(record["updated"]), self._unit)

    def show(self, record: Record, stamp_ns: int | None) -> None:
        """Lists `record` (a new version of its contact) once its write, stamped `stamp_ns`,
        is visible; at once when `stamp_ns` is None."""
        if self._delay_ns and stamp_ns is not None:
            heapq.heappush(self._pending, (stamp_ns + self._delay_ns, next(self._sequence), record))
        else:
            self._place(record)

    def hide(self, contact_id: int) -> None:
        """Removes a contact from the listing at once (deletes are not delayed)."""
        self._unplace(contact_id)
        if any(pending[2]["id"] == contact_id for pending in self._pending):
            self._pending = [p for p in self._pending if p[2]["id"] != contact_id]
            heapq.heapify(self._pending)

    def extend(self, keys: Iterable[tuple[int, int]], records: Mapping[int, Record]) -> None:
        """Lists new records at once (seeding: they are there from the start), by their
        `(updated_ns, id)` keys, sorting once."""
        for key in keys:
            self._order.append(key)
            if self._delay_ns:
                self._visible[key[1]] = records[key[1]]
        self._order.sort()

    # Reads

    def page_through(self, cursor_ns: int | None, limit: int, *, ascending: bool) -> list[int]:
        """Ids of the v1 page: `limit` contacts from the cursor on, by (updated, id).

        Descending pages hold contacts updated before the cursor, ascending ones those updated
        after it; the cursor's own instant is included unless the bound is "exclusive".
        """
        self._settle()
        order = self._order
        if ascending:
            start = 0
            if cursor_ns is not None:
                start = self._after(self._cut(cursor_ns), inclusive=self._v1_inclusive)
            keys = order[start : start + limit]
        else:
            end = len(order)
            if cursor_ns is not None:
                cut = self._cut(cursor_ns)
                end = (
                    bisect_right(order, (cut, _ID_MAX))
                    if self._v1_inclusive
                    else bisect_left(order, (cut, -1))
                )
            keys = order[max(0, end - limit) : end][::-1]
        return [contact_id for _, contact_id in keys]

    def page_after(
        self, after_ns: int | None, limit: int, page: int, *, ascending: bool
    ) -> list[int]:
        """Ids of the v2 page: page `page` of `limit` among contacts updated after `after_ns`
        (at it too when the bound is "inclusive")."""
        self._settle()
        order = self._order
        first = 0
        if after_ns is not None:
            first = self._after(self._cut(after_ns), inclusive=self._after_inclusive)
        if ascending:
            start = first + page * limit
            keys = order[start : start + limit]
        else:
            end = len(order) - page * limit
            keys = order[max(first, end - limit) : max(first, end)][::-1]
        return [contact_id for _, contact_id in keys]

    def count_after(self, after_ns: int | None) -> int:
        """How many contacts were updated after `after_ns` (all when None), bound as v2's."""
        self._settle()
        if after_ns is None:
            return len(self._order)
        return len(self._order) - self._after(self._cut(after_ns), inclusive=self._after_inclusive)

    def record(self, contact_id: int) -> Record:
        """The listed version of a contact named by a page."""
        return self._visible[contact_id]

    # Internals

    def _cut(self, ns: int) -> int:
        return truncate(ns, self._unit)

    def _after(self, ns: int, *, inclusive: bool) -> int:
        """Index of the first key at or after `ns` (inclusive) or after it."""
        if inclusive:
            return bisect_left(self._order, (ns, -1))
        return bisect_right(self._order, (ns, _ID_MAX))

    def _settle(self) -> None:
        """Lists the pending writes that are due."""
        if not self._pending:
            return
        now = self._now_ns()
        while self._pending and self._pending[0][0] <= now:
            _, _, record = heapq.heappop(self._pending)
            self._place(record)

    def _place(self, record: Record) -> None:
        self._unplace(record["id"])  # the version listed until now
        self._visible[record["id"]] = record
        insort(self._order, (self.key(record), record["id"]))

    def _unplace(self, contact_id: int) -> None:
        record = self._visible.get(contact_id)
        if record is None:
            return
        index = bisect_left(self._order, (self.key(record), contact_id))
        if index < len(self._order) and self._order[index][1] == contact_id:
            del self._order[index]
        if self._delay_ns:
            del self._visible[contact_id]
