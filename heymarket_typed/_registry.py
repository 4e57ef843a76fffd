"""What the clients of one server share in a process (a pacer, the server's clock), by key.

A client built per unit of work (`with Heymarket(...) as client:` per web request, per cron
run) would otherwise start from nothing each time: its first calls draw the 401 of a skewed
clock, or the 429s of a rate already learned. So the value outlives its clients: a weak
registry shares it while any client uses it, and the `KEEP` most recently used are also held
strongly (least recently used dropped first), so memory stays bounded however many keys come.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from typing import Any, Generic, TypeVar

V = TypeVar("V")

KEEP = 64
"""Values held after their last client is gone: the most recently used keys'."""


class Registry(Generic[V]):
    """Values by key: shared while in use, and the `keep` most recently used kept beyond that.

    Keys outlive the clients that made them, so they must hold no secret (a credential is
    keyed by its fingerprint). Thread-safe.
    """

    def __init__(self, *, keep: int = KEEP, in_use: Callable[[V], bool] | None = None) -> None:
        """`in_use(value)`: whether an open client still uses a value nothing else holds
        (None: any value a client holds is in use); `reset` keeps those."""
        self._live: weakref.WeakValueDictionary[Hashable, V] = weakref.WeakValueDictionary()
        self._kept: OrderedDict[Hashable, V] = OrderedDict()
        self._keep = keep
        self._lock = threading.Lock()
        self._in_use = in_use
        _registries.add(self)

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        """The value of `key`, made by `make()` if no client uses one and none is kept."""
        with self._lock:
            value = self._live.get(key)
            if value is None:
                value = self._kept.get(key)
            if value is None:
                value = make()
            self._live[key] = value
            self._kept[key] = value
            self._kept.move_to_end(key)
            while len(self._kept) > self._keep:
                self._kept.popitem(last=False)
            return value

    def __iter__(self) -> Iterator[Hashable]:
        """Every key with a value, live or kept."""
        with self._lock:
            return iter({*self._live.keys(), *self._kept})

    def reset(self) -> None:
        """Drops every value but those open clients use: a client built after it shares
        nothing with the clients that were closed before it, even those not yet collected,
        and still shares with those open."""
        with self._lock:
            self._kept.clear()
            in_use = self._in_use
            if in_use is not None:
                for key, value in list(self._live.items()):
                    if not in_use(value):
                        del self._live[key]


_registries: weakref.WeakSet[Registry[Any]] = weakref.WeakSet()


class Lease:
    """An open client's hold on a shared value, closed with the client (or collected)."""

    def __init__(self, holders: weakref.WeakSet[Lease], lock: threading.Lock) -> None:
        self._holders, self._lock = holders, lock

    def close(self) -> None:
        with self._lock:
            self._holders.discard(self)


class Leased:
    """A shared value that knows whether an open client holds it (`Registry(in_use=...)`)."""

    def __init__(self) -> None:
        self._leases: weakref.WeakSet[Lease] = weakref.WeakSet()
        self._leases_lock = threading.Lock()

    def join(self) -> Lease:
        """A lease for a client: close it when the client closes."""
        with self._leases_lock:
            lease = Lease(self._leases, self._leases_lock)
            self._leases.add(lease)
            return lease

    def in_use(self) -> bool:
        """Whether a lease is open."""
        with self._leases_lock:
            return bool(self._leases)


def reset_all() -> None:
    """`Registry.reset` on every registry: what the pytest plugin runs before each test, so
    what one test's closed clients learned (a rate, a skewed clock) never reaches the next
    test's, while clients still open (a module's fixture) keep sharing with new ones."""
    for registry in list(_registries):
        registry.reset()
