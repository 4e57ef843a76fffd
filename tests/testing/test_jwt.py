"""Authentication: API-secret JWTs within their five minutes, and the legacy team key."""

from __future__ import annotations

import httpx
import pytest

from heymarket_typed.testing import (
    SANDBOX_API_KEY,
    SANDBOX_SECRET_ID,
    SANDBOX_SECRET_KEY,
    FakeHeymarket,
)
from heymarket_typed.testing._jwt import Authenticator
from tests.testing.conftest import BASE_URL, NOW, Clock, bearer, make_token
from tests.testing.contract import check_response


@pytest.fixture
def authenticator(clock: Clock) -> Authenticator:
    return Authenticator(SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, None, clock)


def status_with(fake: FakeHeymarket, headers: dict[str, str]) -> int:
    with httpx.Client(transport=fake.transport(), base_url=BASE_URL, headers=headers) as http:
        response = http.post("/v1/contacts/count", json={})
        check_response(response)
        return response.status_code


def test_a_fresh_jwt_is_accepted(fake: FakeHeymarket) -> None:
    assert status_with(fake, bearer(make_token())) == 200


@pytest.mark.parametrize("age", [0, 299, 300, -5])
def test_a_jwt_is_accepted_from_5_seconds_ahead_to_5_minutes_old(
    fake: FakeHeymarket, age: int
) -> None:
    assert status_with(fake, bearer(make_token(iat=int(NOW) - age))) == 200


@pytest.mark.parametrize("age", [301, 3600, -6])
def test_an_expired_or_future_jwt_is_401(fake: FakeHeymarket, age: int) -> None:
    assert status_with(fake, bearer(make_token(iat=int(NOW) - age))) == 401


def test_a_jwt_expires_as_the_clock_moves(fake: FakeHeymarket, clock: Clock) -> None:
    headers = bearer(make_token())
    clock.now += 301

    assert status_with(fake, headers) == 401


@pytest.mark.parametrize(
    "token",
    [
        make_token(secret_key="the-wrong-secret-key-of-sufficient-length"),
        make_token(iss="another-secret-id"),
        make_token(iat=NOW + 0.5),
        make_token(algorithm="HS512"),
        "not.a.jwt",
        "",
    ],
    ids=["wrong key", "wrong iss", "float iat", "HS512", "garbage", "empty"],
)
def test_an_invalid_jwt_is_401(fake: FakeHeymarket, token: str) -> None:
    assert status_with(fake, bearer(token)) == 401


def test_the_legacy_key_is_accepted(fake: FakeHeymarket) -> None:
    assert status_with(fake, bearer(SANDBOX_API_KEY)) == 200


def test_the_legacy_key_is_refused_when_legacy_auth_is_off(clock: Clock) -> None:
    fake = FakeHeymarket(api_key=None, clock=clock)

    assert status_with(fake, bearer(SANDBOX_API_KEY)) == 401
    assert status_with(fake, bearer(make_token())) == 200


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": SANDBOX_API_KEY}, {"Authorization": f"Basic {SANDBOX_API_KEY}"}],
    ids=["missing", "no scheme", "basic"],
)
def test_anything_but_a_bearer_token_is_401(fake: FakeHeymarket, headers: dict[str, str]) -> None:
    assert status_with(fake, headers) == 401


def test_a_401_says_unauthorized(fake: FakeHeymarket) -> None:
    with httpx.Client(transport=fake.transport(), base_url=BASE_URL) as http:
        response = http.post("/v1/contacts/count", json={})

    assert response.json()["error_code"] == "unauthorized"


def test_refusal_explains_why(authenticator: Authenticator) -> None:
    assert authenticator.refusal(None) == "missing Authorization header"
    assert authenticator.refusal(f"Bearer {make_token(iat=int(NOW) - 301)}") == (
        "JWT expired: iat is more than 5 minutes old"
    )
    assert authenticator.refusal(f"bearer {make_token()}") is None


def test_a_signing_key_under_32_bytes_is_refused(clock: Clock) -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        FakeHeymarket(secret_id="id", secret_key="short", clock=clock)
