"""Peak memory growth while exporting N realistic contacts from the in-process sandbox.

Run in its own process by `run.py`: `python -m bench.memory N v1|v2` prints JSON. The sandbox's
own store (realistic contacts: notes, tags, channels) is built first and counted in the
baseline; its log of requests is emptied as it goes, so the growth is what the client's export
adds.
"""

from __future__ import annotations

import gc
import json
import os
import sys

import httpx

from bench.exports import seeded
from heymarket_typed import Heymarket
from heymarket_typed.testing import SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY

_PAGE = os.sysconf("SC_PAGE_SIZE")


def rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * _PAGE


def main(n: int, surface: str) -> None:
    fake = seeded(n)
    http = httpx.Client(transport=fake.transport(), base_url="https://api.heymarket.com")
    with Heymarket(
        secret_id=SANDBOX_SECRET_ID,
        secret_key=SANDBOX_SECRET_KEY,
        http_client=http,
        requests_per_minute=None,
    ) as client:
        resource = client.contacts if surface == "v1" else client.contacts_v2
        list(resource.iter(max_items=1))  # load the code before the baseline
        gc.collect()
        baseline = peak = rss()
        count = 0
        for count, _contact in enumerate(resource.iter(), start=1):
            if count % 500 == 0:
                fake.clear_requests()
                peak = max(peak, rss())
        peak = max(peak, rss())
    if count != n:
        raise AssertionError(f"{count} contacts of {n}")
    print(
        json.dumps(
            {
                "contacts": n,
                "surface": surface,
                "growth_mb": (peak - baseline) / 2**20,
                "baseline_mb": baseline / 2**20,
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "v2")
