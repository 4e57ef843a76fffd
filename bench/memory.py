"""Peak memory growth while iterating N contacts from the in-process sandbox.

Run in its own process by `run.py`: `python bench/memory.py N` prints JSON. The sandbox's own
store is built first and counted in the baseline; its log of requests is emptied as it goes, so
the growth is what the client's iterating adds.
"""

from __future__ import annotations

import gc
import json
import os
import sys

import httpx

from heymarket_typed import Heymarket
from heymarket_typed.testing import SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, FakeHeymarket

_PAGE = os.sysconf("SC_PAGE_SIZE")


def rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * _PAGE


def main(n: int) -> None:
    fake = FakeHeymarket()
    fake.seed(n)
    http = httpx.Client(transport=fake.transport(), base_url="https://api.heymarket.com")
    with Heymarket(
        secret_id=SANDBOX_SECRET_ID,
        secret_key=SANDBOX_SECRET_KEY,
        http_client=http,
        requests_per_minute=None,
    ) as client:
        client.contacts_v2.list(limit=1)  # load the code before the baseline
        gc.collect()
        baseline = peak = rss()
        count = 0
        for count, _contact in enumerate(client.contacts_v2.iter(), start=1):
            if count % 500 == 0:
                fake.clear_requests()
                peak = max(peak, rss())
        peak = max(peak, rss())
    if count != n:
        raise AssertionError(f"{count} contacts of {n}")
    print(
        json.dumps(
            {"contacts": n, "growth_mb": (peak - baseline) / 2**20, "baseline_mb": baseline / 2**20}
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]))
