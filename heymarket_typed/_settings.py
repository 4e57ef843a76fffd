"""Resolving a client's settings from its arguments and the environment, once, up front.

Missing or half-given credentials fail here, at construction, rather than as a 401 later.
"""

from __future__ import annotations

import math
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import SplitResult, urlsplit

import httpx

from ._auth import APIKeyAuth, JWTAuth
from ._clock import SYSTEM_CLOCK, Clock, ServerClock, shared_server_clock
from ._constants import (
    DEFAULT_BASE_URL,
    DEFAULT_TIMEOUT,
    ENV_API_KEY,
    ENV_BASE_URL,
    ENV_SECRET_ID,
    ENV_SECRET_KEY,
)
from ._exceptions import HeymarketError
from ._options import (
    aapply_to_request,
    acapture_response,
    apply_to_request,
    capture_response,
    check_client_headers,
    check_headers,
    check_timeout,
)
from ._pacing import Pacer, fingerprint, shared_pacer
from ._phones import DEFAULT_PHONE_REGION, phone_region
from ._retry import RetryPolicy
from ._secret import Secret
from ._throughput import RoundTrips
from ._version import __version__

# httpx's own default; a user's client still carrying it gets the SDK's default instead.
_HTTPX_DEFAULT_TIMEOUT = httpx.Timeout(5.0)
_HEADER_TOKEN = re.compile(r"[\x21-\x7e]+")
"""What a legacy API key may hold: it is sent as `Authorization: Bearer <key>`."""

# The clock of clients built from here on in this context: the tests' seam, kept out of the
# public constructors (users skip waits with `heymarket_typed.testing.without_waiting`).
_NEW_CLIENT_CLOCK: ContextVar[Clock] = ContextVar("heymarket_typed_clock", default=SYSTEM_CLOCK)


def new_client_clock() -> Clock:
    """The clock a client built now takes: the system's, unless `clock_for_new_clients` says."""
    return _NEW_CLIENT_CLOCK.get()


@contextmanager
def clock_for_new_clients(clock: Clock) -> Iterator[None]:
    """Clients built inside take `clock` for time, pacing and waits (private: tests only)."""
    token = _NEW_CLIENT_CLOCK.set(clock)
    try:
        yield
    finally:
        _NEW_CLIENT_CLOCK.reset(token)


