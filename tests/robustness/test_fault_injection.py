"""Exports and imports under drawn fault schedules: each contact once, or a typed error.

Hypothesis draws a fault schedule, the faults the sandbox inflicts on the next requests in
turn: 500/502/503/504 (before or after processing), 429 with and without `Retry-After`, dropped
connections (before or after processing), connect errors, small latency spikes, and requests
served normally. For every schedule, a job either completes, having yielded (exports) or
written (imports) every contact exactly once, or raises a typed error for its failing request
after the retries it is allowed, having yielded or written nothing twice.

Time is a fake clock shared with the sandbox, so backoff, `Retry-After` and pacing cost no real
time; only the latency spikes (a few ms) are real. The number of schedules scales with
`HEYMARKET_SOAK` (see `soak.py`).
"""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from email.utils import formatdate
from typing import TypeVar

import httpx
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from heymarket_typed import AsyncHeymarket, Heymarket, errors, models
from heymarket_typed._ratecontrol import MAX_PAUSE, SPENT_WAIT
from heymarket_typed.testing import SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, FakeHeymarket, Fault
from tests.helpers import clocked
from tests.robustness.soak import scaled
from tests.robustness.support import (
    BASE_URL,
    DROPPED,
    REFUSED,
    AttemptLog,
    RunawayError,
    SharedClock,
    key_of,
)
from tests.tally import tally

T = TypeVar("T")

START = 1_700_000_000.0
"""The fake wall-clock time each example starts at."""

SERVER_ERRORS = (500, 502, 503, 504)
RETRY_AFTERS = (None, "0", "1", "3", formatdate(START + 2, usegmt=True))
SPIKES = (0.001, 0.002, 0.004)
CREATING_PATHS = frozenset({"/v2/contacts", "/v1/batch/contacts"})
"""Requests that create contacts: retried only when they cannot have been processed."""
NOT_PROCESSED = (429, 401, REFUSED)
"""Outcomes after which the sandbox has certainly not processed a request."""
ATTEMPT_LIMIT = 600
"""More attempts than any example needs: past it the client is looping."""

SETTINGS = settings(
    max_examples=scaled(300),
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow],
)


# --- fault schedules ---------------------------------------------------------------------


def faults() -> st.SearchStrategy[Fault]:
    return st.one_of(
        st.just(Fault()),  # served normally (shrinks towards this)
        st.builds(Fault, status=st.sampled_from(SERVER_ERRORS), after=st.booleans()),
        st.builds(Fault, status=st.just(429), retry_after=st.sampled_from(RETRY_AFTERS)),
        st.builds(Fault, drop=st.just(True), after=st.booleans()),
        st.just(Fault(connect_error=True)),
        st.builds(Fault, delay=st.sampled_from(SPIKES)),
    )


SCHEDULES = st.lists(faults(), max_size=14)
MAX_RETRIES = st.integers(min_value=0, max_value=3)


def describe(schedule: list[Fault]) -> list[str]:
    """A schedule in a few words per fault, for reading a failing example."""
    words = []
    for fault in schedule:
        if fault.connect_error:
            words.append("connect error")
        elif fault.drop:
            words.append("drop after" if fault.after else "drop")
        elif fault.status == 429:
            words.append(f"429 Retry-After {fault.retry_after}")
        elif fault.status is not None:
            words.append(f"{fault.status}{' after' if fault.after else ''}")
        elif fault.delay:
            words.append(f"+{fault.delay * 1000:.0f} ms")
        else:
            words.append("ok")
    return words


def show(schedule: list[Fault], **drawn: object) -> None:
    """Notes the example, for a failure report (hypothesis's own may leave the values out)."""
    note(", ".join(f"{name}={value!r}" for name, value in drawn.items()))
    note(f"schedule: {describe(schedule)}")


