"""One pass of an export split into segments read at once: adjacent ranges of `updated`, each a
keyset sweep of its own (`_keyset`), yielded in order.

Rules only, no I/O (`_export_iter` fetches). A single sweep sends one request per round trip:
at 300 ms that is about 3 a second, where the limit allows 8 (500/min) or more. Segments keep
several requests in flight while the caller still sees one ordered stream.

- Boundaries. A boundary b splits a segment in two: the first keeps the instants up to b (b
  included), the second those strictly past b. The second reads from cursor b, and its sweep's
  `edge` drops what an inclusive server returns at b; the first reads on until a page shows an
  instant past b. Whether the server includes b or not, each instant has exactly one segment
  that reads it, so G1 holds segment by segment.
- Boundaries are the one cursor the SDK writes itself. Each is a multiple of the finest unit the
  server's own stamps have shown (a server that wrote `.12` keeps at least 10 ms), so the server,
  truncating to its precision, reads exactly b.
- Where to split: only a pass of more than 10 pages (a count probe says how many contacts;
  smaller exports keep DESIGN's tighter request bound), only while fewer segments are being
  read than readers are wanted, and only the last, open-ended segment: it keeps about `span`
  pages (at the density read so far) and a new last segment takes the rest. Near the end, what
  is left goes to the idle readers a page or more each, so that no chain of pages is read
  alone. A boundary costs at most about one request (the page that reads past it), which
  DESIGN's `2 x concurrency` and 5% cover; it is planned short of whole pages by a quarter of
  a page until plans are seen to hold, then by as little as a twentieth. An estimate that
  proves wrong costs balance, never a contact. A segment that reads the oldest contact ends
  the splitting: the ranges past it are empty (writes land at the newest end), whatever the
  count taken at the start said.
- Memory: the first `readers` segments not read to their end are read, among the first
  `2 x readers` not yet yielded, each about `span` pages (at most 40).
- Writes during the export give a contact a newer `updated`. Newest first, every range lies
  below the newest contact at the start, and the catch-up pass that follows reads the writes
  (`_export`), so only that order is split. (Oldest first, a range placed past the newest
  contact could take a write after it was read: `make soak` found one lost that way. The
  rule that the open last segment asks its final page again is kept for a pass that starts
  its ranges below a known top.)
"""

from __future__ import annotations

import itertools
import math
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any

from ._constants import MAX_PAGE_SIZE
from ._instants import unit_of, written
from ._keyset import Key, Sweep, key_of

if TYPE_CHECKING:
    from heymarket_typed_api.models import Contact

SMALL_PAGES = 10
"""A pass of at most this many pages is never split (DESIGN: ceil(n / page_size) + 3)."""
MAX_SPAN_PAGES = 40
"""The most pages a segment is planned to hold: the memory bound, per reader."""


@dataclass(eq=False, slots=True)
class Page:
    """Contacts read and not yet yielded, with the sweep's state from before their page."""

    before: dict[str, Any]
    contacts: deque[Contact]
    yielded: list[Key] = field(default_factory=list)


@dataclass(eq=False, slots=True)
class Segment:
    """One range of the pass and the sweep that reads it; `stop`: the last instant it owns."""

    sweep: Sweep
    stop: int | None = None
    pages: deque[Page] = field(default_factory=deque)
    busy: bool = False
    done: bool = False
    again: bool = False
    """The open last segment (ascending) read a short page while others were still reading."""
    taken: int = 0
    """Contacts filed."""
    planned: tuple[int, float] | None = None
    """When its stop was set: (`taken` then, contacts expected up to the stop)."""
    reach: int | None = None
    """The furthest instant read."""
    density: float | None = None
    """Contacts per nanosecond on its last page: where it reads next, not what lies behind
    (an account's newest writes can sit hours above the bulk of its contacts)."""


