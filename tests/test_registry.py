"""The registry of what clients of one server share: shared while in use, the most recent kept."""

from __future__ import annotations

import gc
import weakref

from heymarket_typed._registry import Registry, reset_all


class Value:
    """Something shared (a pacer, a server clock)."""


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
    registry.forget()
    gc.collect()
    assert kept() is None
    assert registry.get("a", Value) is in_use


def test_a_reset_drops_values_in_use_too_and_reaches_every_registry() -> None:
    registry: Registry[Value] = Registry()
    in_use = registry.get("a", Value)
    reset_all()
    assert registry.get("a", Value) is not in_use