class World:
    """A sandbox with a fault schedule armed, its clock, and the log of what reached it."""

    def __init__(self, schedule: list[Fault]) -> None:
        self.clock = SharedClock(wall=START)
        self.fake = FakeHeymarket(clock=self.clock.time, latency=0.0)
        self.log = AttemptLog(self.clock, limit=ATTEMPT_LIMIT)
        for fault in schedule:
            self.fake.inject(fault)

    def client(self, max_retries: int) -> Heymarket:
        http = httpx.Client(transport=self.log.transport(self.fake.transport()), base_url=BASE_URL)
        return clocked(
            Heymarket,
            self.clock,
            secret_id=SANDBOX_SECRET_ID,
            secret_key=SANDBOX_SECRET_KEY,
            max_retries=max_retries,
            http_client=http,
        )

    def async_client(self, max_retries: int) -> AsyncHeymarket:
        transport = self.log.async_transport(self.fake.async_transport())
        return clocked(
            AsyncHeymarket,
            self.clock,
            secret_id=SANDBOX_SECRET_ID,
            secret_key=SANDBOX_SECRET_KEY,
            max_retries=max_retries,
            http_client=httpx.AsyncClient(transport=transport, base_url=BASE_URL),
        )

    def seed_groups(self, groups: list[int]) -> set[int]:
        """Contacts in groups sharing an `updated` timestamp (nanoseconds included); their ids."""
        phone = 15550100000
        for index, size in enumerate(groups):
            stamp = f"2024-01-01T00:{index // 60:02d}:{index % 60:02d}.123456789Z"
            self.fake.seed(size, updated=stamp, phone_start=phone)
            phone += size
        return {contact["id"] for contact in self.fake.contacts()}

    def phones(self) -> Counter[str]:
        return Counter(str(contact.get("phone")) for contact in self.fake.contacts())


# --- the checks --------------------------------------------------------------------------


def check_attempts(log: AttemptLog, max_retries: int) -> None:
    """Per request: no attempt after a success, at most `max_retries` retries, and a create
    retried only after an outcome that proves it was not processed. A 429 that finds the
    quota spent is waited out, not counted (the pacer's view of "spent" is not visible here),
    so 429s past `max_retries` are allowed, within a minute of the first (`SPENT_WAIT`)."""
    for (method, path, _), attempts in log.by_key().items():
        outcomes = [a.outcome for a in attempts]
        where = f"{method} {path} got {outcomes}"
        assert not any(a.succeeded for a in attempts[:-1]), f"sent again after a success: {where}"
        refreshed = 401 in outcomes  # a 401 gets one fresh token and a new round of retries
        allowed = (max_retries + 1) * (2 if refreshed else 1)
        refused = [a.mono for a in attempts if a.outcome == 429]
        assert len(attempts) - len(refused) <= allowed, where
        if len(attempts) > allowed:  # 429s waited out: only with retries, within the minute
            assert max_retries > 0, where
            assert refused[-1] - refused[0] <= SPENT_WAIT + 2 * MAX_PAUSE, where
        if path in CREATING_PATHS:
            assert all(o in NOT_PROCESSED for o in outcomes[:-1]), (
                f"a create was sent again after it may have been processed: {where}"
            )


def failing_request(error: errors.HeymarketError) -> httpx.Request:
    """The request an API error is about (its Authorization header scrubbed)."""
    if isinstance(error, errors.APIStatusError):
        return error.response.request
    if isinstance(error, errors.APIConnectionError):
        return error.request
    raise AssertionError(f"not an API status or connection error: {error!r}")


