"""The exception hierarchy, and the mapping from an HTTP response to the right exception.

Every error that carries an HTTP exchange carries a *scrubbed* copy of it: the request's
Authorization header is replaced, so printing, logging or pickling an error never leaks a token.
The live exchange is scrubbed too once it is over and an error is raised (`scrub_error`): httpx's
own exceptions chained as `__cause__`/`__context__`, and the requests in the frames of the
traceback, which error trackers record, refer to it.
"""

from __future__ import annotations

import json
import sys
import traceback
from typing import Any

import httpx

from ._constants import REQUEST_ID_HEADER

__all__ = [
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "HeymarketError",
    "InternalServerError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
]

_REDACTED = "<redacted>"
_SECRET_WORDS = (
    "auth",
    "bearer",
    "cookie",
    "credential",
    "jwt",
    "key",
    "pass",
    "pwd",
    "secret",
    "session",
    "signature",
    "token",
)


def sensitive_header(name: str) -> bool:
    """Whether a request header may carry a credential, so that no error, DEBUG log line or
    cassette shows its value: Authorization (the SDK's JWT) and Cookie, and any name holding
    one of `_SECRET_WORDS`, such as a user's own `X-Api-Key` sent with `extra_headers=` or
    `default_headers=`. It errs on the side of hiding (`Idempotency-Key` is hidden too)."""
    lowered = name.lower()
    return any(word in lowered for word in _SECRET_WORDS)


def redact_headers(headers: httpx.Headers) -> None:
    """Replaces, in place, the value of every header `sensitive_header` names."""
    for name in [name for name in headers if sensitive_header(name)]:
        headers[name] = _REDACTED


_MAX_DETAIL = 300


class HeymarketError(Exception):
    """Base class of every error this SDK raises (bad arguments raise `ValueError`)."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Subclasses take keyword-only data; pickle through args + attributes instead.
        return _restore, (type(self), self.args, self.__dict__)


def _restore(cls: type[HeymarketError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class APIConnectionError(HeymarketError):
    """The request got no response: connection refused, dropped, or timed out."""

    request: httpx.Request
    """The request that failed, its Authorization header redacted."""
    request_id: str | None
    """Always None: without a response there is no `X-Request-Id`."""

    def __init__(self, message: str, *, request: httpx.Request) -> None:
        super().__init__(message)
        self.request = scrub_request(request)
        self.request_id = None


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, read, write or pool)."""


class _ResponseError(HeymarketError):
    """An error about a response: its status, request id, parsed body and the response."""

    response: httpx.Response
    """The response (body read); its request has the Authorization header redacted."""
    status_code: int
    """The HTTP status, such as 404."""
    request_id: str | None
    """The `X-Request-Id` header, to quote to Heymarket support; None if absent."""
    body: Any
    """The body parsed as JSON, else its text, else None when empty."""

    def __init__(self, message: str, *, response: httpx.Response) -> None:
        super().__init__(message)
        self.response = scrub_response(response)
        self.status_code = response.status_code
        self.request_id = response.headers.get(REQUEST_ID_HEADER)
        self.body = parse_body(response)

    @property
    def request(self) -> httpx.Request:
        """The request answered, its Authorization header redacted."""
        return self.response.request


class APIStatusError(_ResponseError):
    """The API answered with an error status (4xx or 5xx)."""


class BadRequestError(APIStatusError):
    """400: malformed or invalid fields. Sending the same request again will fail again."""


class AuthenticationError(APIStatusError):
    """401: missing or invalid credentials, or an expired token."""


class PermissionDeniedError(APIStatusError):
    """403: valid credentials, but the team or sender lacks access."""


class NotFoundError(APIStatusError):
    """404: no such contact."""


class ConflictError(APIStatusError):
    """409: the request conflicts with the contact's current state."""


class UnprocessableEntityError(APIStatusError):
    """422: the request was understood but cannot be processed."""


class RateLimitError(APIStatusError):
    """429: more requests than the rate limit allows, still so after the retries."""


class InternalServerError(APIStatusError):
    """5xx: the server failed."""


class APIResponseValidationError(_ResponseError):
    """A successful response whose body does not match the API's documented shape."""


class PaginationError(HeymarketError):
    """A pagination cursor that cannot advance; iterating further would loop or skip."""


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error(response: httpx.Response) -> APIStatusError:
    """The typed error for an error response (its body must have been read)."""
    status = response.status_code
    cls = _STATUS_ERRORS.get(status) or (InternalServerError if status >= 500 else APIStatusError)
    return cls(_describe(response, parse_body(response)), response=response)


