"""JWT and API-key auth: the token recipe, reuse and renewal, and the single retry on a 401."""

from __future__ import annotations

import gc
import threading
from email.utils import formatdate

import httpx
import jwt
import pytest

from heymarket_typed import Heymarket, errors
from heymarket_typed._auth import SIGN_BACK, SIGN_BACK_KNOWN, APIKeyAuth, JWTAuth
from heymarket_typed._clock import ServerClock
from heymarket_typed._pacing import INITIAL_BURST, Pacer
from heymarket_typed._retry import RetryPolicy
from heymarket_typed._transport import RetryingTransport
from heymarket_typed.testing import SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, FakeHeymarket
from tests.helpers import (
    SECRET_ID,
    SECRET_KEY,
    FakeClock,
    ScriptedAPI,
    clocked,
    contact,
    json_response,
)


def bearer(request: httpx.Request) -> str:
    return request.headers["Authorization"].removeprefix("Bearer ")


def test_jwt_claims_and_key() -> None:
    api = ScriptedAPI().on("GET /v1/contact/1", json_response(200, contact(1)))
    clock = FakeClock(wall=1_700_000_123.75)
    api.client(_clock=clock).contacts.get(1)

    token = bearer(api.requests[0])
    assert jwt.get_unverified_header(token) == {"alg": "HS256", "typ": "JWT"}
    claims = jwt.decode(token, f"{SECRET_ID}||{SECRET_KEY}", algorithms=["HS256"])
    # No `Date` seen yet: dated SIGN_BACK seconds early, so a clock a little ahead still passes.
    assert claims == {"iss": SECRET_ID, "iat": 1_700_000_123 - SIGN_BACK}
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, SECRET_KEY, algorithms=["HS256"])


def test_token_reused_then_resigned_4_minutes_after_its_iat() -> None:
    api = ScriptedAPI(default=json_response(200, contact(1)))
    clock = FakeClock()
    client = api.client(_clock=clock)

    client.contacts.get(1)
    clock.advance(239 - SIGN_BACK)  # the token's age counts from its iat, SIGN_BACK s earlier
    client.contacts.get(1)
    clock.advance(1)
    client.contacts.get(1)

    first, reused, renewed = (bearer(r) for r in api.requests)
    assert reused == first
    assert renewed != first
    key = f"{SECRET_ID}||{SECRET_KEY}"
    assert jwt.decode(renewed, key, algorithms=["HS256"])["iat"] == int(clock.wall) - SIGN_BACK


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

    # A burst of INITIAL_BURST, then one a minute.
    assert arrivals[-1][0] - arrivals[0][0] == (7 - INITIAL_BURST) * 60
    assert max(arrived - iat for arrived, iat in arrivals) < 240


# --- the server's clock -------------------------------------------------------------------


def iat_of(token: str) -> int:
    claims = jwt.decode(token, f"{SANDBOX_SECRET_ID}||{SANDBOX_SECRET_KEY}", algorithms=["HS256"])
    issued: int = claims["iat"]
    return issued


class ServerLog(httpx.BaseTransport):
    """The sandbox's transport, noting the server's time and the token of each arrival."""

    def __init__(self, fake: FakeHeymarket, clock: FakeClock, offset: float) -> None:
        self.inner, self.clock, self.offset = fake.transport(), clock, offset
        self.arrivals: list[tuple[float, int, int]] = []  # server time, iat, status

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        token = request.headers["Authorization"].removeprefix("Bearer ")
        self.arrivals.append((self.clock.time() + self.offset, iat_of(token), response.status_code))
        return response


def unpaced_jwt_client(clock: FakeClock, transport: httpx.BaseTransport) -> Heymarket:
    """A client signing JWTs with the sandbox's secret on `clock`, through `transport`."""
    return clocked(
        Heymarket,
        clock,
        secret_id=SANDBOX_SECRET_ID,
        secret_key=SANDBOX_SECRET_KEY,
        requests_per_minute=None,
        http_client=httpx.Client(transport=transport, base_url="https://api.heymarket.com"),
    )


