"""The keyset sweep as a state machine: hand-built pages, no server.

Each case runs the sweep against a model server (`serve`) that answers a cursor the way a real
one might: inclusive or exclusive, sorted by (updated, id), and checks every contact comes once.
"""

from __future__ import annotations

from typing import Any

import pytest
from heymarket_typed_api.models import Contact
from hypothesis import given, settings
from hypothesis import strategies as st

from heymarket_typed import errors
from heymarket_typed._instants import instant
from heymarket_typed._keyset import Ask, Sweep, key_of


def contact(id: int, updated: str) -> Contact:
    return Contact.from_dict({"id": id, "updated": updated})


def stamp(second: int, spelled_long: bool = False) -> str:
    return f"2024-06-01T12:{second // 60:02d}:{second % 60:02d}" + (
        ".000Z" if spelled_long else "Z"
    )


def serve(records: list[Contact], ask: Ask, *, inclusive: bool) -> list[Contact]:
    """A list endpoint over `records`: from the cursor, in the asked direction, page by page."""
    ordered = sorted(records, key=lambda c: key_of(c)[1::-1], reverse=not ask.ascending)
    if ask.date is not None:
        at = instant(ask.date)
        assert at is not None

        def keep(c: Contact) -> bool:
            ns = key_of(c)[1]
            if inclusive and ns == at:
                return True
            return ns > at if ask.ascending else ns < at

        ordered = [c for c in ordered if keep(c)]
    start = ask.page * ask.limit
    return ordered[start : start + ask.limit]


def run(records: list[Contact], sweep: Sweep, *, inclusive: bool) -> tuple[list[int], list[Ask]]:
    asks: list[Ask] = []
    ids: list[int] = []
    while (ask := sweep.ask()) is not None:
        asks.append(ask)
        assert len(asks) < 200, "the sweep loops"
        ids.extend(c.id for c in sweep.take(serve(records, ask, inclusive=inclusive)))
    return ids, asks


GROUPS: list[list[int]] = [[1] * 9, [3, 1, 4], [2, 2, 2, 2], [1, 5, 1], [4], [6, 1], [1, 1, 7, 1]]


@pytest.mark.parametrize("groups", GROUPS)
@pytest.mark.parametrize("inclusive", [True, False])
@pytest.mark.parametrize("ascending", [True, False])
@pytest.mark.parametrize("paged", [True, False])
@pytest.mark.parametrize("page_size", [2, 3, 4])
def test_every_contact_once_in_order(
    groups: list[int], inclusive: bool, ascending: bool, paged: bool, page_size: int
) -> None:
    records: list[Contact] = []
    for second, size in enumerate(groups):
        for i in range(size):
            records.append(contact(len(records) + 1, stamp(second, spelled_long=i % 2 == 1)))
    sweep = Sweep(ascending=ascending, page_size=page_size, paged=paged)
    try:
        ids, asks = run(records, sweep, inclusive=inclusive)
    except errors.PaginationError as error:
        # Only v1 (no page numbers) may give up, and only past 100 contacts on one timestamp.
        pytest.fail(f"gave up: {error}")
    assert sorted(ids) == [c.id for c in records]
    assert len(ids) == len(set(ids))
    instants = [key_of(c)[1] for c in records]
    by_id = dict(zip([c.id for c in records], instants, strict=True))
    yielded = [by_id[i] for i in ids]
    assert yielded == sorted(yielded, reverse=not ascending)
    assert len(set(asks)) == len(asks), "a page was asked for twice"


def test_cursor_is_sent_exactly_as_the_server_wrote_it() -> None:
    records = [contact(i, f"2024-06-01T12:00:0{i}.123456789Z") for i in range(1, 8)]
    _, asks = run(records, Sweep(ascending=True, page_size=3, paged=False), inclusive=True)
    assert [a.date for a in asks] == [
        None,
        "2024-06-01T12:00:02.123456789Z",  # before the last block: inclusiveness unknown
        "2024-06-01T12:00:06.123456789Z",  # the server showed it is inclusive: the last one
    ]
    # Room for the two that come again: each page brings `page_size` new contacts.
    assert [a.limit for a in asks] == [3, 5, 4]


def test_v1_tie_block_larger_than_a_page_grows_the_limit() -> None:
    records = [contact(i, stamp(1)) for i in range(1, 13)] + [contact(20, stamp(2))]
    ids, asks = run(records, Sweep(ascending=False, page_size=5, paged=False), inclusive=True)
    assert sorted(ids) == [*range(1, 13), 20]
    assert [a.limit for a in asks] == [5, 10, 14]


def test_v1_more_than_100_on_one_timestamp_raises_naming_it_after_yielding_the_page() -> None:
    same = "2024-06-01T12:00:00.500000000Z"
    records = [contact(i, same) for i in range(1, 151)]
    sweep = Sweep(ascending=False, page_size=50, paged=False)
    ids: list[int] = []

    def drain() -> None:
        while (ask := sweep.ask()) is not None:
            ids.extend(c.id for c in sweep.take(serve(records, ask, inclusive=True)))

    with pytest.raises(errors.PaginationError, match=same):
        drain()
    assert len(ids) == len(set(ids)) == 100


def test_page_going_backwards_raises_instead_of_looping() -> None:
    sweep = Sweep(ascending=False, page_size=2, paged=False)
    sweep.take([contact(3, stamp(3)), contact(2, stamp(2))])
    with pytest.raises(errors.PaginationError, match="out of order"):
        sweep.take([contact(4, stamp(4)), contact(5, stamp(5))])


