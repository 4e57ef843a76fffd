"""Generated models: from_dict checks the JSON against the document's schemas.

A typed SDK must never hand out a value whose runtime type contradicts its annotation, so every
`from_dict` rejects what the schema rejects by type (TypeError), a missing required key (KeyError)
and a value outside an enum or const (ValueError), naming the model and the field, while keeping
unknown fields. Most tests here are driven by the document itself; the rest pin the cases the
API is known to send.
"""

from __future__ import annotations

import copy
import re
import types
import typing
from typing import Any

import httpx
import pytest
from heymarket_typed_api import Client, models
from heymarket_typed_api.api.contacts_v1 import get_contact
from heymarket_typed_api.errors import UnparsableResponse
from heymarket_typed_api.models import (
    BulkDeleteChannel,
    BulkDeleteRequest,
    Contact,
    ContactChannel,
    ContactInputV2,
    ContactTag,
    CustomFields,
    FailedContactV2,
    Note,
    SetStatusRequest,
)
from heymarket_typed_api.types import Unset

from tests.openapi_document import examples, load_document, resolve, schema_validator

SCHEMAS: dict[str, Any] = load_document()["components"]["schemas"]
MODEL_NAMES = sorted(name for name, schema in SCHEMAS.items() if schema.get("type") == "object")
UUID_TEXT = "a1b2c3d4-e5f6-7890-abcd-ef1234567890"


def model(name: str) -> Any:
    """The generated class of a component schema (class_overrides keep the schema names)."""
    return getattr(models, name)


# --- Reading the document -------------------------------------------------------------------

JSON_TYPE_OF = {bool: "boolean", int: "integer", float: "number", str: "string", type(None): "null"}


def json_types(schema: dict[str, Any]) -> set[str]:
    """The JSON types a schema allows (what from_dict checks; not patterns, bounds or formats)."""
    schema = resolve(schema)
    if "const" in schema:
        return {JSON_TYPE_OF[type(schema["const"])]}
    if "enum" in schema:
        return {JSON_TYPE_OF[type(value)] for value in schema["enum"]}
    members = schema.get("oneOf", []) + schema.get("anyOf", [])
    if members:
        return set().union(*(json_types(member) for member in members))
    declared = schema.get("type", [])
    return {declared} if isinstance(declared, str) else set(declared)


def sample(schema: dict[str, Any], *, full: bool = True) -> Any:
    """A valid JSON value for a schema: every property when `full`, else required ones only."""
    schema = resolve(schema)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    members = [m for m in schema.get("oneOf", []) if json_types(m) != {"null"}]
    if members:
        return sample(members[0], full=full)
    kind = next(t for t in sorted(json_types(schema)) if t != "null")
    if kind == "object":
        return sample_object(schema, full=full)
    if kind == "array":
        return [sample(schema["items"], full=full)]
    if kind == "string":
        if schema.get("format") == "uuid":
            return UUID_TEXT
        return "15105553344" if "pattern" in schema else "text"
    return {"integer": 42, "number": 1.5, "boolean": True}[kind]


def sample_object(schema: dict[str, Any], *, full: bool) -> dict[str, Any]:
    properties: dict[str, Any] = schema.get("properties", {})
    # The required properties, and enough others for `minProperties`.
    wanted = set(schema.get("required", []))
    wanted |= set(list(properties)[: schema.get("minProperties", 0)])
    value = {
        name: sample(prop, full=full) for name, prop in properties.items() if full or name in wanted
    }
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict) and full:
        value["123"] = sample(extra, full=full)
    return value


def full_sample(name: str) -> dict[str, Any]:
    value: dict[str, Any] = sample(SCHEMAS[name])
    assert schema_validator(name).is_valid(value)
    return value


def minimal_sample(name: str) -> dict[str, Any]:
    value: dict[str, Any] = sample(SCHEMAS[name], full=False)
    assert schema_validator(name).is_valid(value)
    return value


# A value of each JSON type, to put where the schema allows another type.
WRONG_VALUES: dict[str, Any] = {
    "string": "7",
    "integer": 7,
    "number": 7.5,
    "boolean": True,
    "null": None,
    "array": ["7"],
    "object": {"x": 7},
}


def wrong_type_cases() -> list[tuple[str, str, Any]]:
    cases = []
    for name in MODEL_NAMES:
        for prop, schema in SCHEMAS[name].get("properties", {}).items():
            allowed = json_types(schema)
            if "number" in allowed:
                allowed = allowed | {"integer"}
            cases += [
                (name, prop, value) for kind, value in WRONG_VALUES.items() if kind not in allowed
            ]
    return cases


