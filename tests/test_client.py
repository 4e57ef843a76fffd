"""Constructing clients: credentials, settings, the contract's surface, sharing and closing."""

from __future__ import annotations

import inspect
import pickle
import typing
from typing import Any

import httpx
import pytest

from heymarket_typed import (
    AsyncContactIterator,
    AsyncHeymarket,
    ContactIterator,
    Heymarket,
    errors,
    models,
)
from heymarket_typed._auth import APIKeyAuth, JWTAuth
from tests.helpers import BASE_URL, SECRET_ID, SECRET_KEY, ScriptedAPI, contact, json_response

ENV = ("HEYMARKET_SECRET_ID", "HEYMARKET_SECRET_KEY", "HEYMARKET_API_KEY", "HEYMARKET_BASE_URL")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("cls", [Heymarket, AsyncHeymarket])
def test_no_credentials_is_an_error_at_construction(cls: type[Heymarket | AsyncHeymarket]) -> None:
    with pytest.raises(errors.HeymarketError, match="HEYMARKET_SECRET_ID"):
        cls()


def test_credentials_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HEYMARKET_SECRET_ID", SECRET_ID)
    monkeypatch.setenv("HEYMARKET_SECRET_KEY", SECRET_KEY)
    monkeypatch.setenv("HEYMARKET_API_KEY", "legacy")
    monkeypatch.setenv("HEYMARKET_BASE_URL", "http://127.0.0.1:9999/")
    client = Heymarket()
    assert isinstance(client._settings.auth, JWTAuth)
    assert client.base_url == "http://127.0.0.1:9999"


def test_api_key_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HEYMARKET_API_KEY", "legacy")
    assert isinstance(Heymarket()._settings.auth, APIKeyAuth)
    assert Heymarket().base_url == "https://api.heymarket.com"


def test_arguments_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HEYMARKET_SECRET_ID", SECRET_ID)
    monkeypatch.setenv("HEYMARKET_SECRET_KEY", SECRET_KEY)
    assert isinstance(Heymarket(api_key="explicit")._settings.auth, APIKeyAuth)


@pytest.mark.parametrize(
    "credentials",
    [
        {"secret_id": SECRET_ID},
        {"secret_key": SECRET_KEY},
        {"secret_id": "", "secret_key": SECRET_KEY},
        {"secret_id": SECRET_ID, "secret_key": SECRET_KEY, "api_key": "legacy"},
        {"api_key": ""},
    ],
)
def test_incomplete_or_conflicting_credentials(credentials: dict[str, Any]) -> None:
    with pytest.raises(errors.HeymarketError):
        Heymarket(**credentials)


@pytest.mark.parametrize(
    ("option", "value", "error"),
    [
        ("timeout", 0, ValueError),
        ("timeout", httpx.Timeout(None), ValueError),
        ("timeout", "30", TypeError),
        ("max_retries", -1, ValueError),
        ("max_retries", True, TypeError),
        ("requests_per_minute", 0, ValueError),
        ("base_url", "api.heymarket.com", ValueError),
    ],
)
def test_bad_options_raise_value_or_type_error_naming_them(
    option: str, value: object, error: type[Exception]
) -> None:
    with pytest.raises(error, match=option):
        Heymarket(api_key="k", **{option: value})  # type: ignore[arg-type]


def test_defaults_are_finite_and_documented() -> None:
    client = Heymarket(api_key="k")
    assert client.timeout == httpx.Timeout(30.0, connect=5.0)
    assert client.max_retries == 2
    pacer = client._settings.pacer
    assert pacer is not None
    assert pacer.rate * 60 == pytest.approx(500)


def test_an_http_clients_base_url_and_timeout_are_used() -> None:
    user = httpx.Client(base_url="http://127.0.0.1:8000", timeout=7.0)
    client = Heymarket(api_key="k", http_client=user)
    assert client.base_url == "http://127.0.0.1:8000"
    assert client.timeout == httpx.Timeout(7.0)
    assert Heymarket(api_key="k", http_client=httpx.Client()).timeout.read == 30.0


def test_with_options_shares_the_pool_and_changes_only_what_is_asked() -> None:
    api = ScriptedAPI(default=json_response(503, {}))
    client = api.client(max_retries=2)
    patient = client.with_options(max_retries=5, timeout=60)
    assert patient._pool is client._pool
    assert patient._settings.auth is client._settings.auth
    assert (patient.max_retries, patient.timeout.read) == (5, 60.0)
    assert client.max_retries == 2
    with pytest.raises(errors.InternalServerError):
        patient.contacts.get(1)
    assert len(api.requests) == 6
    patient.close()  # does not close the shared pool
    api.on("GET /v1/contact/2", json_response(200, contact(2)))
    assert client.contacts.get(2).id == 2


def test_closing_the_client_closes_the_http_client() -> None:
    user = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200)))
    with Heymarket(api_key="k", http_client=user):
        pass
    assert user.is_closed


@pytest.mark.asyncio
async def test_async_client_closes_the_http_client() -> None:
    user = httpx.AsyncClient(transport=httpx.MockTransport(lambda r: httpx.Response(200)))
    async with AsyncHeymarket(api_key="k", http_client=user):
        pass
    assert user.is_closed