@pytest.mark.parametrize("updated", [None, "soon"])
def test_contact_without_a_timestamp_raises(updated: Any) -> None:
    sweep = Sweep(ascending=True, page_size=2, paged=False)
    with pytest.raises(errors.PaginationError, match="updated"):
        sweep.take([Contact.from_dict({"id": 1, "updated": updated})])


# --- page numbers inside a block while it changes ---------------------------------------------


@settings(max_examples=150, derandomize=True, database=None, deadline=None)
@given(
    size=st.integers(101, 320),
    ascending=st.booleans(),
    inclusive=st.booleans(),
    page_size=st.sampled_from([30, 100]),
    writes=st.lists(st.lists(st.integers(0, 400), max_size=6), max_size=12),
)
def test_a_block_read_by_page_number_while_members_leave_loses_no_unchanged_contact(
    size: int,
    ascending: bool,
    inclusive: bool,
    page_size: int,
    writes: list[list[int]],
) -> None:
    """Before each request, some members of a block leave it (updated to a newer timestamp or
    deleted), shifting the page numbers of those after them; every member never touched is
    yielded once."""
    records = [contact(i, stamp(0)) for i in range(1, 4)]
    records += [contact(i, stamp(5)) for i in range(10, 10 + size)]
    records += [contact(i, stamp(9)) for i in range(1000, 1003)]
    touched: set[int] = set()
    sweep = Sweep(ascending=ascending, page_size=page_size, paged=ascending, blocks=not ascending)
    ids: list[int] = []
    asks = 0
    while (ask := sweep.ask()) is not None:
        asks += 1
        assert asks < 400, "the sweep loops"
        for pick in writes[asks - 1] if asks - 1 < len(writes) else []:
            block = [c for c in records if c.updated == stamp(5)]
            if block:
                victim = block[pick % len(block)]
                touched.add(victim.id)
                records.remove(victim)
                if pick % 2:  # updated: it leaves the block for the newest timestamp
                    records.append(contact(victim.id, stamp(20 + asks)))
        ids.extend(c.id for c in sweep.take(serve(records, ask, inclusive=inclusive)))
    untouched = {c.id for c in records} - touched
    lost = untouched - set(ids)
    assert not lost, f"lost {sorted(lost)}"
    assert all(ids.count(i) == 1 for i in untouched)


def test_a_page_that_does_not_begin_with_a_contact_of_the_page_before_backs_off() -> None:
    records = [contact(i, stamp(5)) for i in range(1, 251)]
    sweep = Sweep(ascending=True, page_size=100, paged=True)
    asks: list[Ask] = []

    def take(ask: Ask | None) -> list[int]:
        assert ask is not None
        asks.append(ask)
        return [c.id for c in sweep.take(serve(records, ask, inclusive=False))]

    ids = take(sweep.ask())
    ids += take(sweep.ask())  # positions 99-197
    del records[:5]  # five leave: the next page would begin past a contact not yet read
    assert take(sweep.ask()) == []
    ids += take(sweep.ask())
    ids += run(records, sweep, inclusive=False)[0]

    offsets = [a.page * a.limit for a in asks]
    assert offsets[:4] == [0, 99, 196, 192]  # overlap 2, then at least 5
    assert sorted(ids) == list(range(1, 251))


def test_members_leaving_by_more_than_a_page_start_the_block_again() -> None:
    records = [contact(i, stamp(5)) for i in range(1, 401)]
    sweep = Sweep(ascending=True, page_size=100, paged=True)
    ids: list[int] = []
    for _ in range(3):
        ask = sweep.ask()
        assert ask is not None
        ids += [c.id for c in sweep.take(serve(records, ask, inclusive=False))]
    del records[:150]  # the page before now lies wholly before position 0
    while (ask := sweep.ask()) is not None and ask.page:
        ids += [c.id for c in sweep.take(serve(records, ask, inclusive=False))]
    assert ask is not None
    assert (ask.page, ask.limit) == (0, 100)
    ids += run(records, sweep, inclusive=False)[0]
    assert set(range(151, 401)) <= set(ids)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("date_past_block", "block_reads"), [(None, 2), (2, 2), (3, 1), (60, 1)])
def test_a_block_is_read_again_once_its_end_shows_unless_the_servers_date_was_past_it(
    date_past_block: int | None, block_reads: int
) -> None:
    """A member already read and written again at the block's own instant keeps its position,
    so no later page holds it: the block is read once more after its end shows, unless the
    `Date` of the response that first showed the block was 3 s (`SETTLE_NS`) past its instant,
    when no write can land there any more."""
    records = [Contact.from_dict({"id": i, "updated": stamp(5), "rev": 1}) for i in range(1, 251)]
    records.append(contact(999, stamp(9)))
    at = instant(stamp(5))
    assert at is not None
    sweep = Sweep(ascending=True, page_size=100, paged=True)
    yielded: list[tuple[int, object]] = []
    asks: list[Ask] = []
    while (ask := sweep.ask()) is not None:
        asks.append(ask)
        assert len(asks) < 20, "the sweep loops"
        if len(asks) == 2:  # after the block's first page: member 7 written again in place
            records[6] = Contact.from_dict({"id": 7, "updated": stamp(5), "rev": 2})
        sweep.known = None if date_past_block is None else at + date_past_block * 10**9
        yielded += [(c.id, c.rev) for c in sweep.take(serve(records, ask, inclusive=False))]

    assert sum(1 for a in asks if a.date is None and a.page == 0) == block_reads
    ids = [i for i, _ in yielded]
    assert set(ids) == {c.id for c in records}
    assert ids.count(999) == 1
    if block_reads == 2:
        assert [rev for i, rev in yielded if i == 7] == [1, 2]
        assert len(ids) == len(records) + 1  # only the member written again comes twice
