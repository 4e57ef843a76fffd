"""The generated package: one module per operation, and models that take what the API sends."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path
from typing import Any

import heymarket_typed_api
import httpx
import pytest
from heymarket_typed_api import Client
from heymarket_typed_api.api.contacts_v1 import get_contact
from heymarket_typed_api.errors import UnparsableResponse
from heymarket_typed_api.models import Contact, ContactInput, ContactTag, TagRef

from tests.openapi_document import load_document, operations

OPERATIONS = sorted((op["tags"][0], op["operationId"]) for _, _, op in operations())


@pytest.mark.parametrize(("tag", "operation_id"), OPERATIONS)
def test_every_operation_has_its_four_functions(tag: str, operation_id: str) -> None:
    module = importlib.import_module(f"heymarket_typed_api.api.{tag}.{operation_id}")
    for name in ("sync", "sync_detailed"):
        assert callable(getattr(module, name))
        assert not inspect.iscoroutinefunction(getattr(module, name))
    for name in ("asyncio", "asyncio_detailed"):
        assert inspect.iscoroutinefunction(getattr(module, name))


def test_generated_package_is_typed() -> None:
    assert (Path(heymarket_typed_api.__file__).parent / "py.typed").is_file()


SEED_001_CONTACT: dict[str, Any] = {
    "id": 98765,
    "display_name": "API Contact",
    "first": "API",
    "last": "Contact",
    "email": "help@heymarket.com",
    "phone": "15105553344",
    "is_opted_out": False,
}


def test_seed_contact_parses_and_keeps_unknown_fields() -> None:
    contact = Contact.from_dict({**SEED_001_CONTACT, "favourite_colour": "teal"})
    assert contact.id == 98765
    assert contact.phone == "15105553344"
    assert contact.is_opted_out is False
    assert contact.additional_properties == {"favourite_colour": "teal"}
    assert contact["favourite_colour"] == "teal"
    assert contact.to_dict() == {**SEED_001_CONTACT, "favourite_colour": "teal"}


def test_contact_with_null_in_every_optional_field_parses() -> None:
    optional = set(load_document()["components"]["schemas"]["Contact"]["properties"]) - {"id"}
    contact = Contact.from_dict({"id": 7, **dict.fromkeys(optional)})
    assert contact.id == 7
    assert contact.display_name is None
    assert contact.custom is None
    assert contact.note is None
    assert contact.tags is None
    assert contact.additional_properties == {}


def test_contact_with_only_an_id_reads_the_rest_as_none() -> None:
    contact = Contact.from_dict({"id": 7})
    assert contact.updated is None
    assert contact.to_dict() == {"id": 7}


def test_v1_cursor_string_is_kept_exactly() -> None:
    updated = "2024-06-01T12:00:00.123456789Z"
    assert Contact.from_dict({"id": 1, "updated": updated}).updated == updated


def test_tags_accept_ids_and_tag_objects() -> None:
    contact = Contact.from_dict({"id": 1, "tags": [5, {"id": 6, "tag": "VIP", "color": "#f00"}]})
    assert isinstance(contact.tags, list)
    assert contact.tags[0] == 5
    assert isinstance(contact.tags[1], ContactTag)
    assert contact.tags[1].tag == "VIP"


def test_contact_input_serialises_to_the_documented_body() -> None:
    body = ContactInput(phone="14155553434", first="Ada", tags=[TagRef(tag_id=42)]).to_dict()
    assert body == {"phone": "14155553434", "first": "Ada", "tags": [{"tag_id": 42}]}


def test_unparsable_body_raises_with_the_response() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, text="<html>502 Bad Gateway</html>", headers={"X-Request-Id": "r1"}
        )

    api = Client(base_url="https://api.heymarket.com").set_httpx_client(
        httpx.Client(transport=httpx.MockTransport(handler), base_url="https://api.heymarket.com")
    )
    with pytest.raises(UnparsableResponse) as caught:
        get_contact.sync_detailed(98765, client=api)
    assert caught.value.response.headers["X-Request-Id"] == "r1"
    assert isinstance(caught.value.cause, ValueError)
