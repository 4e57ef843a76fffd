"""Secrets stay secret: no log line (any logger, DEBUG), repr, or anything reachable from an error
holds the secret key, the API key or a token, whatever went wrong.

"Reachable from an error" is what a user or an error tracker can get at: the error's message,
`repr`, notes and attributes, its whole `__cause__`/`__context__` chain and the attributes of
every exception in it (httpx's `request`, with its headers), the formatted traceback, the local
variables of every frame it passes through (as `traceback.TracebackException(...,
capture_locals=True)` and Sentry record them), and its pickle.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import logging
import pickle
import threading
import traceback
import warnings
from collections.abc import Callable, ItemsView, Iterator, Mapping
from functools import partial
from typing import Any

import httpx
import pytest
from heymarket_typed_api.api.contacts_v1 import get_contact

from heymarket_typed import AsyncHeymarket, Heymarket, errors, models
from heymarket_typed._exceptions import redact_headers, sensitive_header
from heymarket_typed.testing import (
    SANDBOX_SECRET_ID,
    SANDBOX_SECRET_KEY,
    FakeHeymarket,
    Fault,
)
from tests.helpers import BASE_URL, InstantClock, ScriptedAPI, clocked, json_response
from tests.tally import tally

WRONG_KEY = "a-wrong-secret-key-that-is-long-enough"
API_KEY = "legacy-team-api-key-0123456789abcdef"


# --- what is reachable from an error -------------------------------------------------------


def chain(error: BaseException) -> Iterator[BaseException]:
    """The error, its causes and contexts, and the members of exception groups, once each."""
    seen: set[int] = set()
    pending = [error]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending.extend(e for e in (current.__cause__, current.__context__) if e is not None)
        if isinstance(current, BaseExceptionGroup):
            pending.extend(current.exceptions)


def shown(value: object) -> str:
    """What a tracker shows of a value: its repr, and the headers of an HTTP exchange."""
    if isinstance(value, httpx.Response):
        try:
            request: object = value.request
        except RuntimeError:
            request = None
        return f"{value!r} {value.headers.raw!r} {value.content!r} {shown(request)}"
    if isinstance(value, httpx.Request):
        return f"{value!r} {value.headers.raw!r}"
    if isinstance(value, dict | list | tuple):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        return " ".join(f"{k!r}: {shown(v)}" for k, v in items)
    text = _repr(value)
    # Trackers that serialise objects go one level into their attributes: so does this walk,
    # for the SDK's, httpx's and httpcore's objects (the test's own, holding what it sent, are its
    # business).
    attributes = getattr(value, "__dict__", None)
    module = type(value).__module__
    if isinstance(attributes, dict) and module.startswith(("heymarket_typed", "httpx", "httpcore")):
        text += " " + " ".join(f"{name}={_repr(item)}" for name, item in attributes.items())
    return text


def _repr(value: object) -> str:
    try:
        return repr(value)
    except Exception as failure:  # a repr that fails shows nothing
        return f"<repr failed: {failure!r}>"


def reachable(error: BaseException) -> Iterator[tuple[str, str]]:
    """(where, text) for everything reachable from `error`."""
    yield "traceback", "".join(traceback.format_exception(error))
    with_locals = traceback.TracebackException.from_exception(error, capture_locals=True)
    yield "traceback with locals", "".join(with_locals.format())
    for number, link in enumerate(chain(error)):
        where = f"{type(link).__name__} (link {number} of the chain)"
        yield f"{where} str/repr", f"{link} {link!r} {link.args!r}"
        yield f"{where} notes", repr(getattr(link, "__notes__", None))
        for name, value in getattr(link, "__dict__", {}).items():
            yield f"{where}.{name}", shown(value)
        for frame, _ in traceback.walk_tb(link.__traceback__):
            for name, value in frame.f_locals.items():
                yield f"{where}: {frame.f_code.co_name}() local {name}", shown(value)
        try:
            yield f"{where} pickle", pickle.dumps(link).decode("latin-1")
        except Exception as failure:
            yield f"{where} pickle", repr(failure)


def assert_nothing_secret(error: BaseException, secrets: set[str]) -> None:
    secrets = {s for s in secrets if s}
    assert secrets
    for where, text in reachable(error):
        for secret in secrets:
            assert secret not in text, f"a secret in the {where}"
    tally("errors searched for secrets (chain, attributes, frames, pickles)")


class TokenLog:
    """Every Authorization header value the SDK sends, at the transport (retries included)."""

    def __init__(self) -> None:
        self.tokens: set[str] = set()
        self._lock = threading.Lock()

    def note(self, request: httpx.Request) -> None:
        value = request.headers.get("authorization")
        if value:
            with self._lock:
                self.tokens.add(value.removeprefix("Bearer "))

    def transport(self, inner: httpx.BaseTransport) -> httpx.BaseTransport:
        log = self

        class Noting(httpx.BaseTransport):
            def handle_request(self, request: httpx.Request) -> httpx.Response:
                log.note(request)
                return inner.handle_request(request)

        return Noting()

    def async_transport(self, inner: httpx.AsyncBaseTransport) -> httpx.AsyncBaseTransport:
        log = self

        class Noting(httpx.AsyncBaseTransport):
            async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
                log.note(request)
                return await inner.handle_async_request(request)

        return Noting()


# --- every fault kind the sandbox injects, on every kind of call ---------------------------

FAULTS = {
    "500": Fault(status=500),
    "503 after processing": Fault(status=503, after=True),
    "429 with Retry-After": Fault(status=429, retry_after="1"),
    "dropped": Fault(drop=True),
    "dropped after processing": Fault(drop=True, after=True),
    "connect error": Fault(connect_error=True),
    "malformed body": Fault(body=b"<html>bad gateway</html>"),
    "400 with a body": Fault(status=400, body=b'{"message": "bad"}'),
    "404": Fault(status=404),
}

CALLS: dict[str, Callable[[Any], Any]] = {
    "v1 get": lambda h: h.contacts.get(1001),
    "v1 create": lambda h: h.contacts.create(models.ContactInput(phone="14155550199")),
    "v1 export": lambda h: h.contacts.iter(page_size=10),
    "v1 batch": lambda h: h.contacts.batch_create(
        [models.ContactInput(phone=f"1415555{i:04d}") for i in range(5)], chunk_size=2
    ),
    "v2 list": lambda h: h.contacts_v2.list(),
    "v2 export": lambda h: h.contacts_v2.iter(page_size=5, concurrency=4),
    "v2 bulk upsert": lambda h: h.contacts_v2.bulk_upsert(
        [
            models.ContactInputV2(contact_channels=[models.ChannelInput("phone", "14155550150")]),
            models.ContactInputV2(contact_channels=[models.ChannelInput("phone", "14155550151")]),
        ],
        chunk_size=1,
        concurrency=2,
    ),
}


def sandbox() -> FakeHeymarket:
    fake = FakeHeymarket(latency=0.0)
    fake.seed(25, updated="2024-06-01T12:00:00.000000000Z", phone_start=15550200000)
    return fake


def sync_client(fake: FakeHeymarket, log: TokenLog, **options: Any) -> Heymarket:
    http = httpx.Client(transport=log.transport(fake.transport()), base_url=BASE_URL)
    options.setdefault("secret_id", SANDBOX_SECRET_ID)
    options.setdefault("secret_key", SANDBOX_SECRET_KEY)
    return clocked(Heymarket, InstantClock(), http_client=http, max_retries=0, **options)


def async_client(fake: FakeHeymarket, log: TokenLog, **options: Any) -> AsyncHeymarket:
    http = httpx.AsyncClient(
        transport=log.async_transport(fake.async_transport()), base_url=BASE_URL
    )
    options.setdefault("secret_id", SANDBOX_SECRET_ID)
    options.setdefault("secret_key", SANDBOX_SECRET_KEY)
    return clocked(AsyncHeymarket, InstantClock(), http_client=http, max_retries=0, **options)


async def outcome(result: Any) -> None:
    """Runs a call's result until it ends: a coroutine, or an iterator to drain."""
    if hasattr(result, "__aiter__"):
        async for _ in result:
            pass
    elif hasattr(result, "__await__"):
        await result
    elif hasattr(result, "__next__"):
        for _ in result:
            pass


