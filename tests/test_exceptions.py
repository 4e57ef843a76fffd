"""Responses become typed errors carrying the status, request id and body."""

from __future__ import annotations

import json

import httpx
import pytest

from heymarket_typed import errors, models
from tests.helpers import ScriptedAPI, contact, json_response
from tests.tally import tally


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (400, errors.BadRequestError),
        (401, errors.AuthenticationError),
        (403, errors.PermissionDeniedError),
        (404, errors.NotFoundError),
        (409, errors.ConflictError),
        (422, errors.UnprocessableEntityError),
        (429, errors.RateLimitError),
        (500, errors.InternalServerError),
        (502, errors.InternalServerError),
        (503, errors.InternalServerError),
        (504, errors.InternalServerError),
        (501, errors.InternalServerError),
        (418, errors.APIStatusError),
    ],
)
def test_status_maps_to_its_error(status: int, error: type[errors.APIStatusError]) -> None:
    api = ScriptedAPI().on(
        "GET /v1/contact/1", json_response(status, {"message": "nope"}, **{"X-Request-Id": "r-x"})
    )
    with pytest.raises(error) as caught:
        api.client().contacts.get(1)
    assert type(caught.value) is error
    assert isinstance(caught.value, errors.APIStatusError)
    assert caught.value.status_code == status
    assert caught.value.request_id == "r-x"
    assert caught.value.body == {"message": "nope"}
    assert caught.value.response.status_code == status
    assert "nope" in str(caught.value)
    assert "r-x" in str(caught.value)


@pytest.mark.parametrize(
    ("content", "body"),
    [
        (b"<html><body>502 Bad Gateway</body></html>", "<html><body>502 Bad Gateway</body></html>"),
        (b"", None),
        (b'{"error_code": "bad_data"}', {"error_code": "bad_data"}),
    ],
)
def test_error_bodies_of_any_shape_are_kept(content: bytes, body: object) -> None:
    api = ScriptedAPI().on("POST /v1/contact/status", httpx.Response(400, content=content))
    with pytest.raises(errors.BadRequestError) as caught:
        api.client().contacts.get_status(id=1)
    assert caught.value.body == body
    assert caught.value.request_id is None


MALFORMED = [
    ("non-JSON", httpx.Response(200, text="OK!", headers={"X-Request-Id": "r-m"})),
    (
        "HTML page",
        httpx.Response(200, text="<html>gateway</html>", headers={"X-Request-Id": "r-m"}),
    ),
    (
        "truncated JSON",
        httpx.Response(200, text='{"id": 1, "phone": "1415', headers={"X-Request-Id": "r-m"}),
    ),
    ("missing id", json_response(200, {"phone": "14155553434"}, **{"X-Request-Id": "r-m"})),
    ("a string instead of a contact", json_response(200, "ok", **{"X-Request-Id": "r-m"})),
    ("null instead of a contact", json_response(200, None, **{"X-Request-Id": "r-m"})),
    ("a list instead of a contact", json_response(200, [contact(1)], **{"X-Request-Id": "r-m"})),
    ("empty body", httpx.Response(200, content=b"", headers={"X-Request-Id": "r-m"})),
    ("undocumented 2xx", json_response(201, contact(1), **{"X-Request-Id": "r-m"})),
    ("204 no content", httpx.Response(204, headers={"X-Request-Id": "r-m"})),
    ("id sent as a string", json_response(200, {"id": "98765"}, **{"X-Request-Id": "r-m"})),
    ("id sent as a float", json_response(200, {"id": 98765.0}, **{"X-Request-Id": "r-m"})),
    ("id sent as a bool", json_response(200, {"id": True}, **{"X-Request-Id": "r-m"})),
    (
        "null where a note is expected",
        json_response(200, contact(1, note=[None]), **{"X-Request-Id": "r-m"}),
    ),
    (
        "a string where custom fields are expected",
        json_response(200, contact(1, custom="gold"), **{"X-Request-Id": "r-m"}),
    ),
    (
        "a tag that is neither an id nor a tag",
        json_response(200, contact(1, tags=["vip"]), **{"X-Request-Id": "r-m"}),
    ),
    (
        "a custom value that is an object",
        json_response(200, contact(1, custom={"1": {"a": 1}}), **{"X-Request-Id": "r-m"}),
    ),
    (
        "JSON with a trailing comma",
        httpx.Response(200, text='{"id": 1,}', headers={"X-Request-Id": "r-m"}),
    ),
    (
        "bytes that are not UTF-8",
        httpx.Response(200, content=b'{"id": 1, "first": "\xff"}', headers={"X-Request-Id": "r-m"}),
    ),
]