def check_error(error: errors.HeymarketError, log: AttemptLog, max_retries: int) -> None:
    """The error is typed, carries the failing response, and came after the allowed retries."""
    request = failing_request(error)
    attempts = log.by_key().get(key_of(request))
    assert attempts, f"the error names a request that never reached the sandbox: {error!r}"
    last = attempts[-1]
    if isinstance(error, errors.APIStatusError):
        assert error.status_code == last.outcome, (error, last)
        assert error.status_code in (429, *SERVER_ERRORS), error
        expected = errors.RateLimitError if last.outcome == 429 else errors.InternalServerError
        assert isinstance(error, expected), error
        assert error.request_id is not None
        assert error.request_id == last.request_id, "not the request id of the failing response"
    else:
        assert last.outcome in (REFUSED, DROPPED), (error, last)
    creating = request.url.path in CREATING_PATHS
    if not creating or last.outcome in (429, REFUSED):
        # A failure that may be retried is final only once the retries are spent.
        failures = [a for a in attempts if a.outcome != 401]
        assert len(failures) >= max_retries + 1, (
            f"gave up after {[a.outcome for a in attempts]} with max_retries={max_retries}"
        )
        assert not any(a.succeeded for a in attempts)


def drain(items: Iterator[T], bound: int) -> tuple[list[T], errors.HeymarketError | None]:
    """What `items` yields before it ends or fails; more than `bound` items fail the test."""
    got: list[T] = []
    try:
        for item in items:
            got.append(item)
            if len(got) > bound:
                raise RunawayError(f"yielded more than the {bound} contacts there are")
    except errors.HeymarketError as error:
        return got, error
    return got, None


async def adrain(
    items: AsyncIterator[T], bound: int
) -> tuple[list[T], errors.HeymarketError | None]:
    """`drain` for an async iterator."""
    got: list[T] = []
    try:
        async for item in items:
            got.append(item)
            if len(got) > bound:
                raise RunawayError(f"yielded more than the {bound} contacts there are")
    except errors.HeymarketError as error:
        return got, error
    return got, None


def check_export(
    scenario: str,
    expected: set[int],
    yielded: list[int],
    error: errors.HeymarketError | None,
    *,
    log: AttemptLog,
    max_retries: int,
) -> None:
    twice = sorted(i for i, n in Counter(yielded).items() if n > 1)
    assert not twice, f"yielded twice: {twice}"
    assert set(yielded) <= expected, f"yielded unknown ids {set(yielded) - expected}"
    check_attempts(log, max_retries)
    if error is None:
        missing = sorted(expected - set(yielded))
        assert not missing, f"completed without yielding {missing}"
    else:
        check_error(error, log, max_retries)
        tally(f"fault schedules ({scenario}) ending in a typed error")


_NOTE = re.compile(
    r"bulk write stopped: written: (?P<written>.+); "
    r"failed, may or may not be written: (?P<failed>.+); not sent: (?P<unsent>.+)"
)


def spans(text: str) -> set[int]:
    return {
        index
        for start, stop in re.findall(r"contacts\[(\d+):(\d+)\]", text)
        for index in range(int(start), int(stop))
    }


def check_import(
    scenario: str,
    phones: list[str],
    error: errors.HeymarketError | None,
    world: World,
    max_retries: int,
) -> None:
    """No phone stored twice; all stored once on success; on failure, a note that is true."""
    stored = world.phones()
    twice = sorted(phone for phone in phones if stored[phone] > 1)
    assert not twice, f"created twice: {twice}"
    check_attempts(world.log, max_retries)
    if error is None:
        missing = [phone for phone in phones if stored[phone] != 1]
        assert not missing, f"completed without creating {missing}"
        return
    check_error(error, world.log, max_retries)
    notes = [text for text in getattr(error, "__notes__", []) if _NOTE.fullmatch(text)]
    assert len(notes) == 1, f"no note saying what was written: {getattr(error, '__notes__', [])}"
    said = _NOTE.fullmatch(notes[0])
    assert said is not None
    written, failed, unsent = (spans(said[part]) for part in ("written", "failed", "unsent"))
    assert sorted([*written, *failed, *unsent]) == list(range(len(phones))), notes[0]
    sent = {m.decode() for m in re.findall(rb"1415555\d{4}", failing_request(error).content)}
    assert sent, "the failing request carries no contact"
    assert sent <= {phones[i] for i in failed}, (
        f"the failing chunk is not noted as failed: {notes[0]}"
    )
    assert all(stored[phones[i]] == 1 for i in written), f"not all written: {notes[0]}"
    assert all(stored[phones[i]] == 0 for i in unsent), f"'not sent' were written: {notes[0]}"
    tally(f"fault schedules ({scenario}) ending in a typed error")
    if any(stored[phones[i]] for i in failed):
        tally(f"fault schedules ({scenario}) ending in a typed error after a write went through")


