"""Per-call options (`timeout=`, `extra_headers=`) and how they reach each request of a call.

A method checks its options up front into a `CallOptions` and runs its requests inside
`options.applied()`. The SDK's httpx client carries two event hooks that read the options in
effect: the request hook overrides the timeout (httpx's per-attempt timeouts; the pacing and
retry waits happen outside them) and adds the headers; the response hook hands each response to
a raw-response capture, when `with_raw_response` asked for one. The options live in a context
variable set where the requests are sent (the caller's thread or task, or a worker thread of a
bulk write or read-ahead), so one mechanism serves every method, sync and async.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import httpx

# Header names the SDK sets itself: the credentials (the client's auth owns them) and the
# message framing (httpx derives it from the request). Cookies belong on your `http_client`.
REFUSED_HEADERS = frozenset(
    {
        "authorization",
        "proxy-authorization",
        "cookie",
        "host",
        "content-length",
        "transfer-encoding",
    }
)
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")  # RFC 9110 field-name
# RFC 9110 field-value, ASCII only: httpx sends a client's default headers as ASCII and a
# request's as UTF-8, so anything else would fail (or differ) only once a request is built.
# No whitespace at either end: h11 refuses it while sending, with the value in its message.
_FIELD_VALUE = re.compile(r"(?:[\x21-\x7e](?:[\t\x20-\x7e]*[\x21-\x7e])?)?")


class ResponseCapture:
    """Collects the responses of one call, for `with_raw_response`."""

    def __init__(self) -> None:
        self.responses: list[httpx.Response] = []


@dataclass(frozen=True, slots=True)
class CallOptions:
    """What one call overrides: its timeout, its extra headers, where its responses go."""

    timeout: httpx.Timeout | None = None
    headers: tuple[tuple[str, str], ...] = ()
    capture: ResponseCapture | None = None

    @contextmanager
    def applied(self) -> Iterator[None]:
        """These options, for the requests sent inside the block (this thread or task)."""
        token = _CURRENT.set(self)
        try:
            yield
        finally:
            _CURRENT.reset(token)


_CURRENT: ContextVar[CallOptions | None] = ContextVar("heymarket_typed_call", default=None)
_CAPTURE: ContextVar[ResponseCapture | None] = ContextVar("heymarket_typed_raw", default=None)


def call_options(timeout: object, extra_headers: object) -> CallOptions:
    """A method's `timeout=` and `extra_headers=`, checked before anything is sent.

    Raises:
        TypeError: `timeout` is not seconds or an `httpx.Timeout`; `extra_headers` is not a
            mapping of strings.
        ValueError: `timeout` is not finite and positive; a header is refused or malformed.
    """
    return CallOptions(
        timeout=None if timeout is None else check_timeout(timeout),
        headers=tuple(check_headers(extra_headers, "extra_headers").items()),
        capture=_CAPTURE.get(),
    )


@contextmanager
def capturing(capture: ResponseCapture) -> Iterator[None]:
    """Calls made inside the block (from this thread or task) hand their responses to
    `capture`; a method reads it when it starts, so its worker threads do too."""
    token = _CAPTURE.set(capture)
    try:
        yield
    finally:
        _CAPTURE.reset(token)


def check_timeout(value: object, argument: str = "timeout") -> httpx.Timeout:
    """Seconds, or an `httpx.Timeout` whose every part is finite and positive.

    Raises:
        TypeError: neither seconds nor an `httpx.Timeout`.
        ValueError: zero, negative, NaN or infinite (a call always has a finite timeout).
    """
    if isinstance(value, bool) or not isinstance(value, int | float | httpx.Timeout):
        raise TypeError(
            f"{argument} must be seconds (int or float) or an httpx.Timeout, "
            f"not {type(value).__name__}"
        )
    timeout = value if isinstance(value, httpx.Timeout) else httpx.Timeout(float(value))
    parts = (timeout.connect, timeout.read, timeout.write, timeout.pool)
    if not all(part is not None and math.isfinite(part) and part > 0 for part in parts):
        raise ValueError(f"{argument} must be finite and positive in every part, got {value!r}")
    return timeout


def check_headers(value: object, argument: str) -> dict[str, str]:
    """Headers to add to requests: a mapping of str to str, none of them refused.

    Raises:
        TypeError: not a mapping, or a name or value that is not a `str`.
        ValueError: a name that is not an HTTP token or that the SDK sets itself
            (`REFUSED_HEADERS`), or a value with CR, LF or NUL (header injection), anything
            else outside printable ASCII, or whitespace at either end.
    """
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise TypeError(f"{argument} must be a mapping of header names to values")
    headers: dict[str, str] = {}
    for name, text in value.items():
        if not isinstance(name, str):
            raise TypeError(f"{argument}: header names must be str, not {type(name).__name__}")
        if not isinstance(text, str):
            raise TypeError(f"{argument}[{name!r}] must be a str, not {type(text).__name__}")
        if not _TOKEN.fullmatch(name):
            raise ValueError(f"{argument}: {name!r} is not a valid header name")
        if name.lower() in REFUSED_HEADERS:
            raise ValueError(
                f"{argument}: {name!r} is set by the client itself (credentials and framing "
                "headers cannot be given per call)"
            )
        if not _FIELD_VALUE.fullmatch(text):
            raise ValueError(
                f"{argument}[{name!r}] must be printable ASCII: it must not contain CR, LF or "
                "NUL (header injection), other control characters, non-ASCII text, or "
                "whitespace at either end"
            )
        headers[name] = text
    return headers


def check_client_headers(headers: httpx.Headers) -> None:
    """The headers of a user's `http_client`, sent with every request: h11 refuses a value with
    a control character or whitespace at either end while sending, and httpx one outside ASCII
    when the client's headers are set on its requests, each quoting it in its error (a
    secret, it may be); so it is refused here first, unquoted, by `check_headers`' rule.

    Raises:
        ValueError: such a value, naming its header.
    """
    for name, value in headers.raw:
        if not _FIELD_VALUE.fullmatch(value.decode("latin-1")):
            raise ValueError(
                f"http_client's header {name.decode('latin-1')!r} has a value no request can "
                "carry: whitespace at either end (a line break read from a file?), a control "
                "character or non-ASCII text"
            )


def apply_to_request(request: httpx.Request) -> None:
    """Request hook: the call's timeout and headers on each request it sends (retries reuse
    the request, so every attempt has them)."""
    options = _CURRENT.get()
    if options is None:
        return
    if options.timeout is not None:
        request.extensions["timeout"] = options.timeout.as_dict()
    for name, text in options.headers:
        request.headers[name] = text


def capture_response(response: httpx.Response) -> None:
    """Response hook: hands the response to the call's capture, if it has one."""
    options = _CURRENT.get()
    if options is not None and options.capture is not None:
        options.capture.responses.append(response)


async def aapply_to_request(request: httpx.Request) -> None:
    apply_to_request(request)


async def acapture_response(response: httpx.Response) -> None:
    capture_response(response)
