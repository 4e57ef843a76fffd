"""The request pipeline through a real client: retries, typed errors, timeouts and logging."""

from __future__ import annotations

import importlib.metadata
import itertools
import logging
import platform

import httpx
import pytest
from heymarket_typed_api.api.contacts_v1 import get_contact

from heymarket_typed import errors, models
from tests.helpers import FakeClock, ScriptedAPI, contact, json_response

REF = {"id": 1001, "rev": 1, "uuid": "a1b2c3d4-e5f6-7890-abcd-ef1234567890"}


def new_contact() -> models.ContactInput:
    return models.ContactInput(phone="14155553434", first="Ada")


def test_create_not_retried_on_500() -> None:
    api = ScriptedAPI().on("POST /v1/contact", json_response(500, {"message": "boom"}))
    with pytest.raises(errors.InternalServerError):
        api.client().contacts.create(new_contact())
    assert len(api.requests) == 1


@pytest.mark.asyncio
async def test_async_create_not_retried_on_500() -> None:
    api = ScriptedAPI().on("POST /v2/contacts", json_response(502, {"message": "boom"}))
    async with api.async_client() as client:
        with pytest.raises(errors.InternalServerError):
            await client.contacts_v2.bulk_upsert(
                [
                    models.ContactInputV2(
                        contact_channels=[models.ChannelInput("phone", "14155553434")]
                    )
                ]
            )
    assert len(api.requests) == 1


def test_create_retried_on_429() -> None:
    api = ScriptedAPI().on(
        "POST /v1/contact", json_response(429, {"message": "slow down"}), json_response(200, REF)
    )
    ref = api.client().contacts.create(new_contact())
    assert ref.id == 1001
    assert len(api.requests) == 2


def test_create_retried_when_the_connection_fails() -> None:
    api = ScriptedAPI().on(
        "POST /v1/contact", httpx.ConnectError("refused"), json_response(200, REF)
    )
    assert api.client().contacts.create(new_contact()).uuid == REF["uuid"]
    assert len(api.requests) == 2


def test_create_not_retried_when_the_connection_drops() -> None:
    api = ScriptedAPI().on("POST /v1/contact", httpx.RemoteProtocolError("server hung up"))
    with pytest.raises(errors.APIConnectionError):
        api.client().contacts.create(new_contact())
    assert len(api.requests) == 1


def test_read_retried_with_backoff_then_succeeds() -> None:
    clock = FakeClock()
    sent_at: list[float] = []
    replies = iter([json_response(503, {}), json_response(500, {}), json_response(200, contact(1))])

    def answer(request: httpx.Request) -> httpx.Response:
        sent_at.append(clock.monotonic())
        return next(replies)

    api = ScriptedAPI().on("GET /v1/contact/1", answer)
    assert api.client(_clock=clock).contacts.get(1).id == 1
    assert len(api.requests) == 3
    first, second = (later - earlier for earlier, later in itertools.pairwise(sent_at))
    assert 0.375 <= first <= 0.5
    assert 0.75 <= second <= 1.0


def test_retries_exhausted_raise_typed_error_with_request_id() -> None:
    api = ScriptedAPI().on(
        "POST /v2/contacts/list", json_response(503, {"message": "down"}, **{"X-Request-Id": "r-9"})
    )
    with pytest.raises(errors.InternalServerError) as caught:
        api.client(max_retries=3).contacts_v2.list()
    assert len(api.requests) == 4
    assert caught.value.status_code == 503
    assert caught.value.request_id == "r-9"
    assert "r-9" in str(caught.value)


def test_timeout_raises_api_timeout_error() -> None:
    api = ScriptedAPI().on("GET /v1/contact/1", httpx.ReadTimeout("read timed out"))
    with pytest.raises(errors.APITimeoutError) as caught:
        api.client(max_retries=1).contacts.get(1)
    assert isinstance(caught.value, errors.APIConnectionError)
    assert len(api.requests) == 2


