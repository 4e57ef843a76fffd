"""Exports of a live account: random schedules of writes while `iter()` runs, checked for G1-G3.

Each example builds a small account (contacts sharing timestamps, some spelled differently),
picks one of the sandbox's conventions (`date` bound inclusive, exclusive or mixed; `updated`
kept to s, ms, us or ns) and schedules updates, deletes and creations on the numbers of the
requests the export sends, so that an example replays the same way. The export runs on v1 or
v2, in either order, sync or async, one page at a time or eight, with pages of 1-5 contacts
(so every write lands on a page boundary), and what it yields is checked against the
sandbox's history (`tests/robustness/exports.py`). The four inputs of the issue that started
this come first, as plain tests.

Budget: 300 schedules per surface in `make test`, about 20 s of CPU in all (a minute of wall
time on a busy two-core machine); `make soak` (HEYMARKET_SOAK=1) runs ten times as many.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from heymarket_typed.testing import FakeHeymarket
from heymarket_typed.testing._timestamps import DIGITS, format_ns, parse_ns
from tests.robustness.exports import Seen, client, export, seen, violations
from tests.robustness.soak import scaled
from tests.tally import tally

T0 = 1_717_243_200.0
"""2024-06-01T12:00:00Z: the account's contacts are stamped at or before it, writes after."""
T0_NS = 1_717_243_200 * 10**9
UNIT_NS = {"s": 10**9, "ms": 10**6, "us": 10**3, "ns": 1}
STEPS = (0.0, 0.0004, 0.3, 1.0)
"""How far the sandbox's clock moves per request, in seconds (0: writes share instants)."""

