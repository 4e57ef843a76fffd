"""A pass split into segments, as a state machine: a model server, answers in any order, no I/O.

`drive` plays the export loop: it asks the pass what to fetch with `readers` requests in flight,
answers the fetches in the order a strategy picks (newest request first, to put later segments
ahead of earlier ones), and collects what `pop()` yields.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from heymarket_typed_api.models import Contact

from heymarket_typed._instants import unit_of
from heymarket_typed._keyset import Sweep
from heymarket_typed._segments import MAX_SPAN_PAGES, Pass, Segment
from tests.test_keyset import contact, serve

BASE = 1_717_243_200  # 2024-06-01T12:00:00Z


def at(ms: int) -> str:
    seconds, millis = divmod(ms, 1000)
    minutes, second = divmod(seconds, 60)
    return f"2024-06-01T12:{minutes:02d}:{second:02d}.{millis:03d}Z"


def account(n: int, *, tie_every: int = 0) -> list[Contact]:
    """`n` contacts 7 ms apart (every `tie_every`-th one sharing its neighbour's stamp)."""
    out, ms = [], 1
    for i in range(n):
        if not tie_every or i % tie_every:
            ms += 7
        out.append(contact(1000 + i, at(ms)))
    return out


def drive(
    records: list[Contact],
    current: Pass,
    *,
    readers: int,
    inclusive: bool,
    newest_first: bool = True,
    count: int | None = None,
    watch: Callable[[Segment], object] | None = None,
) -> tuple[list[int], int, int]:
    """(ids yielded in order, requests sent, most segments open at once). `count`: what the
    probe answers (the number of records unless given); `watch` sees each page's segment
    before the page is answered."""
    yielded: list[int] = []
    flying: list[Segment | None] = []
    sent = widest = 0
    while True:
        while (c := current.pop()) is not None:
            yielded.append(c.id)
        if current.finished and not flying:
            return yielded, sent, widest
        if current.wants_count(readers):
            current.counted = True
            flying.append(None)
        flying.extend(current.fetches(readers))
        widest = max(widest, len(current.segments))
        assert flying, "the pass stalls"
        if None in flying:  # the probe answers first
            flying.remove(None)
            token = None
        else:
            token = flying.pop() if newest_first else flying.pop(0)
        sent += 1
        assert sent < 1000, "the pass loops"
        if token is None:
            current.take_count(len(records) if count is None else count)
            continue
        if watch is not None:
            watch(token)
        ask = token.sweep.ask()
        assert ask is not None
        current.take(token, serve(records, ask, inclusive=inclusive))


def split_pass(*, ascending: bool, page_size: int = 5) -> Pass:
    return Pass(
        Sweep(ascending=ascending, page_size=page_size, paged=False), floor=None, splittable=True
    )


@pytest.mark.parametrize("inclusive", [True, False], ids=["inclusive", "exclusive"])
@pytest.mark.parametrize("ascending", [True, False], ids=["ascending", "descending"])
@pytest.mark.parametrize("ties", [0, 3], ids=["distinct", "ties"])
@pytest.mark.parametrize("newest_first", [True, False], ids=["later-first", "in-order"])
def test_segments_read_at_once_yield_every_contact_once_in_order(
    inclusive: bool, ascending: bool, ties: int, newest_first: bool
) -> None:
    records = account(300, tie_every=ties)
    current = split_pass(ascending=ascending)

    ids, _, widest = drive(
        records, current, readers=6, inclusive=inclusive, newest_first=newest_first
    )

    assert widest > 2, "the pass was never split"
    expected = sorted(records, key=lambda c: (c.updated, c.id), reverse=not ascending)
    assert sorted(ids) == sorted(c.id for c in records)
    stamps = [next(c.updated for c in records if c.id == i) for i in ids]
    assert stamps == [c.updated for c in expected]


def test_a_small_pass_is_not_split_and_sends_no_more_than_one_probe() -> None:
    records = account(40)  # 8 pages of 5
    current = split_pass(ascending=True)

    ids, sent, widest = drive(records, current, readers=6, inclusive=False)

    assert widest == 1
    assert len(ids) == 40
    assert sent <= 8 + 3


def test_only_as_many_segments_as_readers_are_open_at_once() -> None:
    records = account(600)
    current = split_pass(ascending=False)

    _, _, widest = drive(records, current, readers=4, inclusive=True)

    assert widest <= 4


def test_splitting_costs_at_most_a_request_per_boundary_over_one_sweep() -> None:
    records = account(1000)  # 200 pages of 5
    _, alone, _ = drive(records, split_pass(ascending=True), readers=1, inclusive=False)
    current = split_pass(ascending=True)

    ids, sent, _ = drive(records, current, readers=8, inclusive=False)

    assert len(ids) == 1000
    assert sent <= 1.05 * alone + 2 * 8


def test_the_open_last_segment_asks_its_final_page_again_after_the_others() -> None:
    """Ascending, writes land past the last segment's end: its final page must be the final
    request, after every other segment is read."""
    records = account(300)
    current = split_pass(ascending=True)
    order: list[Segment] = []
    # Answer later segments first: the last one runs short while the others still read.
    flying: list[Segment | None] = []
    while not current.finished or flying:
        while current.pop() is not None:
            pass
        if current.wants_count(6):
            current.counted = True
            flying.append(None)
        flying.extend(current.fetches(6))
        if None in flying:
            flying.remove(None)
            token = None
        else:
            token = flying.pop()
        if token is None:
            current.take_count(len(records))
            continue
        order.append(token)
        ask = token.sweep.ask()
        assert ask is not None
        current.take(token, serve(records, ask, inclusive=False))

    last = order[-1]
    assert last.sweep.edge is not None
    assert last.stop is None
    assert sum(1 for s in order if s is last) >= 2
    assert order.index(last) < len(order) - 1  # it was asked before, and once more at the end


def test_boundaries_are_written_at_the_finest_unit_the_server_showed() -> None:
    records = account(300)
    current = split_pass(ascending=True)
    drive(records, current, readers=6, inclusive=True)

    assert current.unit == min(unit_of(int(BASE * 10**9) + 7 * 10**6), 10**6)
    assert MAX_SPAN_PAGES >= 4


def test_a_segment_read_to_its_end_early_does_not_hold_a_reader() -> None:
    current = Pass(Sweep(ascending=False, page_size=5, paged=False), floor=None, splittable=False)
    head = current.segments[0]
    later = [Segment(Sweep(ascending=False, page_size=5, paged=False)) for _ in range(5)]
    current.segments.extend(later)
    later[0].done = True  # read, waiting for the head to be yielded

    assert current.fetches(3) == [head, later[1], later[2]]

    # At most twice as many segments as readers are held: the memory bound.
    for segment in (head, later[1], later[2]):
        current.failed(segment)
    later[1].done = later[2].done = True
    assert current.fetches(2) == [head]


def test_a_count_that_writes_made_too_high_adds_no_segments_past_the_end() -> None:
    """Writes during the export move contacts above the pass: the count taken at its start
    is too high, and the oldest contact shows where the pass really ends."""
    records = account(600)  # 120 pages of 5
    _, alone, _ = drive(records, split_pass(ascending=False), readers=1, inclusive=False)
    current = split_pass(ascending=False)

    ids, sent, _ = drive(
        records, current, readers=6, inclusive=False, newest_first=False, count=650
    )

    assert len(ids) == 600
    # The probe, and a page past its stop for each segment and each reader's last one; an
    # empty range split off past the end would cost a request each on top.
    assert sent <= alone + 1 + 3 * 6


def test_once_plans_prove_right_segments_are_planned_a_twentieth_of_a_page_short() -> None:
    """A segment is planned short of whole pages so that its last page reads past its stop;
    that page carries only the rest. On an even account the plans prove right, and the
    segments planned after that leave a twentieth of a page over rather than a quarter."""
    records = account(2000)  # 100 pages of 20
    current = split_pass(ascending=False, page_size=20)
    created: list[Segment] = []
    known_at: int | None = None  # segments created when a plan had first ended

    def watch(_: Segment) -> None:
        nonlocal known_at
        created.extend(s for s in current.segments if s not in created)
        if known_at is None and current.misjudged is not None:
            known_at = len(created)

    drive(records, current, readers=8, inclusive=False, newest_first=False, watch=watch)

    assert known_at is not None
    later = [s.planned for s in created[known_at:] if s.planned is not None]
    assert later, "no segment was planned after a plan proved right"
    for _, expected in later:
        assert (expected / 20) % 1 >= 0.9


def test_the_last_pages_are_shared_among_idle_readers() -> None:
    """Near the end no segment is left to read several pages alone while readers idle: each
    takes about a page, one round trip instead of a chain of them."""
    records = account(1000)  # 200 pages of 5
    current = split_pass(ascending=False)
    asks: dict[Segment, int] = {}

    def watch(token: Segment) -> None:
        asks[token] = asks.get(token, 0) + 1

    drive(records, current, readers=8, inclusive=False, newest_first=False, watch=watch)

    last = current.segments[-1]
    assert last.stop is None
    assert last.sweep.edge is not None
    assert asks[last] <= 2


def test_before_a_page_from_a_moved_cursor_a_page_is_planned_to_bring_99_of_100() -> None:
    """A page from a moved cursor repeats the contact at the cursor, and a page of 100 has no
    room for it (the API's limit): it brings 99 new ones. The first page, from no cursor,
    brings 100 and must not make segments planned right after it hold more than they read."""
    records = account(5000)
    current = split_pass(ascending=False, page_size=100)
    (first,) = current.fetches(8)
    ask = first.sweep.ask()
    assert ask is not None
    current.take(first, serve(records, ask, inclusive=False))
    current.take_count(len(records))

    current.fetches(8)

    plans = [s.planned for s in current.segments if s.planned is not None]
    assert plans
    for _, expected in plans:
        assert (expected / 99) % 1 == pytest.approx(0.75)