@dataclass(frozen=True)
class Settings:
    """What a client and its `with_options()` copies share (auth, pacing) or vary (the rest)."""

    auth: JWTAuth | APIKeyAuth
    base_url: str
    timeout: httpx.Timeout
    max_retries: int
    pacer: Pacer | None
    headers: dict[str, str]
    clock: Clock
    phone_region: str | None
    round_trips: RoundTrips
    requests_per_minute: float | None = None
    """This client's own ceiling (the shared pacer's may be lower while a stricter one lives)."""

    @classmethod
    def resolve(
        cls,
        *,
        secret_id: object,
        secret_key: object,
        api_key: object,
        base_url: object,
        timeout: object,
        max_retries: object,
        requests_per_minute: object,
        http_client: httpx.Client | httpx.AsyncClient | None,
        clock: Clock,
        default_phone_region: object = DEFAULT_PHONE_REGION,
    ) -> Settings:
        client_base_url = str(http_client.base_url) if http_client is not None else ""
        client_timeout = http_client.timeout if http_client is not None else _HTTPX_DEFAULT_TIMEOUT
        headers = httpx.Headers(http_client.headers if http_client is not None else None)
        check_client_headers(headers)
        headers["User-Agent"] = user_agent()
        rate = _requests_per_minute(requests_per_minute)
        url = _base_url(base_url, client_base_url)
        # Every client of one API on one clock learns the server's clock together. Keys are
        # kept after the clients close: a fingerprint, as a URL may carry a password.
        server = fingerprint(url)
        server_clock = shared_server_clock(clock.time, key=(server, clock))
        auth = _auth(secret_id, secret_key, api_key, clock, server_clock)
        pacer = (
            None
            if rate is None
            else shared_pacer(
                rate,
                key=(server, auth.fingerprint, clock),
                clock=clock.monotonic,
                # Until the server's clock is known, calls started together wait for the
                # first one's answer: it teaches the clock, so only that one draws a 401.
                clock_known=(lambda: server_clock.known) if isinstance(auth, JWTAuth) else None,
            )
        )
        return cls(
            auth=auth,
            base_url=url,
            timeout=_timeout(timeout, client_timeout),
            max_retries=_max_retries(max_retries),
            # One quota per credential at one API: every client of both shares one pacer.
            pacer=pacer,
            headers=dict(headers.items()),
            clock=clock,
            phone_region=phone_region(default_phone_region),
            round_trips=RoundTrips(None if pacer is None else lambda: pacer.rate),
            requests_per_minute=rate,
        )

    def transport_options(self) -> dict[str, Any]:
        """Keywords for `RetryingTransport` / `AsyncRetryingTransport` around a shared pool;
        each call joins the shared pacer (a client's lane, closed with its transport) and
        holds the shared server clock (a lease, closed with it too)."""
        pacer, rate = self.pacer, self.requests_per_minute
        return {
            "lane": None if pacer is None or rate is None else pacer.join(rate),
            "lease": self.auth.server_clock.join() if isinstance(self.auth, JWTAuth) else None,
            "policy": RetryPolicy(
                self.max_retries, wall_clock=self.clock.time, paced=self.pacer is not None
            ),
            "pacer": self.pacer,
            "clock": self.clock,
            "sign": self.auth.sign,
            "observe": self.auth.observe,
            "round_trips": self.round_trips,
            "owns_inner": False,
        }

    def client_options(
        self, pool: httpx.Client | httpx.AsyncClient, *sdk_hooks: Callable[..., Any]
    ) -> dict[str, Any]:
        """Keywords for the SDK's `httpx.Client` / `httpx.AsyncClient`: these settings, the
        pool client's cookies, and its event hooks between the SDK's per-call hooks (so the
        user's hooks see the call's headers) and its own response hooks, the error hook first
        (so they see every response)."""
        hooks = pool.event_hooks
        apply: Callable[..., Any] = apply_to_request
        capture: Callable[..., Any] = capture_response
        if isinstance(pool, httpx.AsyncClient):
            apply, capture = aapply_to_request, acapture_response
        return {
            "auth": self.auth,
            "base_url": self.base_url,
            "timeout": self.timeout,
            "headers": self.headers,
            "cookies": pool.cookies,
            "event_hooks": {
                "request": [apply, *hooks["request"]],
                "response": [capture, *hooks["response"], *sdk_hooks],
            },
        }

    def with_options(
        self, *, timeout: object, max_retries: object, default_headers: object
    ) -> Settings:
        headers = httpx.Headers(self.headers)
        headers.update(check_headers(default_headers, "default_headers"))
        return replace(
            self,
            timeout=self.timeout if timeout is None else _timeout(timeout, self.timeout),
            max_retries=self.max_retries if max_retries is None else _max_retries(max_retries),
            headers=dict(headers.items()),
        )


def user_agent() -> str:
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    httpx_version = ".".join(httpx.__version__.split(".")[:2])
    return f"heymarket-typed/{__version__} python/{python} httpx/{httpx_version}"


def _auth(
    secret_id: object, secret_key: object, api_key: object, clock: Clock, server_clock: ServerClock
) -> JWTAuth | APIKeyAuth:
    if secret_id is None and secret_key is None and api_key is None:
        secret_id = os.environ.get(ENV_SECRET_ID)
        secret_key = Secret.of(os.environ.get(ENV_SECRET_KEY))
        if secret_id is None and secret_key is None:
            api_key = Secret.of(os.environ.get(ENV_API_KEY))
        source = f"the environment ({ENV_SECRET_ID}, {ENV_SECRET_KEY}, {ENV_API_KEY})"
    else:
        source = "the arguments"
    for name, value in (("secret_id", secret_id), ("secret_key", secret_key), ("api_key", api_key)):
        if value is not None and not isinstance(value, str | Secret):
            raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    if secret_id is not None or secret_key is not None:
        if api_key is not None:
            raise HeymarketError("give secret_id and secret_key, or api_key, not both")
        if not (isinstance(secret_id, str) and secret_id and isinstance(secret_key, Secret)):
            raise HeymarketError(
                f"secret_id and secret_key must both be non-empty strings ({source})"
            )
        _check_credential("secret_id", secret_id, source)
        _check_credential("secret_key", secret_key, source)
        return JWTAuth(secret_id, secret_key, clock=clock.time, server_clock=server_clock)
    if isinstance(api_key, Secret):
        _check_credential("api_key", api_key, source)
        return APIKeyAuth(api_key)
    if api_key is not None:
        raise HeymarketError("api_key must be a non-empty string")
    raise HeymarketError(
        "no credentials: pass secret_id and secret_key (or the legacy api_key), or set "
        f"{ENV_SECRET_ID} and {ENV_SECRET_KEY} (or {ENV_API_KEY}) in the environment"
    )


