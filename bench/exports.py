"""Export rows: realistic contacts exported via v1 and v2 at the server's rate limit, with and
without another writer changing the account meanwhile.

The server allows R requests a second with a burst of b (a token bucket). The floor of an
export of n contacts in pages of p is (ceil(n / p) - b) / R: the fewest requests that can carry
n contacts, less those the burst lets through at once. 429s and extra requests (count probes,
a final pass) are not part of the floor, so they show in the ratio.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from heymarket_typed import Heymarket
from heymarket_typed.testing import SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, FakeHeymarket

ROOT = Path(__file__).resolve().parent.parent

PAGE_SIZE = 100
"""The iterators' default page size, used by every export row."""
CONCURRENCY = 8
"""The iterators' default `concurrency`."""
WRITER_SHARE = 0.01
"""The writer changes this share of the contacts while an export runs."""

_NOTE = [
    {
        "id": "4f1c2a9e-0d7b-4c52-9d1e-2b7a6f3c8e10",
        "date": "2024-05-02T15:04:05Z",
        "name": "Dana Agent",
        "text": "Called about the renewal; wants a quote for 12 seats by Friday.",
        "user_id": 4417,
    },
    {
        "id": "a37e5b21-9c4d-4e8f-8b6a-1d2c3e4f5a6b",
        "date": "2024-05-20T09:30:00Z",
        "name": "Sam Support",
        "text": "Sent the onboarding guide and the link to book a call.",
        "user_id": 4421,
    },
]
_CUSTOM = {"101": "Premium", "102": 12, "103": True, "104": "Austin, TX"}
_TAGS = [31, 57, 88]


def realistic(number: int) -> Mapping[str, Any]:
    """Fields of the `number`-th seeded contact, beyond the sandbox's own: 26 in all, with
    notes, tags, custom fields and two channels, as a team's CRM export has them.

    Values that need not differ are shared between contacts (the sandbox never mutates them):
    200,000 contacts stay within memory while the wire carries the full size.
    """
    phone = f"1512{number:07d}"
    email = f"contact{number}@example.com"
    return {
        "first": "Alex",
        "last": f"Rivera {number}",
        "display_name": f"Alex Rivera {number}",
        "email": email,
        "phone": phone,
        "avatar": None,
        "custom": _CUSTOM,
        "assigned_user_id": 4417 + number % 7,
        "inbox_id": 9001 + number % 3,
        "parent_id": None,
        "shared": True,
        "type": "customer",
        "external_id": f"crm-{number:08d}",
        "external_ref": "salesforce",
        "is_opted_out": number % 50 == 0,
        "tags": _TAGS,
        "note": _NOTE,
        "contact_channels": [
            {"id": 2 * number + 1, "team_id": 5001, "channel_type": "phone", "channel_id": phone},
            {"id": 2 * number + 2, "team_id": 5001, "channel_type": "email", "channel_id": email},
        ],
    }


def seeded(n: int, **options: Any) -> FakeHeymarket:
    """A sandbox holding `n` realistic contacts."""
    fake = FakeHeymarket(**options)
    fake.seed(n, fields=realistic)
    return fake


def request_bound(n: int, page_size: int, concurrency: int) -> int:
    """DESIGN's bound on the requests of an export of `n` contacts with nothing changing."""
    pages = math.ceil(n / page_size)
    return pages + 3 if pages <= 10 else math.floor(1.05 * pages + 3 + 2 * concurrency)


@dataclass(frozen=True)
class ExportRun:
    """One export against a rate-limited sandbox."""

    surface: str
    latency: float
    writer: bool
    contacts: int
    seconds: float
    requests: int
    too_many: int
    rate: float
    burst: float
    changed: int
    lost: int
    """Contacts that existed throughout and were never yielded."""
    repeated: int
    """Contacts yielded more than once that did not change."""

    @property
    def floor(self) -> float:
        return (math.ceil(self.contacts / PAGE_SIZE) - self.burst) / self.rate

    @property
    def ratio(self) -> float:
        return self.seconds / self.floor

    @property
    def over_bound(self) -> int:
        return max(0, self.requests - request_bound(self.contacts, PAGE_SIZE, CONCURRENCY))


@contextmanager
def _server(n: int, rate: float, burst: float, latency: float, writes: int) -> Iterator[Any]:
    """`bench.server` in a process of its own: yields (its URL, the ids it updates, stats())."""
    with subprocess.Popen(
        [sys.executable, "-m", "bench.server", str(n), str(rate), str(burst), str(latency),
         str(writes)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
    ) as process:  # fmt: skip
        stdin, stdout = process.stdin, process.stdout
        if stdin is None or stdout is None:
            raise RuntimeError("bench.server's pipes did not open")
        started = json.loads(stdout.readline())

        def stats() -> dict[str, int]:
            stdin.write("stats\n")
            stdin.flush()
            answer: dict[str, int] = json.loads(stdout.readline())
            return answer

        try:
            yield started["url"], started["targets"], stats
        finally:
            stdin.close()
            process.wait(timeout=60)


def export_run(
    n: int, surface: str, *, rate: float, burst: float, latency: float, writer: bool
) -> ExportRun:
    """Exports `n` realistic contacts with `iter()` over loopback HTTP, paced at `rate`, from
    a sandbox in another process (`bench.server`).

    With `writer`, 1% of the contacts are updated while the export runs, spread over its
    requests (one write just before each of the first requests, in a fixed random order).
    Lost contacts and repeats of unchanged ones are counted (each should be 0).
    """
    writes = int(n * WRITER_SHARE) if writer else 0
    with (
        _server(n, rate, burst, latency, writes) as (url, targets, stats),
        Heymarket(
            secret_id=SANDBOX_SECRET_ID,
            secret_key=SANDBOX_SECRET_KEY,
            base_url=url,
            requests_per_minute=rate * 60,
        ) as client,
    ):
        resource: Any = client.contacts if surface == "v1" else client.contacts_v2
        started = time.perf_counter()
        ids = Counter(contact.id for contact in resource.iter(page_size=PAGE_SIZE))
        seconds = time.perf_counter() - started
        seen = stats()
    missing = n - len(ids.keys() & set(range(1001, 1001 + n)))
    repeated = {i for i, times in ids.items() if times > 1} - set(targets)
    return ExportRun(
        surface,
        latency,
        writer,
        n,
        seconds,
        seen["requests"],
        seen["too_many"],
        rate,
        burst,
        len(targets),
        missing,
        len(repeated),
    )
