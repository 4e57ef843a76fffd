"""What Prism said about each request: a recording transport and Prism's verdicts.

Prism reports a violation two ways. It adds an `sl-violations` header (a JSON list) to the
response it passes on; and when it refuses the exchange itself (a request it will not forward
with `--errors`, a missing credential, an unknown path, or with `--errors` a response that breaks
the document), it answers `application/problem+json` of a type under `PRISM_ERRORS` instead,
listing the violations in `validation`, often without the header. A check must read both.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from typing import Any

import httpx

from heymarket_typed import Heymarket
from heymarket_typed.testing import SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY
from tests.testing.contract import template_for

PRISM_ERRORS = "https://stoplight.io/prism/errors#"
VIOLATIONS_HEADER = "sl-violations"


@dataclass(frozen=True)
class Exchange:
    """One request as sent and Prism's answer to it."""

    method: str
    path: str
    request_body: bytes
    status: int
    headers: httpx.Headers
    body: bytes

    @property
    def route(self) -> str:
        """`METHOD /template` of the document (`GET /v1/contact/{id}`), or the raw path."""
        return f"{self.method} {template_for(self.path) or self.path}"

    @property
    def header_violations(self) -> list[dict[str, Any]]:
        """The `sl-violations` header's entries (none when the header is absent)."""
        raw = self.headers.get(VIOLATIONS_HEADER)
        if raw is None:
            return []
        entries: list[dict[str, Any]] = json.loads(raw)
        return entries

    @property
    def prism_error(self) -> dict[str, Any] | None:
        """Prism's own problem document when Prism answered instead of the API, else None."""
        if not self.headers.get("content-type", "").startswith("application/problem+json"):
            return None
        problem: Any = json.loads(self.body)
        if not isinstance(problem, dict) or not str(problem.get("type", "")).startswith(
            PRISM_ERRORS
        ):
            return None
        return problem

    def describe(self) -> str:
        """The exchange in a line or three, for assertion messages."""
        sent = self.request_body.decode(errors="replace")
        answer = self.body.decode(errors="replace")
        return (
            f"{self.method} {self.path} {sent[:300]}\n  -> {self.status} "
            f"{VIOLATIONS_HEADER}={self.headers.get(VIOLATIONS_HEADER)} {answer[:500]}"
        )


def request_violations(exchange: Exchange) -> list[Any]:
    """Everything Prism held against the request: header entries located in the request, or
    the refusal Prism answered instead of the API."""
    found: list[Any] = [
        v for v in exchange.header_violations if v.get("location", [None])[0] == "request"
    ]
    if exchange.prism_error is not None:
        found.append(exchange.prism_error)
    return found


def all_violations(exchange: Exchange) -> list[Any]:
    """Everything Prism held against the exchange, request and response alike."""
    found: list[Any] = list(exchange.header_violations)
    if exchange.prism_error is not None:
        found.append(exchange.prism_error)
    return found


@dataclass
class Recorder:
    """The exchanges a `RecordingTransport` saw, safe to fill from several threads."""

    exchanges: list[Exchange] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, exchange: Exchange) -> None:
        with self._lock:
            self.exchanges.append(exchange)

    def take(self) -> list[Exchange]:
        """The exchanges recorded so far; the recorder starts afresh."""
        with self._lock:
            taken, self.exchanges = self.exchanges, []
        return taken


class RecordingTransport(httpx.BaseTransport):
    """Sends over HTTP and records every exchange, before the SDK turns an error into an
    exception (an `event_hooks` response hook never sees a response the SDK raises on)."""

    def __init__(self, recorder: Recorder) -> None:
        self._inner = httpx.HTTPTransport()
        self._recorder = recorder

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        sent = request.read()
        response = self._inner.handle_request(request)
        response.read()
        self._recorder.add(
            Exchange(
                method=request.method,
                path=request.url.path,
                request_body=sent,
                status=response.status_code,
                headers=response.headers,
                body=response.content,
            )
        )
        return response

    def close(self) -> None:
        self._inner.close()


def recording_client(
    base_url: str, recorder: Recorder, *, secret_key: str = SANDBOX_SECRET_KEY
) -> Heymarket:
    """A client with the sandbox's credentials that records every exchange into `recorder`.

    No pacing and no retries: a retry would hide the answer that carried the violation.
    """
    return Heymarket(
        secret_id=SANDBOX_SECRET_ID,
        secret_key=secret_key,
        base_url=base_url,
        http_client=httpx.Client(transport=RecordingTransport(recorder)),
        requests_per_minute=None,
        max_retries=0,
    )
