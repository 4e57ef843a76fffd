"""The transport every request goes through: pacing, retries and logging (`_hooks` turns the
final response into a typed error).

The transport wraps the one that does the I/O, so it applies to every request the client sends,
including those made through `client.api` and the 401 retry of the auth flow. The decisions
live in `_Attempts`; the sync and async transports only send and sleep. A wait for a pacing
slot comes before the request is handed to httpx's own transport, so it is no part of any
httpx timeout.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx

from ._clock import Clock
from ._constants import REQUEST_ID_HEADER
from ._exceptions import (
    APIConnectionError,
    APITimeoutError,
    client_closed,
    scrub_in_place,
    sensitive_header,
)
from ._hooks import delivered
from ._limits import limits, retry_after, server_now
from ._pacing import Lane, Pacer, Ticket
from ._ratecontrol import SPENT_WAIT
from ._registry import Lease
from ._retry import RetryPolicy
from ._throughput import RoundTrips

logger = logging.getLogger("heymarket_typed")

PACING_POLL = 0.25
"""Longest single sleep while waiting for a pacing slot, in seconds (see `pacing_sleeps`)."""


@dataclass
class _Call:
    """One request's way through its attempts."""

    attempt: int = 0
    """Retries so far (those `max_retries` counts)."""
    started: float = 0.0
    """When it began, its first wait for a slot included (monotonic seconds)."""


