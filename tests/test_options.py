"""Per-call `timeout=` and `extra_headers=`, and `with_options(default_headers=)`."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

import httpx
import pytest

from heymarket_typed import AsyncHeymarket, Heymarket, errors, models
from heymarket_typed._options import check_headers, check_timeout
from heymarket_typed.testing import SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, FakeHeymarket, Fault
from heymarket_typed.testing._clients import async_sandbox_client, sandbox_client
from tests.helpers import ScriptedAPI

TRACE = {"X-Trace-Id": "trace-123"}


def traces(fake: FakeHeymarket) -> list[str | None]:
    return [request.headers.get("x-trace-id") for request in fake.requests]


@pytest.fixture
def fake() -> FakeHeymarket:
    sandbox = FakeHeymarket(seed=7)
    sandbox.seed(7)
    return sandbox


# --- checks, before anything is sent ---------------------------------------------------------


@pytest.mark.parametrize(
    "value", [0, -1, -0.5, math.nan, math.inf, httpx.Timeout(None), httpx.Timeout(5, pool=None)]
)
def test_a_timeout_that_is_not_finite_and_positive_is_a_value_error(value: object) -> None:
    with pytest.raises(ValueError, match="timeout"):
        check_timeout(value)


@pytest.mark.parametrize("value", ["30", True, [1], b"1"])
def test_a_timeout_of_the_wrong_type_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError, match="timeout"):
        check_timeout(value)


def test_seconds_and_timeouts_are_taken() -> None:
    assert check_timeout(2) == httpx.Timeout(2.0)
    assert check_timeout(httpx.Timeout(3, connect=1)) == httpx.Timeout(3, connect=1)


@pytest.mark.parametrize(
    "name", ["Authorization", "authorization", "Proxy-Authorization", "Cookie", "Content-Length"]
)
def test_headers_the_client_sets_itself_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match=f"extra_headers: '{name}'"):
        check_headers({name: "x"}, "extra_headers")


@pytest.mark.parametrize("value", ["a\r\nX-Injected: 1", "a\nb", "a\x00"])
def test_a_header_value_that_would_inject_a_header_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match=r"extra_headers\['X-Note'\]"):
        check_headers({"X-Note": value}, "extra_headers")


@pytest.mark.parametrize("value", ["key ", " key", "key\t", "key\x7f", "clé"])
def test_a_header_value_h11_would_refuse_while_sending_is_refused_first(value: str) -> None:
    """h11 refuses whitespace at either end while sending, quoting the value (a secret, it may
    be) in its error; the SDK refuses it before anything is sent, without quoting it."""
    with pytest.raises(ValueError, match=r"extra_headers\['X-Api-Key'\]") as caught:
        check_headers({"X-Api-Key": value}, "extra_headers")
    assert value not in str(caught.value)


@pytest.mark.parametrize("value", ["", "a b", "a\tb", "k-1 2\t3"])
def test_inner_spaces_and_an_empty_value_are_kept(value: str) -> None:
    assert check_headers({"X-Note": value}, "extra_headers") == {"X-Note": value}


def test_a_header_name_that_is_not_a_token_is_refused() -> None:
    with pytest.raises(ValueError, match="not a valid header name"):
        check_headers({"X Note": "x"}, "extra_headers")


@pytest.mark.parametrize("value", [[("X-Note", "x")], "X-Note: x", {"X-Note": 1}, {1: "x"}])
def test_headers_of_the_wrong_type_are_a_type_error(value: object) -> None:
    with pytest.raises(TypeError, match="extra_headers"):
        check_headers(value, "extra_headers")


def test_bad_options_fail_every_kind_of_method_before_sending() -> None:
    api = ScriptedAPI()
    client = api.client()
    calls: list[tuple[type[Exception], Callable[[], object]]] = [
        (ValueError, lambda: client.contacts.get(1, timeout=-1)),
        (TypeError, lambda: client.contacts_v2.search(phones=["14155550100"], timeout="5")),  # type: ignore[arg-type]
        (ValueError, lambda: client.contacts.iter(extra_headers={"Authorization": "Bearer x"})),
        (ValueError, lambda: client.contacts_v2.iter(timeout=math.nan)),
        (
            ValueError,
            lambda: client.contacts.batch_create(
                [models.ContactInput(phone="14155550100")], extra_headers={"X-Note": "a\r\nb"}
            ),
        ),
    ]
    for expected, call in calls:
        with pytest.raises(expected):
            call()
    assert api.requests == []


# --- extra_headers and default_headers on the wire -------------------------------------------


def test_extra_headers_reach_the_server_on_that_call_only(fake: FakeHeymarket) -> None:
    client = sandbox_client(fake)
    first = fake.contacts()[0]["id"]
    client.contacts.get(first, extra_headers=TRACE)
    client.contacts.get(first)
    assert traces(fake) == ["trace-123", None]


def test_extra_headers_reach_every_request_of_an_iterator(fake: FakeHeymarket) -> None:
    client = sandbox_client(fake)
    assert len(list(client.contacts.iter(page_size=2, extra_headers=TRACE))) == 7
    v1_requests = len(fake.requests)
    # v2 reads ahead on worker threads: the headers must follow the requests there too.
    assert len(list(client.contacts_v2.iter(page_size=1, concurrency=4, extra_headers=TRACE))) == 7
    assert v1_requests >= 4
    assert len(fake.requests) >= v1_requests + 4  # pages of 1 (with room for a repeat)
    assert set(traces(fake)) == {"trace-123"}


def test_extra_headers_reach_every_chunk_of_a_bulk_write(fake: FakeHeymarket) -> None:
    client = sandbox_client(fake)
    contacts = [models.ContactInput(phone=f"1415555{n:04d}") for n in range(4)]
    client.contacts.batch_create(contacts, chunk_size=1, concurrency=2, extra_headers=TRACE)
    assert traces(fake) == ["trace-123"] * 4


@pytest.mark.asyncio
async def test_async_extra_headers_reach_plain_calls_and_iterators(fake: FakeHeymarket) -> None:
    async with async_sandbox_client(fake) as client:
        await client.contacts.count(extra_headers=TRACE)
        seen = [c async for c in client.contacts_v2.iter(page_size=2, extra_headers=TRACE)]
        await client.contacts.count()
    assert len(seen) == 7
    assert traces(fake) == ["trace-123"] * (len(fake.requests) - 1) + [None]


def test_with_options_default_headers_go_with_every_request_of_the_new_client_only(
    fake: FakeHeymarket,
) -> None:
    client = sandbox_client(fake)
    tagged = client.with_options(default_headers={"X-Trace-Id": "default", "X-Team": "ops"})
    tagged.contacts.count()
    tagged.contacts.count(extra_headers=TRACE)  # a call's headers win over the defaults
    client.contacts.count()
    sent = [(r.headers.get("x-trace-id"), r.headers.get("x-team")) for r in fake.requests]
    assert sent == [("default", "ops"), ("trace-123", "ops"), (None, None)]
    assert all(r.headers["authorization"].startswith("Bearer ") for r in fake.requests)


def test_with_options_refuses_credential_headers() -> None:
    client = Heymarket(api_key="k")
    with pytest.raises(ValueError, match="default_headers"):
        client.with_options(default_headers={"Authorization": "Bearer other"})


# --- timeout ----------------------------------------------------------------------------------


@pytest.fixture
def slow_server(fake: FakeHeymarket) -> Iterator[str]:
    """The sandbox on loopback (httpx timeouts apply to real sockets only)."""
    with fake.serve("127.0.0.1", 0) as server:
        yield server.url


def test_a_call_timeout_fires_while_the_client_default_is_30_s(
    fake: FakeHeymarket, slow_server: str
) -> None:
    first = fake.contacts()[0]["id"]
    with Heymarket(
        secret_id=SANDBOX_SECRET_ID,
        secret_key=SANDBOX_SECRET_KEY,
        base_url=slow_server,
        max_retries=0,
        requests_per_minute=None,
    ) as client:
        assert client.timeout.read == 30.0
        fake.inject(Fault(delay=2.0), method="GET", path=f"/v1/contact/{first}")
        with pytest.raises(errors.APITimeoutError):
            client.contacts.get(first, timeout=0.2)
        # The next call has the client's 30 s again: a short delay does not fail it.
        fake.inject(Fault(delay=0.3), method="GET", path=f"/v1/contact/{first}")
        assert client.contacts.get(first).id == first


@pytest.mark.asyncio
async def test_an_async_call_timeout_fires(fake: FakeHeymarket, slow_server: str) -> None:
    async with AsyncHeymarket(
        secret_id=SANDBOX_SECRET_ID,
        secret_key=SANDBOX_SECRET_KEY,
        base_url=slow_server,
        max_retries=0,
        requests_per_minute=None,
    ) as client:
        fake.inject(Fault(delay=2.0), method="POST", path="/v1/contacts/count")
        with pytest.raises(errors.APITimeoutError):
            await client.contacts.count(timeout=httpx.Timeout(0.2))


def test_waiting_for_a_pacing_slot_does_not_count_against_the_call_timeout(
    fake: FakeHeymarket, slow_server: str
) -> None:
    with Heymarket(
        secret_id=SANDBOX_SECRET_ID,
        secret_key=SANDBOX_SECRET_KEY,
        base_url=slow_server,
        max_retries=0,
        requests_per_minute=60,  # one request a second: the second call waits up to 1 s
    ) as client:
        client.contacts.count(timeout=0.3)
        assert client.contacts.count(timeout=0.3) == 7
