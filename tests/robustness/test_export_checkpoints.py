"""Export checkpoints: stop and resume in a new client, incremental syncs, the look-back window
for late-visible writes, and checkpoints of another export refused."""

from __future__ import annotations

import asyncio
import itertools
import math
import random
from typing import Any

import pytest

from heymarket_typed.testing import FakeHeymarket
from heymarket_typed.testing._timestamps import format_ns, parse_ns
from tests.robustness.exports import Seen, async_client, client, seen, violations

T0 = 1_717_243_200.0
"""2024-06-01T12:00:00Z."""
LOOK_BACK = 60
"""DESIGN: a resumed finished export re-reads at most 60 s (by `updated`) before it."""

SURFACES = [
    pytest.param("v1", True, id="v1 oldest first"),
    pytest.param("v1", False, id="v1 newest first"),
    pytest.param("v2", True, id="v2 oldest first"),
    pytest.param("v2", False, id="v2 newest first"),
]


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now


def account(n: int, *, clock: Clock | None = None, **switches: Any) -> FakeHeymarket:
    """`n` contacts stamped 10 s apart, in pairs sharing a timestamp, the last at T0 - 10 s."""
    fake = FakeHeymarket(clock=clock or Clock(), **switches)
    for i in range(n):
        stamp = format_ns(int((T0 - 10 - 10 * ((n - 1 - i) // 2)) * 10**9))
        fake.add_contact(phone=f"1555040{i:04d}", updated=stamp)
    return fake


def resource(sdk: Any, surface: str) -> Any:
    return sdk.contacts if surface == "v1" else sdk.contacts_v2


def take(
    fake: FakeHeymarket, surface: str, k: int | None, **options: Any
) -> tuple[list[Seen], str]:
    """The first `k` contacts (all when None) of an export in a new client, and its checkpoint."""
    with client(fake) as sdk:
        it = resource(sdk, surface).iter(**options)
        got = [seen(c) for c in (it if k is None else itertools.islice(it, k))]
        checkpoint = it.checkpoint
        it.close()
    return got, checkpoint


async def atake(
    fake: FakeHeymarket, surface: str, k: int | None, **options: Any
) -> tuple[list[Seen], str]:
    async with async_client(fake) as sdk:
        it = resource(sdk, surface).iter(**options)
        got: list[Seen] = []
        if k != 0:
            async for contact in it:
                got.append(seen(contact))
                if len(got) == k:
                    break
        checkpoint = it.checkpoint
        await it.aclose()
    return got, checkpoint


def check_checkpoint_text(checkpoint: object) -> None:
    assert isinstance(checkpoint, str)
    assert checkpoint.isascii()
    assert len(checkpoint.encode()) <= 4096


@pytest.mark.parametrize(("surface", "ascending"), SURFACES)
@pytest.mark.parametrize("k", [0, 1, 3, 4, 5, 12, 24, 25])
def test_stop_after_k_then_resume_in_a_new_client_gives_exactly_the_rest(
    surface: str, ascending: bool, k: int
) -> None:
    fake = account(25)
    first, checkpoint = take(fake, surface, k, page_size=4, ascending=ascending, concurrency=1)
    check_checkpoint_text(checkpoint)
    rest, _ = take(
        fake, surface, None, page_size=3, ascending=ascending, concurrency=8, resume=checkpoint
    )

    assert len(first) == k
    ids = [y.id for y in first + rest]
    if k == 25 and ascending:
        # The first run read the short final page with the 25th contact: its checkpoint is a
        # finished export's, which re-reads the look-back window (60 s: the newest 12 or 13).
        assert sorted(set(ids)) == list(range(1001, 1026)), "lost across the two runs"
        assert {y.id for y in rest} <= set(range(1001 + 25 - 14, 1026))
        return
    assert sorted(ids) == list(range(1001, 1026)), "lost or repeated across the two runs"
    stamps = [parse_ns(y.updated or "") for y in first + rest]
    assert stamps == sorted(stamps, reverse=not ascending), "the resumed run broke the order"


@pytest.mark.parametrize(("surface", "ascending"), SURFACES)
def test_async_stop_and_resume_gives_exactly_the_rest(surface: str, ascending: bool) -> None:
    fake = account(17)
    first, checkpoint = asyncio.run(atake(fake, surface, 6, page_size=4, ascending=ascending))
    rest, _ = asyncio.run(
        atake(fake, surface, None, page_size=5, ascending=ascending, resume=checkpoint)
    )

    assert sorted(y.id for y in first + rest) == list(range(1001, 1018))


@pytest.mark.parametrize(("surface", "ascending"), SURFACES)
def test_stop_then_resume_while_others_write_keeps_g1_to_g3_across_both_runs(
    surface: str, ascending: bool
) -> None:
    clock = Clock()
    fake = account(20, clock=clock)
    first_request = fake.request_count + 1
    # Writes land between the two runs and during the second.
    fake.on_request(3, lambda f: f.update_contact(1001, first="moved"))
    fake.on_request(4, lambda f: f.delete_contact(1020))
    fake.on_request(6, lambda f: f.add_contact(phone="15550499999"))
    first, checkpoint = take(fake, surface, 7, page_size=3, ascending=ascending, concurrency=1)
    clock.now += 1
    fake.update_contact(1010, first="between runs")
    rest, _ = take(fake, surface, None, page_size=3, ascending=ascending, resume=checkpoint)

    problems = violations(
        fake.history, fake.requests, first_request, first + rest, ascending=ascending
    )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("surface", "ascending"), SURFACES)
def test_a_finished_exports_checkpoint_gives_exactly_what_changed_since(
    surface: str, ascending: bool
) -> None:
    clock = Clock()
    fake = account(30, clock=clock)  # stamps from T0 - 150 s to T0 - 10 s
    everything, checkpoint = take(fake, surface, None, page_size=7, ascending=ascending)
    assert len(everything) == 30
    window = {y.id for y in everything if parse_ns(y.updated or "") >= (T0 - 10 - LOOK_BACK) * 1e9}

    clock.now += 120
    fake.update_contact(1003, first="changed")
    fake.update_contact(1004, first="changed")
    fake.delete_contact(1005)
    created = fake.add_contact(phone="15550498888")["id"]
    fake.delete_contact(1030)  # in the look-back window: deletions are not reported
    changes, again = take(fake, surface, None, page_size=4, ascending=ascending, resume=checkpoint)

    ids = [y.id for y in changes]
    assert len(ids) == len(set(ids)), f"a contact came twice: {ids}"
    assert {1003, 1004, created} <= set(ids), "a change since the checkpoint was lost"
    assert set(ids) - {1003, 1004, created} <= window - {1030}, (
        "a contact neither changed nor in the look-back window came again"
    )
    assert [y.rev for y in changes if y.id in (1003, 1004)] == [2, 2]
    check_checkpoint_text(again)
    # And the sync after that, with nothing changed: at most the window again, nothing else.
    clock.now += 120
    quiet, _ = take(fake, surface, None, page_size=4, ascending=ascending, resume=again)
    newest = max(parse_ns(y.updated or "") for y in changes)
    assert all(parse_ns(y.updated or "") >= newest - LOOK_BACK * 10**9 for y in quiet)


@pytest.mark.parametrize(("surface", "ascending"), SURFACES)
def test_a_write_stamped_before_the_checkpoint_but_visible_after_it_is_picked_up(
    surface: str, ascending: bool
) -> None:
    clock = Clock()
    fake = account(10, clock=clock, visibility_delay=30.0)
    late = fake.update_contact(1002, first="slow commit")  # stamped T0, listed from T0 + 30 s
    clock.now += 5
    # A contact stamped after it (another server's clock) is listed already.
    fake.add_contact(phone="15550497777", updated=format_ns(int((T0 + 2) * 10**9)))
    everything, checkpoint = take(fake, surface, None, page_size=3, ascending=ascending)
    assert [y.rev for y in everything if y.id == 1002] == [1], "the late write was listed early"

    clock.now += 60  # the late write is visible now
    changes, _ = take(fake, surface, None, page_size=3, ascending=ascending, resume=checkpoint)

    assert [(y.id, y.rev, y.updated) for y in changes if y.id == 1002] == [
        (1002, 2, late["updated"])
    ], "the late-visible write was lost by the incremental sync"


@pytest.mark.parametrize("surface", ["v1", "v2"])
def test_a_checkpoint_of_another_export_is_a_value_error(surface: str) -> None:
    fake = account(6)
    _, newest_first = take(fake, surface, 2, page_size=2)
    other = "v2" if surface == "v1" else "v1"
    _, of_other_surface = take(fake, other, 2, page_size=2)

    sent = fake.request_count
    with client(fake) as sdk:
        mine = resource(sdk, surface)
        with pytest.raises(ValueError, match="resume"):
            mine.iter(ascending=True, resume=newest_first)
        with pytest.raises(ValueError, match="resume"):
            mine.iter(resume=of_other_surface)
        with pytest.raises(ValueError, match="resume"):
            mine.iter(resume=newest_first[:-3] + "xyz")
        with pytest.raises(ValueError, match="resume"):
            mine.iter(resume="not a checkpoint")
    assert fake.request_count == sent  # refused before anything is sent


def test_a_checkpoint_of_another_updated_after_is_a_value_error() -> None:
    fake = account(6)
    _, checkpoint = take(fake, "v2", 2, page_size=2, updated_after="2024-06-01T11:00:00Z")
    before = fake.request_count

    with client(fake) as sdk:
        with pytest.raises(ValueError, match="resume"):
            sdk.contacts_v2.iter(resume=checkpoint)
        with pytest.raises(ValueError, match="resume"):
            sdk.contacts_v2.iter(updated_after="2024-06-01T11:30:00Z", resume=checkpoint)
        resumed = sdk.contacts_v2.iter(updated_after="2024-06-01T11:00:00Z", resume=checkpoint)
        assert len(list(resumed)) == 4
    assert fake.request_count > before


@pytest.mark.parametrize("k", [150, 700, 1199])
def test_a_checkpoint_inside_a_block_of_1200_on_one_timestamp_fits_and_resumes_exactly(
    k: int,
) -> None:
    fake = FakeHeymarket(clock=Clock())
    fake.seed(1200, updated="2024-06-01T11:00:00Z")
    fake.seed(5, phone_start=15550990000)  # after the block

    first, checkpoint = take(fake, "v2", k, page_size=100, ascending=True, concurrency=1)
    check_checkpoint_text(checkpoint)
    before = fake.request_count
    rest, _ = take(fake, "v2", None, page_size=100, ascending=True, resume=checkpoint)

    ids = [y.id for y in first + rest]
    assert sorted(ids) == list(range(1001, 1001 + 1205)), "lost or repeated across the two runs"
    # It goes on from the page it stopped in (overlapping pages bring 80 or more new
    # contacts each), not from the block's start.
    assert fake.request_count - before <= math.ceil((1205 - k) / 80) + 2


@pytest.mark.parametrize("ascending", [False, True])
def test_a_finished_export_of_a_big_scattered_block_leaves_a_checkpoint_for_the_next_sync(
    ascending: bool,
) -> None:
    """Found by the fresh-user attack (F4): 3,000 contacts of one bulk edit (one timestamp,
    scattered ids and revs) at the newest timestamp. The finished export's checkpoint kept
    every contact there (where its catch-up started) and did not fit in 4 KB; the next
    incremental sync could not start."""
    fake = FakeHeymarket(clock=Clock())
    ids = random.Random(4).sample(range(10_000, 70_000), 3000)
    revs = random.Random(5)
    for contact_id in ids:
        fake.add_contact(id=contact_id, rev=revs.randint(1, 40), updated="2024-06-01T11:00:00Z")

    everything, checkpoint = take(fake, "v2", None, page_size=100, ascending=ascending)
    assert sorted(y.id for y in everything) == sorted(ids)
    check_checkpoint_text(checkpoint)

    changed = fake.update_contact(ids[1234], first="edited")
    created = fake.add_contact(phone="15550999999")
    since, _ = take(fake, "v2", None, ascending=ascending, resume=checkpoint)
    got = {(y.id, y.rev) for y in since}
    assert {(changed["id"], changed["rev"]), (created["id"], created["rev"])} <= got
    # The rest is the look-back window before the checkpoint: the block, unchanged.
    window = [y for y in since if y.id not in (changed["id"], created["id"])]
    assert all(y.updated == "2024-06-01T11:00:00Z" for y in window)
