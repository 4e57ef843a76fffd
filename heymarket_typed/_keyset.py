"""Keyset pagination over `updated`: one sweep in one direction that cannot skip a contact.

A sweep asks for a page from a cursor (an `updated` value sent exactly as the server wrote it)
and moves the cursor from what the page holds. The rules hold whatever the server does with
the cursor, since nothing documents it:

- Inclusive or exclusive: until a page shows a contact *at* the cursor's instant (then the
  server is inclusive), the next cursor is the last timestamp *before* the page's final block of
  equal timestamps. An exclusive server then sends that whole block again (it may continue past
  the page), an inclusive one that block and the one at the cursor; repeats are dropped by
  `(id, updated, rev)`. Once the server is known to be inclusive, the cursor is the page's last
  timestamp. Either way a page repeats about one or two contacts, never loses one.
- Precision (seconds to nanoseconds): the cursor is always a value the server itself wrote, so
  the server compares it at its own precision; nothing is rounded or re-formatted on our side.
  Instants are compared as integers (`_instants`), so two spellings of one instant are equal.
- Overlap: a page from a moved cursor asks `page_size` plus the contacts it will repeat (up to
  100), so each request brings `page_size` new contacts where the limit allows.
- Ties: a full page of one timestamp that the cursor cannot get past is asked again with a
  doubled `limit` (up to 100); past that, by page number under the same cursor (v2) or, where
  the API has none (v1), `PaginationError` names the timestamp. Pages hold at least 2 contacts,
  so that a page can show where a block ends. Nothing changing, the sweep never asks for the
  same page twice.
- Windows: page numbers shift when a contact of the block is updated or deleted between two
  requests, and a contact nobody touched could fall between two pages. So each page by number
  overlaps the one before (`window`: a limit and page number whose offset is inside the page
  before) and must begin with a contact of the page before (`anchors`): everything after that
  contact in the server's order is then on this page or later ones. A page that begins
  anywhere else is dropped: members left the block, and its page is asked again with twice the
  overlap (then four times...; exponential backoff in positions), and once the overlap would
  reach past the page before, the block is read again from its start. Repeats are dropped by
  key. Only the page before counts: contacts read another way (the v1 cursor, newest first)
  say nothing about positions in this list.
- Twice: pages by number are not one read, so a member already read can be written again at
  the block's own instant (a coarse precision, the server's clock still on it) and keep its
  position. Once a page shows where the block ends, the block is read once more from its start
  (`_read_again`): by then a newer contact proves the server's clock is past the instant, or
  this read is the final pass. Not needed, and not done, when the `Date` of the response that
  first showed the block is `SETTLE_NS` past its instant (an older block, the usual case), or
  for a block read from a v1 cursor (newest first), which lies below the export's first page,
  where no write lands.
- Direction: a page that goes backwards from the cursor is a `PaginationError`, never a loop.
- Edge: a sweep that starts at a boundary it did not read up to (a segment of a split export,
  `_segments`) drops what an inclusive server returns *at* the boundary: the segment before
  owns it.

The sweep holds no I/O: `ask()` says what to fetch, `take(page)` returns the new contacts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ._constants import MAX_PAGE_SIZE
from ._exceptions import PaginationError
from ._instants import instant, written

if TYPE_CHECKING:
    from heymarket_typed_api.models import Contact

Key = tuple[int, int, int]
"""A contact version: (id, `updated` in nanoseconds, `rev` or -1). `rev` tells two writes
apart when the server keeps `updated` too coarsely to (seconds: both in one second)."""


SETTLE_NS = 3 * 10**9
"""How far past a block's instant the `Date` of the response that first showed the block must
be for no later write to land on that instant: a second for `Date`'s whole seconds and the
stamps' precision, and two for the time between reading the page and answering, and for the
clocks of a server fleet that disagree."""


def window(end: int, least: int = 1, most: int = MAX_PAGE_SIZE // 2) -> tuple[int, int]:
    """The next page by number after positions `[0, end)` were read: `(limit, page)` whose
    offset `limit x page` is `least` to `most` positions before `end` (the page overlaps what
    was read) and which reaches past `end`, bringing the most new positions; `(0, 0)` if there
    is none. Offsets are `limit x page` on the v2 list (zero-indexed page;
    heymarket-api-facts.md, POST /v2/contacts/list)."""
    best = (0, 0, 0)  # (new positions, limit, page)
    for overlap in range(max(1, least), min(end, most) + 1):
        offset = end - overlap
        for limit in range(MAX_PAGE_SIZE, overlap, -1):
            if limit - overlap <= best[0]:
                break
            if offset % limit == 0 and offset > 0:
                best = (limit - overlap, limit, offset // limit)
                break
    return best[1], best[2]


@dataclass(frozen=True, slots=True)
class Ask:
    """One list request: the cursor as the server wrote it, page size, direction, page number."""

    date: str | None
    limit: int
    ascending: bool
    page: int = 0


def key_of(contact: Contact) -> Key:
    """The contact's version key; `PaginationError` if it has no usable `updated`."""
    stamp = contact.updated
    ns = instant(stamp) if isinstance(stamp, str) else None
    if ns is None or not isinstance(contact.id, int):
        raise PaginationError(
            f"contact {contact.id!r} has no RFC 3339 `updated` ({stamp!r}), "
            "so an export cannot place it"
        )
    rev = contact.rev if isinstance(contact.rev, int) and not isinstance(contact.rev, bool) else -1
    return contact.id, ns, rev


