"""What the API document declares, read from the generated models (the document compiled).

The sandbox's own rules cover the fields it gives meaning to (phones, names, custom values,
tags, ...). Every other field the document declares comes from here: an input field the
sandbox has no rule for is checked against its declared type, stored and returned as sent; a
response field it never sets is returned as null; a status is any value the document lists.
So a field or enum value added to the document and regenerated works in the sandbox without
touching it (`tests/testing/test_declared.py` checks that each one round-trips).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, Literal

import attrs
from heymarket_typed_api.models import Contact, ContactInput, ContactInputV2, SetStatusRequest
from heymarket_typed_api.types import Unset

from heymarket_typed.testing._errors import bad_data

Check = Callable[[Any, str], Any]
"""Validates a value sent under a key; returns it, or raises a 400 `ApiError`."""


def _json_name(field: attrs.Attribute[Any]) -> str:
    # The generator renames keys that shadow Python names (`type` -> `type_`).
    return field.name.removesuffix("_")


def declared(model: type) -> dict[str, Any]:
    """The model's JSON keys and their declared types (`X | Unset` and `None` stripped)."""
    hints = typing.get_type_hints(model)
    fields: dict[str, Any] = {}
    for field in attrs.fields(model):
        if field.name == "additional_properties":
            continue
        kinds = [a for a in _alternatives(hints[field.name]) if a not in (Unset, type(None))]
        fields[_json_name(field)] = kinds[0] if len(kinds) == 1 else typing.Union[tuple(kinds)]  # noqa: UP007
    return fields


def _alternatives(hint: Any) -> tuple[Any, ...]:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return typing.get_args(hint)
    return (hint,)


def _is(value: Any, kind: Any) -> bool:
    """Whether a JSON value has the declared type (generated models' scalars, lists, literals)."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        return any(_is(value, each) for each in typing.get_args(kind))
    if origin is Literal:
        return value in typing.get_args(kind)
    if origin is list:
        (item,) = typing.get_args(kind) or (Any,)
        return isinstance(value, list) and all(_is(entry, item) for entry in value)
    if kind is bool:
        return isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind is str:
        return isinstance(value, str)
    if kind is Any:
        return True
    # A nested model: an object (its own fields are not the sandbox's business).
    return isinstance(value, dict)


def check_for(kind: Any) -> Check:
    """A check that a value has the declared type `kind`."""

    def check(value: Any, key: str) -> Any:
        if not _is(value, kind):
            raise bad_data(f"{key} does not have the type the document declares")
        return value

    return check


CONTACT: Mapping[str, Any] = declared(Contact)
"""Every field of a returned contact."""

INPUTS: Mapping[str, Any] = {**declared(ContactInput), **declared(ContactInputV2)}
"""Every field a contact input may carry, v1 and v2."""

STATUSES: tuple[str, ...] = tuple(sorted(typing.get_args(declared(SetStatusRequest)["status"])))
"""The statuses `set_status` takes."""
