"""A pass split into segments, as a state machine: a model server, answers in any order, no I/O.

`drive` plays the export loop: it asks the pass what to fetch with `readers` requests in flight,
answers the fetches in the order a strategy picks (newest request first, to put later segments
ahead of earlier ones), and collects what `pop()` yields.
"""

from __future__ import annotations

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
) -> tuple[list[int], int, int]:
    """(ids yielded in order, requests sent, most segments open at once)."""
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
            current.take_count(len(records))
            continue
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