@pytest.mark.parametrize("offset", [600.0, -600.0, 31.0, -299.0])
def test_a_client_clock_minutes_off_authenticates_after_at_most_one_401(offset: float) -> None:
    """The sandbox's clock is `offset` seconds from the client's: the first token may be
    refused, its 401's `Date` corrects the clock, and every token after passes and is never
    older than 5 minutes by the server's clock, over half an hour of calls."""
    clock = FakeClock()
    fake = FakeHeymarket(clock=clock.time, clock_offset=offset)
    fake.seed(1)
    log = ServerLog(fake, clock, offset)
    client = unpaced_jwt_client(clock, log)
    for _ in range(40):
        assert client.contacts.count() == 1
        clock.advance(47)

    statuses = [status for _, _, status in log.arrivals]
    assert statuses.count(401) <= 1
    assert statuses[1:].count(401) == 0
    for arrived, issued, _ in log.arrivals[statuses.count(401) :]:
        assert 0 <= arrived - issued < 300
    assert len({issued for _, issued, _ in log.arrivals}) >= 40 * 47 // 300


class DateAhead(httpx.BaseTransport):
    """The sandbox behind a node whose clock is far ahead: every response's `Date` is."""

    def __init__(self, fake: FakeHeymarket, seconds: float | None, clock: FakeClock) -> None:
        self.inner, self.seconds, self.clock = fake.transport(), seconds, clock
        self.statuses: list[int] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        response.read()
        self.statuses.append(response.status_code)
        headers = [(k, v) for k, v in response.headers.items() if k.lower() != "date"]
        date = "Fri, 31 Dec 9999 23:59:59 GMT"  # the latest an HTTP-date can say
        if self.seconds is not None:
            date = formatdate(self.clock.time() + self.seconds, usegmt=True)
        headers.append(("Date", date))
        return httpx.Response(response.status_code, headers=headers, content=response.content)


@pytest.mark.parametrize("seconds", [3600.0, None])
def test_a_date_far_ahead_on_every_response_costs_a_retry_not_the_call(
    seconds: float | None,
) -> None:
    """The client's clock is right, but every `Date` is an hour (or to year 9999) ahead: the
    token it teaches is refused, and the re-signed retry goes by the client's own clock.
    Every call succeeds (before: every call after the first raised AuthenticationError)."""
    clock = FakeClock()
    fake = FakeHeymarket(clock=clock.time)
    fake.seed(1)
    transport = DateAhead(fake, seconds, clock)
    client = unpaced_jwt_client(clock, transport)
    for _ in range(10):
        assert client.contacts.count() == 1
        clock.advance(30)
    assert len(transport.statuses) <= 2 * 10


def test_a_small_skew_never_fails_the_first_call() -> None:
    """A client clock up to SIGN_BACK seconds ahead: the first token is already in the past."""
    clock = FakeClock()
    fake = FakeHeymarket(clock=clock.time, clock_offset=-(SIGN_BACK - 1))
    log = ServerLog(fake, clock, -(SIGN_BACK - 1))
    client = clocked(
        Heymarket,
        clock,
        secret_id=SANDBOX_SECRET_ID,
        secret_key=SANDBOX_SECRET_KEY,
        http_client=httpx.Client(transport=log, base_url="https://api.heymarket.com"),
    )
    client.contacts.count()
    assert [status for _, _, status in log.arrivals] == [200]
    arrived, issued, _ = log.arrivals[0]
    assert 0 <= arrived - issued <= SIGN_BACK


def test_iat_follows_the_date_of_any_response() -> None:
    """A 200 whose `Date` is 10 minutes ahead: the next token is dated by the server's clock."""
    clock = FakeClock(wall=1_700_000_000.0)
    ahead = formatdate(1_700_000_600, usegmt=True)
    api = ScriptedAPI(default=json_response(200, contact(1), Date=ahead))
    client = api.client(_clock=clock)
    client.contacts.get(1)
    client.contacts.get(1)

    first, second = (iat_of_test(bearer(r)) for r in api.requests)
    assert first == 1_700_000_000 - SIGN_BACK
    assert 1_700_000_600 - SIGN_BACK <= second <= 1_700_000_600