def new_phones(n: int) -> list[str]:
    return [f"1415555{i:04d}" for i in range(n)]


# --- the scenarios -----------------------------------------------------------------------

GROUPS = st.lists(st.one_of(st.just(1), st.integers(min_value=2, max_value=24)), max_size=8)


@SETTINGS
@given(
    groups=GROUPS,
    page_size=st.integers(min_value=2, max_value=25),
    ascending=st.booleans(),
    max_retries=MAX_RETRIES,
    schedule=SCHEDULES,
)
def test_v1_export_yields_each_contact_once_or_raises_a_typed_error(
    groups: list[int], page_size: int, ascending: bool, max_retries: int, schedule: list[Fault]
) -> None:
    tally("fault schedules (v1 export)")
    show(schedule, groups=groups, page_size=page_size, ascending=ascending, max_retries=max_retries)
    world = World(schedule)
    expected = world.seed_groups(groups)
    with world.client(max_retries) as client:
        contacts = client.contacts.iter(page_size=page_size, ascending=ascending)
        yielded, error = drain((c.id for c in contacts), len(expected))
    check_export("v1 export", expected, yielded, error, log=world.log, max_retries=max_retries)


@SETTINGS
@given(
    groups=GROUPS,
    page_size=st.integers(min_value=1, max_value=25),
    concurrency=st.integers(min_value=1, max_value=8),
    max_retries=MAX_RETRIES,
    schedule=SCHEDULES,
)
def test_v2_export_with_read_ahead_yields_each_contact_once_or_raises_a_typed_error(
    groups: list[int], page_size: int, concurrency: int, max_retries: int, schedule: list[Fault]
) -> None:
    tally("fault schedules (v2 export)")
    show(
        schedule,
        groups=groups,
        page_size=page_size,
        concurrency=concurrency,
        max_retries=max_retries,
    )
    world = World(schedule)
    expected = world.seed_groups(groups)
    with world.client(max_retries) as client:
        contacts = client.contacts_v2.iter(page_size=page_size, concurrency=concurrency)
        yielded, error = drain((c.id for c in contacts), len(expected))
    check_export("v2 export", expected, yielded, error, log=world.log, max_retries=max_retries)


@SETTINGS
@given(
    n=st.integers(min_value=1, max_value=60),
    chunk_size=st.integers(min_value=1, max_value=20),
    concurrency=st.integers(min_value=1, max_value=4),
    max_retries=MAX_RETRIES,
    schedule=SCHEDULES,
)
def test_v2_bulk_upsert_creates_each_contact_once_or_raises_a_noted_typed_error(
    n: int, chunk_size: int, concurrency: int, max_retries: int, schedule: list[Fault]
) -> None:
    tally("fault schedules (v2 bulk upsert)")
    show(schedule, n=n, chunk_size=chunk_size, concurrency=concurrency, max_retries=max_retries)
    world = World(schedule)
    phones = new_phones(n)
    contacts = [
        models.ContactInputV2(first=f"P{i}", contact_channels=[models.ChannelInput("phone", p)])
        for i, p in enumerate(phones)
    ]
    error: errors.HeymarketError | None = None
    with world.client(max_retries) as client:
        try:
            result = client.contacts_v2.bulk_upsert(
                contacts, chunk_size=chunk_size, concurrency=concurrency
            )
        except errors.HeymarketError as raised:
            error = raised
        else:
            assert result.failed_contacts == []
            assert sorted(str(c.phone) for c in result.contacts) == sorted(phones)
    check_import("v2 bulk upsert", phones, error, world, max_retries)