@dataclass(slots=True)
class Sweep:
    """The cursor rules for one direction. `paged`: the API takes a page number (v2)."""

    ascending: bool
    page_size: int
    paged: bool
    cursor: str | None = None
    seen: set[Key] = field(default_factory=set)
    inclusive: bool | None = None
    limit: int = 0
    page: int = 0
    done: bool = False
    edge: int | None = None
    """Contacts not strictly ahead of this instant belong to an earlier segment."""
    blocks: bool = False
    """A descending sweep that may read a block of over 100 contacts on one timestamp by
    page number through the v2 list (ascending, "updated after" just below it)."""
    block: int | None = None
    """The instant of the block being read that way."""
    passed: int | None = None
    """The instant of the last block read that way: the cursor continues below it."""
    anchors: set[tuple[int, int]] = field(default_factory=set)
    """(id, instant) of the contacts of the page before a page by number (`window`)."""
    reach: int = 0
    """The position just past that page."""
    tie: int | None = None
    """The instant of the block being read by page number under the cursor."""
    settled: bool = False
    """No write can land on that block's instant any more: it is being read again after its
    end showed (`_read_again`), or the server's clock was past it when it was first asked."""
    known: int | None = None
    """The `Date` of the page being taken, in ns (the plan sets it with each page)."""
    ceiling: int | None = None
    """Contacts newer than this instant were written since the export's first page (newest
    first): they are the catch-up pass's to yield, once, if they still exist then."""
    error: PaginationError | None = None

    def __post_init__(self) -> None:
        self.limit = self.limit or self.base_limit

    @property
    def base_limit(self) -> int:
        """The limit of a page from a new cursor: at least 2, as a one-contact page can never
        show where its timestamp block ends."""
        return max(2, self.page_size)

    def ask(self) -> Ask | None:
        """The next request, None at the end; raises the `PaginationError` a stuck page left."""
        if self.error is not None:
            raise self.error
        if self.done:
            return None
        if self.block is not None:
            return Ask(written(self.block - 1, 1), self.limit, True, self.page)
        return Ask(self.cursor, self.limit, self.ascending, self.page)

    def ahead(self, a: int, b: int) -> bool:
        """Whether instant `a` comes after `b` in this sweep's direction."""
        return a > b if self.ascending else a < b

    def take(self, page: Sequence[Contact]) -> list[Contact]:
        """The contacts of `page` not yet seen, in order; moves the cursor past the page."""
        keys = [key_of(contact) for contact in page]
        if self.page and not self._anchored(keys):
            self._shifted()
            return []
        if self.block is not None:
            return self._take_block(page, keys)
        at = None if self.cursor is None else instant(self.cursor)
        previous: int | None = at
        for _, ns, _ in keys:
            if previous is not None and self.ahead(previous, ns):
                raise PaginationError(
                    f"the server sent `updated` {ns} ns out of order after {previous} ns "
                    f"(cursor {self.cursor!r}); iterating further could loop or skip"
                )
            previous = ns
        if at is not None and any(ns == at for _, ns, _ in keys):
            self.inclusive = True
        ends = len(page) < self.limit or keys[-1][1] != self.tie
        if self.page and self.tie is not None and not self.settled and ends:
            return self._read_again(page, keys)
        fresh = self._new(page, keys)
        if len(page) < self.limit:
            self.done = True
        else:
            self._advance(page, keys)
        return fresh

    def again(self, page: Sequence[Contact]) -> None:
        """Makes a sweep that ended on `page` (a short one) ask once more, from past it: the
        final pass of a split export comes after every other segment is read."""
        keys = [key_of(contact) for contact in page]
        self.done = False
        self.seen.update(keys)
        if keys:
            self._move(page, keys)

    def state(self) -> dict[str, object]:
        """This sweep's position as JSON-able data (a checkpoint's part)."""
        return {
            "cursor": self.cursor,
            "seen": sorted(self.seen),
            "inclusive": self.inclusive,
            "limit": self.limit,
            "page": self.page,
            "done": self.done,
            "edge": self.edge,
            "block": self.block,
            "passed": self.passed,
            "anchors": sorted(self.anchors),
            "reach": self.reach,
            "tie": self.tie,
            "settled": self.settled,
        }

    def _anchored(self, keys: list[Key]) -> bool:
        """Whether a page by number (past the first) begins with a contact already read, or,
        in a block read from just below it, with one older than the block."""
        if not keys:
            return False
        first = keys[0]
        if self.block is not None and first[1] < self.block:
            return True
        return first[:2] in self.anchors

    def _take_block(self, page: Sequence[Contact], keys: list[Key]) -> list[Contact]:
        """A page of the block at `block`, read oldest first from just below it: its contacts
        at that instant are new, anything else is not this block's."""
        block = self.block
        assert block is not None
        fresh = self._new(page, keys, at=block)
        self.seen.update(k for k in keys if k[1] == block)
        if len(page) < self.limit or any(k[1] > block for k in keys):
            # Past the block: the v1 cursor goes on below it.
            self.block, self.passed, self.page = None, block, 0
            self.limit = self.base_limit
            if self.inclusive:
                self.cursor = written(block - 1, 1)
            else:
                stamp = next(
                    (c.updated for c, k in zip(page, keys, strict=True) if k[1] == block), None
                )
                self.cursor = stamp if isinstance(stamp, str) else written(block, 1)
        else:
            self._next_window(keys)
        return fresh

    def _read_again(self, page: Sequence[Contact], keys: list[Key]) -> list[Contact]:
        """The page that shows where a block read by page number ends: its members are new,
        and the block is read once more from its start before going past it.

        Pages are not one read: a member already read can be written again *at* the block's
        instant (a coarse precision and a server clock still on it), keeping its position, so
        no later page holds it. The server's clock is past the instant once a newer contact
        shows (this page), or the read from here on is the final pass (a short page, the
        newest block); either way no write after this can land on a position read again."""
        tie = self.tie
        fresh = self._new(page, keys, at=tie)
        self.seen.update(k for k in keys if k[1] == tie)
        self.settled = True
        self.page, self.limit, self.anchors, self.reach = 0, MAX_PAGE_SIZE, set(), 0
        return fresh

    def _new(
        self, page: Sequence[Contact], keys: list[Key], *, at: int | None = None
    ) -> list[Contact]:
        """The contacts of `page` to yield, in order: not read in this version, past `edge`,
        not past `ceiling`, not a second version the catch-up yields, and at instant `at`
        when given (a block's own members)."""
        again = self._rewritten(keys)
        edge, ceiling = self.edge, self.ceiling
        return [
            c
            for c, k in zip(page, keys, strict=True)
            if (at is None or k[1] == at)
            and k not in self.seen
            and (edge is None or self.ahead(k[1], edge))
            and (ceiling is None or k[1] <= ceiling)
            and k[0] not in again
        ]

    def _rewritten(self, keys: list[Key]) -> set[int]:
        """Ids on this page that the sweep has already read in another version. Newest first
        (`ceiling` set), a contact written since it was read is the catch-up pass's to yield,
        once, if it still exists then; empty otherwise."""
        if self.ceiling is None:
            return set()
        read = {k[0]: k for k in self.seen}
        return {k[0] for k in keys if k[0] in read and read[k[0]] != k}

    def _next_window(self, keys: list[Key]) -> None:
        """The next page by number, overlapping this full one (`window`)."""
        self.anchors = {k[:2] for k in keys}
        self.reach = self.page * self.limit + len(keys)
        self.limit, self.page = window(self.reach)

    def _shifted(self) -> None:
        """The page asked did not begin with a contact of the page before: ask again from
        further back, or from the block's start once that would leave the page before."""
        wider = 2 * (self.reach - self.page * self.limit) + 1
        limit, page = window(self.reach, wider, len(self.anchors) - 1)
        if page:
            self.limit, self.page = limit, page
        else:
            self.page, self.limit, self.anchors, self.reach = 0, MAX_PAGE_SIZE, set(), 0

    def _advance(self, page: Sequence[Contact], keys: list[Key]) -> None:
        if not self._move(page, keys):
            self._stuck(page[-1], keys)

    def _move(self, page: Sequence[Contact], keys: list[Key]) -> bool:
        """Moves the cursor past `page` if it can; False if the page is all one timestamp."""
        last = keys[-1][1]
        at = None if self.cursor is None else instant(self.cursor)
        if self.inclusive:
            target = len(keys) - 1
        else:
            # The last contact before the final block of equal timestamps.
            target = next((i for i in range(len(keys) - 1, -1, -1) if keys[i][1] != last), -1)
        moves = target >= 0 and (at is None or self.ahead(keys[target][1], at))
        if not moves:
            return False
        stamp = page[target].updated
        assert isinstance(stamp, str)  # key_of checked it
        cursor_ns = keys[target][1]
        self.cursor = stamp
        if self.tie is not None and self.ahead(cursor_ns, self.tie):
            self.tie, self.settled = None, False
        # What was read at or past the new cursor comes again: remember it, and only it.
        self.seen = {k for k in self.seen.union(keys) if not self.ahead(cursor_ns, k[1])}
        # Room on the next page for what comes again, so that it brings `page_size` new
        # contacts: an export of n contacts takes about ceil(n / page_size) requests.
        self.limit = min(MAX_PAGE_SIZE, self.base_limit + len(self.seen))
        self.page = 0
        return True

    def _stuck(self, last: Contact, keys: list[Key]) -> None:
        """A full page the cursor cannot move past: more of one timestamp than fit."""
        self.seen.update(keys)
        at = key_of(last)[1]
        if self.blocks and self.passed == at and self.inclusive:
            # Read already; the server includes the cursor: go on from just below it. One
            # nanosecond below, cut to the server's precision, is its previous instant.
            self.cursor, self.limit, self.page = written(at - 1, 1), self.base_limit, 0
        elif self.limit < MAX_PAGE_SIZE and not self.page:
            self.limit = min(MAX_PAGE_SIZE, self.limit * 2)
        elif self.blocks:
            self.block, self.page, self.limit = at, 0, MAX_PAGE_SIZE
        elif self.paged:
            # Over 100 contacts on one timestamp: by page number under the same cursor.
            if self.tie != at:
                self.tie, self.settled = at, self.known is not None and self.known >= at + SETTLE_NS
            self._next_window(keys)
        else:
            # Yield what this page brought; the next `ask()` fails instead of asking again.
            self.error = PaginationError(
                f"more than {MAX_PAGE_SIZE} contacts share the timestamp {last.updated!r}; "
                "the v1 cursor cannot get past them (contacts_v2.iter(), in either order, "
                "reads such a block by page number)"
            )
