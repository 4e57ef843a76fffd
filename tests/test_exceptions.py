"""Responses become typed errors carrying the status, request id and body."""

from __future__ import annotations

import httpx
import pytest

from heymarket_typed import errors
from tests.helpers import ScriptedAPI, contact, json_response


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
]


@pytest.mark.parametrize(("case", "reply"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_success_raises_validation_error_with_request_id(
    case: str, reply: httpx.Response
) -> None:
    api = ScriptedAPI().on("GET /v1/contact/1", reply)
    with pytest.raises(errors.APIResponseValidationError) as caught:
        api.client().contacts.get(1)
    assert caught.value.request_id == "r-m", case
    assert "GET /v1/contact/{id}" in str(caught.value)


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