def validation_error(
    response: httpx.Response, problem: str, where: str
) -> APIResponseValidationError:
    """The error for a 2xx body that does not match the document; `where` names the operation."""
    return APIResponseValidationError(
        f"{where} returned {response.status_code} with a body that does not match the API "
        f"document: {problem} (request id {response.headers.get(REQUEST_ID_HEADER)})",
        response=response,
    )


def parse_body(response: httpx.Response) -> Any:
    """The JSON body, or the text when it is not JSON, or None when empty."""
    if not response.content:
        return None
    try:
        return json.loads(response.content)
    except ValueError:
        return response.text


def _describe(response: httpx.Response, body: Any) -> str:
    reason = response.reason_phrase or "Error"
    detail = _detail(body)
    request = response.request
    text = f"{response.status_code} {reason} from {request.method} {request.url.path}"
    if detail:
        text += f": {detail}"
    return f"{text} (request id {response.headers.get(REQUEST_ID_HEADER)})"


def _detail(body: Any) -> str:
    if isinstance(body, dict):
        for key in ("message", "error", "error_code"):
            value = body.get(key)
            if isinstance(value, str) and value:
                return value[:_MAX_DETAIL]
        return ""
    if isinstance(body, str):
        return " ".join(body.split())[:_MAX_DETAIL]
    return ""


def scrub_request(request: httpx.Request) -> httpx.Request:
    """A copy of the request whose Authorization (or other secret) header cannot leak."""
    headers = httpx.Headers(request.headers)
    redact_headers(headers)
    content = request.content if _has_read_body(request) else b""
    return httpx.Request(request.method, request.url, headers=headers, content=content)


def scrub_response(response: httpx.Response) -> httpx.Response:
    """A copy of the response (body already read) whose request, if any, is scrubbed."""
    try:
        request: httpx.Request | None = scrub_request(response.request)
    except RuntimeError:  # a response built by hand has no request
        request = None
    return httpx.Response(
        response.status_code, headers=response.headers, content=response.content, request=request
    )


def _has_read_body(request: httpx.Request) -> bool:
    try:
        request.content  # noqa: B018 - raises when the body is an unread stream
    except httpx.RequestNotRead:
        return False
    return True


def client_closed() -> HeymarketError:
    """The error for a call on a closed client (httpx's own is a bare `RuntimeError`)."""
    return HeymarketError(
        "this client is closed: create a new Heymarket/AsyncHeymarket, or call before close() "
        "(a `with` block closes it on exit)"
    )


def scrub_in_place(exchange: httpx.Request | httpx.Response) -> None:
    """Redacts the credentials of a finished exchange on the objects themselves."""
    if isinstance(exchange, httpx.Response):
        try:
            exchange = exchange.request
        # A response built by hand has no request; one whose __init__ raised (a slip in a
        # user's mock transport) has no `_request` attribute yet either. Its error is the
        # user's to see: the scrubber must not replace it with its own.
        except (RuntimeError, AttributeError):
            return
    headers = getattr(exchange, "headers", None)  # None: a request whose __init__ raised
    if headers is not None:
        redact_headers(headers)


def _scrub_httpcore(headers: list[tuple[bytes, bytes]]) -> None:
    """Redacts an httpcore request's headers, in the list itself (other frames may hold it)."""
    headers[:] = [
        (name, _REDACTED.encode() if sensitive_header(name.decode("latin-1")) else value)
        for name, value in headers
    ]


def scrub_error(error: BaseException) -> None:
    """Scrubs every HTTP exchange reachable from `error`, once its request is over.

    Reachable: the attributes of each exception in the chain (`__cause__`, `__context__`, the
    members of an exception group), such as httpx's `error.request`, and the local variables of
    every frame their tracebacks pass through.
    """
    seen: set[int] = set()
    pending = [error]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        found = list(getattr(current, "__dict__", {}).values())
        for frame, _ in traceback.walk_tb(current.__traceback__):
            found.extend(frame.f_locals.values())
        # httpx's transport hands httpcore a request of its own, with the same headers. If
        # httpcore was never imported, no such request exists (and it is not ours to import).
        httpcore = sys.modules.get("httpcore")
        for value in found:
            if isinstance(value, httpx.Request | httpx.Response):
                scrub_in_place(value)
            elif httpcore is not None and isinstance(value, httpcore.Request):
                _scrub_httpcore(value.headers)
        pending.extend(e for e in (current.__cause__, current.__context__) if e is not None)
        if isinstance(current, BaseExceptionGroup):
            pending.extend(current.exceptions)
