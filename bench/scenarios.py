"""The benchmark scenarios. Each returns measured figures; `run.py` prints and records them.

Every figure is a ratio measured in one run, so it holds on a shared, noisy machine. The floor
of a rate-limited job is `requests / R`: the time the API's limit alone imposes.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
import timeit
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from heymarket_typed import Heymarket, models
from heymarket_typed.testing import SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, FakeHeymarket

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Job:
    """One rate-limited job against the sandbox."""

    name: str
    latency: float
    seconds: float
    requests: int
    too_many: int  # 429 responses
    rate: float
    items: int

    @property
    def floor(self) -> float:
        return self.requests / self.rate

    @property
    def ratio(self) -> float:
        return self.seconds / self.floor

    @property
    def per_second(self) -> float:
        return self.items / self.seconds


@contextmanager
def sandbox_client(fake: FakeHeymarket, rate: float) -> Iterator[Heymarket]:
    """A client paced at the sandbox's rate, over real loopback HTTP."""
    with (
        fake.serve(host="127.0.0.1", port=0) as server,
        Heymarket(
            secret_id=SANDBOX_SECRET_ID,
            secret_key=SANDBOX_SECRET_KEY,
            base_url=server.url,
            requests_per_minute=rate * 60,
        ) as client,
    ):
        yield client


def timed_job(
    name: str, fake: FakeHeymarket, rate: float, latency: float, work: Callable[[Heymarket], int]
) -> Job:
    with sandbox_client(fake, rate) as client:
        fake.clear_requests()
        started = time.perf_counter()
        items = work(client)
        seconds = time.perf_counter() - started
    statuses = Counter(r.status for r in fake.requests)
    return Job(name, latency, seconds, len(fake.requests), statuses[429], rate, items)


def export_jobs(n: int, rate: float, latency: float) -> list[Job]:
    jobs = []
    variants: list[tuple[str, Callable[[Heymarket], int]]] = [
        ("v2 export, contacts_v2.iter()", lambda c: _count_unique(c.contacts_v2.iter())),
        ("v1 export, contacts.iter()", lambda c: _count_unique(c.contacts.iter())),
        (
            "v1 export, contacts.iter(page_size=100)",
            lambda c: _count_unique(c.contacts.iter(page_size=100)),
        ),
    ]
    for name, work in variants:
        fake = FakeHeymarket(rate_limit=rate, latency=latency)
        fake.seed(n)
        job = timed_job(name, fake, rate, latency, work)
        if job.items != n:
            raise AssertionError(f"{name}: {job.items} contacts of {n}")
        jobs.append(job)
    return jobs


def _count_unique(contacts: Iterator[models.Contact]) -> int:
    ids = [contact.id for contact in contacts]
    if len(ids) != len(set(ids)):
        raise AssertionError("a contact was yielded twice")
    return len(ids)


@dataclass(frozen=True)
class Import:
    job: Job
    failed: int
    expected_failed: int
    reasons_given: bool


def import_jobs(n: int, rate: float, latency: float) -> list[Import]:
    """`n` contacts through batch_create and bulk_upsert, 1% of them bound to fail."""
    bad = set(range(0, n, 100))
    results = []

    fake = FakeHeymarket(rate_limit=rate, latency=latency)
    for i in sorted(bad):
        fake.add_contact(phone=_phone(i))  # these phones exist already: reported as failed
    inputs = [models.ContactInput(phone=_phone(i), first=f"Import {i}") for i in range(n)]
    outcome: list[models.BatchCreateResult] = []
    job = timed_job(
        "v1 import, contacts.batch_create()",
        fake,
        rate,
        latency,
        lambda c: _keep(outcome, c.contacts.batch_create(inputs)).submitted,
    )
    failures = outcome[0].failed_contacts
    results.append(Import(job, len(failures), len(bad), _reasons(failures, bad)))

    fake = FakeHeymarket(rate_limit=rate, latency=latency)
    unknown = uuid.UUID("00000000-0000-4000-8000-000000000000")
    inputs_v2 = [
        models.ContactInputV2(contact_id=unknown, first=f"Gone {i}")
        if i in bad
        else models.ContactInputV2(
            first=f"Import {i}", contact_channels=[models.ChannelInput("phone", _phone(i))]
        )
        for i in range(n)
    ]
    upserted: list[models.BulkUpsertResult] = []
    job = timed_job(
        "v2 import, contacts_v2.bulk_upsert()",
        fake,
        rate,
        latency,
        lambda c: len(_keep(upserted, c.contacts_v2.bulk_upsert(inputs_v2)).contacts) + len(bad),
    )
    failures_v2 = upserted[0].failed_contacts
    results.append(Import(job, len(failures_v2), len(bad), _reasons(failures_v2, bad)))
    return results


def _phone(i: int) -> str:
    return f"1555{i:07d}"


def _keep(box: list[Any], value: Any) -> Any:
    box.append(value)
    return value


def _reasons(failures: list[models.FailedContact[Any]], bad: set[int]) -> bool:
    return {f.index for f in failures} == bad and all(f.reason for f in failures)


