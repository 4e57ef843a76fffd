"""The request-handling core shared by the sync transport, the async transport and the server.

A request goes through: injected connect errors, authentication, the rate limiter, the other
injected faults, latency, then the route. The core is a generator that yields the seconds to
wait and returns the outcome, so each front end waits its own way (`time.sleep` in threads,
`asyncio.sleep` on an event loop) while the logic exists once.
"""

from __future__ import annotations

import asyncio
import enum
import json
import logging
import threading
import time
from collections.abc import Callable, Generator, Iterable, Mapping
from dataclasses import dataclass
from email.utils import formatdate
from typing import Any

from heymarket_typed.testing._errors import ApiError, error_body
from heymarket_typed.testing._faults import Fault, FaultQueue
from heymarket_typed.testing._ids import RequestIds
from heymarket_typed.testing._jwt import Authenticator
from heymarket_typed.testing._ratelimit import (
    Quota,
    RateLimitHeaders,
    rate_limit_headers,
    retry_after_seconds,
)
from heymarket_typed.testing._recording import RecordedRequest, Recorder
from heymarket_typed.testing._router import Call, Router
from heymarket_typed.testing._store import ContactStore

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RequestHead:
    """A request without its body, which the server reads only once the request gets through.

    Attributes:
        method: The HTTP method, upper case.
        path: The decoded URL path.
        query: Query parameters (the last value of each).
        headers: Headers with lower-case names.
    """

    method: str
    path: str
    query: Mapping[str, str]
    headers: Mapping[str, str]


@dataclass(frozen=True)
class Reply:
    """A response to send."""

    status: int
    headers: Mapping[str, str]
    body: bytes


class Disconnect(enum.Enum):
    """An outcome with no response at all."""

    REFUSED = "refused"
    """The request never reached the API (an injected connect error)."""
    DROPPED = "dropped"
    """The connection was closed without a response (an injected drop)."""


Outcome = Reply | Disconnect
Steps = Generator[float, None, Outcome]
"""An exchange in progress: yields seconds to wait, returns the outcome."""

_NOT_JSON = object()


def _decode(raw: bytes) -> Any:
    if not raw.strip():
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return _NOT_JSON


def _error(status: int, message: str, headers: Mapping[str, str] | None = None) -> Reply:
    return Reply(status, dict(headers or {}), error_body(status, message))


def _merged(base: Mapping[str, str], extra: Mapping[str, str]) -> dict[str, str]:
    """`base` updated with `extra`, header names compared without case."""
    overridden = {name.lower() for name in extra}
    return {**{k: v for k, v in base.items() if k.lower() not in overridden}, **extra}


def _fault_headers(fault: Fault) -> dict[str, str]:
    headers = dict(fault.headers)
    if fault.retry_after is not None:
        headers["Retry-After"] = fault.retry_after
    return headers


