"""Bearer authentication as `httpx.Auth`: a self-renewing JWT, or the legacy team API key.

The generated `AuthenticatedClient` fixes one token for its lifetime; a JWT lives 5 minutes, so
the token must be produced per request instead. Both schemes answer a 401 the same way: the JWT
gets one freshly signed token and one retry (it may have expired in flight, or been signed by a
clock the server's `Date` showed to be off); the API key cannot change, so its 401 is final.
"""

from __future__ import annotations

import base64
import hmac
import json
import threading
import time
from collections.abc import Callable, Generator

import httpx

from ._clock import ServerClock
from ._constants import JWT_MAX_AGE_SECONDS
from ._exceptions import scrub_in_place, status_error
from ._pacing import fingerprint
from ._secret import Secret

SIGN_BACK = 30
"""Seconds before the (unknown) server time a first token is dated."""
SIGN_BACK_KNOWN = 5
"""Seconds before the server time a token is dated once `Date` has been seen."""


class _BearerAuth(httpx.Auth):
    # The body of a final 401 goes into the AuthenticationError.
    requires_response_body = True
    _can_refresh = False

    def _token(self, *, stale: str | None = None) -> str:
        """The token to send; `stale` is one the server refused, never to be returned again."""
        raise NotImplementedError

    def observe(self, response: httpx.Response) -> None:
        """Sees every response before the auth flow does (the transport calls it)."""

    def sign(self, request: httpx.Request) -> None:
        """Puts the current token on `request`. The transport calls this again right before
        each attempt, after pacing and backoff waits that can outlast a JWT."""
        request.headers["Authorization"] = f"Bearer {self._token()}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        # No token in a local variable: this frame is in the traceback of the 401 below.
        self.sign(request)
        response = yield request
        if response.status_code == 401 and self._can_refresh:
            self._resign(request)
            response = yield request
        if response.status_code == 401:
            error = status_error(response)
            scrub_in_place(request)
            raise error

    def _resign(self, request: httpx.Request) -> None:
        """Replaces the token the server refused with a freshly signed one."""
        stale = request.headers["Authorization"].removeprefix("Bearer ")
        request.headers["Authorization"] = f"Bearer {self._token(stale=stale)}"


class JWTAuth(_BearerAuth):
    """HS256 JWT from an API Secret: claims `iss` (secret id) and `iat`, key `id||key`.

    One token is shared by all threads and tasks and re-signed once it is `max_age` seconds old
    by the server's clock, safely inside the API's 5-minute validity. `iat` is the server's time
    (learned from responses' `Date`, see `ServerClock`) a little in the past: `SIGN_BACK`
    seconds until a `Date` was seen, so a client clock up to that far ahead passes the first
    call, then `SIGN_BACK_KNOWN` for `Date`'s whole seconds and the latency.
    """

    _can_refresh = True

    def __init__(
        self,
        secret_id: str,
        secret_key: str | Secret,
        *,
        clock: Callable[[], float] = time.time,
        max_age: int = JWT_MAX_AGE_SECONDS,
        server_clock: ServerClock | None = None,
    ) -> None:
        self.secret_id = secret_id
        key = secret_key.reveal() if isinstance(secret_key, Secret) else secret_key
        self.__signing_key = Secret(f"{secret_id}||{key}")
        del key
        self.server_clock = server_clock if server_clock is not None else ServerClock(clock)
        self._max_age = max_age
        self._lock = threading.Lock()
        self.__token: Secret | None = None  # a Secret: trackers walking attributes see nothing
        self._issued_at = 0
        self._signed_offset = 0.0  # the learned offset the current token was signed with

    def __repr__(self) -> str:
        return f"JWTAuth(secret_id={self.secret_id!r}, secret_key=<redacted>)"

    @property
    def fingerprint(self) -> str:
        """Names the credential (for sharing a pacer) without revealing it."""
        return fingerprint(self.__signing_key.reveal())

    def observe(self, response: httpx.Response) -> None:
        with self._lock:
            refused = response.status_code == 401
            clock = self.server_clock
            clock.observe(response.headers.get("Date"), refused=refused)
            if (
                refused
                and self._signed_offset
                and self._refused_current(response)
                and abs(clock.offset - self._signed_offset) < 60
            ):
                # The token signed by the clock `Date` taught was refused, and this `Date`
                # still says about the same: `Date` is what is wrong (a node whose clock is
                # far off, or stuck), not the client's clock. The re-signed retry goes by its
                # own. (A token signed before was refused for the skew `Date` corrected.)
                clock.distrust()

    def _refused_current(self, response: httpx.Response) -> bool:
        """Whether `response` refused the current token (not one signed before it)."""
        try:
            request = response.request
        except RuntimeError:  # a response built without its request
            return True
        current = self.__token
        return current is not None and request.headers.get("Authorization") == (
            f"Bearer {current.reveal()}"
        )

    def _token(self, *, stale: str | None = None) -> str:
        with self._lock:
            now = self.server_clock.now()
            token = self.__token.reveal() if self.__token is not None else None
            # Another thread may already have replaced the refused token: then use its fresh one.
            # A token signed by a clock since corrected (by any client of the server) is off.
            if (
                token is None
                or token == stale
                or now - self._issued_at >= self._max_age
                or self._signed_offset != self.server_clock.offset
            ):
                back = SIGN_BACK_KNOWN if self.server_clock.known else SIGN_BACK
                self._issued_at = int(now) - back
                self._signed_offset = self.server_clock.offset
                token = self._sign(self._issued_at)
                self.__token = Secret(token)
            return token

    def _sign(self, issued_at: int) -> str:
        """An HS256 JWT, signed with the standard library as the vendor's example does.

        PyJWT warns (`InsecureKeyLengthWarning`, an error under `-W error`) when the key is under
        32 bytes; the key is the API's, not the user's choice, so there is nothing to warn about.
        """
        claims = json.dumps({"iss": self.secret_id, "iat": issued_at}, separators=(",", ":"))
        signing_input = f"{_JWT_HEADER}.{_base64url(claims.encode())}"
        signature = hmac.digest(
            self.__signing_key.reveal().encode(), signing_input.encode(), "sha256"
        )
        return f"{signing_input}.{_base64url(signature)}"


def _base64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


_JWT_HEADER = _base64url(b'{"alg":"HS256","typ":"JWT"}')


class APIKeyAuth(_BearerAuth):
    """The legacy team API key as a bearer token (planned for deprecation by Heymarket)."""

    def __init__(self, api_key: str | Secret) -> None:
        self.__api_key = api_key if isinstance(api_key, Secret) else Secret(api_key)

    def __repr__(self) -> str:
        return "APIKeyAuth(api_key=<redacted>)"

    @property
    def fingerprint(self) -> str:
        """Names the credential (for sharing a pacer) without revealing it."""
        return fingerprint(self.__api_key.reveal())

    def _token(self, *, stale: str | None = None) -> str:
        return self.__api_key.reveal()
