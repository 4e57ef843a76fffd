"""What the export suites share: running an export against the sandbox, and checking what it
yielded against the sandbox's history of writes (DESIGN, "Exports: ContactIterator", G1-G3).

The export runs from its first request to the start of its final pass (T_last). The lab cannot
see T_last, so it bounds it by request numbers, which every write in the history carries:

- writes made at request numbers before the export's first request happened before it;
- a write made at or before the m-th list request of the export, where m is the fewest list
  requests whose `limit`s add up to the contacts no one touched (they all come from the main
  pass, and each page holds at most `limit` contacts), certainly happened before the final
  pass started: it is "during the export";
- a later write may fall on either side of T_last, and only what holds on both sides is
  checked for it.
"""

from __future__ import annotations

import asyncio
import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from heymarket_typed import AsyncHeymarket, Heymarket, models
from heymarket_typed._clock import Clock
from heymarket_typed._settings import clock_for_new_clients
from heymarket_typed.testing import SANDBOX_API_KEY, FakeHeymarket, RecordedRequest, Write
from heymarket_typed.testing._timestamps import parse_ns

BASE_URL = "https://api.heymarket.com"
LIST_PATHS = {"/v1/contacts": "v1", "/v2/contacts/list": "v2"}
DEFAULT_LIMIT = 30
"""The API's page size when a list request gives no `limit`."""


@dataclass(frozen=True)
class Seen:
    """One contact as an export yielded it."""

    id: int
    updated: str | None
    rev: int | None


def seen(contact: models.Contact) -> Seen:
    updated = contact.updated if isinstance(contact.updated, str) else None
    rev = contact.rev if isinstance(contact.rev, int) else None
    assert isinstance(contact.id, int), contact
    return Seen(contact.id, updated, rev)


def instant(updated: str | None) -> int:
    """`updated` as nanoseconds since the epoch: one instant, however it is spelled."""
    assert updated is not None, "a yielded contact has no `updated`"
    return parse_ns(updated)


# --- running an export ----------------------------------------------------------------------


class FarClock(Clock):
    """Real time, but every round trip the client measures looks 0.1 s long: the in-process
    sandbox then stands for one across a network, and exports read with every reader their
    `concurrency` allows (`_throughput`), deterministically."""

    def __init__(self) -> None:
        self._ticks = 0.0

    def monotonic(self) -> float:
        self._ticks += 0.1
        return self._ticks


def client(fake: FakeHeymarket) -> Heymarket:
    """A client of the sandbox with no pacing and no retries (nothing here should fail)."""
    http = httpx.Client(transport=fake.transport(), base_url=BASE_URL)
    with clock_for_new_clients(FarClock()):
        return Heymarket(
            api_key=SANDBOX_API_KEY, requests_per_minute=None, max_retries=0, http_client=http
        )


def async_client(fake: FakeHeymarket) -> AsyncHeymarket:
    http = httpx.AsyncClient(transport=fake.async_transport(), base_url=BASE_URL)
    with clock_for_new_clients(FarClock()):
        return AsyncHeymarket(
            api_key=SANDBOX_API_KEY, requests_per_minute=None, max_retries=0, http_client=http
        )


def export(fake: FakeHeymarket, surface: str, *, use_async: bool, **options: Any) -> list[Seen]:
    """Every contact `contacts.iter(**options)` (v1) or `contacts_v2.iter(**options)` (v2)
    yields, sync or async."""
    if use_async:
        return asyncio.run(_export_async(fake, surface, options))
    with client(fake) as sdk:
        resource: Any = sdk.contacts if surface == "v1" else sdk.contacts_v2
        return [seen(contact) for contact in resource.iter(**options)]


async def _export_async(fake: FakeHeymarket, surface: str, options: dict[str, Any]) -> list[Seen]:
    async with async_client(fake) as sdk:
        resource: Any = sdk.contacts if surface == "v1" else sdk.contacts_v2
        return [seen(contact) async for contact in resource.iter(**options)]


# --- checking G1-G3 ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """The export's requests: numbers `first`..`last`; writes up to `certain` were during it."""

    first: int
    last: int
    certain: int


def window(requests: Sequence[RecordedRequest], first: int, stable: int) -> Window:
    """Bounds the export that sent `requests[first - 1:]` (request n is `requests[n - 1]`),
    given how many contacts no one touched during it."""
    last = len(requests)
    needed = max(1, stable)
    carried = 0
    certain = last
    for number in range(first, last + 1):
        request = requests[number - 1]
        if request.path not in LIST_PATHS:
            continue
        body = request.body if isinstance(request.body, dict) else {}
        carried += int(body.get("limit", DEFAULT_LIMIT))
        if carried >= needed:
            certain = number
            break
    return Window(first, last, certain)


@dataclass
class _Contact:
    writes_before: list[Write]
    writes_during: list[Write]
    versions: set[tuple[str | None, int | None]]