@SETTINGS
@given(
    n=st.integers(min_value=1, max_value=60),
    chunk_size=st.integers(min_value=1, max_value=20),
    concurrency=st.integers(min_value=1, max_value=4),
    max_retries=MAX_RETRIES,
    schedule=SCHEDULES,
)
def test_v1_batch_create_creates_each_contact_once_or_raises_a_noted_typed_error(
    n: int, chunk_size: int, concurrency: int, max_retries: int, schedule: list[Fault]
) -> None:
    tally("fault schedules (v1 batch create)")
    show(schedule, n=n, chunk_size=chunk_size, concurrency=concurrency, max_retries=max_retries)
    world = World(schedule)
    phones = new_phones(n)
    contacts = [models.ContactInput(phone=p, first=f"P{i}") for i, p in enumerate(phones)]
    error: errors.HeymarketError | None = None
    with world.client(max_retries) as client:
        try:
            result = client.contacts.batch_create(
                contacts, chunk_size=chunk_size, concurrency=concurrency
            )
        except errors.HeymarketError as raised:
            error = raised
        else:
            # A batch sent again after it was processed comes back "phone already exists".
            assert result.failed_contacts == [], result.failed_contacts
            assert result.submitted == n
    check_import("v1 batch create", phones, error, world, max_retries)


@SETTINGS
@given(
    groups=GROUPS,
    page_size=st.integers(min_value=1, max_value=25),
    concurrency=st.integers(min_value=1, max_value=8),
    max_retries=MAX_RETRIES,
    schedule=SCHEDULES,
)
def test_async_v2_export_with_read_ahead_yields_each_contact_once_or_raises_a_typed_error(
    groups: list[int], page_size: int, concurrency: int, max_retries: int, schedule: list[Fault]
) -> None:
    tally("fault schedules (v2 export, async)")
    show(
        schedule,
        groups=groups,
        page_size=page_size,
        concurrency=concurrency,
        max_retries=max_retries,
    )
    world = World(schedule)
    expected = world.seed_groups(groups)

    async def export() -> tuple[list[int], errors.HeymarketError | None]:
        async with world.async_client(max_retries) as client:
            contacts = client.contacts_v2.iter(page_size=page_size, concurrency=concurrency)
            return await adrain((c.id async for c in contacts), len(expected))

    yielded, error = asyncio.run(export())
    check_export(
        "v2 export, async", expected, yielded, error, log=world.log, max_retries=max_retries
    )


@SETTINGS
@given(
    n=st.integers(min_value=1, max_value=60),
    chunk_size=st.integers(min_value=1, max_value=20),
    concurrency=st.integers(min_value=1, max_value=4),
    max_retries=MAX_RETRIES,
    schedule=SCHEDULES,
)
def test_async_v2_bulk_upsert_creates_each_contact_once_or_raises_a_noted_typed_error(
    n: int, chunk_size: int, concurrency: int, max_retries: int, schedule: list[Fault]
) -> None:
    tally("fault schedules (v2 bulk upsert, async)")
    show(schedule, n=n, chunk_size=chunk_size, concurrency=concurrency, max_retries=max_retries)
    world = World(schedule)
    phones = new_phones(n)
    contacts = [
        models.ContactInputV2(first=f"P{i}", contact_channels=[models.ChannelInput("phone", p)])
        for i, p in enumerate(phones)
    ]

    async def upsert() -> errors.HeymarketError | None:
        async with world.async_client(max_retries) as client:
            try:
                result = await client.contacts_v2.bulk_upsert(
                    contacts, chunk_size=chunk_size, concurrency=concurrency
                )
            except errors.HeymarketError as raised:
                return raised
        assert result.failed_contacts == []
        assert sorted(str(c.phone) for c in result.contacts) == sorted(phones)
        return None

    check_import("v2 bulk upsert, async", phones, asyncio.run(upsert()), world, max_retries)