@pytest.mark.asyncio
async def test_async_timeout_raises_api_timeout_error() -> None:
    api = ScriptedAPI().on("POST /v1/contacts/count", httpx.ConnectTimeout("connect timed out"))
    async with api.async_client(max_retries=0) as client:
        with pytest.raises(errors.APITimeoutError):
            await client.contacts.count()


def test_each_retry_is_logged_at_info(caplog: pytest.LogCaptureFixture) -> None:
    api = ScriptedAPI().on(
        "GET /v1/contact/1", json_response(503, {}), json_response(200, contact(1))
    )
    with caplog.at_level(logging.INFO, logger="heymarket_typed"):
        api.client().contacts.get(1)
    retries = [
        r for r in caplog.records if r.name == "heymarket_typed" and r.levelno == logging.INFO
    ]
    assert len(retries) == 1
    assert "status 503" in retries[0].getMessage()
    assert "retry 1 of 2" in retries[0].getMessage()


def test_debug_log_shows_request_and_redacts_authorization(
    caplog: pytest.LogCaptureFixture,
) -> None:
    api = ScriptedAPI().on(
        "GET /v1/contact/7", json_response(200, contact(7), **{"X-Request-Id": "r-debug"})
    )
    with caplog.at_level(logging.DEBUG, logger="heymarket_typed"):
        api.client().contacts.get(7)
    token = api.requests[0].headers["Authorization"]
    line = next(r.getMessage() for r in caplog.records if r.name == "heymarket_typed")
    assert "GET https://api.heymarket.com/v1/contact/7 -> 200" in line
    assert "r-debug" in line
    assert "'authorization': '<redacted>'" in line
    assert token.removeprefix("Bearer ") not in caplog.text


def test_user_agent_names_sdk_python_and_httpx() -> None:
    api = ScriptedAPI(default=json_response(200, contact(1)))
    api.client().contacts.get(1)
    python = ".".join(platform.python_version_tuple()[:2])
    httpx_version = ".".join(httpx.__version__.split(".")[:2])
    version = importlib.metadata.version("heymarket-typed")  # the installed metadata's
    assert api.requests[0].headers["User-Agent"] == (
        f"heymarket-typed/{version} python/{python} httpx/{httpx_version}"
    )


def test_client_api_functions_get_auth_retries_and_errors() -> None:
    api = ScriptedAPI().on(
        "GET /v1/contact/5", json_response(503, {}), json_response(200, contact(5))
    )
    client = api.client()
    response = get_contact.sync_detailed(5, client=client.api)
    assert isinstance(response.parsed, models.Contact)
    assert api.requests[1].headers["Authorization"].startswith("Bearer ey")
    with pytest.raises(errors.NotFoundError):
        get_contact.sync_detailed(6, client=client.api)


def test_a_body_client_api_cannot_read_is_an_api_response_validation_error() -> None:
    api = ScriptedAPI().on("GET /v1/contact/7", json_response(200, {"id": "seven"}))
    client = api.client()
    with pytest.raises(errors.APIResponseValidationError) as caught:
        get_contact.sync_detailed(7, client=client.api)
    error = caught.value
    assert (error.status_code, error.request_id) == (200, "req-200")
    assert error.request.headers["authorization"] == "<redacted>"
    assert "GET /v1/contact/7" in str(error)
    assert "Contact.id: expected int, got str" in str(error)


@pytest.mark.asyncio
async def test_a_body_async_client_api_cannot_read_is_an_api_response_validation_error() -> None:
    api = ScriptedAPI().on("GET /v1/contact/7", json_response(200, "<html>"))
    client = api.async_client()
    with pytest.raises(errors.APIResponseValidationError, match="request id req-200"):
        await get_contact.asyncio_detailed(7, client=client.api)


def test_the_transport_marks_responses_with_the_generated_packages_extension_key() -> None:
    from heymarket_typed_api.errors import UNPARSABLE_RESPONSE_EXTENSION  # noqa: PLC0415

    from heymarket_typed._hooks import (  # noqa: PLC0415
        UNPARSABLE_RESPONSE_EXTENSION as used,
    )

    assert used == UNPARSABLE_RESPONSE_EXTENSION