class Engine:
    """Answers requests: the whole behaviour of the fake API short of the wire.

    Args:
        store: The contacts.
        router: The operations.
        authenticator: Accepts or refuses credentials.
        quota: The rate limit, or None for no limit.
        retry_after: Whether a 429 from the quota carries `Retry-After`.
        limit_headers: Which rate-limit headers every response carries, or None.
        clock: The server's wall-clock seconds, for the `Date` header.
        faults: The injected faults.
        recorder: The request log.
        request_ids: Source of `X-Request-Id` values.
        latency: Seconds added to every request.

    Every request that arrives (past injected connect errors) is numbered from 1; actions
    scheduled with `on_request` run just before the request of their number is answered, so a
    schedule of writes replays the same way whenever the requests arrive in the same order.
    """

    def __init__(
        self,
        *,
        store: ContactStore,
        router: Router,
        authenticator: Authenticator,
        quota: Quota | None,
        retry_after: bool,
        limit_headers: RateLimitHeaders | None,
        clock: Callable[[], float],
        faults: FaultQueue,
        recorder: Recorder,
        request_ids: RequestIds,
        latency: float,
    ) -> None:
        self._store = store
        self._router = router
        self._authenticator = authenticator
        self._quota = quota
        self._retry_after = retry_after
        self._limit_headers = limit_headers
        self._clock = clock
        self._faults = faults
        self._recorder = recorder
        self._request_ids = request_ids
        self._latency = latency
        self._count_lock = threading.Lock()
        self._received = 0
        self._answering: int | None = None
        self._actions: dict[int, list[Callable[[], object]]] = {}

    @property
    def received(self) -> int:
        """How many requests have arrived so far."""
        with self._count_lock:
            return self._received

    def request_number(self) -> int:
        """The number of the request being answered, else the number of requests received."""
        answering = self._answering
        return answering if answering is not None else self.received

    def on_request(self, number: int, action: Callable[[], object]) -> None:
        """Runs `action` just before request `number` is answered (after those added before it).

        Raises:
            ValueError: `number` is below 1 or that request has arrived already.
        """
        with self._count_lock:
            if number < 1 or number <= self._received:
                raise ValueError(f"request {number} has arrived already (or is below 1)")
            self._actions.setdefault(number, []).append(action)

    def exchange(self, head: RequestHead, read_body: Callable[[], bytes]) -> Steps:
        """Handles one request.

        Args:
            head: The request line and headers.
            read_body: Reads the body; not called when an injected connect error stops the
                request first. A `ValueError` from it (an unreadable body) answers 400.
        """
        refusal = self._faults.take_connect_error(head.method, head.path)
        if refusal is not None:
            if refusal.delay > 0:
                yield refusal.delay
            return Disconnect.REFUSED
        slot = self._recorder.arrive()
        with self._count_lock:
            self._received += 1
            number = self._received
            actions = self._actions.pop(number, ())
        request_id = self._request_ids.next()
        fault: Fault | None = None
        early: Reply | None
        limits: dict[str, str] = {}
        try:
            raw = read_body()
        except ValueError:
            raw, early = b"", _error(400, "unreadable request body")
        else:
            early = self._gate(head, limits)
        if early is None:
            fault = self._faults.take(head.method, head.path)
        delay = self._latency + (fault.delay if fault is not None else 0.0)
        if delay > 0:
            yield delay
        body = _decode(raw)
        with self._store.lock:
            self._answering = number
            try:
                failed = self._run(actions)
                if failed is not None:
                    outcome: Outcome = failed
                else:
                    outcome = early if early is not None else self._answer(head, body, fault)
            finally:
                self._answering = None
        if isinstance(outcome, Reply):
            standard = {
                "Content-Type": "application/json",
                "X-Request-Id": request_id,
                "Date": formatdate(self._clock(), usegmt=True),
                **limits,
            }
            outcome = Reply(outcome.status, _merged(standard, outcome.headers), outcome.body)
        self._recorder.complete(
            slot,
            RecordedRequest(
                method=head.method,
                path=head.path,
                query=dict(head.query),
                body=None if body is _NOT_JSON else body,
                headers=dict(head.headers),
                status=outcome.status if isinstance(outcome, Reply) else None,
            ),
        )
        return outcome

    @staticmethod
    def _run(actions: Iterable[Callable[[], object]]) -> Reply | None:
        """Runs scheduled actions; a failing one is logged and answers the request with 500."""
        for action in actions:
            try:
                action()
            except Exception:
                _log.exception("FakeHeymarket: an action scheduled with on_request failed")
                return _error(500, "internal error")
        return None

    def _gate(self, head: RequestHead, limits: dict[str, str]) -> Reply | None:
        """Authentication, then the rate limit: the answer when either stops the request.
        Fills `limits` with the rate-limit headers the response carries."""
        refusal = self._authenticator.refusal(head.headers.get("authorization"))
        if refusal is not None:
            return _error(401, refusal)
        if self._quota is not None:
            verdict = self._quota.take()
            if self._limit_headers is not None:
                limits.update(rate_limit_headers(verdict, self._limit_headers))
            if not verdict.allowed:
                headers = {"Retry-After": str(retry_after_seconds(verdict.wait))}
                return _error(429, "rate limit exceeded", headers if self._retry_after else None)
        return None

    def _answer(self, head: RequestHead, body: Any, fault: Fault | None) -> Outcome:
        """The route's answer, replaced, decorated or dropped as `fault` says."""
        if fault is None or not fault.replaces_response:
            reply = self._route(head, body)
            if fault is None:
                return reply
            return Reply(reply.status, _merged(reply.headers, _fault_headers(fault)), reply.body)
        processed = self._route(head, body) if fault.after else None
        if fault.drop:
            return Disconnect.DROPPED
        status = fault.status
        if status is None:
            status = processed.status if processed is not None else 200
        if fault.body is not None:
            content = fault.body
        elif status >= 400:
            content = error_body(status)
        else:
            content = processed.body if processed is not None else b"null"
        return Reply(status, _fault_headers(fault), content)

    def _route(self, head: RequestHead, body: Any) -> Reply:
        try:
            handler, params = self._router.resolve(head.method, head.path)
            if body is _NOT_JSON:
                raise ApiError(400, "malformed JSON body")
            with self._store.lock:
                result = handler(Call(self._store, params, head.query, body))
        except ApiError as error:
            return _error(error.status, error.message, error.headers)
        except Exception:
            _log.exception("FakeHeymarket failed on %s %s", head.method, head.path)
            return _error(500, "internal error")
        return Reply(200, {}, json.dumps(result, separators=(",", ":")).encode())


def run_sync(steps: Steps) -> Outcome:
    """Drives an exchange on the calling thread, sleeping with `time.sleep`."""
    while True:
        try:
            delay = next(steps)
        except StopIteration as done:
            outcome: Outcome = done.value
            return outcome
        time.sleep(delay)


async def run_async(steps: Steps) -> Outcome:
    """Drives an exchange on the event loop, waiting with `asyncio.sleep`."""
    while True:
        try:
            delay = next(steps)
        except StopIteration as done:
            outcome: Outcome = done.value
            return outcome
        await asyncio.sleep(delay)
