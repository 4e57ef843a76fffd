"""A rate-limited sandbox of realistic contacts in a process of its own, for the export rows.

The API runs on other machines: a sandbox serving from the client's own process would share
its interpreter lock, and its JSON encoding would be timed as the client's. So
`python -m bench.server N RATE BURST LATENCY WRITES` seeds N realistic contacts, schedules
WRITES updates (one just before each of the first requests), prints its URL, and serves until
its standard input closes; each line read on standard input is answered with a JSON line of
what it has seen so far: `{"requests": ..., "too_many": ...}`.
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from collections.abc import Callable

from bench.exports import realistic
from heymarket_typed.testing import FakeHeymarket


def updater(contact_id: int) -> Callable[[FakeHeymarket], object]:
    return lambda fake: fake.update_contact(contact_id, first="Changed")


def main(n: int, rate: float, burst: float, latency: float, writes: int) -> None:
    fake = FakeHeymarket(rate_limit=rate, burst=burst, latency=latency)
    fake.seed(n, fields=realistic)
    targets = random.Random(n).sample(range(1001, 1001 + n), writes)
    for number, contact_id in enumerate(targets, start=1):
        fake.on_request(number, updater(contact_id))
    with fake.serve(host="127.0.0.1", port=0) as server:
        print(json.dumps({"url": server.url, "targets": targets}), flush=True)
        for _ in sys.stdin:
            statuses = Counter(request.status for request in fake.requests)
            print(json.dumps({"requests": fake.request_count, "too_many": statuses[429]}))
            sys.stdout.flush()


if __name__ == "__main__":
    count, rate, burst, latency, writes = sys.argv[1:6]
    main(int(count), float(rate), float(burst), float(latency), int(writes))
