from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET

T = TypeVar("T", bound="CustomFields")


@_attrs_define
class CustomFields:
    """Custom field values keyed by the numeric field ID as a string (`{"123": "Premium"}`), never by title; unknown keys
    are silently dropped by the API.

    """

    additional_properties: dict[str, str | float | bool | None] = _attrs_field(
        init=False, factory=dict
    )

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        return field_dict

    def __repr__(self) -> str:
        shown: list[str] = []
        if self.additional_properties:
            shown.append(f"additional_properties={self.additional_properties!r}")
        return f"CustomFields({', '.join(shown)})"

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict:
            raise _invalid("CustomFields", "dict", src_dict)
        _instance = cls()
        if src_dict:
            _extra = dict(src_dict)
            for _key, _value in _extra.items():
                if (
                    type(_value) is not str
                    and type(_value) is not float
                    and type(_value) is not int
                    and type(_value) is not bool
                    and _value is not None
                ):
                    raise _invalid(
                        f"CustomFields[{_key!r}]", "str | float | bool | None", _value
                    )

            _instance.additional_properties = _extra
        return _instance

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> str | float | bool | None:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: str | float | bool | None) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


def _invalid(
    where: str, expected: str, value: object, bad_value: bool = False
) -> Exception:
    """The error for a JSON value that does not match the schema: KeyError when it is missing,
    ValueError when it has the right type but not an allowed value, TypeError otherwise."""
    if value is UNSET:
        return KeyError(f"{where}: required field missing")
    if bad_value:
        return ValueError(f"{where}: expected {expected}, got {value!r}")
    got = "None" if value is None else type(value).__name__
    return TypeError(f"{where}: expected {expected}, got {got}")
