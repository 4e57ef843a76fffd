"""How many list requests an export keeps in flight: rate x round trip, from measured trips."""

from __future__ import annotations

import httpx
import pytest

from heymarket_typed import Heymarket
from heymarket_typed._throughput import RoundTrips
from heymarket_typed.testing import SANDBOX_API_KEY, FakeHeymarket


def test_an_unpaced_client_fills_a_long_round_trip_with_every_reader_a_short_one_with_one() -> None:
    far = RoundTrips(None)
    far.record(0.3)
    assert far.readers(8) == 8
    near = RoundTrips(None)
    near.record(0.004)  # a sandbox in the same process: work, not waiting
    assert near.readers(8) == 1


def test_until_a_round_trip_is_known_one_request_goes_out() -> None:
    assert RoundTrips(lambda: 20.0).readers(8) == 1
    assert RoundTrips(None).readers(8) == 1


@pytest.mark.parametrize(
    ("rate", "trip", "readers"),
    [(20.0, 0.3, 8), (20.0, 0.01, 1), (8.3, 0.3, 4), (20.0, 0.15, 4), (100.0, 1.0, 8)],
)
def test_readers_cover_the_rate_times_the_round_trip_with_headroom(
    rate: float, trip: float, readers: int
) -> None:
    trips = RoundTrips(lambda: rate)
    trips.record(trip)
    assert trips.readers(8) == readers


def test_the_round_trip_is_a_moving_average_that_ignores_nonsense() -> None:
    trips = RoundTrips(lambda: 10.0)
    trips.record(0.1)
    trips.record(float("nan"))
    trips.record(-1.0)
    assert trips.average == pytest.approx(0.1)
    for _ in range(40):
        trips.record(0.5)
    assert trips.average == pytest.approx(0.5, rel=0.01)


def test_the_transport_records_each_answered_round_trip() -> None:
    fake = FakeHeymarket()
    fake.seed(3)
    with Heymarket(
        api_key=SANDBOX_API_KEY,
        http_client=httpx.Client(transport=fake.transport(), base_url="https://sandbox.invalid"),
    ) as client:
        trips = client._settings.round_trips
        before = trips.average
        client.contacts.list(limit=2)
        after = trips.average
    assert before is None
    assert after is not None
    assert after >= 0
