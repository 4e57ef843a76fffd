"""Checks the `Authorization` header the way the Heymarket API does.

Two credentials are accepted, both as `Authorization: Bearer <token>`: a JWT signed from an API
secret (HS256, key `"<secret id>||<secret key>"`, claims `iss` and an integer `iat` that is at
most five minutes old), and the legacy team API key sent as is.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable

import jwt

SANDBOX_SECRET_ID = "sandbox-secret-id-0000"
"""The API secret id a default `FakeHeymarket` accepts. Not a real credential."""

SANDBOX_SECRET_KEY = "sandbox-secret-key-0000-not-a-real-secret"
"""The API secret key a default `FakeHeymarket` accepts. Not a real credential."""

SANDBOX_API_KEY = "sandbox-legacy-api-key-0000"
"""The legacy team API key a default `FakeHeymarket` accepts. Not a real credential."""

TOKEN_LIFETIME = 300
"""Seconds a JWT stays valid after its `iat`."""

CLOCK_SKEW = 5
"""Seconds an `iat` may lie in the future, for clocks running slightly ahead."""

MIN_KEY_BYTES = 32
"""HS256 keys shorter than the hash output are weak; PyJWT warns on them, so they are refused."""


class Authenticator:
    """Decides whether a request's `Authorization` header carries an accepted credential.

    Args:
        secret_id: The accepted API secret id (the JWT's `iss`).
        secret_key: The accepted API secret key.
        api_key: The accepted legacy team key, or None to refuse legacy authentication.
        clock: Wall-clock seconds, against which `iat` is checked.

    Raises:
        ValueError: The signing key `secret_id||secret_key` is shorter than 32 bytes.
    """

    def __init__(
        self, secret_id: str, secret_key: str, api_key: str | None, clock: Callable[[], float]
    ) -> None:
        self._secret_id = secret_id
        self._signing_key = f"{secret_id}||{secret_key}".encode()
        if len(self._signing_key) < MIN_KEY_BYTES:
            raise ValueError(
                f"secret_id + '||' + secret_key must be at least {MIN_KEY_BYTES} bytes long"
            )
        self._api_key = api_key.encode() if api_key is not None else None
        self._clock = clock

    def refusal(self, authorization: str | None) -> str | None:
        """Returns why the credential is refused, or None when it is accepted."""
        if authorization is None:
            return "missing Authorization header"
        scheme, _, token = authorization.strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            return "Authorization must be 'Bearer <token>'"
        if self._api_key is not None and hmac.compare_digest(token.encode(), self._api_key):
            return None
        return self._jwt_refusal(token)

    def _jwt_refusal(self, token: str) -> str | None:
        try:
            if jwt.get_unverified_header(token).get("alg") != "HS256":
                return "JWT must be signed with HS256"
            claims = jwt.decode(
                token,
                self._signing_key,
                algorithms=["HS256"],
                options={"verify_exp": False, "verify_iat": False, "verify_nbf": False},
            )
        except jwt.PyJWTError:
            return "invalid credentials"
        if claims.get("iss") != self._secret_id:
            return "JWT iss is not an accepted API secret id"
        issued_at = claims.get("iat")
        if not isinstance(issued_at, int) or isinstance(issued_at, bool):
            return "JWT iat must be an integer of Unix seconds"
        now = self._clock()
        if issued_at < now - TOKEN_LIFETIME:
            return "JWT expired: iat is more than 5 minutes old"
        if issued_at > now + CLOCK_SKEW:
            return "JWT iat is in the future"
        return None
