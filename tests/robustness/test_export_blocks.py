"""Big tie blocks under writes: more than 100 contacts on one timestamp, read by v2 page number.

Page numbers shift when a member of the block is updated or deleted between two requests; the
sweep reads overlapping pages and starts the block again when a page does not begin with a
contact it has read (`_keyset.window`). These schedules write on the requests that read the
block, in both orders, on every date-bound and precision switch, and check G1-G3 against the
sandbox's history. Budget: 60 schedules, a few seconds; `make soak` runs ten times as many.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heymarket_typed._checkpoint import decode
from heymarket_typed.testing import FakeHeymarket
from tests.robustness.exports import Seen, client, export, seen, violations
from tests.robustness.soak import scaled
from tests.robustness.test_export_properties import (
    SETTINGS,
    STEPS,
    UNIT_NS,
    Account,
    Op,
    Scenario,
    check,
    export_writing,
)
from tests.tally import tally


@st.composite
def block_scenarios(draw: st.DrawFn) -> Scenario:
    size = draw(st.integers(101, 230))
    older = draw(st.integers(0, 5))
    newer = draw(st.integers(0, 5))
    block = 3
    stamps = ((6, "plain"),) * older + ((block, "plain"),) * size + ((0, "plain"),) * newer
    ops = draw(
        st.lists(
            st.builds(
                Op,
                st.integers(1, 8),
                st.sampled_from(("update", "delete", "delete", "create")),
                st.integers(0, 400),
            ),
            min_size=1,
            max_size=4,
        )
    )
    return Scenario(
        surface="v2",
        precision=draw(st.sampled_from(tuple(UNIT_NS))),
        date_bound=draw(st.sampled_from((None, "inclusive", "exclusive"))),
        step=draw(st.sampled_from(STEPS)),
        stamps=stamps,
        ops=tuple(sorted(ops, key=lambda op: op.at)),
        page_size=draw(st.sampled_from((30, 100))),
        ascending=draw(st.booleans()),
        concurrency=draw(st.sampled_from((1, 8))),
        use_async=draw(st.booleans()),
        updated_after=None,
    )


@settings(SETTINGS, max_examples=scaled(60))
@given(block_scenarios())
def test_writes_inside_a_tie_block_read_by_page_number_lose_nothing(scenario: Scenario) -> None:
    check(scenario)
    tally("tie-block schedules (v2)")


@st.composite
def blocks_at_the_clock(draw: st.DrawFn) -> Scenario:
    """A block on the sandbox's current instant (its clock still): updates made while it is
    read keep their members' `updated` and position (attack finding F2)."""
    size = draw(st.integers(101, 230))
    ops = draw(
        st.lists(
            st.builds(
                Op,
                st.integers(2, 4),
                st.sampled_from(("update", "update", "update", "delete", "create")),
                st.integers(0, size),
            ),
            min_size=1,
            max_size=3,
        )
    )
    return Scenario(
        surface="v2",
        precision=draw(st.sampled_from(("s", "ms"))),
        date_bound=draw(st.sampled_from((None, "inclusive", "exclusive"))),
        step=0.0,
        stamps=((0, "plain"),) * size,
        ops=tuple(sorted(ops, key=lambda op: op.at)),
        page_size=100,
        ascending=draw(st.booleans()),
        concurrency=draw(st.sampled_from((1, 8))),
        use_async=draw(st.booleans()),
        updated_after=None,
    )


@settings(SETTINGS, max_examples=scaled(100))
@given(blocks_at_the_clock())
def test_a_block_at_the_servers_instant_yields_every_write_made_while_it_is_read(
    scenario: Scenario,
) -> None:
    check(scenario)
    tally("tie-block schedules at the clock's instant (v2)")


@st.composite
def stops_inside_blocks(draw: st.DrawFn) -> tuple[Scenario, int, int, int]:
    """A block schedule, where the first run stops (k contacts), and the resumed run's
    page size and readers."""
    scenario = draw(st.one_of(block_scenarios(), blocks_at_the_clock()))
    k = draw(st.integers(1, len(scenario.stamps) - 1))
    return scenario, k, draw(st.sampled_from((30, 100))), draw(st.sampled_from((1, 8)))


@settings(SETTINGS, max_examples=scaled(60))
@given(stops_inside_blocks())
def test_an_export_stopped_inside_a_block_and_resumed_keeps_g1_to_g3_across_both_runs(
    stop: tuple[Scenario, int, int, int],
) -> None:
    """Stopped after k contacts (mid-block, or in its second read), resumed from the
    checkpoint in a new client with other options, the schedule's writes landing in both."""
    scenario, k, page_size, concurrency = stop
    account = Account(scenario)
    fake = account.fake
    first_request = fake.request_count + 1
    first: list[Seen] = []
    with client(fake) as sdk:
        export_ = sdk.contacts_v2.iter(
            page_size=scenario.page_size,
            ascending=scenario.ascending,
            concurrency=scenario.concurrency,
        )
        for contact in export_:
            first.append(seen(contact))
            if len(first) == k:
                break
        checkpoint = export_.checkpoint
        export_.close()
    if decode(checkpoint)["phase"] == "done":
        return  # a finished export's checkpoint starts an incremental sync instead
    rest = export(
        fake,
        "v2",
        use_async=scenario.use_async,
        page_size=page_size,
        ascending=scenario.ascending,
        concurrency=concurrency,
        resume=checkpoint,
    )
    problems = violations(
        fake.history, fake.requests, first_request, first + rest, ascending=scenario.ascending
    )
    assert not problems, "\n".join(problems)
    tally("tie-block schedules stopped and resumed (v2)")


