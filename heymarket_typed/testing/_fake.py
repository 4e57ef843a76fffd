"""`FakeHeymarket`: the public face of the stand-in, wiring its parts together."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any

import httpx

from heymarket_typed.testing._args import number
from heymarket_typed.testing._engine import Engine
from heymarket_typed.testing._faults import Fault, FaultQueue
from heymarket_typed.testing._history import Write
from heymarket_typed.testing._ids import RequestIds
from heymarket_typed.testing._jwt import (
    SANDBOX_API_KEY,
    SANDBOX_SECRET_ID,
    SANDBOX_SECRET_KEY,
    Authenticator,
)
from heymarket_typed.testing._listing import DateBound
from heymarket_typed.testing._ratelimit import Quota, RateLimitHeaders, Window
from heymarket_typed.testing._recording import RecordedRequest, Recorder
from heymarket_typed.testing._router import Router
from heymarket_typed.testing._routes_v1 import ROUTES as ROUTES_V1
from heymarket_typed.testing._routes_v2 import ROUTES as ROUTES_V2
from heymarket_typed.testing._server import SandboxServer
from heymarket_typed.testing._store import ContactStore
from heymarket_typed.testing._timestamps import Precision
from heymarket_typed.testing._transport import AsyncFakeTransport, FakeTransport

DEFAULT_SEED_PHONE = 15550100000
"""The first phone `seed()` gives out; the others follow it."""


class FakeHeymarket:
    """A stateful, in-memory Heymarket Contacts API: all 19 v1 and v2 contact endpoints.

    Point an httpx client at `transport()` (or `async_transport()`, or the URL of `serve()`)
    with base URL `https://api.heymarket.com`, and it behaves like the real API: JWT and
    legacy-key authentication, the documented validation and error statuses, `X-Request-Id`
    on every response, an optional rate limit and latency, and faults injected on demand.

    Args:
        secret_id: The accepted API secret id.
        secret_key: The accepted API secret key; `secret_id + "||" + secret_key` signs JWTs
            and must be at least 32 bytes.
        api_key: The accepted legacy team key, or None to refuse legacy authentication.
        latency: Seconds added to every request.
        rate_limit: Requests per second, or a `Quota` (which several fakes may share, as two
            integrations of one team share its quota), or None for no limit.
        burst: The token bucket's capacity; `max(1, rate_limit)` by default (one second's
            worth). Only with a number as `rate_limit`.
        window: The limit's shape: "token_bucket", or a one-second "fixed" or "sliding"
            window of `rate_limit` requests. Only with a number as `rate_limit`.
        retry_after: Whether a 429 carries `Retry-After` (whole seconds until a request fits).
        rate_limit_headers: "x-ratelimit" (`X-RateLimit-Limit/-Remaining/-Reset`), "ietf"
            (`RateLimit` and `RateLimit-Policy`) on every response, or None (the real API's
            way: it documents none).
        clock: Wall-clock seconds, for JWT `iat` checks, contact timestamps and the `Date`
            header. A number as `rate_limit` runs on `time.monotonic`; to drive the limit
            with a test's clock too, give a `Quota(..., clock=...)`.
        clock_offset: Seconds added to `clock` for everything the server stamps or checks:
            a server whose clock differs from the client's.
        seed: Makes contact UUIDs and request ids the same on every run.

    The API documents neither how a `date` bound treats a contact updated exactly at it, nor
    how finely `updated` is kept, nor how soon a write is listed; these switches pick one
    answer each, so that code can be checked against every combination:

    Args:
        date_bound: "inclusive": `date` in v1 list, v2 list and count includes contacts updated
            exactly at it; "exclusive": excludes them; None (default): v1's cursor includes
            them, v2's and count's `date` exclude them.
        timestamp_precision: "s", "ms", "us" or "ns" (default): the fractional digits (0, 3,
            6, 9) `updated` keeps and is written with; `date` values are truncated to it.
            Writes are stamped from a strictly increasing nanosecond clock cut to this
            precision, so at a coarse one several writes can share a timestamp.
        visibility_delay: Seconds after its stamp before a write is listed or counted (the
            listing lags the writes; `get` sees them at once; deletes are not delayed).
            Contacts given an explicit `updated` (`add_contact`, `seed`) are listed at once,
            so a test can list a contact stamped after a write that is not visible yet (the
            way writes from servers with different clocks or commit times interleave).

    Raises:
        ValueError: The JWT signing key is too short, or a limit or switch is out of range.
    """

    def __init__(
        self,
        *,
        secret_id: str = SANDBOX_SECRET_ID,
        secret_key: str = SANDBOX_SECRET_KEY,
        api_key: str | None = SANDBOX_API_KEY,
        latency: float = 0.0,
        rate_limit: float | Quota | None = None,
        burst: float | None = None,
        window: Window = "token_bucket",
        retry_after: bool = True,
        rate_limit_headers: RateLimitHeaders | None = None,
        clock: Callable[[], float] = time.time,
        clock_offset: float = 0.0,
        seed: int = 0,
        date_bound: DateBound | None = None,
        timestamp_precision: Precision = "ns",
        visibility_delay: float = 0.0,
    ) -> None:
        latency = number("latency", latency, at_least=0)
        clock_offset = number("clock_offset", clock_offset)
        visibility_delay = number("visibility_delay", visibility_delay, at_least=0)
        if rate_limit_headers not in (None, "x-ratelimit", "ietf"):
            raise ValueError(
                f"rate_limit_headers must be 'x-ratelimit', 'ietf' or None, "
                f"got {rate_limit_headers!r}"
            )
        quota: Quota | None
        if rate_limit is None or isinstance(rate_limit, Quota):
            if burst is not None or window != "token_bucket":
                raise ValueError(
                    "burst and window shape a rate_limit given as a number; a Quota has its own"
                    if rate_limit is not None
                    else "burst and window need a rate_limit (requests a second)"
                )
            quota = rate_limit
        else:
            quota = Quota(number("rate_limit", rate_limit), burst=burst, window=window)
        local_clock = clock

        def offset_clock() -> float:
            return local_clock() + clock_offset

        server_clock = offset_clock if clock_offset else local_clock
        self._clock = clock  # the client's wall clock, which bound test clients follow
        self._store = ContactStore(
            clock=server_clock,
            seed=seed,
            precision=timestamp_precision,
            date_bound=date_bound,
            visibility_delay=visibility_delay,
        )
        self._faults = FaultQueue()
        self._recorder = Recorder()
        self._engine = Engine(
            store=self._store,
            router=Router((*ROUTES_V1, *ROUTES_V2)),
            authenticator=Authenticator(secret_id, secret_key, api_key, server_clock),
            quota=quota,
            retry_after=retry_after,
            limit_headers=rate_limit_headers,
            clock=server_clock,
            faults=self._faults,
            recorder=self._recorder,
            request_ids=RequestIds(seed),
            latency=latency,
        )
        self._store.request_number = self._engine.request_number

    # Front ends

    def transport(self) -> httpx.BaseTransport:
        """An in-process transport for `httpx.Client(transport=..., base_url=...)`."""
        return FakeTransport(self._engine)

    def async_transport(self) -> httpx.AsyncBaseTransport:
        """An in-process transport for `httpx.AsyncClient`; latency does not block the loop."""
        return AsyncFakeTransport(self._engine)

    def serve(self, host: str = "127.0.0.1", port: int = 0) -> SandboxServer:
        """Serves the fake over HTTP on a background thread; close the result when done."""
        return SandboxServer(self._engine, host, port, clock=self._clock)

    # Data

    def add_contact(self, **fields: Any) -> dict[str, Any]:
        """Stores one contact directly, without a request, and returns a copy of it.

        Any `Contact` field may be given. `id` and `uuid` are assigned unless given;
        `updated` and `created` given as strings are kept exactly (so a test can make several
        contacts share one timestamp), otherwise they are stamped like a write. Explicit
        timestamps do not move the clock of later writes.

        Raises:
            ValueError: The `id` or `uuid` is taken, or `updated` is not RFC 3339.
        """
        return self._store.create(fields)

    def seed(
        self,
        n: int,
        *,
        updated: str | None = None,
        phone_start: int = DEFAULT_SEED_PHONE,
        fields: Callable[[int], Mapping[str, Any]] | None = None,
    ) -> None:
        """Stores `n` synthetic contacts at once (200,000 take a second or two).

        Contact `id` is named "Contact <id>" and has phone `phone_start + i` for the i-th
        seeded contact.

        Args:
            n: How many contacts to add.
            updated: An RFC 3339 time every seeded contact gets as `created` and `updated`,
                exactly as given, to build pages of equal timestamps; by default each contact
                gets its own increasing write timestamp.
            phone_start: The first phone number.
            fields: More fields for the i-th seeded contact (from 0), stored as given over
                the defaults (channel records included), e.g. to seed realistic contacts.
                Returned values may be shared between contacts: they are never mutated.

        Raises:
            TypeError: `n` is not an int.
            ValueError: `n` is negative or `updated` is not RFC 3339.
        """
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError(f"n must be an int, not {type(n).__name__}")
        if n < 0:
            raise ValueError(f"n must not be negative, got {n}")
        self._store.seed(n, updated=updated, phone_start=phone_start, fields=fields)

    def update_contact(self, contact_id: int, **changes: Any) -> dict[str, Any]:
        """Writes to one contact directly, without a request, and returns a copy of it.

        Like any write it gets a new `updated` and `rev`; `changes` sets fields (system
        fields such as `id` and `updated` are ignored).

        Raises:
            KeyError: No contact has that id.
        """
        return self._store.update(contact_id, changes)

    def delete_contact(self, contact_id: int) -> bool:
        """Deletes one contact directly, without a request; returns whether it existed."""
        return self._store.delete(contact_id)

    def add_contact_field(self, title: str) -> dict[str, Any]:
        """Defines a custom contact field, listed by `POST /v1/contact-fields`; returns it."""
        return self._store.add_field(title)

    def contacts(self) -> list[dict[str, Any]]:
        """Copies of every stored contact, by id."""
        return self._store.all()

    # Live account: scheduled writes and their history

    def on_request(self, n: int, action: Callable[[FakeHeymarket], object]) -> None:
        """Runs `action(self)` just before answering the n-th request received (numbered from
        1 over the fake's life, every request counted, refused or not).

        Writes made by actions keyed on request numbers replay the same way whenever the
        requests arrive in the same order. Several actions for one request run in the order
        they were added. An action that raises is logged and that request is answered 500.

        Raises:
            ValueError: `n` is below 1 or the n-th request has arrived already.
        """
        self._engine.on_request(n, lambda: action(self))

    @property
    def request_count(self) -> int:
        """How many requests have arrived so far (`clear_requests` does not reset it)."""
        return self._engine.received

    @property
    def history(self) -> list[Write]:
        """Every write applied (seeding, `add_contact`, requests, actions), oldest first,
        each with the number of the request it was made during: see `Write`."""
        return self._store.history.writes()

    # Faults and the request log

    def inject(
        self, fault: Fault, *, times: int = 1, method: str | None = None, path: str | None = None
    ) -> None:
        """Inflicts `fault` on the next `times` requests matching `method` and exact `path`.

        Faults fire in the order they were injected. Requests refused by authentication or
        the rate limit do not consume them; connect errors fire before both.

        Raises:
            ValueError: `times` is below one.
        """
        self._faults.inject(fault, times=times, method=method, path=path)

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received, in order of arrival (connect errors never arrive)."""
        return self._recorder.requests()

    def clear_requests(self) -> None:
        """Empties the request log."""
        self._recorder.clear()
