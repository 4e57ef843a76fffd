from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ListContactsV2Request")

_KNOWN_KEYS = frozenset(
    {
        "limit",
        "page",
        "date",
        "ascending",
    }
)


@_attrs_define
class ListContactsV2Request:
    """One page of v2 contacts."""

    limit: int | Unset = 30
    """ Contacts per page. """
    page: int | Unset = 0
    """ Zero-indexed page number. """
    date: str | Unset = UNSET
    """ RFC 3339 time; only contacts updated after it are listed. """
    ascending: bool | Unset = UNSET
    """ Oldest update first; newest first by default. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if not isinstance(self.limit, Unset):
            field_dict["limit"] = self.limit
        if not isinstance(self.page, Unset):
            field_dict["page"] = self.page
        if not isinstance(self.date, Unset):
            field_dict["date"] = self.date
        if not isinstance(self.ascending, Unset):
            field_dict["ascending"] = self.ascending
        return field_dict

    def __repr__(self) -> str:
        fields: tuple[tuple[str, object], ...] = (
            ("limit", self.limit),
            ("page", self.page),
            ("date", self.date),
            ("ascending", self.ascending),
        )
        shown = [
            f"{_name}={_value!r}" for _name, _value in fields if _value is not UNSET
        ]
        if self.additional_properties:
            shown.append(f"additional_properties={self.additional_properties!r}")
        return f"ListContactsV2Request({', '.join(shown)})"

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict:
            raise _invalid("ListContactsV2Request", "dict", src_dict)
        _get = src_dict.get
        limit: Any = _get("limit", UNSET)
        if type(limit) is not int and limit is not UNSET:
            raise _invalid("ListContactsV2Request.limit", "int", limit)

        page: Any = _get("page", UNSET)
        if type(page) is not int and page is not UNSET:
            raise _invalid("ListContactsV2Request.page", "int", page)

        date: Any = _get("date", UNSET)
        if type(date) is not str and date is not UNSET:
            raise _invalid("ListContactsV2Request.date", "str", date)

        ascending: Any = _get("ascending", UNSET)
        if type(ascending) is not bool and ascending is not UNSET:
            raise _invalid("ListContactsV2Request.ascending", "bool", ascending)

        # Positional, in the order the attributes are declared: a class call with keywords costs
        # about three times as much.
        _instance = cls(
            limit,
            page,
            date,
            ascending,
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