# --- the attack's inputs ------------------------------------------------------------------------


def test_oldest_first_delete_between_two_pages_of_a_block_loses_no_unchanged_contact() -> None:
    fake = FakeHeymarket()
    fake.seed(250, updated="2024-06-01T12:00:00Z")
    first_id = min(c["id"] for c in fake.contacts())
    first = fake.request_count + 1
    fake.on_request(first + 1, lambda f: f.delete_contact(first_id))

    with client(fake) as sdk:
        got = [c.id for c in sdk.contacts_v2.iter(ascending=True, concurrency=1)]

    alive = {c["id"] for c in fake.contacts()}
    assert alive <= set(got), f"lost {sorted(alive - set(got))}"
    assert len(got) == len(set(got))


@pytest.mark.parametrize("kind", ["update", "delete"])
@pytest.mark.parametrize("victim", [0, 50, 99])
def test_newest_first_write_between_two_pages_of_a_block_loses_no_unchanged_contact(
    kind: str, victim: int
) -> None:
    fake = FakeHeymarket()
    fake.seed(5, updated="2024-06-01T10:00:00Z", phone_start=15550900000)
    fake.seed(250, updated="2024-06-01T11:00:00Z", phone_start=15550910000)  # 1006-1255
    fake.seed(5, updated="2024-06-01T12:00:00Z", phone_start=15550920000)
    target = 1006 + victim
    calls: list[int] = []

    def write() -> None:
        if calls:
            return
        calls.append(fake.request_count)
        if kind == "update":
            fake.update_contact(target, first="moved")
        else:
            fake.delete_contact(target)

    # The write comes after the first page of the block was read by page number.
    options: dict[str, Any] = {"page_size": 100, "concurrency": 1}
    yielded, first = export_writing(fake, "v2", 1100, write, **options)

    assert calls, "the write was made"
    assert not violations(fake.history, fake.requests, first, yielded, ascending=False)


@pytest.mark.parametrize(("surface", "date_bound"), [("v2", None), ("v1", "exclusive")])
def test_a_write_on_a_first_page_asked_again_does_not_move_the_catch_up_start(
    surface: str, date_bound: Any
) -> None:
    """Found by the fresh-user attack: newest first, the first page is asked again with a
    doubled limit; a write made in between opens it, and must not be taken for the timestamp
    below the newest, or other writes of that second are never read."""
    fake = FakeHeymarket(
        clock=lambda: 1_717_243_200.5, timestamp_precision="s", date_bound=date_bound
    )
    for i in range(9):  # 1001-1006 at 11:59:50, 1007-1009 at 11:59:59
        stamp = "2024-06-01T11:59:50Z" if i < 6 else "2024-06-01T11:59:59Z"
        fake.add_contact(phone=f"1555020000{i}", updated=stamp)
    first = fake.request_count + 1
    fake.on_request(first + 1, lambda f: f.update_contact(1001, first="A"))
    fake.on_request(first + 4, lambda f: f.update_contact(1002, first="B"))

    with client(fake) as sdk:
        resource: Any = sdk.contacts_v2 if surface == "v2" else sdk.contacts
        yielded = [seen(c) for c in resource.iter(page_size=2, concurrency=1)]

    assert not violations(fake.history, fake.requests, first, yielded, ascending=False)


@pytest.mark.parametrize("precision", ["s", "ms"])
@pytest.mark.parametrize("ascending", [True, False])
@pytest.mark.parametrize("later", [1, 2])
def test_a_member_written_again_at_its_own_instant_is_yielded_as_written(
    precision: Any, ascending: bool, later: int
) -> None:
    """Found by the fresh-user attack (F2): a block of 201 at the server's current instant; a
    member already read is written again and keeps its `updated` (and so its position), after
    the first page of the block was read. No later page holds it: the block must be read
    again once its end shows."""
    fake = FakeHeymarket(clock=lambda: 1_717_243_200.0, timestamp_precision=precision)
    fake.seed(201, updated="2024-06-01T12:00:00Z")  # the clock's instant; ids 1001-1201
    first = fake.request_count + 1
    fake.on_request(first + later, lambda f: f.update_contact(1052, first="edited"))

    with client(fake) as sdk:
        yielded = [seen(c) for c in sdk.contacts_v2.iter(ascending=ascending, concurrency=1)]

    edited = [y for y in yielded if y.id == 1052]
    assert edited
    assert edited[-1].rev == fake.contacts()[51]["rev"], edited
    assert not violations(fake.history, fake.requests, first, yielded, ascending=ascending)
