"""The OpenAPI document: every endpoint of the vendor's table, valid examples, usable schemas."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from tests.openapi_document import (
    examples,
    load_document,
    operations,
    resolve,
    schema_validator,
    validator_at,
)

# The endpoint table of the vendor's Contacts overview page.
SEED_TABLE = [
    ("POST", "/v1/contact"),
    ("GET", "/v1/contact/{id}"),
    ("PUT", "/v1/contact/{id}"),
    ("DELETE", "/v1/contact/{id}"),
    ("POST", "/v1/contacts"),
    ("POST", "/v1/contacts/count"),
    ("POST", "/v1/contact/get"),
    ("POST", "/v1/contact/status"),
    ("POST", "/v1/contact/set_status"),
    ("POST", "/v1/batch/contacts"),
    ("POST", "/v1/contact-fields"),
    ("POST", "/v2/contact"),
    ("GET", "/v2/contact/{contactID}"),
    ("PUT", "/v2/contact/{contactID}"),
    ("DELETE", "/v2/contact/{contactID}"),
    ("POST", "/v2/contacts"),
    ("DELETE", "/v2/contacts"),
    ("POST", "/v2/contacts/list"),
    ("POST", "/v2/contacts/search"),
]


def test_document_has_exactly_the_seed_tables_19_operations() -> None:
    found = {(method, path) for method, path, _ in operations()}
    assert len(SEED_TABLE) == 19
    assert found == set(SEED_TABLE)


def test_operation_ids_are_present_and_distinct() -> None:
    ids = Counter(operation.get("operationId") for _, _, operation in operations())
    assert None not in ids
    assert [op_id for op_id, n in ids.items() if n > 1] == []
    assert len(ids) == 19


@pytest.mark.parametrize(("method", "path"), SEED_TABLE)
def test_operation_is_tagged_described_and_documents_errors(method: str, path: str) -> None:
    operation = load_document()["paths"][path][method.lower()]
    assert operation["tags"] == ["contacts_v1" if path.startswith("/v1/") else "contacts_v2"]
    assert operation["summary"]
    assert operation["description"]
    responses = operation["responses"]
    assert {"200", "400", "401", "403", "429", "500"} <= set(responses)
    for status in ("200", "400", "500"):
        assert "X-Request-Id" in resolve(responses[status])["headers"]
    error_schema = resolve(responses["400"])["content"]["application/json"]["schema"]
    assert error_schema == {"$ref": "#/components/schemas/ErrorBody"}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/contact/{id}"),
        ("POST", "/v1/contact/get"),
        ("GET", "/v2/contact/{contactID}"),
        ("DELETE", "/v2/contact/{contactID}"),
    ],
)
def test_lookups_document_404(method: str, path: str) -> None:
    assert "404" in load_document()["paths"][path][method.lower()]["responses"]


def test_bulk_delete_takes_a_json_body() -> None:
    operation = load_document()["paths"]["/v2/contacts"]["delete"]
    assert operation["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/BulkDeleteRequest"
    }


def test_both_bearer_schemes_are_declared_and_the_api_key_is_legacy() -> None:
    document = load_document()
    schemes = document["components"]["securitySchemes"]
    assert schemes["SecretJwt"]["bearerFormat"] == "JWT"
    assert "||" in schemes["SecretJwt"]["description"]
    assert "HS256" in schemes["SecretJwt"]["description"]
    assert "Legacy" in schemes["LegacyApiKey"]["description"]
    assert document["security"] == [{"SecretJwt": []}, {"LegacyApiKey": []}]


ALL_EXAMPLES = list(examples())


def test_the_seed_examples_are_in_the_document() -> None:
    values = [value for _, value, _ in ALL_EXAMPLES]
    assert "1042" in values
    assert any(isinstance(v, dict) and v.get("id") == 98765 for v in values)
    assert any(isinstance(v, dict) and v.get("limit") == 123 and len(v) == 10 for v in values)
    assert {
        "contact_channels": [
            {"channel_ids": ["14155551234", "14155559876"], "channel_type": "phone"}
        ]
    } in values


@pytest.mark.parametrize(("where", "value", "schema_pointer"), ALL_EXAMPLES)
def test_every_example_validates_against_its_schema(
    where: str, value: Any, schema_pointer: str
) -> None:
    errors = [e.message for e in validator_at(schema_pointer).iter_errors(value)]
    assert errors == [], where


@pytest.mark.parametrize(
    ("schema", "value"),
    [
        ("ContactInput", {"first": "No phone"}),
        ("ContactInput", {"phone": "+14155553434"}),
        ("ContactInput", {"phone": "1415"}),
        ("ContactInput", {"phone": "14155553434", "tags": [{"tag_id": i} for i in range(6)]}),
        ("Contact", {"display_name": "no id"}),
        ("Contact", {"id": "98765"}),
        ("ContactRef", {"id": 1}),
        ("SetStatusRequest", {"phone": "14155553434", "status": "paused"}),
        ("ListContactsV2Request", {"limit": 101}),
        ("ListContactsV2Request", {"page": -1}),
        ("BulkDeleteRequest", {"contact_channels": [{"channel_type": "phone", "channel_ids": []}]}),
        ("SearchRequest", {"contact_channels": []}),
        ("CountResponse", "12a"),
    ],
)
def test_schemas_reject_what_the_api_rejects(schema: str, value: Any) -> None:
    assert not schema_validator(schema).is_valid(value)


def test_contact_accepts_nulls_and_unknown_fields() -> None:
    optional = set(load_document()["components"]["schemas"]["Contact"]["properties"]) - {"id"}
    contact: dict[str, Any] = dict.fromkeys(optional)
    contact |= {"id": 1, "favourite_colour": "teal"}
    assert schema_validator("Contact").is_valid(contact)


def test_count_accepts_a_string_or_a_number() -> None:
    assert schema_validator("CountResponse").is_valid("1042")
    assert schema_validator("CountResponse").is_valid(1042)


def test_v2_list_limits_and_defaults() -> None:
    properties = load_document()["components"]["schemas"]["ListContactsV2Request"]["properties"]
    assert (properties["limit"]["minimum"], properties["limit"]["maximum"]) == (1, 100)
    assert properties["limit"]["default"] == 30
    assert (properties["page"]["minimum"], properties["page"]["default"]) == (0, 0)


def test_v1_pagination_body_has_the_ten_fields_of_the_seed() -> None:
    properties = load_document()["components"]["schemas"]["PaginationRequest"]["properties"]
    assert set(properties) == {
        "archived", "ascending", "assigned", "date", "filter",
        "id", "limit", "order", "page", "parent_id",
    }  # fmt: skip


def test_status_enum() -> None:
    schema = load_document()["components"]["schemas"]["ContactStatusValue"]
    assert set(schema["enum"]) == {"active", "blocked", "unblocked", "subscribed", "unsubscribed"}