# --- CPU per call -----------------------------------------------------------------------------


def _contact(i: int) -> dict[str, Any]:
    return {
        "id": i,
        "uuid": f"a1b2c3d4-e5f6-4890-abcd-{i:012d}",
        "display_name": f"Contact {i}",
        "first": "First",
        "last": "Last",
        "email": f"c{i}@example.com",
        "phone": f"1415555{i % 10000:04d}",
        "avatar": None,
        "custom": {"123": "Premium", "456": 3},
        "team_id": 17,
        "creator_id": 3,
        "assigned_user_id": 4,
        "inbox_id": None,
        "parent_id": None,
        "shared": True,
        "created": "2024-06-01T12:00:00.123456789Z",
        "updated": "2024-06-02T12:00:00.123456789Z",
        "rev": 3,
        "op": "update",
        "type": None,
        "external_id": None,
        "external_ref": None,
        "is_opted_out": False,
        "tags": [5, 6],
        "note": [
            {"id": "n1", "date": "2024-06-01T12:00:00Z", "name": "Ann", "text": "hi", "user_id": 3}
        ],
    }


class PreparedTransport(httpx.BaseTransport):
    """Answers every request with prepared bytes: what is left to measure is the client."""

    def __init__(self) -> None:
        self.one = json.dumps(_contact(98765)).encode()
        self.page = json.dumps([_contact(i) for i in range(100)]).encode()
        self.headers = {"content-type": "application/json", "x-request-id": "bench"}

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = self.page if request.url.path.endswith("/list") else self.one
        return httpx.Response(200, content=body, headers=self.headers)


@dataclass(frozen=True)
class CpuCost:
    name: str
    raw_us: float
    sdk_us: float

    @property
    def ratio(self) -> float:
        return self.sdk_us / self.raw_us


def cpu_costs() -> list[CpuCost]:
    base = "https://api.heymarket.com"
    raw = httpx.Client(transport=PreparedTransport(), base_url=base)
    sdk = Heymarket(
        api_key="bench",
        requests_per_minute=None,
        http_client=httpx.Client(transport=PreparedTransport(), base_url=base),
    )

    def compare(name: str, raw_call: Callable[[], object], sdk_call: Callable[[], object],
                number: int) -> CpuCost:  # fmt: skip
        """The best of 300 short rounds each, the two sides interleaved: on a shared machine a
        short round is often one that nothing else interrupted, and load that comes and goes
        weighs on both sides alike."""
        raw_times, sdk_times = [], []
        for _ in range(300):
            raw_times.append(timeit.timeit(raw_call, number=number))
            sdk_times.append(timeit.timeit(sdk_call, number=number))
        return CpuCost(name, min(raw_times) / number * 1e6, min(sdk_times) / number * 1e6)

    body = {"limit": 100, "page": 0}
    return [
        compare(
            "contacts.get(id) vs httpx get().json()",
            lambda: raw.get("/v1/contact/98765").json(),
            lambda: sdk.contacts.get(98765),
            10,
        ),
        compare(
            "contacts_v2.list(limit=100) vs httpx post + json.loads",
            lambda: json.loads(raw.post("/v2/contacts/list", json=body).content),
            lambda: sdk.contacts_v2.list(limit=100),
            1,
        ),
    ]


# --- memory and import time, each in a fresh process ------------------------------------------


def memory_growth(n: int, surface: str = "v2") -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, "-m", "bench.memory", str(n), surface],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    result: dict[str, float] = json.loads(output.stdout)
    return result


@dataclass(frozen=True)
class ImportTime:
    httpx_us: float
    sdk_us: float
    sdk_and_client_us: float

    @property
    def ratio(self) -> float:
        return self.sdk_us / self.httpx_us


def import_times(runs: int = 9) -> ImportTime:
    """Median `-X importtime` totals in fresh interpreters, with bytecode compiled first (as a
    wheel install does), runs interleaved so machine noise hits both alike."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "compileall",
            "-q",
            str(ROOT / "heymarket_typed"),
            str(ROOT / "generated"),
        ],
        check=True,
        env=env,
    )

    def cumulative(code: str, module: str) -> float:
        run = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        line = next(
            line for line in run.stderr.splitlines() if line.rstrip().endswith(f"| {module}")
        )
        return float(line.split("|")[1])

    timings: dict[str, list[float]] = {"httpx": [], "sdk": [], "client": []}
    for _ in range(runs):
        timings["httpx"].append(cumulative("import httpx", "httpx"))
        timings["sdk"].append(cumulative("import heymarket_typed", "heymarket_typed"))
        timings["client"].append(
            _wall("import heymarket_typed; heymarket_typed.Heymarket(api_key='k')", env)
        )
    return ImportTime(*(statistics.median(timings[k]) for k in ("httpx", "sdk", "client")))


def _wall(code: str, env: dict[str, str]) -> float:
    timer = f"import time; t = time.perf_counter(); {code}; print((time.perf_counter() - t) * 1e6)"
    run = subprocess.run(
        [sys.executable, "-c", timer], capture_output=True, text=True, env=env, check=True
    )
    return float(run.stdout)
