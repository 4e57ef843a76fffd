"""Scripted failures: what a test injects to see how a client copes with a bad network or server."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from heymarket_typed.testing._args import number


@dataclass(frozen=True)
class Fault:
    """One failure to inflict on a request.

    A fault with `status`, `body` or `drop` replaces the response; one with only `headers`,
    `retry_after` or `delay` decorates the real response instead.

    Attributes:
        status: The status to answer instead. Unless `body` is given, a status of 400 or more
            comes with the error body for it, a lower one with the processed response's body
            (`after`) or `null`.
        body: Raw bytes to send as the body instead.
        headers: Extra response headers (they win over the fake's own).
        retry_after: A `Retry-After` header value to send.
        drop: Close the connection without answering; transports raise
            `httpx.RemoteProtocolError`.
        connect_error: Fail before the request reaches the API: transports raise
            `httpx.ConnectError`, the server closes the connection before reading the body.
            Checked before authentication, and the request is not recorded.
        delay: Seconds added to the fake's latency for this request (for a connect error, the
            time the failing connection attempt takes).
        after: False: answer before processing, so nothing is written. True: process the
            request (its writes happen), then replace or drop the response; this is the
            "did my create go through?" case that retries must not duplicate.
    """

    status: int | None = None
    body: bytes | None = None
    headers: Mapping[str, str] = field(default_factory=dict, hash=False)
    retry_after: str | None = None
    drop: bool = False
    connect_error: bool = False
    delay: float = 0.0
    after: bool = False

    def __post_init__(self) -> None:
        if self.status is not None:
            if isinstance(self.status, bool) or not isinstance(self.status, int):
                raise TypeError(f"status must be an int, not {type(self.status).__name__}")
            if not 100 <= self.status <= 599:
                raise ValueError(f"status must be an HTTP status (100-599), got {self.status}")
        number("delay", self.delay, at_least=0)
        # A read-only copy: the caller's dict may change after injection, the fault must not.
        object.__setattr__(self, "headers", MappingProxyType(dict(self.headers)))

    @property
    def replaces_response(self) -> bool:
        """Whether the real response is replaced (or dropped) rather than decorated."""
        return self.status is not None or self.body is not None or self.drop


@dataclass
class _Armed:
    fault: Fault
    remaining: int
    method: str | None
    path: str | None

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method == method) and (
            self.path is None or self.path == path
        )


class FaultQueue:
    """The injected faults still to fire, consumed in the order they were injected."""

    def __init__(self) -> None:
        self._armed: list[_Armed] = []
        self._lock = threading.Lock()

    def inject(self, fault: Fault, *, times: int, method: str | None, path: str | None) -> None:
        """Arms `fault` for the next `times` requests matching `method` and exact `path`.

        Raises:
            ValueError: `times` is below one.
        """
        if times < 1:
            raise ValueError("times must be at least 1")
        with self._lock:
            self._armed.append(_Armed(fault, times, method.upper() if method else None, path))

    def take_connect_error(self, method: str, path: str) -> Fault | None:
        """Consumes the first fault matching the request if it is a connect error."""
        with self._lock:
            armed = next((a for a in self._armed if a.matches(method, path)), None)
            if armed is None or not armed.fault.connect_error:
                return None
            return self._consume(armed)

    def take(self, method: str, path: str) -> Fault | None:
        """Consumes the first fault (other than a connect error) matching the request."""
        with self._lock:
            for armed in self._armed:
                if not armed.fault.connect_error and armed.matches(method, path):
                    return self._consume(armed)
            return None

    def _consume(self, armed: _Armed) -> Fault:
        armed.remaining -= 1
        if armed.remaining == 0:
            self._armed.remove(armed)
        return armed.fault
