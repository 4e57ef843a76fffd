"""Pacing scenarios: exports against servers whose limit the client does not know.

The API documents 500 requests a minute and nothing about its bucket, so each job runs a
client with a ceiling of 20 requests/s against one server shape. The floor is the time the
server's limit alone imposes: `(requests needed - burst) / rate`, where the requests needed are
those not refused with a 429. The 429s a client draws learning the limit are counted apart from
those after: the target is at most 5 to learn, then at most 1% of the requests that follow.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from multiprocessing.connection import Connection

from heymarket_typed import Heymarket
from heymarket_typed.testing import SANDBOX_SECRET_KEY, FakeHeymarket, Quota
from heymarket_typed.testing._ratelimit import RateLimitHeaders, Window

LEARNING_429S = 5
CONTACTS = 10_000
PAGE_SIZE = 10
CEILING = 20.0  # the client's requests_per_minute / 60


@dataclass(frozen=True)
class Shape:
    name: str
    rate: float
    burst: float = 1.0
    window: Window = "token_bucket"
    clients: int = 1
    headers: RateLimitHeaders | None = None
    retry_after: bool = False


SHAPES = (
    Shape("bucket 20/s, burst 1", 20, 1),
    Shape("bucket 20/s, burst 3", 20, 3),
    Shape("bucket 20/s, burst 60", 20, 60),
    Shape("fixed window, 20 per 1 s", 20, 20, "fixed"),
    Shape("bucket 10/s, burst 3 (ceiling 2x)", 10, 3),
    Shape("two clients share bucket 20/s, burst 3", 20, 3, clients=2),
    Shape(
        "sliding window 20 per 1 s, RateLimit headers and Retry-After",
        20,
        20,
        "sliding",
        headers="ietf",
        retry_after=True,
    ),
)


@dataclass(frozen=True)
class PacingJob:
    shape: Shape
    seconds: float
    statuses: list[int]  # in order of arrival, every client's requests together
    contacts: int
    errors: list[str]  # an export that stopped on an error: nothing after it was read

    @property
    def needed(self) -> int:
        return sum(1 for status in self.statuses if status != 429)

    @property
    def too_many(self) -> int:
        return self.statuses.count(429)

    @property
    def floor(self) -> float:
        return (self.needed - self.shape.burst) / self.shape.rate

    @property
    def ratio(self) -> float:
        return self.seconds / self.floor

    @property
    def share_after_learning(self) -> float:
        """429s among the requests after the fifth 429 (0 when there were at most five)."""
        refused = [i for i, status in enumerate(self.statuses) if status == 429]
        if len(refused) <= LEARNING_429S:
            return 0.0
        after = self.statuses[refused[LEARNING_429S - 1] + 1 :]
        return after.count(429) / len(after)


def _export(client: Heymarket, counts: list[int], errors: list[str]) -> None:
    ids: list[object] = []
    try:
        ids.extend(contact.id for contact in client.contacts_v2.iter(page_size=PAGE_SIZE))
    except Exception as error:
        errors.append(type(error).__name__)
    if len(ids) != len(set(ids)):
        raise AssertionError("a contact was yielded twice")
    counts.append(len(ids))


def _serve(shape: Shape, latency: float, per_client: int, conn: Connection) -> None:
    """The sandboxes of one job, in a process of their own (as a real API is): a client's
    threads then do not delay the server's clock readings, which a strict bucket would
    misread as bursts."""
    quota = Quota(shape.rate, burst=shape.burst, window=shape.window)
    with ExitStack() as stack:
        fakes = []
        for i in range(shape.clients):
            fake = FakeHeymarket(
                secret_id=_secret_id(i),
                rate_limit=quota,
                latency=latency,
                retry_after=shape.retry_after,
                rate_limit_headers=shape.headers,
            )
            fake.seed(per_client)
            fakes.append(fake)
        servers = [stack.enter_context(fake.serve(host="127.0.0.1", port=0)) for fake in fakes]
        conn.send([server.url for server in servers])
        conn.recv()  # the job is over
        conn.send(_statuses_in_order(fakes))


def _secret_id(i: int) -> str:
    # One credential per integration: two integrations of one team share its quota.
    return f"bench-integration-{i}-secret-id"


def pacing_job(shape: Shape, latency: float, contacts: int = CONTACTS) -> PacingJob:
    per_client = contacts // shape.clients
    ours, theirs = multiprocessing.get_context("spawn").Pipe()
    server = multiprocessing.get_context("spawn").Process(
        target=_serve, args=(shape, latency, per_client, theirs), daemon=True
    )
    server.start()
    try:
        urls: list[str] = ours.recv()
        with ExitStack() as stack:
            clients = [
                stack.enter_context(
                    Heymarket(
                        secret_id=_secret_id(i),
                        secret_key=SANDBOX_SECRET_KEY,
                        base_url=url,
                        requests_per_minute=CEILING * 60,
                    )
                )
                for i, url in enumerate(urls)
            ]
            counts: list[int] = []
            errors: list[str] = []
            threads = [threading.Thread(target=_export, args=(c, counts, errors)) for c in clients]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            seconds = time.perf_counter() - started
        ours.send("done")
        statuses: list[int] = ours.recv()
    finally:
        server.join(timeout=10)
        if server.is_alive():
            server.terminate()
    if not errors and sum(counts) != per_client * shape.clients:
        raise AssertionError(f"{shape.name}: {sum(counts)} contacts of {contacts}")
    return PacingJob(shape, seconds, statuses, sum(counts), errors)


def _statuses_in_order(fakes: list[FakeHeymarket]) -> list[int]:
    # Each sandbox logs in arrival order; with two, interleave by position (close enough to
    # arrival order for counting what follows the learning 429s).
    logs = [[r.status or 0 for r in fake.requests] for fake in fakes]
    merged: list[int] = []
    for i in range(max(len(log) for log in logs)):
        merged.extend(log[i] for log in logs if i < len(log))
    return merged


def pacing_jobs(latency: float, contacts: int = CONTACTS) -> Iterator[PacingJob]:
    for shape in SHAPES:
        yield pacing_job(shape, latency, contacts)