class _Attempts:
    """What to do around each attempt at a request. Shared by the sync and async transports."""

    def __init__(
        self,
        policy: RetryPolicy,
        pacer: Pacer | None,
        clock: Clock,
        sign: Callable[[httpx.Request], None] | None,
        observe: Callable[[httpx.Response], None] | None,
        *,
        round_trips: RoundTrips | None = None,
        lane: Lane | None = None,
        lease: Lease | None = None,
    ) -> None:
        self.policy = policy
        self.pacer = pacer
        self.clock = clock
        self.sign = sign
        self.observe = observe
        self.round_trips = round_trips
        self.lane = lane
        self.closed = False
        self.lease = lease  # on the server clock: the reset between tests keeps it while open

    def timed(self, outcome: httpx.Response | httpx.TransportError, seconds: float) -> None:
        """A response's round trip (pacing waits excluded), for exports' `readers()`."""
        ok = isinstance(outcome, httpx.Response) and outcome.status_code < 400
        if self.round_trips is not None and ok:
            self.round_trips.record(seconds)

    def reserve(self) -> Ticket | None:
        """A place in the pacer's schedule: wait `pacing_delay(ticket)` until it is due."""
        if self.closed:  # closed while its call was in flight: send nothing more
            raise client_closed()
        return self.pacer.reserve(self.lane) if self.pacer is not None else None

    def pacing_delay(self, ticket: Ticket | None, slept_for: int | None) -> tuple[float, int]:
        """Seconds to wait for `ticket`'s slot, and what to pass as `slept_for` after."""
        if self.pacer is None or ticket is None:
            return 0.0, 0
        if ticket.withdrawn:
            raise client_closed()
        return self.pacer.delay(ticket, slept_for)

    def close(self) -> None:
        """The client closed: its requests still waiting for a slot give it up and raise the
        closed-client error (as httpx refuses to send once closed), as do calls in flight
        instead of their next retry, and its ceiling lapses."""
        self.closed = True
        if self.lane is not None:
            self.lane.close()
        if self.lease is not None:
            self.lease.close()

    def pacing_sleeps(self, ticket: Ticket | None) -> Iterator[float]:
        """The sleeps until `ticket`'s slot, each at most `PACING_POLL` seconds: a slot that
        moves earlier (one given back by a cancelled call) is seen within that, not at the
        end of a long sleep. Finite even on a clock whose sleeps return at once (tests)."""
        wait, version = self.pacing_delay(ticket, None)
        while wait > 0:
            step = min(wait, PACING_POLL)
            yield step
            if step < wait:
                again, _ = self.pacing_delay(ticket, None)
                wait = min(again, wait - step)
            else:
                wait, version = self.pacing_delay(ticket, version)

    def backoff_sleeps(self, delay: float) -> Iterator[float]:
        """A retry's backoff of `delay` seconds in steps of at most `PACING_POLL`: a client
        closed meanwhile ends the call within a step, with the closed-client error, rather
        than after the whole backoff (up to 8 s).

        Raises:
            HeymarketError: the client closed during the backoff.
        """
        whole, rest = divmod(delay, PACING_POLL)
        for step in [PACING_POLL] * int(whole) + ([rest] if rest > 0 else []):
            if self.closed:
                raise client_closed()
            yield step

    def abandon(self, ticket: Ticket | None) -> None:
        """The wait was cancelled or failed: the slot goes to the next request."""
        if self.pacer is not None and ticket is not None:
            self.pacer.release(ticket)

    def ready(self, request: httpx.Request, ticket: Ticket | None) -> None:
        """Called after the waits, just before sending: a token signed before them may be stale."""
        if self.pacer is not None and ticket is not None:
            self.pacer.sent(ticket)
        if self.sign is not None:
            self.sign(request)

    def learn(
        self, ticket: Ticket | None, outcome: httpx.Response | httpx.TransportError
    ) -> float | None:
        """What a response says about the server's clock and its rate limit.

        Returns:
            For a 429 that found the quota spent, how long it has been (`Pacer.throttled`);
            else None.
        """
        if not isinstance(outcome, httpx.Response):
            self.abandon(ticket)  # no answer: if others wait for one, the next goes instead
            return None
        if self.observe is not None:
            self.observe(outcome)
        if self.pacer is None or ticket is None:
            return None
        headers = outcome.headers
        now = server_now(headers, self.clock.time())
        spent_for = None
        if outcome.status_code == 429:
            spent_for = self.pacer.throttled(ticket, retry_after(headers.get("Retry-After"), now))
        else:
            self.pacer.succeeded(ticket)
        hints = limits(headers, now)
        if hints:
            self.pacer.advise(
                ticket,
                policy_rate=hints.policy_rate,
                remaining=hints.remaining,
                reset=hints.reset,
            )
        return spent_for

    def retry_delay(
        self,
        request: httpx.Request,
        outcome: httpx.Response | httpx.TransportError,
        call: _Call,
        elapsed: float,
        *,
        spent_for: float | None = None,
    ) -> float | None:
        """Seconds to wait before the next attempt, or None when `outcome` is final.

        A 429 that found the quota spent (`spent_for` seconds ago) is no retry: the pacer
        holds every request until the server may take one, so resending is waiting for a
        slot (unless `max_retries` is 0: then no 429 is resent). Spent for longer than
        `SPENT_WAIT` (since the pacer or this call first found it so), the quota is not a
        window's, and the 429 is final.

        Raises:
            APIConnectionError: the final outcome is a network failure (APITimeoutError for a
                timeout).
        """
        attempt = call.attempt
        if isinstance(outcome, httpx.TransportError):
            delay = self.policy.delay_after_error(request, outcome, attempt)
            if delay is None:
                error = _connection_error(request, outcome)
                scrub_in_place(request)  # also `outcome.request`, chained as the cause
                raise error from outcome
            reason = f"{type(outcome).__name__}: {outcome}"
        else:
            _log_response(request, outcome, elapsed)
            if spent_for is not None:
                # Spent for `SPENT_WAIT` (pacer-wide, or for this call across short spells
                # of a quota that keeps coming back for a moment): not a window's.
                waited = max(spent_for, self._waited(call))
                if waited > SPENT_WAIT or self.policy.max_retries == 0:
                    logger.info(
                        "Not resending %s %s: the rate limit's quota has been spent for %.0f s",
                        request.method,
                        request.url,
                        waited,
                    )
                    return None
                logger.info(
                    "Resending %s %s when the rate limit's quota is back (429, not a retry)",
                    request.method,
                    request.url,
                )
                return 0.0
            delay = self.policy.delay_after_response(request, outcome, attempt)
            if delay is None:
                return None
            reason = f"status {outcome.status_code}"
        logger.info(
            "Retrying %s %s in %.2f s (retry %d of %d) after %s",
            request.method,
            request.url,
            delay,
            attempt + 1,
            self.policy.max_retries,
            reason,
        )
        call.attempt += 1
        return delay

    def _waited(self, call: _Call) -> float:
        """Seconds since `call` began (a spent quota's turns come round slowly)."""
        return self.clock.monotonic() - call.started


