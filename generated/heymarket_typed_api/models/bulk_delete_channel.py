from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal, NoReturn, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET

T = TypeVar("T", bound="BulkDeleteChannel")

_KNOWN_KEYS = frozenset(
    {
        "channel_type",
        "channel_ids",
    }
)


@_attrs_define
class BulkDeleteChannel:
    """The UUIDs of the contacts to delete."""

    channel_type: Literal["id"]
    channel_ids: list[UUID]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["channel_type"] = self.channel_type
        field_dict["channel_ids"] = [str(_j0) for _j0 in self.channel_ids]
        return field_dict

    def __repr__(self) -> str:
        fields: tuple[tuple[str, object], ...] = (
            ("channel_type", self.channel_type),
            ("channel_ids", self.channel_ids),
        )
        shown = [
            f"{_name}={_value!r}" for _name, _value in fields if _value is not UNSET
        ]
        if self.additional_properties:
            shown.append(f"additional_properties={self.additional_properties!r}")
        return f"BulkDeleteChannel({', '.join(shown)})"

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict:
            raise _invalid("BulkDeleteChannel", "dict", src_dict)
        _get = src_dict.get
        channel_type: Any = _get("channel_type", UNSET)
        if type(channel_type) is not str or channel_type != "id":
            raise _invalid(
                "BulkDeleteChannel.channel_type",
                "'id'",
                channel_type,
                type(channel_type) is str,
            )

        channel_ids: Any = _get("channel_ids", UNSET)
        if type(channel_ids) is list:
            channel_ids = [
                _convert(
                    UUID,
                    _i0,
                    lambda: _at("BulkDeleteChannel.channel_ids", channel_ids, _i0),
                )
                if type(_i0) is str
                else _raise(
                    _invalid(
                        _at("BulkDeleteChannel.channel_ids", channel_ids, _i0),
                        "str",
                        _i0,
                    )
                )
                for _i0 in channel_ids
            ]
        else:
            raise _invalid("BulkDeleteChannel.channel_ids", "list", channel_ids)

        # Positional, in the order the attributes are declared: a class call with keywords costs
        # about three times as much.
        _instance = cls(
            cast(Literal["id"], channel_type),
            channel_ids,
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


_Converted = TypeVar("_Converted")


def _convert(
    convert: Callable[[str], _Converted], value: str, where: Callable[[], str]
) -> _Converted:
    """Converts a string (UUID, date, ...), naming the field when the string is malformed."""
    try:
        return convert(value)
    except ValueError as error:
        raise ValueError(f"{where()}: {error}") from None