@pytest.mark.parametrize(("case", "reply"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_success_raises_validation_error_with_request_id(
    case: str, reply: httpx.Response
) -> None:
    api = ScriptedAPI().on("GET /v1/contact/1", reply)
    with pytest.raises(errors.APIResponseValidationError) as caught:
        api.client().contacts.get(1)
    assert caught.value.request_id == "r-m", case
    assert "GET /v1/contact/" in str(caught.value)  # the operation, by template or path
    tally("malformed responses")


def test_null_inside_a_list_response_is_a_validation_error() -> None:
    reply = json_response(
        200, {"contacts": [None], "failed_contacts": []}, **{"X-Request-Id": "r-n"}
    )
    api = ScriptedAPI().on("POST /v2/contacts", reply)
    channel = models.ChannelInput("phone", "14155553434")
    with pytest.raises(errors.APIResponseValidationError) as caught:
        api.client().contacts_v2.bulk_upsert([models.ContactInputV2(contact_channels=[channel])])
    assert caught.value.request_id == "r-n"
    tally("malformed responses")


def test_a_10_mb_page_parses_and_a_truncated_one_fails_cleanly() -> None:
    page = [contact(i, first="x" * 700) for i in range(15_000)]
    body = json.dumps(page).encode()
    assert len(body) > 10 * 2**20
    api = ScriptedAPI().on(
        "POST /v2/contacts/list",
        httpx.Response(200, content=body, headers={"content-type": "application/json"}),
        httpx.Response(200, content=body[: len(body) // 2], headers={"X-Request-Id": "r-big"}),
    )
    client = api.client()
    assert len(client.contacts_v2.list(limit=100)) == 15_000
    with pytest.raises(errors.APIResponseValidationError) as caught:
        client.contacts_v2.list(limit=100)
    assert caught.value.request_id == "r-big"
    tally("malformed responses", 2)


def test_unknown_fields_never_fail_a_parse_and_are_kept() -> None:
    extra = contact(
        1, favourite_colour="teal", note=[{"id": "n", "mood": "happy"}], channels_v3=[1]
    )
    api = ScriptedAPI().on("GET /v1/contact/1", json_response(200, extra))
    found = api.client().contacts.get(1)
    assert found["favourite_colour"] == "teal"
    assert found["channels_v3"] == [1]
    assert isinstance(found.note, list)
    assert found.note[0]["mood"] == "happy"


@pytest.mark.parametrize("sent", [{"id": 1}, 7, None, ["ok"]])
def test_a_confirmation_that_is_not_a_string_is_a_validation_error(sent: object) -> None:
    api = ScriptedAPI().on("DELETE /v1/contact/1", json_response(200, sent))
    with pytest.raises(errors.APIResponseValidationError):
        api.client().contacts.delete(1)


@pytest.mark.parametrize("sent", ["12a", "", -3, True, 1.5, {"count": 3}])
def test_a_count_that_is_not_a_count_is_a_validation_error(sent: object) -> None:
    api = ScriptedAPI().on("POST /v1/contacts/count", json_response(200, sent))
    with pytest.raises(errors.APIResponseValidationError):
        api.client().contacts.count()


@pytest.mark.parametrize("sent", ["1042", 1042])
def test_count_accepts_string_and_number(sent: object) -> None:
    api = ScriptedAPI().on("POST /v1/contacts/count", json_response(200, sent))
    count = api.client().contacts.count()
    assert count == 1042
    assert type(count) is int


@pytest.mark.asyncio
async def test_async_malformed_success_raises_validation_error() -> None:
    api = ScriptedAPI().on("POST /v2/contacts/list", httpx.Response(200, text="[{"))
    async with api.async_client() as client:
        with pytest.raises(errors.APIResponseValidationError):
            await client.contacts_v2.list()


def test_connection_error_carries_a_scrubbed_request() -> None:
    api = ScriptedAPI().on("GET /v1/contact/1", httpx.ConnectError("refused"))
    with pytest.raises(errors.APIConnectionError) as caught:
        api.client(max_retries=0).contacts.get(1)
    assert caught.value.request.headers["Authorization"] == "<redacted>"
    assert caught.value.request_id is None