def test_an_unreadable_or_close_date_changes_nothing() -> None:
    clock = FakeClock(wall=1_700_000_000.0)
    auth = JWTAuth(SECRET_ID, SECRET_KEY, clock=clock.time)
    token = auth._token()
    for date in ("not a date", formatdate(1_700_000_003, usegmt=True), ""):
        auth.observe(httpx.Response(200, headers={"Date": date}))
        assert auth._token() == token
    assert auth.server_clock.offset == 0.0


def iat_of_test(token: str) -> int:
    issued: int = jwt.decode(token, f"{SECRET_ID}||{SECRET_KEY}", algorithms=["HS256"])["iat"]
    return issued


def test_a_401_for_a_token_signed_before_the_clock_was_learned_keeps_the_clock() -> None:
    """Two calls signed by a clock 10 minutes behind are refused; the second 401 is for the
    old token, not a sign that `Date` is wrong (before: it put the clock back, the next token
    was refused again, and calls started together failed in turn)."""
    clock = FakeClock(wall=1_700_000_000.0)
    auth = JWTAuth(SECRET_ID, SECRET_KEY, clock=clock.time)
    old = httpx.Request("GET", "https://api.heymarket.com/v1/contact/1")
    auth.sign(old)
    ahead = {"Date": formatdate(1_700_000_600, usegmt=True)}
    auth.observe(httpx.Response(401, headers=ahead, request=old))
    fresh = auth._token()
    auth.observe(httpx.Response(401, headers=ahead, request=old))
    assert auth.server_clock.offset == 600.5
    assert auth._token() == fresh


def test_a_client_built_later_knows_the_clock_another_client_learned() -> None:
    clock = FakeClock()
    fake = FakeHeymarket(clock=clock.time, clock_offset=600.0)
    fake.seed(1)
    log = ServerLog(fake, clock, 600.0)
    first = unpaced_jwt_client(clock, log)
    assert first.contacts.count() == 1
    second = unpaced_jwt_client(clock, log)
    assert second.contacts.count() == 1
    assert [status for _, _, status in log.arrivals] == [401, 200, 200]


def test_a_client_built_after_the_last_one_closed_still_knows_the_servers_clock() -> None:
    """A client per unit of work (a web request, a cron run): built, one call, closed and
    collected, five times, the server's clock 10 minutes ahead: one 401 in all (before: the
    clock went with the last client, and each new one drew its own 401)."""
    clock = FakeClock()
    fake = FakeHeymarket(clock=clock.time, clock_offset=600.0)
    fake.seed(1)
    log = ServerLog(fake, clock, 600.0)
    for _ in range(5):
        with unpaced_jwt_client(clock, log) as client:
            assert client.contacts.count() == 1
        del client
        gc.collect()
        clock.advance(60)
    assert [status for _, _, status in log.arrivals] == [401] + [200] * 5


def test_a_token_signed_before_another_client_learned_the_clock_is_signed_again() -> None:
    """The server is 10 minutes behind: a token dated by the client's clock is not too old by
    the server's, so only the learned offset says to sign it again, whoever learned it."""
    clock = FakeClock(wall=1_700_000_000.0)
    server_clock = ServerClock(clock.time)
    one, other = (
        JWTAuth(SECRET_ID, SECRET_KEY, clock=clock.time, server_clock=server_clock)
        for _ in range(2)
    )
    one._token()
    behind = {"Date": formatdate(1_699_999_400, usegmt=True)}
    other.observe(httpx.Response(401, headers=behind))
    assert iat_of_test(one._token()) == 1_699_999_400 - SIGN_BACK_KNOWN
