"""`with_raw_response`: status, headers and request id beside the plain method's value."""

from __future__ import annotations

import gc
import types
from typing import assert_type

import pytest

from heymarket_typed import APIResponse, errors, models
from heymarket_typed.testing import SANDBOX_SECRET_KEY, FakeHeymarket
from heymarket_typed.testing._clients import async_sandbox_client, sandbox_client


@pytest.fixture
def fake() -> FakeHeymarket:
    sandbox = FakeHeymarket(seed=3)
    sandbox.seed(3)
    return sandbox


def reachable_text(root: object) -> list[str]:
    """Every str and bytes reachable from `root` through its objects (not through classes,
    modules or functions, which reach everything)."""
    seen: set[int] = set()
    stack = [root]
    found: list[str] = []
    while stack:
        item = stack.pop()
        if id(item) in seen or isinstance(item, type | types.ModuleType | types.FunctionType):
            continue
        seen.add(id(item))
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, bytes | bytearray):
            found.append(bytes(item).decode("latin-1"))
        else:
            stack.extend(gc.get_referents(item))
    return found


def assert_no_token(response: APIResponse[object], fake: FakeHeymarket) -> None:
    sent = fake.requests[-1].headers["authorization"]
    token = sent.removeprefix("Bearer ")
    assert response.http_response.request.headers["authorization"] == "<redacted>"
    texts = reachable_text(response)
    assert not [t for t in texts if token in t or SANDBOX_SECRET_KEY in t]


def test_v1_raw_response_has_the_status_headers_request_id_and_value(fake: FakeHeymarket) -> None:
    client = sandbox_client(fake)
    first = fake.contacts()[0]["id"]

    response = client.contacts.with_raw_response.get(first, extra_headers={"X-Trace": "t"})

    assert_type(response, APIResponse[models.Contact])
    assert response.status_code == 200
    assert response.request_id is not None
    assert response.request_id == response.headers["x-request-id"]
    assert response.headers["content-type"].startswith("application/json")
    assert response.parse() == client.contacts.get(first)
    assert response.http_response.request.headers["x-trace"] == "t"
    assert_no_token(response, fake)


def test_v2_raw_response(fake: FakeHeymarket) -> None:
    client = sandbox_client(fake)
    phone = fake.contacts()[1]["phone"]

    response = client.contacts_v2.with_raw_response.search(phones=[phone])

    assert_type(response, APIResponse[list[models.Contact]])
    assert response.status_code == 200
    assert response.request_id == response.headers["x-request-id"]
    assert [c.phone for c in response.parse()] == [phone]
    assert_no_token(response, fake)


@pytest.mark.asyncio
async def test_async_raw_responses_of_both_surfaces(fake: FakeHeymarket) -> None:
    async with async_sandbox_client(fake) as client:
        count = await client.contacts.with_raw_response.count()
        assert_type(count, APIResponse[int])
        assert (count.status_code, count.parse()) == (200, 3)
        assert count.request_id == count.headers["x-request-id"]
        assert_no_token(count, fake)

        uuid = fake.contacts()[2]["uuid"]
        got = await client.contacts_v2.with_raw_response.get(uuid)
        assert_type(got, APIResponse[models.Contact])
        assert got.parse().uuid == uuid
        assert got.request_id is not None
        assert got.request_id != count.request_id


def test_raw_responses_raise_what_the_plain_method_raises(fake: FakeHeymarket) -> None:
    client = sandbox_client(fake)
    with pytest.raises(errors.NotFoundError):
        client.contacts.with_raw_response.get(999_999)
    with pytest.raises(ValueError, match="id"):
        client.contacts.with_raw_response.get(0)


def test_a_chunked_write_returns_the_last_response_and_an_empty_one_has_none(
    fake: FakeHeymarket,
) -> None:
    client = sandbox_client(fake)
    batch = [models.ContactInput(phone=f"1415555{n:04d}") for n in range(3)]
    response = client.contacts.with_raw_response.batch_create(batch, chunk_size=1, concurrency=2)
    assert response.parse().submitted == 3
    assert response.http_response.request.url.path == "/v1/batch/contacts"
    assert len(fake.requests) == 3
    with pytest.raises(ValueError, match="nothing to send"):
        client.contacts.with_raw_response.batch_create([])
