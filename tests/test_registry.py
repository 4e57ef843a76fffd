"""The registry of what clients of one server share: shared while in use, the most recent kept."""

from __future__ import annotations

import gc
import weakref

from heymarket_typed import Heymarket
from heymarket_typed._auth import JWTAuth
from heymarket_typed._clock import ServerClock
from heymarket_typed._pacing import Pacer
from heymarket_typed._registry import Registry, reset_all


class Value:
    """Something shared (a pacer, a server clock)."""

    open = False  # whether an open client uses it


def test_the_most_recently_used_values_outlive_their_users() -> None:
    registry: Registry[Value] = Registry(keep=2)
    made = {key: weakref.ref(registry.get(key, Value)) for key in "abc"}
    gc.collect()
    assert made["a"]() is None  # the least recently used, and no one uses it
    assert made["b"]() is registry.get("b", Value)
    assert made["c"]() is registry.get("c", Value)


def test_getting_a_value_makes_it_the_most_recently_used() -> None:
    registry: Registry[Value] = Registry(keep=2)
    first = weakref.ref(registry.get("a", Value))
    registry.get("b", Value)
    registry.get("a", Value)
    registry.get("c", Value)
    gc.collect()
    assert first() is registry.get("a", Value)
    assert sorted(map(str, registry)) == ["a", "c"]


def test_a_value_in_use_stays_shared_after_it_is_no_longer_kept() -> None:
    registry: Registry[Value] = Registry(keep=1)
    in_use = registry.get("a", Value)
    for key in range(10):
        registry.get(key, Value)
    assert registry.get("a", Value) is in_use


def test_forgetting_drops_the_kept_values_not_those_in_use() -> None:
    registry: Registry[Value] = Registry()
    in_use = registry.get("a", Value)
    kept = weakref.ref(registry.get("b", Value))
    registry.reset()  # no notion of open: whatever a client holds stays
    gc.collect()
    assert kept() is None
    assert registry.get("a", Value) is in_use


def test_a_reset_keeps_only_what_open_clients_use_in_every_registry() -> None:
    """A value a closed client's object still holds (not yet collected) is dropped, so a
    client built after the reset starts afresh; one an open client uses stays shared."""
    registry: Registry[Value] = Registry(in_use=lambda value: value.open)
    open_, closed = registry.get("open", Value), registry.get("closed", Value)
    open_.open = True
    plain: Registry[Value] = Registry()  # no notion of open: whatever is held stays
    held = plain.get("held", Value)
    kept = weakref.ref(plain.get("kept", Value))
    reset_all()
    gc.collect()
    assert registry.get("open", Value) is open_
    assert registry.get("closed", Value) is not closed
    assert plain.get("held", Value) is held
    assert kept() is None


def test_after_a_reset_a_new_client_shares_with_open_clients_not_closed_ones() -> None:
    """The pytest plugin resets before each test: a module's open client and a test's new one
    must still share one pacer (one quota) and one server clock, and a closed client's
    learning must not reach the new one, even while the closed client is still referenced
    (a failed test's traceback, a list, a reference cycle)."""
    with _client() as open_client:
        closed = _client()
        closed.close()
        reset_all()
        with _client() as new:
            assert _shared(new) == _shared(open_client)
    reset_all()
    with _client() as newer:
        assert _shared(newer)[0] is not _shared(open_client)[0]
        assert _shared(newer)[1] is not _shared(open_client)[1]
        assert _shared(newer) != _shared(closed)


def test_closing_a_client_closes_its_copies_holds_on_what_it_shares() -> None:
    """A `with_options` copy left open would keep the pacer and clock in use (shared with the
    next test's clients) though closing the original closed the pool they share."""
    client = _client()
    copy = client.with_options(max_retries=5).with_options(timeout=3)
    client.close()
    pacer, clock = _shared(copy)
    assert not pacer.in_use()
    assert not clock.in_use()


def _shared(client: Heymarket) -> tuple[Pacer, ServerClock]:
    pacer, auth = client._settings.pacer, client._settings.auth
    assert pacer is not None
    assert isinstance(auth, JWTAuth)
    return pacer, auth.server_clock


def _client() -> Heymarket:
    return Heymarket(secret_id="registry-test-id", secret_key="k" * 32)
