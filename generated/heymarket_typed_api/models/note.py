from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET

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

    id: str | None = None
    date: str | None = None
    name: str | None = None
    text: str | None = None
    user_id: int | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if self.id is not None:
            field_dict["id"] = self.id
        if self.date is not None:
            field_dict["date"] = self.date
        if self.name is not None:
            field_dict["name"] = self.name
        if self.text is not None:
            field_dict["text"] = self.text
        if self.user_id is not None:
            field_dict["user_id"] = self.user_id
        return field_dict

    def __repr__(self) -> str:
        fields: tuple[tuple[str, object], ...] = (
            ("id", self.id),
            ("date", self.date),
            ("name", self.name),
            ("text", self.text),
            ("user_id", self.user_id),
        )
        shown = [
            f"{_name}={_value!r}" for _name, _value in fields if _value is not None
        ]
        if self.additional_properties:
            shown.append(f"additional_properties={self.additional_properties!r}")
        return f"Note({', '.join(shown)})"

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict:
            raise _invalid("Note", "dict", src_dict)
        _get = src_dict.get
        id: Any = _get("id")
        if type(id) is not str and id is not None:
            raise _invalid("Note.id", "str | None", id)

        date: Any = _get("date")
        if type(date) is not str and date is not None:
            raise _invalid("Note.date", "str | None", date)

        name: Any = _get("name")
        if type(name) is not str and name is not None:
            raise _invalid("Note.name", "str | None", name)

        text: Any = _get("text")
        if type(text) is not str and text is not None:
            raise _invalid("Note.text", "str | None", text)

        user_id: Any = _get("user_id")
        if type(user_id) is not int and user_id is not None:
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
