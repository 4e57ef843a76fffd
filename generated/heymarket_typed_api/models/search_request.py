from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NoReturn, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET

T = TypeVar("T", bound="SearchRequest")

_KNOWN_KEYS = frozenset(
    {
        "contact_channels",
    }
)


@_attrs_define
class SearchRequest:
    """One or more channel entries to search by."""

    contact_channels: list[SearchChannel]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["contact_channels"] = [
            _j0.to_dict() for _j0 in self.contact_channels
        ]
        return field_dict

    def __repr__(self) -> str:
        fields: tuple[tuple[str, object], ...] = (
            ("contact_channels", self.contact_channels),
        )
        shown = [
            f"{_name}={_value!r}" for _name, _value in fields if _value is not UNSET
        ]
        if self.additional_properties:
            shown.append(f"additional_properties={self.additional_properties!r}")
        return f"SearchRequest({', '.join(shown)})"

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict:
            raise _invalid("SearchRequest", "dict", src_dict)
        _get = src_dict.get
        contact_channels: Any = _get("contact_channels", UNSET)
        if type(contact_channels) is list:
            contact_channels = [
                SearchChannel.from_dict(_i0)
                if type(_i0) is dict
                else _raise(
                    _invalid(
                        _at("SearchRequest.contact_channels", contact_channels, _i0),
                        "dict",
                        _i0,
                    )
                )
                for _i0 in contact_channels
            ]
        else:
            raise _invalid("SearchRequest.contact_channels", "list", contact_channels)

        # Positional, in the order the attributes are declared: a class call with keywords costs
        # about three times as much.
        _instance = cls(
            contact_channels,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
            _extra: dict[str, Any] = {
                _key: _value
                for _key, _value in src_dict.items()
                if _key not in _KNOWN_KEYS
            }
            _instance.additional_properties = _extra
        return _instance

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
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


def _raise(error: Exception) -> NoReturn:
    raise error


def _at(where: str, items: list[Any], item: object) -> str:
    """Names a list item (found by identity: only computed once the item has failed)."""
    for index, candidate in enumerate(items):
        if candidate is item:
            return f"{where}[{index}]"
    return f"{where}[?]"


# Imported last: models may refer to each other, and by now this module's class exists.
from ..models.search_channel import SearchChannel
