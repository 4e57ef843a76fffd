from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Note")

_KNOWN_KEYS = frozenset(
    {
        "id",
        "date",
        "name",
        "text",
        "user_id",
    }
)


@_attrs_define
class Note:
    """A note on a contact."""

    id: None | str | Unset = UNSET
    date: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    text: None | str | Unset = UNSET
    user_id: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        date: None | str | Unset
        if isinstance(self.date, Unset):
            date = UNSET
        else:
            date = self.date

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        text: None | str | Unset
        if isinstance(self.text, Unset):
            text = UNSET
        else:
            text = self.text

        user_id: int | None | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if date is not UNSET:
            field_dict["date"] = date
        if name is not UNSET:
            field_dict["name"] = name
        if text is not UNSET:
            field_dict["text"] = text
        if user_id is not UNSET:
            field_dict["user_id"] = user_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict):
            raise _invalid("Note", "dict", src_dict)
        id: Any = src_dict.get("id", UNSET)
        if type(id) is not str and id is not None and id is not UNSET:
            raise _invalid("Note.id", "str | None", id)

        date: Any = src_dict.get("date", UNSET)
        if type(date) is not str and date is not None and date is not UNSET:
            raise _invalid("Note.date", "str | None", date)

        name: Any = src_dict.get("name", UNSET)
        if type(name) is not str and name is not None and name is not UNSET:
            raise _invalid("Note.name", "str | None", name)

        text: Any = src_dict.get("text", UNSET)
        if type(text) is not str and text is not None and text is not UNSET:
            raise _invalid("Note.text", "str | None", text)

        user_id: Any = src_dict.get("user_id", UNSET)
        if type(user_id) is not int and user_id is not None and user_id is not UNSET:
            raise _invalid("Note.user_id", "int | None", user_id)

        # Positional, in the order the attributes are declared: a class call with keywords costs
        # about three times as much.
        _instance = cls(
            id,
            date,
            name,
            text,
            user_id,
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