class Pass:
    """The segments of one sweep direction, in the order their contacts are yielded."""

    def __init__(self, sweep: Sweep, *, floor: int | None, splittable: bool) -> None:
        self.segments: deque[Segment] = deque([Segment(sweep)])
        self.floor = floor
        self.splittable = splittable
        self.ascending = sweep.ascending
        self.total: int | None = None
        """Contacts the count probe found, when it was sent."""
        self.counted = False
        self.unit = 10**9
        self.taken = 0
        self.answers = 0
        """Pages answered so far, in every segment."""
        self.full_pages = 0
        self.full_fresh = 0
        """Pages read whole (within their segment) and the new contacts they brought."""
        self.boundaries = 0
        self.misjudged: float | None = None
        """The worst error of a planned segment so far, as a share of what was planned."""
        self.dense_taken = 0
        self.dense_span = 0
        self.density: float | None = None
        """Contacts per nanosecond on the last page read with more than one instant."""

    # State

    @property
    def read(self) -> bool:
        """Every segment read to its end."""
        return all(segment.done for segment in self.segments)

    @property
    def finished(self) -> bool:
        """Read and yielded."""
        return self.read and not any(segment.pages for segment in self.segments)

    def position(self) -> dict[str, Any] | None:
        """The sweep state a resumed export continues from: the first segment not yet yielded,
        as it was before its current page, plus what of that page was yielded. None when the
        pass is finished."""
        for segment in self.segments:
            if segment.pages:
                page = segment.pages[0]
                state = dict(page.before)
                seen = {tuple(k) for k in state["seen"]} | set(page.yielded)
                state["seen"] = sorted(seen)
                return state
            if not segment.done:
                return segment.sweep.state()
        return None

    # Requests

    def wants_count(self, readers: int) -> bool:
        """Whether to send the count probe now: worth it only where segments would be read at
        once, and only once the first page came back full (a small export never sends it)."""
        first = self.segments[0]
        return (
            self.splittable
            and readers > 1
            and not self.counted
            and first.sweep.edge is None
            and self.taken >= first.sweep.page_size
        )

    def take_count(self, total: int) -> None:
        self.total = total
        pages = total / max(1, self.segments[0].sweep.page_size)
        if pages <= SMALL_PAGES:
            self.splittable = False

    def fetches(self, readers: int) -> list[Segment]:
        """The segments to ask a page for now (each then busy until `take` or `failed`)."""
        if self.splittable and readers > 1:
            self._split(readers)
        chosen = []
        head = self.segments[0]
        for segment in self._reading(readers):
            if segment.busy:
                continue
            if segment.sweep.error is not None and (segment is not head or segment.pages):
                continue  # raised once the contacts before it are yielded
            if segment.again and any(
                not other.done for other in self.segments if other is not segment
            ):
                continue
            segment.busy = True
            chosen.append(segment)
        return chosen

    def failed(self, segment: Segment) -> None:
        """The request for `segment` failed: it may be asked again."""
        segment.busy = False

    def take(self, segment: Segment, page: Sequence[Contact]) -> None:
        """Files `page` (the answer to `segment`'s last ask) under its segment."""
        segment.busy = False
        self.answers += 1
        sweep = segment.sweep
        before = sweep.state()
        in_block = sweep.block is not None  # a page of a block, read oldest first
        fresh = sweep.take(page)
        whole = len(fresh)
        keys = [] if in_block else [key_of(contact) for contact in page]
        for _, ns, _ in keys:
            if ns % self.unit:
                self.unit = min(self.unit, unit_of(ns))
        self._note_density(segment, keys)
        past_stop = segment.stop is not None and any(
            sweep.ahead(ns, segment.stop) for _, ns, _ in keys
        )
        floor = self.floor
        past_floor = (
            floor is not None and not self.ascending and any(ns <= floor for _, ns, _ in keys)
        )
        if segment.stop is not None or floor is not None:
            stop = segment.stop
            fresh = [
                c
                for c in fresh
                if (stop is None or not sweep.ahead(key_of(c)[1], stop))
                and (floor is None or key_of(c)[1] > floor)
            ]
        if fresh:
            segment.pages.append(Page(before, deque(fresh)))
            self.taken += len(fresh)
            segment.taken += len(fresh)
        moved = before["cursor"] is not None  # a first page repeats nothing: not a sample
        if moved and not (in_block or past_stop or past_floor or sweep.done):
            self.full_pages += 1
            self.full_fresh += whole
        if past_stop and segment.planned is not None:
            then, expected = segment.planned
            error = abs(segment.taken - then - expected) / max(1.0, expected)
            self.misjudged = max(self.misjudged or 0.0, error)
        if past_stop or past_floor:
            segment.done = True
        elif sweep.done and sweep.error is None:
            last = segment is self.segments[-1] and segment.stop is None
            if self.ascending and last and not self._others_read(segment):
                sweep.again(page)
                segment.again = True
            else:
                segment.done = True
                if not (self.ascending or in_block):
                    self._ended(segment)
        if past_floor:
            self._ended(segment)

    def pop(self) -> Contact | None:
        """The next contact in order, or None if it has not been read yet."""
        segments = self.segments
        while segments:
            head = segments[0]
            if head.pages:
                page = head.pages[0]
                contact = page.contacts.popleft()
                page.yielded.append(key_of(contact))
                if not page.contacts:
                    head.pages.popleft()
                return contact
            if head.done and len(segments) > 1:
                segments.popleft()
                continue
            return None
        return None

    # Splitting

    def _reading(self, readers: int) -> list[Segment]:
        """The segments read now: the first `readers` not read to their end, among the first
        `2 x readers`. A segment that ends before the one ahead of it waits to be yielded
        without holding a reader (segments near the end, smaller, end out of order)."""
        readers = max(1, readers)
        window = islice(self.segments, 2 * readers)
        return list(islice((s for s in window if not s.done), readers))

    def _ended(self, segment: Segment) -> None:
        """`segment` read the oldest contact there is (newest first: a short page, or one past
        the floor), so the ranges past it are empty, as writes only ever land at the newest
        end: the segments after it are not asked again, and none is added. (A count taken
        before writes moved contacts out of the pass would otherwise have ranges split past
        the end, each an empty request.)"""
        self.splittable = False
        after = itertools.dropwhile(lambda s: s is not segment, self.segments)
        for later in itertools.islice(after, 1, None):
            later.done = later.done or not later.busy

    def _others_read(self, segment: Segment) -> bool:
        return all(other.done for other in self.segments if other is not segment)

    def _note_density(self, segment: Segment, keys: list[Key]) -> None:
        if not keys:
            return
        start = segment.reach if segment.reach is not None else segment.sweep.edge
        if start is None:
            start = keys[0][1]
        segment.reach = keys[-1][1]
        self.dense_span += abs(keys[-1][1] - start)
        self.dense_taken += len(keys)
        # The mean gap between the page's instants, the widest tenth left out: a page that
        # straddles the hours between an account's newest writes and the rest of it must not
        # make the rest look sparse.
        gaps = sorted(abs(b[1] - a[1]) for a, b in itertools.pairwise(keys))
        kept = gaps[: max(1, len(gaps) * 9 // 10)]
        if kept and sum(kept) > 0:
            segment.density = self.density = len(kept) / sum(kept)

    def _per_page(self, page_size: int) -> float:
        """New contacts a whole page from a moved cursor has brought on average. Before any:
        `page_size`, less the contact at the cursor that such a page repeats where `page_size`
        leaves no room for it under the API's page limit (`_keyset`: 99 of 100)."""
        if not self.full_pages:
            return float(min(page_size, MAX_PAGE_SIZE - 1))
        # At least one: pages of ties wider than `page_size` can bring none (it divides).
        return max(1.0, min(float(page_size), self.full_fresh / self.full_pages))

    def _margin(self, size: float) -> float:
        """How many pages short of `size` a segment is planned: a quarter until a planned
        segment has ended, then in step with how far the plans were off (at least a
        twentieth). Each segment's last page carries only the rest of a page, so a margin
        wider than needed costs requests on every segment, one too narrow a request now and
        then."""
        if self.misjudged is None:
            return 0.25
        return min(0.25, 0.05 + 2 * self.misjudged * size)

    @staticmethod
    def _left(segment: Segment) -> int:
        """How far (ns) a bounded segment still has to read; 0 for the open one."""
        at = segment.reach if segment.reach is not None else segment.sweep.edge
        if segment.stop is None or segment.done or at is None:
            return 0
        return abs(segment.stop - at)

    def _split(self, readers: int) -> None:
        """Gives the open last segment a stop and opens a new last segment past it, while
        readers are idle and the count says there is enough left for both."""
        if self.total is None or self.dense_span <= 0 or self.dense_taken <= 1:
            return
        page_size = self.segments[0].sweep.page_size
        pages = self.total / page_size
        # DESIGN's bound allows 5% and 2 x concurrency over one sweep's requests, and a
        # boundary costs about one request (the page read past it): at most `budget`
        # boundaries, about `readers` of them for the staggered start and as many for the end,
        # the rest spread over the middle, which sets the span.
        budget = math.floor(0.05 * pages + 2 * readers)
        middle = max(1, budget - 2 * readers)
        span = min(
            MAX_SPAN_PAGES, max(4, math.ceil(pages / middle), math.ceil(pages / (2 * readers)))
        )
        overall = self.dense_taken / self.dense_span  # contacts per nanosecond
        while self.boundaries < 2 * budget:
            reading = sum(1 for s in self.segments if not s.done)
            if reading >= readers or len(self.segments) >= 2 * readers:
                return
            # What splitting has cost so far: answers beyond those the contacts needed. Each
            # open segment may cost one more as it ends, and the new boundary one; the bound's
            # slack (less the probe and the final pass) must still cover them.
            waste = self.answers - self.taken / page_size
            if waste + reading + 1 > 0.05 * pages + 2 * readers - 2:
                return
            last = self.segments[-1]
            if last.done or last.again or last.stop is not None:
                return
            position = last.reach if last.reach is not None else last.sweep.edge
            if position is None:
                return
            planned = sum((s.density or overall) * self._left(s) for s in self.segments)
            density = last.density or self.density or overall
            left = self.total - self.taken - planned
            # Near the end, what is left is shared among the idle readers (a page or more
            # each), so that the last segment is not read alone: a round trip saved there is
            # worth several requests.
            parts = min(readers - reading + 1, math.ceil(left / self._per_page(page_size)))
            if parts < 2:
                return
            # Staggered: the k-th of `readers` segments gets k / readers of a span, so that
            # they end one after another, in the order they are yielded, and the window
            # slides on instead of waiting for a whole batch.
            staggered = span * page_size * reading / readers
            # Near the end, no segment holds more than its reader's share of what is left,
            # so that the last ones end together rather than one long segment read alone.
            size = max(1.0, round(min(staggered, left / max(parts, readers)) / page_size))
            # Short of a whole number of pages (of the new contacts a page has brought so
            # far): the segment's last page then reads past its stop, which ends it, rather
            # than ending on it and needing one more request to show that nothing more is
            # there.
            per = (size - self._margin(size)) * self._per_page(page_size)
            step = max(self.unit, math.ceil(per / density / self.unit) * self.unit)
            base = position - position % self.unit
            boundary = base + step if self.ascending else base - step
            if not last.sweep.ahead(boundary, position):
                return
            if self.floor is not None and boundary <= self.floor:
                return
            last.stop = boundary
            last.planned = (last.taken, per)
            self.boundaries += 1
            old = last.sweep
            self.segments.append(
                Segment(
                    Sweep(
                        ascending=old.ascending,
                        page_size=old.page_size,
                        paged=old.paged,
                        cursor=written(boundary, self.unit),
                        edge=boundary,
                        blocks=old.blocks,
                    )
                )
            )