def test_a_call_on_a_closed_client_is_a_heymarket_error() -> None:
    api = ScriptedAPI(default=json_response(200, [contact(1)]))
    client = api.client()
    sibling = client.with_options(max_retries=0)
    pages = client.contacts_v2.iter()
    client.close()
    for call in (
        lambda: client.contacts.get(1),
        lambda: next(pages),
        lambda: list(client.contacts.iter()),
        sibling.contacts.list,  # its own httpx client is open, the shared pool is not
    ):
        with pytest.raises(errors.HeymarketError, match="client is closed"):
            call()
    assert api.requests == []


@pytest.mark.asyncio
async def test_a_call_on_a_closed_async_client_is_a_heymarket_error() -> None:
    api = ScriptedAPI(default=json_response(200, [contact(1)]))
    client = api.async_client()
    await client.close()
    with pytest.raises(errors.HeymarketError, match="client is closed"):
        await client.contacts.get(1)
    with pytest.raises(errors.HeymarketError, match="client is closed"):
        [c async for c in client.contacts.iter()]
    assert api.requests == []


def test_repr_names_the_client_without_secrets() -> None:
    client = Heymarket(secret_id=SECRET_ID, secret_key=SECRET_KEY, base_url=BASE_URL)
    assert SECRET_KEY not in repr(client)
    assert SECRET_ID in repr(client)
    assert "legacy-key" not in repr(Heymarket(api_key="legacy-key"))


def test_errors_pickle_without_the_token() -> None:
    api = ScriptedAPI().on("GET /v1/contact/1", json_response(404, {"message": "gone"}))
    with pytest.raises(errors.NotFoundError) as caught:
        api.client().contacts.get(1)
    token = api.requests[0].headers["Authorization"].removeprefix("Bearer ")
    restored = pickle.loads(pickle.dumps(caught.value))
    assert isinstance(restored, errors.NotFoundError)
    assert (restored.status_code, restored.request_id, restored.body) == (
        404,
        "req-404",
        {"message": "gone"},
    )
    assert token.encode() not in pickle.dumps(caught.value)
    assert restored.response.request.headers["Authorization"] == "<redacted>"


# The contract's table: every method, on both clients, with its return type.
CONTRACT: dict[str, dict[str, Any]] = {
    "contacts": {
        "create": models.ContactRef,
        "get": models.Contact,
        "update": models.ContactRef,
        "delete": None,
        "find": models.Contact,
        "count": int,
        "list": list[models.Contact],
        "iter": None,
        "get_status": models.ContactStatus,
        "set_status": None,
        "batch_create": models.BatchCreateResult,
        "list_fields": list[models.ContactField],
    },
    "contacts_v2": {
        "create": models.ContactRef,
        "get": models.Contact,
        "update": models.Contact,
        "delete": None,
        "bulk_upsert": models.BulkUpsertResult,
        "bulk_delete": None,
        "list": list[models.Contact],
        "iter": None,
        "search": list[models.Contact],
    },
}


@pytest.mark.parametrize("resource", CONTRACT)
def test_both_clients_have_every_method_of_the_contract(resource: str) -> None:
    sync = getattr(Heymarket(api_key="k"), resource)
    asynchronous = getattr(AsyncHeymarket(api_key="k"), resource)
    for name, returns in CONTRACT[resource].items():
        sync_method, async_method = getattr(sync, name), getattr(asynchronous, name)
        sync_hints = typing.get_type_hints(sync_method)
        async_hints = typing.get_type_hints(async_method)
        if name == "iter":
            assert sync_hints["return"] is ContactIterator
            assert async_hints["return"] is AsyncContactIterator
            assert not inspect.iscoroutinefunction(async_method)
            continue
        assert sync_hints["return"] == (type(None) if returns is None else returns), name
        assert async_hints["return"] == sync_hints["return"], name
        assert inspect.iscoroutinefunction(async_method), name
        assert inspect.signature(sync_method) == inspect.signature(async_method), name


def test_an_http_clients_mounts_and_event_hooks_are_used() -> None:
    seen: list[str] = []
    mounted = httpx.MockTransport(lambda r: json_response(200, contact(1)))
    unused = httpx.MockTransport(lambda r: httpx.Response(599))
    user = httpx.Client(
        transport=unused,
        mounts={"https://api.heymarket.com": mounted},
        event_hooks={"request": [lambda r: seen.append(r.url.path)]},
        headers={"X-Team": "sales"},
    )
    client = Heymarket(api_key="k", http_client=user, requests_per_minute=None)
    assert client.contacts.get(1).id == 1
    assert seen == ["/v1/contact/1"]
    assert client._http.headers["X-Team"] == "sales"


def test_an_http_clients_response_hooks_see_error_responses_too() -> None:
    statuses: list[int] = []
    user = httpx.Client(
        transport=httpx.MockTransport(lambda r: json_response(404, {"message": "gone"})),
        base_url="https://api.heymarket.com",
        event_hooks={"response": [lambda r: statuses.append(r.status_code)]},
    )
    client = Heymarket(api_key="k", http_client=user, requests_per_minute=None)
    with pytest.raises(errors.NotFoundError):
        client.contacts.get(1)
    assert statuses == [404]
