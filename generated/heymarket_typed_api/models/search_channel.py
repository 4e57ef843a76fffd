from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SearchChannel")

_KNOWN_KEYS = frozenset(
    {
        "channel_ids",
        "channel_type",
    }
)


@_attrs_define
class SearchChannel:
    """Channel values to match; the type is inferred when left out."""

    channel_ids: list[str]
    channel_type: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["channel_ids"] = [_j0 for _j0 in self.channel_ids]
        if not isinstance(self.channel_type, Unset):
            field_dict["channel_type"] = self.channel_type
        return field_dict

    def __repr__(self) -> str:
        fields: tuple[tuple[str, object], ...] = (
            ("channel_ids", self.channel_ids),
            ("channel_type", self.channel_type),
        )
        shown = [
            f"{_name}={_value!r}" for _name, _value in fields if _value is not UNSET
        ]
        if self.additional_properties:
            shown.append(f"additional_properties={self.additional_properties!r}")
        return f"SearchChannel({', '.join(shown)})"

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict:
            raise _invalid("SearchChannel", "dict", src_dict)
        _get = src_dict.get
        channel_ids: Any = _get("channel_ids", UNSET)
        if type(channel_ids) is list:
            for _i0 in channel_ids:
                if type(_i0) is not str:
                    raise _invalid(
                        _at("SearchChannel.channel_ids", channel_ids, _i0), "str", _i0
                    )

        else:
            raise _invalid("SearchChannel.channel_ids", "list", channel_ids)

        channel_type: Any = _get("channel_type", UNSET)
        if type(channel_type) is not str and channel_type is not UNSET:
            raise _invalid("SearchChannel.channel_type", "str", channel_type)

        # Positional, in the order the attributes are declared: a class call with keywords costs
        # about three times as much.
        _instance = cls(
            channel_ids,
            channel_type,
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


def _at(where: str, items: list[Any], item: object) -> str:
    """Names a list item (found by identity: only computed once the item has failed)."""
    for index, candidate in enumerate(items):
        if candidate is item:
            return f"{where}[{index}]"
    return f"{where}[?]"