def required_cases() -> list[tuple[str, str]]:
    return [(name, prop) for name in MODEL_NAMES for prop in SCHEMAS[name].get("required", [])]


def enum_cases() -> list[tuple[str, str]]:
    return [
        (name, prop)
        for name in MODEL_NAMES
        for prop, schema in SCHEMAS[name].get("properties", {}).items()
        if {"enum", "const"} & set(resolve(schema))
    ]


# --- Checking that parsed values match their annotations -------------------------------------


def conforms(value: Any, hint: Any) -> bool:
    """Whether a runtime value has the type of an annotation (bool is not an int here)."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is Any:
        return True
    if origin in (typing.Union, types.UnionType):
        return any(conforms(value, arg) for arg in args)
    if origin is typing.Literal:
        return any(type(value) is type(arg) and value == arg for arg in args)
    if origin is list:
        return type(value) is list and all(conforms(item, args[0]) for item in value)
    if origin is dict:
        return type(value) is dict and all(
            conforms(k, args[0]) and conforms(v, args[1]) for k, v in value.items()
        )
    if hint is type(None):
        return value is None
    if hint is float:
        return type(value) in (int, float)
    if hint in (int, bool, str):
        return type(value) is hint
    if not isinstance(value, hint):
        return False
    return not hasattr(hint, "from_dict") or annotations_hold(value)


def annotations_hold(instance: Any) -> bool:
    """Whether every attribute of a parsed model, nested models included, has its annotated type."""
    hints = typing.get_type_hints(type(instance))
    return all(conforms(getattr(instance, field), hint) for field, hint in hints.items())


# --- Schema-driven tests ----------------------------------------------------------------------


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_every_model_round_trips_a_sample_with_every_field(name: str) -> None:
    value = full_sample(name)
    parsed = model(name).from_dict(value)
    assert annotations_hold(parsed)
    assert parsed.to_dict() == value


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_every_model_round_trips_a_sample_with_required_fields_only(name: str) -> None:
    value = minimal_sample(name)
    parsed = model(name).from_dict(value)
    assert annotations_hold(parsed)
    assert parsed.to_dict() == value


@pytest.mark.parametrize(("name", "prop", "value"), wrong_type_cases())
def test_a_value_of_a_type_the_schema_does_not_allow_is_a_type_error(
    name: str, prop: str, value: Any
) -> None:
    data = {**minimal_sample(name), prop: value}
    assert not schema_validator(name).is_valid(data)
    with pytest.raises(TypeError, match=rf"^{re.escape(f'{name}.{prop}')}: expected .*, got "):
        model(name).from_dict(data)


@pytest.mark.parametrize(("name", "prop"), required_cases())
def test_a_missing_required_key_is_a_key_error_naming_it(name: str, prop: str) -> None:
    data = minimal_sample(name)
    del data[prop]
    with pytest.raises(KeyError) as caught:
        model(name).from_dict(data)
    assert caught.value.args == (f"{name}.{prop}: required field missing",)


@pytest.mark.parametrize(("name", "prop"), enum_cases())
def test_a_value_outside_an_enum_or_const_is_a_value_error(name: str, prop: str) -> None:
    data = {**minimal_sample(name), prop: "not-an-allowed-value"}
    with pytest.raises(ValueError, match=rf"^{re.escape(name)}\.{prop}: expected .*"):
        model(name).from_dict(data)


def model_name(schema: dict[str, Any]) -> str | None:
    """The model a schema refers to, if it is a reference to one."""
    name = str(schema.get("$ref", "")).removeprefix("#/components/schemas/")
    return name if name in MODEL_NAMES else None


def example_cases() -> list[tuple[str, Any, Any, bool]]:
    """(where, example, model class, is a list) for every example whose schema is a model or a
    list of models (directly, or as the member of a oneOf that the example's shape picks)."""
    document = load_document()
    cases = []
    for where, value, pointer in examples():
        node: Any = document
        for token in pointer.removeprefix("/").split("/"):
            node = node[token.replace("~1", "/").replace("~0", "~")]
        for member in [node, *resolve(node).get("oneOf", [])]:
            shape = resolve(member)
            is_list = shape.get("type") == "array"
            name = model_name(shape["items"] if is_list else member)
            if name is not None and isinstance(value, list if is_list else dict):
                cases.append((where, value, model(name), is_list))
                break
    return cases


@pytest.mark.parametrize(("where", "value", "cls", "is_list"), example_cases())
def test_every_example_of_the_document_round_trips(
    where: str, value: Any, cls: Any, is_list: bool
) -> None:
    if is_list:
        assert [cls.from_dict(item).to_dict() for item in value] == value, where
    else:
        assert cls.from_dict(value).to_dict() == value, where


def test_the_document_examples_cover_the_main_models() -> None:
    covered = {cls.__name__ for _, _, cls, _ in example_cases()}
    assert {"Contact", "ContactInput", "ContactRef", "BatchFailure", "BulkDeleteRequest"} <= covered
    assert len(example_cases()) == 20


# --- Contact, as the API sends it -------------------------------------------------------------

FULL_CONTACT: dict[str, Any] = {
    "id": 98765,
    "uuid": UUID_TEXT,
    "display_name": "API Contact",
    "first": "API",
    "last": "Contact",
    "email": "help@heymarket.com",
    "phone": "15105553344",
    "avatar": "https://cdn.example.com/a.png",
    "custom": {"123": "Premium", "124": 42.5, "125": True, "126": None, "127": 3},
    "team_id": 1234,
    "creator_id": 55,
    "assigned_user_id": 77,
    "inbox_id": 9001,
    "parent_id": 0,
    "shared": True,
    "created": "2024-05-01T09:30:00Z",
    "updated": "2024-06-01T12:00:00.123456789Z",
    "rev": 3,
    "op": "update",
    "type": "contact",
    "external_id": "ext-1",
    "external_ref": "crm:1",
    "is_opted_out": False,
    "note": [{"id": "n1", "date": "2024-06-01", "name": "Ada", "text": "Hi", "user_id": 77}],
    "tags": [42, {"id": 6, "tag": "VIP", "color": "#f00"}],
    "contact_channels": [
        {"id": UUID_TEXT, "team_id": 1234, "contact_id": 98765, "channel_type": "phone"}
    ],
}


def contact_with(**changes: Any) -> dict[str, Any]:
    return {**copy.deepcopy(FULL_CONTACT), **changes}


def test_a_full_contact_parses_into_the_annotated_types() -> None:
    contact = Contact.from_dict(FULL_CONTACT)
    assert annotations_hold(contact)
    assert isinstance(contact.custom, CustomFields)
    assert contact.custom["124"] == 42.5
    assert isinstance(contact.note, list)
    assert isinstance(contact.note[0], Note)
    assert contact.tags is not None
    assert not isinstance(contact.tags, Unset)
    assert contact.tags[0] == 42
    assert isinstance(contact.tags[1], ContactTag)
    assert contact.type_ == "contact"
    assert contact.to_dict() == FULL_CONTACT


def test_from_dict_leaves_its_input_alone_and_does_not_share_it() -> None:
    data = contact_with(favourite_colour="teal")
    before = copy.deepcopy(data)
    contact = Contact.from_dict(data)
    assert data == before
    contact["favourite_colour"] = "blue"
    assert data["favourite_colour"] == "teal"


def test_an_id_sent_as_a_string_is_rejected() -> None:
    with pytest.raises(TypeError, match=r"^Contact\.id: expected int, got str$"):
        Contact.from_dict({"id": "98765"})


def test_a_bool_where_an_int_is_expected_is_rejected() -> None:
    with pytest.raises(TypeError, match=r"^Contact\.id: expected int, got bool$"):
        Contact.from_dict({"id": True})
    with pytest.raises(TypeError, match=r"^Contact\.rev: expected int \| None, got bool$"):
        Contact.from_dict(contact_with(rev=False))


def test_a_float_where_an_int_is_expected_is_rejected() -> None:
    with pytest.raises(TypeError, match=r"^Contact\.id: expected int, got float$"):
        Contact.from_dict({"id": 98765.0})


def test_a_missing_id_is_a_key_error() -> None:
    data = contact_with()
    del data["id"]
    with pytest.raises(KeyError, match=r"Contact\.id: required field missing"):
        Contact.from_dict(data)


def test_null_is_rejected_where_the_schema_does_not_allow_it() -> None:
    with pytest.raises(TypeError, match=r"^Contact\.id: expected int, got None$"):
        Contact.from_dict({"id": None})
    with pytest.raises(TypeError, match=r"^ContactInput\.phone: expected str, got None$"):
        models.ContactInput.from_dict({"phone": None})
    with pytest.raises(TypeError, match=r"^Note\.text: expected str \| None, got list$"):
        Note.from_dict({"text": ["a"]})


def test_null_and_absent_both_read_as_none_in_a_response() -> None:
    contact = Contact.from_dict({"id": 1, "uuid": None, "custom": None, "note": None, "tags": None})
    assert contact.uuid is None
    assert contact.custom is None
    assert contact.note is None
    assert contact.tags is None
    assert contact.phone is None
    assert contact == Contact.from_dict({"id": 1})
    assert contact.to_dict() == {"id": 1}


def test_a_string_where_an_object_is_expected_is_rejected() -> None:
    with pytest.raises(TypeError, match=r"^Contact\.custom: expected dict \| None, got str$"):
        Contact.from_dict(contact_with(custom="Premium"))


def test_a_string_where_an_array_is_expected_is_rejected() -> None:
    with pytest.raises(TypeError, match=r"^Contact\.note: expected list \| None, got str$"):
        Contact.from_dict(contact_with(note="call back"))


def test_a_note_that_is_a_string_is_rejected_with_its_index() -> None:
    with pytest.raises(TypeError, match=r"^Contact\.note\[0\]: expected dict, got str$"):
        Contact.from_dict(contact_with(note=["call back"]))
    note = FULL_CONTACT["note"][0]
    with pytest.raises(TypeError, match=r"^Contact\.note\[2\]: expected dict, got int$"):
        Contact.from_dict(contact_with(note=[note, note, 5]))


def test_a_wrong_field_inside_a_nested_model_names_that_model() -> None:
    with pytest.raises(TypeError, match=r"^Note\.user_id: expected int \| None, got str$"):
        Contact.from_dict(contact_with(note=[{"user_id": "77"}]))
    with pytest.raises(TypeError, match=r"^ContactTag\.id: expected int \| None, got str$"):
        Contact.from_dict(contact_with(tags=[{"id": "6"}]))


def test_a_body_that_is_not_an_object_is_rejected() -> None:
    with pytest.raises(TypeError, match=r"^Contact: expected dict, got list$"):
        Contact.from_dict([FULL_CONTACT])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^Contact: expected dict, got str$"):
        Contact.from_dict("<html>")  # type: ignore[arg-type]


# --- Unions -----------------------------------------------------------------------------------


def test_tags_are_resolved_by_json_type() -> None:
    contact = Contact.from_dict(contact_with(tags=[5, {"id": 6, "tag": "VIP"}, 7]))
    assert contact.tags is not None
    assert not isinstance(contact.tags, Unset)
    assert [type(tag) for tag in contact.tags] == [int, ContactTag, int]


@pytest.mark.parametrize(
    ("tag", "got"), [(True, "bool"), (1.5, "float"), ("5", "str"), (None, "None"), ([5], "list")]
)
def test_a_tag_that_is_neither_an_id_nor_an_object_is_rejected(tag: Any, got: str) -> None:
    with pytest.raises(TypeError, match=rf"^Contact\.tags\[1\]: expected int \| dict, got {got}$"):
        Contact.from_dict(contact_with(tags=[5, tag]))


@pytest.mark.parametrize("value", ["c0ffee00-0000-4000-8000-000000000001", 17, None])
def test_a_channel_id_may_be_a_string_an_int_or_null(value: Any) -> None:
    channel = ContactChannel.from_dict({"id": value, "contact_id": value})
    assert channel.id == value
    assert type(channel.id) is type(value)


@pytest.mark.parametrize(("value", "got"), [(1.5, "float"), (True, "bool"), ({}, "dict")])
def test_a_channel_id_of_another_type_is_rejected(value: Any, got: str) -> None:
    with pytest.raises(
        TypeError, match=rf"^ContactChannel\.id: expected str \| int \| None, got {got}$"
    ):
        ContactChannel.from_dict({"id": value})


def test_a_nullable_reference_is_a_model_or_none() -> None:
    assert FailedContactV2.from_dict({"contact": None}).contact is None
    failed = FailedContactV2.from_dict({"contact": {"first": "API"}, "error": "duplicate"})
    assert isinstance(failed.contact, ContactInputV2)
    assert failed.contact.first == "API"
    with pytest.raises(TypeError, match=r"^FailedContactV2\.contact: expected dict \| None"):
        FailedContactV2.from_dict({"contact": "API"})


# --- Enums and consts -------------------------------------------------------------------------


def test_an_unknown_status_is_a_value_error_listing_the_allowed_ones() -> None:
    with pytest.raises(
        ValueError,
        match=r"^SetStatusRequest\.status: expected one of 'active', 'blocked', 'subscribed', "
        r"'unblocked', 'unsubscribed', got 'paused'$",
    ):
        SetStatusRequest.from_dict({"status": "paused"})
    assert SetStatusRequest.from_dict({"status": "blocked", "id": 5}).status == "blocked"


def test_a_status_of_the_wrong_type_is_a_type_error() -> None:
    with pytest.raises(TypeError, match=r"^SetStatusRequest\.status: expected one of .*, got int$"):
        SetStatusRequest.from_dict({"status": 1})


def test_a_channel_type_other_than_the_const_is_a_value_error() -> None:
    with pytest.raises(
        ValueError, match=r"^BulkDeleteChannel\.channel_type: expected 'id', got 'phone'$"
    ):
        BulkDeleteChannel.from_dict({"channel_type": "phone", "channel_ids": [UUID_TEXT]})


def test_uuids_are_parsed_and_a_malformed_one_is_named() -> None:
    request = BulkDeleteRequest.from_dict(
        {"contact_channels": [{"channel_type": "id", "channel_ids": [UUID_TEXT]}]}
    )
    assert str(request.contact_channels[0].channel_ids[0]) == UUID_TEXT
    with pytest.raises(ValueError, match=r"^BulkDeleteChannel\.channel_ids\[1\]: "):
        BulkDeleteChannel.from_dict({"channel_type": "id", "channel_ids": [UUID_TEXT, "98765"]})
    with pytest.raises(TypeError, match=r"^BulkDeleteChannel\.channel_ids\[0\]: expected str"):
        BulkDeleteChannel.from_dict({"channel_type": "id", "channel_ids": [98765]})


# --- Custom fields and unknown fields ---------------------------------------------------------


def test_custom_field_values_may_be_strings_numbers_booleans_or_null() -> None:
    values = {"1": "Premium", "2": 42, "3": 4.5, "4": False, "5": None}
    custom = CustomFields.from_dict(values)
    assert custom.additional_properties == values
    assert [type(custom[key]) for key in values] == [str, int, float, bool, type(None)]
    assert custom.to_dict() == values


@pytest.mark.parametrize(("value", "got"), [(["a"], "list"), ({"a": 1}, "dict")])
def test_a_custom_field_value_that_is_not_a_scalar_is_rejected(value: Any, got: str) -> None:
    with pytest.raises(
        TypeError,
        match=rf"^CustomFields\['124'\]: expected str \| float \| bool \| None, got {got}$",
    ):
        Contact.from_dict(contact_with(custom={"123": "ok", "124": value}))


def test_unknown_fields_are_kept_at_the_top_level_and_in_nested_models() -> None:
    data = contact_with(
        favourite_colour="teal",
        note=[{"text": "Hi", "pinned": True}],
        tags=[{"id": 6, "usage": {"count": 3}}],
        contact_channels=[{"channel_type": "sms", "verified": False}],
    )
    contact = Contact.from_dict(data)
    assert contact.additional_properties == {"favourite_colour": "teal"}
    assert "favourite_colour" in contact
    assert contact.additional_keys == ["favourite_colour"]
    assert isinstance(contact.note, list)
    assert contact.note[0]["pinned"] is True
    assert contact.tags is not None
    assert not isinstance(contact.tags, Unset)
    tag = contact.tags[0]
    assert isinstance(tag, ContactTag)
    assert tag["usage"] == {"count": 3}
    assert isinstance(contact.contact_channels, list)
    assert contact.contact_channels[0].additional_properties == {"verified": False}
    assert contact.to_dict() == data


def test_a_model_without_unknown_fields_has_empty_additional_properties() -> None:
    contact = Contact.from_dict(FULL_CONTACT)
    assert contact.additional_properties == {}
    assert contact.additional_keys == []


# --- Through an endpoint ----------------------------------------------------------------------


def test_an_endpoint_reports_a_mistyped_body_as_unparsable_naming_the_field() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"id": "98765"}, headers={"X-Request-Id": "r2"})

    api = Client(base_url="https://api.heymarket.com").set_httpx_client(
        httpx.Client(transport=httpx.MockTransport(handler), base_url="https://api.heymarket.com")
    )
    with pytest.raises(UnparsableResponse) as caught:
        get_contact.sync_detailed(98765, client=api)
    assert caught.value.response.headers["X-Request-Id"] == "r2"
    assert isinstance(caught.value.cause, TypeError)
    assert str(caught.value.cause) == "Contact.id: expected int, got str"