def violations(
    history: Iterable[Write],
    requests: Sequence[RecordedRequest],
    first_request: int,
    yielded: Sequence[Seen],
    *,
    ascending: bool,
    updated_after: str | None = None,
) -> list[str]:
    """What in `yielded` breaks G1-G3 or the order, given the sandbox's history and requests
    (empty when nothing does). `first_request` is the number of the export's first request."""
    contacts: dict[int, _Contact] = defaultdict(lambda: _Contact([], [], set()))
    for write in history:
        entry = contacts[write.contact_id]
        if write.updated is not None:
            entry.versions.add((write.updated, write.rev))
        (entry.writes_before if write.request < first_request else entry.writes_during).append(
            write
        )
    floor = parse_ns(updated_after) if updated_after is not None else None

    def scope(write: Write) -> int:
        """1: updated after `updated_after`; 0: exactly at it (either convention may hold,
        so such a contact may or may not be exported); -1: before it."""
        if floor is None or write.updated is None:
            return 1
        ns = parse_ns(write.updated)
        return (ns > floor) - (ns < floor)

    # The contacts the export starts with: existing, and updated after `updated_after`.
    at_start: dict[int, Write] = {}
    for contact_id, entry in contacts.items():
        last = entry.writes_before[-1] if entry.writes_before else None
        if last is not None and last.kind != "delete" and scope(last) > 0:
            at_start[contact_id] = last
        # A write during the export at or before `updated_after` is not part of it.
        entry.writes_during = [w for w in entry.writes_during if w.kind == "delete" or scope(w) > 0]
    stable = [c for c in at_start if not contacts[c].writes_during]
    bounds = window(requests, first_request, len(stable))
    by_id: dict[int, list[Seen]] = defaultdict(list)
    for item in yielded:
        by_id[item.id].append(item)
    problems: list[str] = []
    for contact_id, entry in contacts.items():
        problems += _check_contact(contact_id, entry, at_start.get(contact_id), by_id, bounds)
    if floor is not None:
        problems += [
            f"{y}: updated before updated_after" for y in yielded if instant(y.updated) < floor
        ]
    for contact_id in by_id.keys() - contacts.keys():
        problems.append(f"{contact_id}: yielded but never written")
    problems += _check_order([y for y in yielded if y.id in set(stable)], ascending=ascending)
    if problems:
        span = f"{bounds.first}..{bounds.last}, certain up to {bounds.certain}"
        problems.append(f"(the export's requests: {span})")
    return problems


def _check_contact(
    contact_id: int,
    entry: _Contact,
    start: Write | None,
    by_id: dict[int, list[Seen]],
    bounds: Window,
) -> list[str]:
    yields = by_id.get(contact_id, [])
    versions = entry.versions
    problems = [
        f"{contact_id}: yielded a version that never existed: {y}"
        for y in yields
        if (y.updated, y.rev) not in versions
        and not any(y.rev == rev and _same(y.updated, u) for u, rev in versions)
    ]
    during = entry.writes_during
    deleted = any(w.kind == "delete" for w in during)
    certain = [w for w in during if w.request <= bounds.certain]
    # A delete after the main pass may come after T_last, where G3 no longer speaks: then only
    # "more than once only if it changed during the export" holds.
    deleted_during = any(w.kind == "delete" for w in certain)
    changed = any(w.kind != "delete" for w in during)
    if start is not None and not during:
        if len(yields) != 1:
            problems.append(f"G1: {contact_id} unchanged, yielded {len(yields)} times")
        elif yields[0].rev != start.rev:
            problems.append(f"G1: {contact_id} yielded as {yields[0]}, not as {start}")
    if (deleted_during or (deleted and not changed)) and len(yields) > 1:
        problems.append(f"G3: {contact_id} deleted during the export, yielded {len(yields)} times")
    written = [w for w in certain if w.kind != "delete"]
    if written and not deleted:
        if not yields:
            problems.append(f"G2: {contact_id} written during the export, never yielded")
        elif (yields[-1].rev or 0) < (written[-1].rev or 0):
            problems.append(
                f"G2: {contact_id}'s last yield {yields[-1]} is older than {written[-1]}"
            )
    if start is not None and not deleted and not yields:
        problems.append(f"G1/G2: {contact_id} existed throughout, never yielded")
    return problems


def _same(one: str | None, other: str | None) -> bool:
    return one is not None and other is not None and parse_ns(one) == parse_ns(other)


def _check_order(stable: Sequence[Seen], *, ascending: bool) -> list[str]:
    """Contacts no one touched come in `updated` order (as instants)."""
    stamps = [instant(item.updated) for item in stable]
    pairs = itertools.pairwise(stamps)
    wrong = [i for i, (a, b) in enumerate(pairs) if (a > b if ascending else a < b)]
    if wrong:
        i = wrong[0]
        return [f"order: {stable[i]} then {stable[i + 1]} (ascending={ascending})"]
    return []


def request_bound(contacts: int, page_size: int, concurrency: int) -> int:
    """DESIGN's cost bound for an export of `contacts` with nothing changing."""
    pages = math.ceil(contacts / page_size)
    if pages <= 10:
        return pages + 3
    return math.floor(1.05 * pages + 3 + 2 * concurrency)
