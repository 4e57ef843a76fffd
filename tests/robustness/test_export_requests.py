"""What an export costs with nothing changing: DESIGN's request bound, and no requests past
the end. Requests are counted by the sandbox, every list and count request included."""

from __future__ import annotations

import json
import math
from typing import Any

import httpx
import pytest

from heymarket_typed import Heymarket
from heymarket_typed._settings import clock_for_new_clients
from heymarket_typed.testing import SANDBOX_API_KEY, FakeHeymarket
from heymarket_typed.testing._timestamps import format_ns
from tests.robustness.exports import BASE_URL, LIST_PATHS, FarClock, request_bound

T0 = 1_717_243_200.0
START_NS = 1_714_557_600 * 10**9
"""2024-05-01T10:00:00Z, the oldest contact's `updated`."""


class PageSizes(httpx.BaseTransport):
    """Passes requests to the sandbox and notes how many contacts each list page held."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.sizes: list[int] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.url.path in LIST_PATHS:
            response.read()
            self.sizes.append(len(json.loads(response.content)))
        return response


@pytest.mark.parametrize("surface", ["v1", "v2"])
@pytest.mark.parametrize("ascending", [True, False])
@pytest.mark.parametrize("concurrency", [1, 8])
@pytest.mark.parametrize(
    "case",
    [
        (0, 100, 1),
        (1, 100, 1),
        (30, 30, 1),
        (31, 30, 1),
        (250, 100, 1),
        (250, 100, 5),
        (1000, 100, 1),
        (2500, 100, 1),
        (25, 3, 1),
        (1001, 10, 3),
        (2000, 10, 1),
    ],
)
@pytest.mark.parametrize("date_bound", [None, "inclusive", "exclusive"])
def test_an_export_with_nothing_changing_stays_within_the_request_bound(
    surface: str, ascending: bool, concurrency: int, case: tuple[int, int, int], date_bound: Any
) -> None:
    """`case`: (contacts, page size, contacts per `updated` timestamp)."""
    n, page_size, ties = case
    fake = FakeHeymarket(clock=lambda: T0, date_bound=date_bound)
    for group in range(math.ceil(n / ties)):
        size = min(ties, n - group * ties)
        stamp = format_ns(START_NS + group * 10**8)  # 0.1 s apart
        fake.seed(size, updated=stamp, phone_start=15550000000 + group * ties)
    counting = PageSizes(fake.transport())
    with clock_for_new_clients(FarClock()):  # as across a network: every reader reads
        sdk = Heymarket(
            api_key=SANDBOX_API_KEY,
            requests_per_minute=None,
            max_retries=0,
            http_client=httpx.Client(transport=counting, base_url=BASE_URL),
        )
    with sdk:
        resource = sdk.contacts if surface == "v1" else sdk.contacts_v2
        ids = [
            c.id
            for c in resource.iter(
                page_size=page_size, ascending=ascending, concurrency=concurrency
            )
        ]

    assert sorted(ids) == list(range(1001, 1001 + n))
    sent = len(fake.requests)
    bound = request_bound(n, page_size, concurrency)
    assert sent <= bound, f"{sent} requests for {n} contacts, bound {bound}"
    assert fake.request_count == sent
    # Past the end: pages that came back empty (at most the one that shows the end).
    empty = counting.sizes.count(0)
    assert empty <= 1, f"{empty} empty pages of {counting.sizes}"