class RetryingTransport(httpx.BaseTransport):
    def __init__(
        self,
        inner: httpx.BaseTransport,
        *,
        policy: RetryPolicy,
        pacer: Pacer | None,
        clock: Clock,
        sign: Callable[[httpx.Request], None] | None = None,
        observe: Callable[[httpx.Response], None] | None = None,
        round_trips: RoundTrips | None = None,
        lane: Lane | None = None,
        lease: Lease | None = None,
        owns_inner: bool = True,
    ) -> None:
        self._inner = inner
        self._attempts = _Attempts(
            policy, pacer, clock, sign, observe, round_trips=round_trips, lane=lane, lease=lease
        )
        self._owns_inner = owns_inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        attempts = self._attempts
        clock = attempts.clock
        call = _Call(started=clock.monotonic())
        while True:
            ticket = attempts.reserve()
            try:
                for step in attempts.pacing_sleeps(ticket):
                    clock.sleep(step)
            except BaseException:
                attempts.abandon(ticket)
                raise
            attempts.ready(request, ticket)
            started = clock.monotonic()
            outcome: httpx.Response | httpx.TransportError
            try:
                outcome = self._inner.handle_request(request)
                outcome.request = request
            except httpx.TransportError as error:
                outcome = error
            except BaseException:  # cancelled in flight: no answer will come
                attempts.abandon(ticket)
                raise
            elapsed = clock.monotonic() - started
            attempts.timed(outcome, elapsed)
            spent_for = attempts.learn(ticket, outcome)
            delay = attempts.retry_delay(request, outcome, call, elapsed, spent_for=spent_for)
            if delay is None:
                break
            if isinstance(outcome, httpx.Response):
                outcome.close()
            for step in attempts.backoff_sleeps(delay):
                clock.sleep(step)
        assert isinstance(outcome, httpx.Response)
        return delivered(outcome)

    def close(self) -> None:
        self._attempts.close()
        if self._owns_inner:
            self._inner.close()


class AsyncRetryingTransport(httpx.AsyncBaseTransport):
    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        *,
        policy: RetryPolicy,
        pacer: Pacer | None,
        clock: Clock,
        sign: Callable[[httpx.Request], None] | None = None,
        observe: Callable[[httpx.Response], None] | None = None,
        round_trips: RoundTrips | None = None,
        lane: Lane | None = None,
        lease: Lease | None = None,
        owns_inner: bool = True,
    ) -> None:
        self._inner = inner
        self._attempts = _Attempts(
            policy, pacer, clock, sign, observe, round_trips=round_trips, lane=lane, lease=lease
        )
        self._owns_inner = owns_inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        attempts = self._attempts
        clock = attempts.clock
        call = _Call(started=clock.monotonic())
        while True:
            ticket = attempts.reserve()
            try:
                for step in attempts.pacing_sleeps(ticket):
                    await clock.asleep(step)
            except BaseException:
                attempts.abandon(ticket)
                raise
            attempts.ready(request, ticket)
            started = clock.monotonic()
            outcome: httpx.Response | httpx.TransportError
            try:
                outcome = await self._inner.handle_async_request(request)
                outcome.request = request
            except httpx.TransportError as error:
                outcome = error
            except BaseException:  # cancelled in flight: no answer will come
                attempts.abandon(ticket)
                raise
            elapsed = clock.monotonic() - started
            attempts.timed(outcome, elapsed)
            spent_for = attempts.learn(ticket, outcome)
            delay = attempts.retry_delay(request, outcome, call, elapsed, spent_for=spent_for)
            if delay is None:
                break
            if isinstance(outcome, httpx.Response):
                await outcome.aclose()
            for step in attempts.backoff_sleeps(delay):
                await clock.asleep(step)
        assert isinstance(outcome, httpx.Response)
        return delivered(outcome)

    async def aclose(self) -> None:
        self._attempts.close()
        if self._owns_inner:
            await self._inner.aclose()


def _connection_error(request: httpx.Request, error: httpx.TransportError) -> APIConnectionError:
    kind = APITimeoutError if isinstance(error, httpx.TimeoutException) else APIConnectionError
    what = "timed out" if kind is APITimeoutError else "failed"
    return kind(f"{request.method} {request.url} {what}: {error!r}", request=request)


def _log_response(request: httpx.Request, response: httpx.Response, elapsed: float) -> None:
    if not logger.isEnabledFor(logging.DEBUG):
        return
    logger.debug(
        "%s %s -> %d (request id %s, %.0f ms) headers %s",
        request.method,
        request.url,
        response.status_code,
        response.headers.get(REQUEST_ID_HEADER),
        elapsed * 1000,
        redacted_headers(request.headers),
    )


def redacted_headers(headers: httpx.Headers) -> dict[str, str]:
    return {
        name: "<redacted>" if sensitive_header(name) else value for name, value in headers.items()
    }