def _check_credential(name: str, value: str | Secret, source: str) -> None:
    """Refuses, without quoting it, a credential as read from a file or a CRLF `.env`. A
    secret is revealed only inside the checks, never bound to a name an error's frames keep.

    Raises:
        ValueError: whitespace at either end (the server would refuse every call); for
            `api_key`, sent as `Authorization: Bearer <key>`, anything but printable ASCII
            without spaces (h11 would refuse the header while sending, quoting the key).
    """
    if name == "api_key" and not _HEADER_TOKEN.fullmatch(_text(value)):
        raise ValueError(
            "api_key must be printable ASCII without spaces: it holds whitespace (a line "
            f"break read from a file?), a control character or non-ASCII text ({source})"
        )
    if _text(value) != _text(value).strip():
        raise ValueError(
            f"{name} has whitespace at either end (a line break read from a file?): the "
            f"server would refuse every call ({source})"
        )


def _text(value: str | Secret) -> str:
    return value.reveal() if isinstance(value, Secret) else value


def _base_url(explicit: object, from_client: str) -> str:
    url = (
        explicit
        if explicit is not None
        else from_client or os.environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL
    )
    if not isinstance(url, str):
        raise TypeError(f"base_url must be a str, not {type(url).__name__}")
    # No message quotes the URL: it may hold a password, which is what is refused here.
    if any(char.isspace() or not char.isprintable() for char in url):
        raise ValueError(
            "base_url holds whitespace or a control character (a line break read from a "
            "file?): every request's URL would be refused or wrong"
        )
    parts = _split(url)
    if parts is None:
        raise ValueError("base_url is not a valid URL")
    if (
        parts.username is not None
        or parts.password is not None
        or "@" in parts.path.split("/", 1)[0]
    ):
        # Never the API's way to authenticate (the client sends its own Authorization), and
        # it would show in every error message and log line that names a request's URL.
        raise ValueError(
            "base_url must not carry a user name or password: the client authenticates with "
            "secret_id/secret_key or api_key, and a URL's password would show in every error "
            "and log line"
        )
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ValueError(
            f"base_url must be an http(s) URL with a host, such as the default {DEFAULT_BASE_URL}"
        )
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        raise ValueError(
            "base_url must not have a query or a fragment: each request's path is appended to it"
        )
    return url.rstrip("/")


def _split(url: str) -> SplitResult | None:
    """`url`'s parts, or None where urlsplit's own error would quote them (and chain it)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises for a port that is not a number
    except ValueError:
        return None
    return parts


def _timeout(value: object, default: httpx.Timeout) -> httpx.Timeout:
    if value is None:
        return DEFAULT_TIMEOUT if default == _HTTPX_DEFAULT_TIMEOUT else default
    return check_timeout(value)


def _max_retries(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"max_retries must be an integer >= 0, got {value!r}")
    if value < 0:
        raise ValueError(f"max_retries must be an integer >= 0, got {value!r}")
    return value


def _requests_per_minute(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"requests_per_minute must be a positive number or None, got {value!r}")
    if not 0 < value < math.inf:  # NaN fails too; None, not infinity, disables
        raise ValueError(
            f"requests_per_minute must be a positive, finite number or None, got {value!r}"
        )
    return float(value)