SETTINGS = settings(
    max_examples=scaled(300),
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@dataclass(frozen=True)
class Op:
    """A write the sandbox makes just before answering the export's `at`-th request."""

    at: int
    kind: str
    pick: int


@dataclass(frozen=True)
class Scenario:
    surface: str
    precision: str
    date_bound: str | None
    step: float
    stamps: tuple[tuple[int, str], ...]
    """(offset in units before T0, spelling) of each contact of the account."""
    ops: tuple[Op, ...]
    page_size: int
    ascending: bool
    concurrency: int
    use_async: bool
    updated_after: int | None
    """Offset in units before T0 of v2's `updated_after`, or None."""


def spelled(ns: int, precision: str, spelling: str) -> str:
    """One instant written as the server keeps it, with nine digits, or with `+00:00`."""
    if spelling == "padded":
        return format_ns(ns)
    text = format_ns(ns, DIGITS[precision])
    return text[:-1] + "+00:00" if spelling == "offset" else text


@st.composite
def scenarios(draw: st.DrawFn, surface: str) -> Scenario:
    precision = draw(st.sampled_from(tuple(UNIT_NS)))
    concurrency = draw(st.sampled_from((1, 8)))
    # A third of the eight-reader schedules get an account of more than 10 pages, which the
    # export splits into segments read at once (`_segments`).
    big = concurrency == 8 and draw(st.integers(0, 2)) == 0
    page_size = draw(st.integers(1, 3) if big else st.integers(1, 5))
    stamps = draw(
        st.lists(
            st.tuples(
                st.integers(0, 60 if big else 6),
                st.sampled_from(("plain", "plain", "plain", "padded", "offset")),
            ),
            min_size=36 if big else 0,
            max_size=48 if big else 12,
        )
    )
    pages = math.ceil(len(stamps) / page_size)
    ops = draw(
        st.lists(
            st.builds(
                Op,
                st.integers(1, pages + 4),
                st.sampled_from(("update", "update", "delete", "create")),
                st.integers(0, 50),
            ),
            max_size=6,
        )
    )
    return Scenario(
        surface=surface,
        precision=precision,
        date_bound=draw(st.sampled_from((None, "inclusive", "exclusive"))),
        step=draw(st.sampled_from(STEPS)),
        stamps=tuple(stamps),
        ops=tuple(sorted(ops, key=lambda op: op.at)),
        page_size=page_size,
        ascending=draw(st.booleans()),
        concurrency=concurrency,
        use_async=draw(st.booleans()),
        updated_after=(draw(st.none() | st.integers(0, 6)) if surface == "v2" else None),
    )


class Account:
    """A sandbox holding a scenario's account, its clock moving with the requests."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.fake = FakeHeymarket(
            clock=lambda: T0 + scenario.step * self.fake.request_count,
            date_bound=scenario.date_bound,  # type: ignore[arg-type]
            timestamp_precision=scenario.precision,  # type: ignore[arg-type]
        )
        self._phones = itertools.count(15550200000)
        unit = UNIT_NS[scenario.precision]
        for offset, spelling in scenario.stamps:
            stamp = spelled(T0_NS - offset * unit, scenario.precision, spelling)
            self.fake.add_contact(phone=str(next(self._phones)), updated=stamp)
        first = self.fake.request_count + 1
        for op in scenario.ops:
            self.fake.on_request(first + op.at - 1, self._action(op))

    def _action(self, op: Op) -> Callable[[FakeHeymarket], None]:
        def act(fake: FakeHeymarket) -> None:
            ids = sorted(contact["id"] for contact in fake.contacts())
            if op.kind == "create" or not ids:
                fake.add_contact(phone=str(next(self._phones)))
            elif op.kind == "update":
                fake.update_contact(ids[op.pick % len(ids)], first=f"write {op.at}")
            else:
                fake.delete_contact(ids[op.pick % len(ids)])

        return act

    def updated_after(self) -> str | None:
        offset = self.scenario.updated_after
        if offset is None:
            return None
        return format_ns(T0_NS - offset * UNIT_NS[self.scenario.precision])

    def run(self) -> list[Seen]:
        s = self.scenario
        options: dict[str, Any] = {
            "page_size": s.page_size,
            "ascending": s.ascending,
            "concurrency": s.concurrency,
        }
        if s.updated_after is not None:
            options["updated_after"] = self.updated_after()
        return export(self.fake, s.surface, use_async=s.use_async, **options)


def check(scenario: Scenario) -> Account:
    note(repr(scenario))
    account = Account(scenario)
    first = account.fake.request_count + 1
    yielded = account.run()
    note(f"yielded: {[(y.id, y.updated, y.rev) for y in yielded]}")
    note(f"history: {account.fake.history}")
    problems = violations(
        account.fake.history,
        account.fake.requests,
        first,
        yielded,
        ascending=scenario.ascending,
        updated_after=account.updated_after(),
    )
    assert not problems, "\n".join(problems)
    return account


def split(account: Account) -> bool:
    """Whether the export read segments at once: a list request from a boundary the SDK wrote
    (an instant no contact of the account was stamped with)."""
    stamps = {parse_ns(w.updated) for w in account.fake.history if w.updated is not None}
    for request in account.fake.requests:
        date = (request.body or {}).get("date") if isinstance(request.body, dict) else None
        if request.path != "/v1/contacts/count" and date and parse_ns(date) not in stamps:
            return True
    return False


@SETTINGS
@given(scenarios("v1"))
def test_v1_exports_of_a_live_account_keep_g1_to_g3(scenario: Scenario) -> None:
    account = check(scenario)
    tally("export schedules (v1)")
    if split(account):
        tally("export schedules (v1) read in segments at once")


@SETTINGS
@given(scenarios("v2"))
def test_v2_exports_of_a_live_account_keep_g1_to_g3(scenario: Scenario) -> None:
    account = check(scenario)
    tally("export schedules (v2)")
    if split(account):
        tally("export schedules (v2) read in segments at once")


# --- the issue's inputs -----------------------------------------------------------------------


def four_contacts() -> FakeHeymarket:
    fake = FakeHeymarket(clock=lambda: T0)
    for second in range(4):
        fake.add_contact(phone=f"1555030000{second}", updated=f"2024-06-01T11:00:0{second}Z")
    return fake


def export_writing(
    fake: FakeHeymarket, surface: str, write_after: int, write: Callable[[], object], **options: Any
) -> tuple[list[Seen], int]:
    """Exports, making `write` right after contact `write_after` is yielded."""
    first = fake.request_count + 1
    yielded: list[Seen] = []
    with client(fake) as sdk:
        resource: Any = sdk.contacts if surface == "v1" else sdk.contacts_v2
        for contact in resource.iter(**options):
            yielded.append(seen(contact))
            if contact.id == write_after:
                write()
    return yielded, first


@pytest.mark.parametrize(
    ("surface", "ascending", "after", "kind", "target"),
    [
        ("v2", True, 1001, "update", 1001),
        ("v2", False, 1004, "delete", 1004),
        ("v1", False, 1004, "update", 1001),
    ],
    ids=["v2 oldest first, update the yielded", "v2 newest first, delete", "v1 update behind"],
)
def test_the_issues_writes_lose_nothing(
    surface: str, ascending: bool, after: int, kind: str, target: int
) -> None:
    fake = four_contacts()
    done: list[bool] = []

    def write() -> None:
        if done:
            return
        done.append(True)
        if kind == "update":
            fake.update_contact(target, first="changed")
        else:
            fake.delete_contact(target)

    yielded, first = export_writing(
        fake, surface, after, write, page_size=2, ascending=ascending, concurrency=1
    )

    assert not violations(fake.history, fake.requests, first, yielded, ascending=ascending)
    ids = {y.id for y in yielded}
    assert ids >= ({1001, 1002, 1003, 1004} - ({target} if kind == "delete" else set()))
    if kind == "update":
        assert [y.rev for y in yielded if y.id == target][-1] == 2


def test_one_instant_spelled_two_ways_is_one_timestamp_to_the_v1_cursor() -> None:
    fake = FakeHeymarket(clock=lambda: T0)
    fake.add_contact(phone="15550300001", updated="2024-06-01T12:00:00Z")
    fake.add_contact(phone="15550300002", updated="2024-06-01T12:00:00.000Z")

    with client(fake) as sdk:
        ids = [contact.id for contact in sdk.contacts.iter(page_size=1)]

    assert sorted(ids) == [1001, 1002]
    assert parse_ns("2024-06-01T12:00:00Z") == parse_ns("2024-06-01T12:00:00.000Z")


@pytest.mark.parametrize("date_bound", [None, "inclusive", "exclusive"])
@pytest.mark.parametrize("kind", ["update", "delete", "create"])
def test_v2_newest_first_through_a_block_of_150_while_it_changes_keeps_g1_to_g3(
    date_bound: Any, kind: str
) -> None:
    fake = FakeHeymarket(clock=lambda: T0, date_bound=date_bound)
    fake.seed(3, updated="2024-06-01T10:00:00Z", phone_start=15550900000)
    fake.seed(150, updated="2024-06-01T11:00:00Z", phone_start=15550910000)  # 1004-1153
    fake.seed(3, updated="2024-06-01T11:30:00Z", phone_start=15550920000)
    done: list[bool] = []

    def write() -> None:
        if done:
            return
        done.append(True)
        if kind == "update":
            fake.update_contact(1100, first="changed")
        elif kind == "delete":
            fake.delete_contact(1100)
        else:
            fake.add_contact(phone="15550930000")

    yielded, first = export_writing(fake, "v2", 1050, write, page_size=40, concurrency=1)

    assert done
    assert not violations(fake.history, fake.requests, first, yielded, ascending=False)


def test_oldest_first_writes_just_past_the_newest_contact_are_not_lost() -> None:
    """Found by `make soak`: 39 contacts on one instant, writes stamped one nanosecond past
    it. Had the export split its range past the newest contact, a write landing in a range
    already read was lost; oldest first is read by one sweep."""
    scenario = Scenario(
        surface="v1",
        precision="ns",
        date_bound=None,
        step=0.0,
        stamps=((0, "plain"),) * 39 + ((1, "plain"),),
        ops=(Op(1, "update", 0), Op(1, "update", 0), Op(1, "update", 0), Op(5, "update", 0)),
        page_size=1,
        ascending=True,
        concurrency=8,
        use_async=False,
        updated_after=None,
    )
    account = Account(scenario)
    first = account.fake.request_count + 1
    yielded = account.run()
    history, requests = account.fake.history, account.fake.requests
    assert not violations(history, requests, first, yielded, ascending=True)
