"""JWT and API-key auth: the token recipe, reuse and renewal, and the single retry on a 401."""

from __future__ import annotations

import threading

import httpx
import jwt
import pytest

from heymarket_typed import errors
from heymarket_typed._auth import APIKeyAuth, JWTAuth
from heymarket_typed._pacing import Pacer
from heymarket_typed._retry import RetryPolicy
from heymarket_typed._transport import RetryingTransport
from tests.helpers import SECRET_ID, SECRET_KEY, FakeClock, ScriptedAPI, contact, json_response


def bearer(request: httpx.Request) -> str:
    return request.headers["Authorization"].removeprefix("Bearer ")


def test_jwt_claims_and_key() -> None:
    api = ScriptedAPI().on("GET /v1/contact/1", json_response(200, contact(1)))
    clock = FakeClock(wall=1_700_000_123.75)
    api.client(_clock=clock).contacts.get(1)

    token = bearer(api.requests[0])
    assert jwt.get_unverified_header(token) == {"alg": "HS256", "typ": "JWT"}
    claims = jwt.decode(token, f"{SECRET_ID}||{SECRET_KEY}", algorithms=["HS256"])
    assert claims == {"iss": SECRET_ID, "iat": 1_700_000_123}
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, SECRET_KEY, algorithms=["HS256"])


def test_token_reused_then_resigned_after_4_minutes() -> None:
    api = ScriptedAPI(default=json_response(200, contact(1)))
    clock = FakeClock()
    client = api.client(_clock=clock)

    client.contacts.get(1)
    clock.advance(239)
    client.contacts.get(1)
    clock.advance(1)
    client.contacts.get(1)

    first, reused, renewed = (bearer(r) for r in api.requests)
    assert reused == first
    assert renewed != first
    key = f"{SECRET_ID}||{SECRET_KEY}"
    assert jwt.decode(renewed, key, algorithms=["HS256"])["iat"] == int(clock.wall)


def test_401_refreshes_token_once() -> None:
    clock = FakeClock()

    def expired(request: httpx.Request) -> httpx.Response:
        clock.advance(1)  # the server refuses the token a second later; the retry re-signs
        return json_response(401, {"message": "expired"})

    api = ScriptedAPI().on("GET /v1/contact/1", expired, json_response(200, contact(1)))
    found = api.client(_clock=clock).contacts.get(1)

    assert found.id == 1
    assert len(api.requests) == 2
    assert bearer(api.requests[0]) != bearer(api.requests[1])


def test_second_401_raises_authentication_error_with_request_id() -> None:
    api = ScriptedAPI(
        default=json_response(401, {"message": "bad token"}, **{"X-Request-Id": "r-401"})
    )
    with pytest.raises(errors.AuthenticationError) as caught:
        api.client().contacts.get(1)

    assert len(api.requests) == 2
    assert caught.value.request_id == "r-401"
    assert caught.value.status_code == 401
    assert caught.value.body == {"message": "bad token"}


def test_api_key_is_a_plain_bearer_and_its_401_is_final() -> None:
    api = ScriptedAPI(default=json_response(401, {"message": "revoked"}))
    client = api.client(secret_id=None, secret_key=None, api_key="legacy-team-key")
    with pytest.raises(errors.AuthenticationError):
        client.contacts.get(1)

    assert [bearer(r) for r in api.requests] == ["legacy-team-key"]


def test_one_token_shared_by_threads() -> None:
    clock = FakeClock()
    auth = JWTAuth(SECRET_ID, SECRET_KEY, clock=clock.time)
    tokens: list[str] = []
    barrier = threading.Barrier(8)

    def sign() -> None:
        barrier.wait()
        tokens.append(auth._token())

    threads = [threading.Thread(target=sign) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(tokens) == 8
    assert len(set(tokens)) == 1


def test_a_token_refused_by_another_thread_is_not_signed_twice() -> None:
    clock = FakeClock()
    auth = JWTAuth(SECRET_ID, SECRET_KEY, clock=clock.time)
    stale = auth._token()
    clock.advance(1)
    fresh = auth._token(stale=stale)
    # A second thread that saw the same 401 gets the token the first one made.
    assert auth._token(stale=stale) == fresh != stale


def test_auth_reprs_hide_secrets() -> None:
    assert SECRET_KEY not in repr(JWTAuth(SECRET_ID, SECRET_KEY))
    assert "legacy-team-key" not in repr(APIKeyAuth("legacy-team-key"))


def test_token_is_fresh_when_sent_after_a_long_pacing_wait() -> None:
    """Requests signed together, then held by pacing for minutes, still arrive with a token
    younger than 4 minutes: it is checked again right before sending."""
    clock = FakeClock()
    auth = JWTAuth(SECRET_ID, SECRET_KEY, clock=clock.time)
    arrivals: list[tuple[float, int]] = []

    def server(request: httpx.Request) -> httpx.Response:
        claims = jwt.decode(bearer(request), f"{SECRET_ID}||{SECRET_KEY}", algorithms=["HS256"])
        arrivals.append((clock.time(), claims["iat"]))
        return httpx.Response(200)

    transport = RetryingTransport(
        httpx.MockTransport(server),
        policy=RetryPolicy(0),
        pacer=Pacer(1, clock=clock.monotonic),  # one request a minute
        clock=clock,
        sign=auth.sign,
    )
    queued = [httpx.Request("GET", "https://api.heymarket.com/v1/contact/1") for _ in range(7)]
    for request in queued:
        auth.sign(request)  # all signed at once, as httpx's auth flow does before the transport
    for request in queued:
        transport.handle_request(request)

    assert arrivals[-1][0] - arrivals[0][0] == 360
    assert max(arrived - iat for arrived, iat in arrivals) < 240