def raised_within(call: Callable[[], object]) -> BaseException | None:
    """What `call` raises, its traceback starting in the SDK: the caller's own frames (here,
    the test's, holding the key it passes) are the caller's business."""
    try:
        call()
    except Exception as error:
        start = error.__traceback__
        return error.with_traceback(start.tb_next if start else None)
    return None


def raised_by(kind: str, fake: FakeHeymarket, log: TokenLog, call: Callable[[Any], Any]) -> Any:
    """The exception `call` raises on a client of `kind` bound to `fake` (or None)."""
    client: Any = sync_client(fake, log) if kind == "sync" else async_client(fake, log)
    try:
        asyncio.run(outcome(call(client)))
    except Exception as error:
        return error
    return None


@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize("fault", FAULTS.values(), ids=FAULTS.keys())
@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
def test_nothing_secret_is_reachable_from_any_error(
    kind: str, fault: Fault, call: Callable[[Any], Any]
) -> None:
    fake = sandbox()
    log = TokenLog()
    fake.inject(fault, times=20)
    error = raised_by(kind, fake, log, call)
    if fault.status == 404 and error is None:
        return  # only the v1 get is about a missing contact... the others find what they read
    assert isinstance(error, errors.HeymarketError), error
    assert log.tokens, "no token was sent"
    assert_nothing_secret(error, {SANDBOX_SECRET_KEY, *log.tokens})


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_refused_key_and_a_legacy_key_leave_nothing_reachable(kind: str) -> None:
    fake = sandbox()
    log = TokenLog()
    wrong: Any = (sync_client if kind == "sync" else async_client)(fake, log, secret_key=WRONG_KEY)
    with pytest.raises(errors.AuthenticationError) as refused:
        asyncio.run(outcome(wrong.contacts.get(1)))
    assert_nothing_secret(refused.value, {WRONG_KEY, *log.tokens})

    legacy: Any = (sync_client if kind == "sync" else async_client)(
        fake, log, secret_id=None, secret_key=None, api_key=API_KEY
    )
    with pytest.raises(errors.AuthenticationError) as refused:
        asyncio.run(outcome(legacy.contacts.get(1)))
    assert_nothing_secret(refused.value, {API_KEY})


