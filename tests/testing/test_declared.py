"""The sandbox follows the document: every declared input field, enum value and response
field works without the sandbox naming it.

Read from the YAML document itself (not from the generated models the sandbox derives its
lists from), so a field added to the document and regenerated is checked here: the sandbox
accepts, stores and returns it, or this test fails naming it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from heymarket_typed.testing import SANDBOX_API_KEY, FakeHeymarket
from tests.openapi_document import load_document

PHONE = "14155550100"
AUTH = {"Authorization": f"Bearer {SANDBOX_API_KEY}"}

RETURNED_AS = {"assignee_id": "assigned_user_id"}
"""Input fields the API returns under another name."""

NOT_STORED = {"contact_id"}
"""Input fields that are no contact data: bulk upsert's reference to the contact to update."""


def _schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = load_document()["components"]["schemas"][name]
    return schema


def _resolved(schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    return _schema(ref.rsplit("/", 1)[1]) if isinstance(ref, str) else schema


def sample(name: str, schema: dict[str, Any]) -> Any:
    """A valid value for a property, from its schema alone."""
    schema = _resolved(schema)
    kinds = schema.get("type", "object")
    kind = next(k for k in ([kinds] if isinstance(kinds, str) else kinds) if k != "null")
    if "enum" in schema:
        return schema["enum"][-1]
    if kind == "string":
        return PHONE if "pattern" in schema else f"a {name}"
    if kind == "integer":
        return max(7, schema.get("minimum", 7))
    if kind == "number":
        return 7.5
    if kind == "boolean":
        return True
    if kind == "array":
        return [sample(name, schema["items"])] * max(1, schema.get("minItems", 1))
    if "propertyNames" in schema:
        return {"12": sample(name, schema["additionalProperties"])}
    required = schema.get("required") or list(schema.get("properties", {}))[:1]
    return {key: sample(key, schema["properties"][key]) for key in required}


def expected(name: str, value: Any) -> Any:
    """What the sandbox returns for an input value: tags as their ids, channels completed."""
    if name == "tags":
        return [tag["tag_id"] for tag in value]
    return value


def _input_properties() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for model in ("ContactInput", "ContactInputV2"):
        for name, schema in _schema(model)["properties"].items():
            yield model, name, schema


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    fake = FakeHeymarket()
    with httpx.Client(
        transport=fake.transport(), base_url="https://api.heymarket.com", headers=AUTH
    ) as client:
        yield client


def _ok(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(
    ("model", "name", "schema"),
    [p for p in _input_properties() if p[1] not in NOT_STORED],
    ids=[f"{m}.{n}" for m, n, _ in _input_properties() if n not in NOT_STORED],
)
def test_each_declared_input_field_is_stored_and_returned(
    http: httpx.Client, model: str, name: str, schema: dict[str, Any]
) -> None:
    value = sample(name, schema)
    field = f"{model}.{name}"
    if model == "ContactInput":
        body = {"phone": PHONE, name: value}
        created = http.post("/v1/contact", json=body)
        assert created.status_code == 200, f"{field}: the sandbox refused {value!r}"
        contact = _ok(http.get(f"/v1/contact/{created.json()['id']}"))
    else:
        body = {"contact_channels": [{"channel_type": "phone", "channel_id": PHONE}], name: value}
        created = http.post("/v2/contact", json=body)
        assert created.status_code == 200, f"{field}: the sandbox refused {value!r}"
        contact = _ok(http.get(f"/v2/contact/{created.json()['uuid']}"))
    returned = RETURNED_AS.get(name, name)
    assert returned in contact, f"{field} was not returned"
    if name == "contact_channels":
        assert [c["channel_id"] for c in contact[returned]] == [c["channel_id"] for c in value]
    else:
        assert contact[returned] == expected(name, value), f"{field} was not stored as sent"


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_each_declared_response_field_is_returned(http: httpx.Client, version: str) -> None:
    if version == "v1":
        ref = _ok(http.post("/v1/contact", json={"phone": PHONE}))
        contact = _ok(http.get(f"/v1/contact/{ref['id']}"))
    else:
        channels = [{"channel_type": "phone", "channel_id": PHONE}]
        ref = _ok(http.post("/v2/contact", json={"contact_channels": channels}))
        contact = _ok(http.get(f"/v2/contact/{ref['uuid']}"))
    missing = [name for name in _schema("Contact")["properties"] if name not in contact]
    assert missing == [], f"Contact fields the sandbox does not return: {missing}"


@pytest.mark.parametrize("status", _schema("ContactStatusValue")["enum"])
def test_each_declared_status_is_accepted(http: httpx.Client, status: str) -> None:
    _ok(http.post("/v1/contact", json={"phone": PHONE}))
    assert _ok(http.post("/v1/contact/set_status", json={"phone": PHONE, "status": status}))
