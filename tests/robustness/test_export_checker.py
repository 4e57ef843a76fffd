"""The G1-G3 checker itself: it passes an exact export and names each kind of broken one.

The export suites are only as good as `violations()`; each case below feeds it the history of
a small account and a hand-made list of yields, with no SDK involved.
"""

from __future__ import annotations

from heymarket_typed.testing import RecordedRequest, Write
from tests.robustness.exports import Seen, violations, window

A, B, C = "2024-06-01T11:00:01Z", "2024-06-01T11:00:02Z", "2024-06-01T11:00:03Z"
W1, W2 = "2024-06-01T12:00:01Z", "2024-06-01T12:00:02Z"

SETUP = [
    Write(1001, "create", A, 1, 0),
    Write(1002, "create", B, 1, 0),
    Write(1003, "create", C, 1, 0),
]


def page(limit: int) -> RecordedRequest:
    return RecordedRequest("POST", "/v1/contacts", {}, {"limit": limit}, {}, 200)


def count() -> RecordedRequest:
    return RecordedRequest("POST", "/v1/contacts/count", {}, {}, {}, 200)


REQUESTS = [page(2), page(2), page(2)]
"""Requests 1-3 of an export in pages of 2: the first two carry the three untouched contacts."""


def check(writes: list[Write], yielded: list[Seen], *, ascending: bool = True) -> list[str]:
    return violations([*SETUP, *writes], REQUESTS, 1, yielded, ascending=ascending)


def test_an_exact_export_passes() -> None:
    assert check([], [Seen(1001, A, 1), Seen(1002, B, 1), Seen(1003, C, 1)]) == []
    newest_first = [Seen(1003, C, 1), Seen(1002, B, 1), Seen(1001, A, 1)]
    assert check([], newest_first, ascending=False) == []


def test_a_lost_or_repeated_unchanged_contact_breaks_g1() -> None:
    lost = check([], [Seen(1001, A, 1), Seen(1003, C, 1)])
    repeated = check([], [Seen(1001, A, 1), Seen(1002, B, 1), Seen(1002, B, 1), Seen(1003, C, 1)])

    assert any(p.startswith("G1") and "1002" in p for p in lost)
    assert any(p.startswith("G1") and "1002 unchanged, yielded 2 times" in p for p in repeated)


def test_a_stale_last_yield_of_a_contact_changed_during_the_export_breaks_g2() -> None:
    update = [Write(1001, "update", W1, 2, 1)]  # before the first answer: certainly during

    stale = check(update, [Seen(1001, A, 1), Seen(1002, B, 1), Seen(1003, C, 1)])
    fresh = check(update, [Seen(1001, A, 1), Seen(1002, B, 1), Seen(1003, C, 1), Seen(1001, W1, 2)])

    assert any(p.startswith("G2") and "1001" in p for p in stale)
    assert fresh == []


def test_same_updated_but_a_newer_rev_is_a_newer_state() -> None:
    # At a coarse precision an update can keep the text of `updated`: the rev tells them apart.
    update = [Write(1002, "update", B, 2, 1)]

    problems = check(update, [Seen(1001, A, 1), Seen(1002, B, 1), Seen(1003, C, 1)])

    assert any(p.startswith("G2") and "1002" in p for p in problems)


def test_a_created_contact_must_come_and_a_deleted_one_at_most_once() -> None:
    writes = [Write(1004, "create", W1, 1, 1), Write(1003, "delete", None, None, 2)]
    base = [Seen(1001, A, 1), Seen(1002, B, 1)]

    assert any(p.startswith("G2") and "1004" in p for p in check(writes, base))
    assert check(writes, [*base, Seen(1004, W1, 1)]) == []
    twice = check(writes, [*base, Seen(1003, C, 1), Seen(1004, W1, 1), Seen(1003, C, 1)])
    assert any(p.startswith("G3") and "1003" in p for p in twice)


def test_a_write_after_the_main_pass_may_be_missed_but_not_invented() -> None:
    # Request 3 may belong to the final pass already: the write before it may be missed.
    late = [Write(1001, "update", W2, 2, 3)]
    base = [Seen(1001, A, 1), Seen(1002, B, 1), Seen(1003, C, 1)]

    assert check(late, base) == []
    invented = check(late, [*base, Seen(1001, W2, 3)])
    assert any("never existed" in p for p in invented)


def test_untouched_contacts_out_of_order_are_reported() -> None:
    problems = check([], [Seen(1002, B, 1), Seen(1001, A, 1), Seen(1003, C, 1)])

    assert any(p.startswith("order") for p in problems)


def test_the_main_pass_is_bounded_by_the_pages_the_untouched_contacts_need() -> None:
    requests = [count(), page(2), count(), page(2), page(2)]

    assert window(requests, 1, 3).certain == 4  # the second page request
    assert window(requests, 1, 0).certain == 2  # at least the first page
    assert window(requests, 1, 9).certain == 5  # the pages ran out: every write is "during"


def test_updated_after_excludes_older_contacts_and_leaves_the_bound_open() -> None:
    yielded = [Seen(1002, B, 1), Seen(1003, C, 1)]

    assert violations(SETUP, REQUESTS, 1, yielded, ascending=True, updated_after=A) == []
    at_bound = [Seen(1003, C, 1)]
    assert violations(SETUP, REQUESTS, 1, at_bound, ascending=True, updated_after=B) == []
    older = [Seen(1001, A, 1), *yielded]
    problems = violations(SETUP, REQUESTS, 1, older, ascending=True, updated_after=B)
    assert any("before updated_after" in p for p in problems)


def test_a_delete_after_the_main_pass_may_follow_a_second_yield_of_a_changed_contact() -> None:
    # Updated before request 2 (main pass), deleted before request 3 (maybe after T_last).
    writes = [Write(1001, "update", W1, 2, 1), Write(1001, "delete", None, None, 3)]
    yielded = [Seen(1001, A, 1), Seen(1002, B, 1), Seen(1003, C, 1), Seen(1001, W1, 2)]

    assert check(writes, yielded) == []
    # Deleted within the main pass (before request 1 here): at most once.
    early = [Write(1001, "update", W1, 2, 1), Write(1001, "delete", None, None, 1)]
    assert any(p.startswith("G3") for p in check(early, yielded))
    # Deleted late without any other change: never twice.
    unchanged = [Write(1002, "delete", None, None, 3)]
    twice = [Seen(1001, A, 1), Seen(1002, B, 1), Seen(1003, C, 1), Seen(1002, B, 1)]
    assert any(p.startswith("G3") for p in check(unchanged, twice))