def test_the_chained_httpx_error_of_a_dropped_connection_holds_no_token() -> None:
    """The field report: `err.__cause__.request.headers["authorization"]` was the live token."""
    fake = sandbox()
    log = TokenLog()
    fake.inject(Fault(drop=True))
    with sync_client(fake, log) as client, pytest.raises(errors.APIConnectionError) as raised:
        client.contacts.get(1001)
    cause = raised.value.__cause__
    assert isinstance(cause, httpx.RemoteProtocolError)
    assert cause.request.headers["authorization"] == "<redacted>"
    assert_nothing_secret(raised.value, {SANDBOX_SECRET_KEY, *log.tokens})


def test_errors_through_the_generated_client_hold_no_token() -> None:
    fake = sandbox()
    log = TokenLog()
    with sync_client(fake, log) as client:
        for fault in (Fault(drop=True), Fault(status=500), Fault(connect_error=True)):
            fake.inject(fault)
            with pytest.raises(errors.HeymarketError) as raised:
                get_contact.sync_detailed(1001, client=client.api)
            assert_nothing_secret(raised.value, {SANDBOX_SECRET_KEY, *log.tokens})


@pytest.mark.parametrize(
    "options",
    [
        {"timeout": -1},
        {"requests_per_minute": 0},
        {"default_phone_region": "XX"},
        {"api_key": API_KEY},
        {"secret_id": ""},
    ],
    ids=["timeout", "requests_per_minute", "default_phone_region", "both kinds of key", "no id"],
)
def test_an_error_while_building_a_client_keeps_the_key_out_of_its_frames(
    options: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HEYMARKET_API_KEY", API_KEY)
    options = {"secret_id": "id-0001", "secret_key": WRONG_KEY, **options}
    error = raised_within(partial(Heymarket, **options))
    assert isinstance(error, ValueError | errors.HeymarketError), error
    assert_nothing_secret(error, {WRONG_KEY, API_KEY})


@pytest.mark.parametrize("end", ["\n", "\r\n", " ", "\t", "\x01", "é"])
def test_an_api_key_a_header_cannot_carry_is_refused_before_sending(
    end: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key read from a file keeps its line break: h11 refuses the header while sending and
    quotes it in the error and the retry log lines. Refused at construction instead, as an
    argument and from the environment, with the key nowhere in the error."""
    monkeypatch.delenv("HEYMARKET_SECRET_ID", raising=False)
    monkeypatch.delenv("HEYMARKET_SECRET_KEY", raising=False)
    monkeypatch.setenv("HEYMARKET_API_KEY", API_KEY + end)
    for build in (partial(Heymarket, api_key=API_KEY + end), Heymarket, AsyncHeymarket):
        error = raised_within(build)
        assert isinstance(error, ValueError), error
        assert "api_key must be printable ASCII" in str(error)
        assert_nothing_secret(error, {API_KEY})


@pytest.mark.parametrize(
    "url",
    [
        "https://gateway-user:gateway-pass-123@api.heymarket.com",
        "https:/gateway-user:gateway-pass-123@api.heymarket.com",
        "https:gateway-user:gateway-pass-123@api.heymarket.com",
        "https:///gateway-user:gateway-pass-123@api.heymarket.com",
        "https://gateway-user:gateway-pass-123\uff20api.heymarket.com",
        "ftp://gateway-pass-123.example",
        "https://api.heymarket.com/h?code=gateway-pass-123",
        "https://api.heymarket.com/gateway-pass-123\r",
        "  https://api.heymarket.com/gateway-pass-123",
        "https://api.heymarket.com/gateway-pass-123\x00",
    ],
)
def test_a_base_url_refused_is_never_quoted(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A password in the URL would show wherever a request's URL does (errors, log lines), so
    it is refused; and no refusal quotes the URL, from any of the three places it comes from."""
    builds: list[Callable[..., object]] = [
        partial(Heymarket, base_url=url),
        partial(AsyncHeymarket, base_url=url),
    ]
    if "\x00" not in url:  # the environment cannot hold a NUL
        monkeypatch.setenv("HEYMARKET_BASE_URL", url)
        builds.append(Heymarket)
    if url.startswith("https://") and url.isprintable() and "\uff20" not in url:  # httpx's own
        builds.append(partial(Heymarket, http_client=httpx.Client(base_url=url)))
    for build in builds:
        error = raised_within(partial(build, api_key=API_KEY))
        assert isinstance(error, ValueError), error
        assert "base_url" in str(error)
        assert_nothing_secret(error, {API_KEY})
        # The URL itself sits in the frames it was passed through, like any argument.
        for where, text in reachable(error):
            assert " local" in where or "gateway-pass-123" not in text, where


def test_a_header_of_the_users_http_client_that_no_request_can_carry_is_refused_unquoted() -> None:
    """h11 refuses it while sending and quotes it; the SDK sends the client's headers."""
    for value in (
        b"users-own-key-7f3a9c1e5b\n",
        b" users-own-key-7f3a9c1e5b",
        "users-own-key-7f3a9c1e5b-\u00eb".encode(),  # httpx would fail on it, quoting it
    ):
        http = httpx.Client(headers={b"X-Api-Key": value})
        error = raised_within(partial(Heymarket, api_key=API_KEY, http_client=http))
        assert isinstance(error, ValueError), error
        assert "http_client's header 'X-Api-Key'" in str(error)
        assert "users-own-key" not in str(error)
    assert Heymarket(api_key=API_KEY, http_client=httpx.Client(headers={"X-Note": "a b"}))


@pytest.mark.parametrize("name", ["secret_id", "secret_key"])
@pytest.mark.parametrize("end", ["\n", "\r\n", " "])
def test_a_secret_read_with_its_line_break_is_refused_unquoted(
    name: str, end: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server would refuse every call; the error names the argument, never the secret."""
    given = {"secret_id": "id-0001", "secret_key": WRONG_KEY}
    given[name] += end
    monkeypatch.setenv("HEYMARKET_SECRET_ID", given["secret_id"])
    monkeypatch.setenv("HEYMARKET_SECRET_KEY", given["secret_key"])
    given_build = partial(Heymarket, secret_id=given["secret_id"], secret_key=given["secret_key"])
    for build in (given_build, Heymarket):
        error = raised_within(build)
        assert isinstance(error, ValueError), error
        assert f"{name} has whitespace at either end" in str(error)
        assert_nothing_secret(error, {WRONG_KEY})


def test_an_error_while_reading_keys_from_the_environment_keeps_them_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HEYMARKET_SECRET_KEY", WRONG_KEY)
    monkeypatch.delenv("HEYMARKET_SECRET_ID", raising=False)
    error = raised_within(Heymarket)
    assert isinstance(error, errors.HeymarketError), error
    assert_nothing_secret(error, {WRONG_KEY})


# --- logs and reprs, over real sockets ------------------------------------------------------


USERS_OWN_KEY = "users-own-key-7f3a9c1e5b"


def test_no_secret_or_token_in_logs_or_reprs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)  # every logger: the SDK's, httpx's, httpcore's
    fake = sandbox()
    log = TokenLog()
    with fake.serve(host="127.0.0.1", port=0) as server:
        url = server.url
        fake.inject(Fault(status=503), times=1, path="/v1/contacts/count")
        fake.inject(Fault(drop=True), times=3, path="/v1/contact/1001")
        client = clocked(
            Heymarket,
            InstantClock(),
            secret_id=SANDBOX_SECRET_ID,
            secret_key=SANDBOX_SECRET_KEY,
            base_url=url,
            http_client=httpx.Client(event_hooks={"request": [log.note]}),
        )
        own = {"X-Api-Key": USERS_OWN_KEY}  # a user's own secret header, sent alongside
        with client:
            assert client.contacts.count(extra_headers=own) == 25  # after a retry
            dropped = raised_within(lambda: client.contacts.get(1001, extra_headers=own))
    assert {r.name.split(".")[0] for r in caplog.records} >= {"heymarket_typed", "httpx"}
    tokens = {r.headers["authorization"].removeprefix("Bearer ") for r in fake.requests}
    assert all(r.headers["x-api-key"] == USERS_OWN_KEY for r in fake.requests)
    secrets = {SANDBOX_SECRET_KEY, USERS_OWN_KEY, *tokens, *log.tokens}
    places = {
        "logs": caplog.text,
        "client repr": repr(client) + str(client),
        "auth repr": repr(client._settings.auth) + str(client._settings.auth),
        "generated client repr": repr(client.api),
    }
    for where, text in places.items():
        for secret in secrets:
            assert secret not in text, f"a secret in the {where}"
    assert isinstance(dropped, errors.APIConnectionError), dropped
    assert_nothing_secret(dropped, secrets - {USERS_OWN_KEY})
    # The user's own header: redacted in what the SDK builds (the error, its request, their
    # pickles); the frames holding the argument they passed are theirs, as their own are.
    assert dropped.request.headers["x-api-key"] == "<redacted>"
    for where, text in reachable(dropped):
        assert " local" in where or USERS_OWN_KEY not in text, f"their key in the {where}"


def test_a_timeout_leaves_nothing_reachable() -> None:
    fake = sandbox()
    log = TokenLog()
    fake.inject(Fault(delay=0.5), times=3)
    with fake.serve(host="127.0.0.1", port=0) as server:
        client = clocked(
            Heymarket,
            InstantClock(),
            secret_id=SANDBOX_SECRET_ID,
            secret_key=SANDBOX_SECRET_KEY,
            base_url=server.url,
            timeout=0.05,
            max_retries=1,
            http_client=httpx.Client(event_hooks={"request": [log.note]}),
        )
        with client:
            error = raised_within(client.contacts_v2.list)
    assert isinstance(error, errors.APITimeoutError), error
    assert_nothing_secret(error, {SANDBOX_SECRET_KEY, *log.tokens})


# --- a short secret -------------------------------------------------------------------------


def test_a_secret_under_32_bytes_signs_without_a_warning() -> None:
    """The API issues the key; PyJWT's InsecureKeyLengthWarning (an error under -W error, as
    in this suite) is not the user's to act on."""
    api = ScriptedAPI().on("GET /v1/contact/1", json_response(200, {"id": 1}))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        api.client(secret_id="id-7", secret_key="short-key").contacts.get(1)
    assert caught == []
    token = api.requests[0].headers["authorization"].removeprefix("Bearer ")
    header, claims, signature = token.split(".")
    assert json.loads(_unbase64(header)) == {"alg": "HS256", "typ": "JWT"}
    assert json.loads(_unbase64(claims))["iss"] == "id-7"
    expected = hmac.digest(b"id-7||short-key", f"{header}.{claims}".encode(), hashlib.sha256)
    assert _unbase64(signature) == expected


def _unbase64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class _Slip(Exception):
    """A user's own error, raised inside httpx's constructors by their mock transport."""


class _SlippingHeaders(Mapping[str, str]):
    """Headers that fail while httpx reads them, as a user's slip would in any httpx version:
    the half-built `Response` or `Request` is then in the traceback's frames."""

    def __getitem__(self, key: str) -> str:
        raise _Slip("a bad header in my mock")

    def __iter__(self) -> Iterator[str]:
        raise _Slip("a bad header in my mock")

    def __len__(self) -> int:
        return 1

    def items(self) -> ItemsView[str, str]:
        raise _Slip("a bad header in my mock")


def _slipping_response(request: httpx.Request) -> httpx.Response:
    return httpx.Response(429, headers=_SlippingHeaders())


async def _aslipping_response(request: httpx.Request) -> httpx.Response:
    return _slipping_response(request)


def test_a_users_own_error_building_a_response_reaches_them_unchanged() -> None:
    """A slip in a user's mock transport while `Response.__init__` runs leaves a half-built
    response (no request yet) in the traceback's frames; scrubbing it must not replace the
    user's error with an AttributeError of its own."""
    http = httpx.Client(transport=httpx.MockTransport(_slipping_response), base_url=BASE_URL)
    with (
        Heymarket(api_key="k" * 20, http_client=http) as client,
        pytest.raises(_Slip, match="a bad header in my mock") as raised,
    ):
        client.contacts.count()
    assert raised.value.__context__ is None

    async def count() -> None:
        transport = httpx.MockTransport(_aslipping_response)
        http = httpx.AsyncClient(transport=transport, base_url=BASE_URL)
        async with AsyncHeymarket(api_key="k" * 20, http_client=http) as client:
            await client.contacts.count()

    with pytest.raises(_Slip, match="a bad header in my mock"):
        asyncio.run(count())


def _slipping_request(request: httpx.Request) -> httpx.Response:
    httpx.Request("GET", request.url, headers=_SlippingHeaders())
    return httpx.Response(200)


def test_a_users_own_error_building_a_request_reaches_them_unchanged() -> None:
    """The same for a half-built request (no `headers` yet) in the traceback's frames."""
    http = httpx.Client(transport=httpx.MockTransport(_slipping_request), base_url=BASE_URL)
    with (
        Heymarket(api_key="k" * 20, http_client=http) as client,
        pytest.raises(_Slip, match="a bad header in my mock"),
    ):
        client.contacts.count()


@pytest.mark.parametrize(
    ("name", "secret"),
    [
        ("Authorization", True),
        ("proxy-authorization", True),
        ("Cookie", True),
        ("X-Api-Key", True),
        ("X-Auth-Token", True),
        ("X-Client-Secret", True),
        ("X-Session-Id", True),
        ("X-JWT-Assertion", True),
        ("X-Bearer", True),
        ("X-Passwd", True),
        ("X-Pwd", True),
        ("X-Request-Id", False),
        ("Content-Type", False),
        ("Accept", False),
        ("User-Agent", False),
        ("X-Trace", False),
    ],
)
def test_a_header_named_like_a_secret_is_redacted_and_others_are_kept(
    name: str, secret: bool
) -> None:
    headers = httpx.Headers({name: "value-123", "Accept-Language": "en"})
    redact_headers(headers)
    assert sensitive_header(name) is secret
    assert headers[name] == ("<redacted>" if secret else "value-123")
    assert headers["accept-language"] == "en"
