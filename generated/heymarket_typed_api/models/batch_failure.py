from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET

T = TypeVar("T", bound="BatchFailure")

_KNOWN_KEYS = frozenset(
    {
        "phone",
        "first",
        "last",
        "display_name",
        "email",
        "error",
        "reason",
        "message",
    }
)


@_attrs_define
class BatchFailure:
    """A contact that a v1 batch create did not write, as the server echoes it. Which field carries the reason is
    undocumented.

    """

    phone: str | None = None
    first: str | None = None
    last: str | None = None
    display_name: str | None = None
    email: str | None = None
    error: str | None = None
    reason: str | None = None
    message: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if self.phone is not None:
            field_dict["phone"] = self.phone
        if self.first is not None:
            field_dict["first"] = self.first
        if self.last is not None:
            field_dict["last"] = self.last
        if self.display_name is not None:
            field_dict["display_name"] = self.display_name
        if self.email is not None:
            field_dict["email"] = self.email
        if self.error is not None:
            field_dict["error"] = self.error
        if self.reason is not None:
            field_dict["reason"] = self.reason
        if self.message is not None:
            field_dict["message"] = self.message
        return field_dict

    def __repr__(self) -> str:
        fields: tuple[tuple[str, object], ...] = (
            ("phone", self.phone),
            ("first", self.first),
            ("last", self.last),
            ("display_name", self.display_name),
            ("email", self.email),
            ("error", self.error),
            ("reason", self.reason),
            ("message", self.message),
        )
        shown = [
            f"{_name}={_value!r}" for _name, _value in fields if _value is not None
        ]
        if self.additional_properties:
            shown.append(f"additional_properties={self.additional_properties!r}")
        return f"BatchFailure({', '.join(shown)})"

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict:
            raise _invalid("BatchFailure", "dict", src_dict)
        _get = src_dict.get
        phone: Any = _get("phone")
        if type(phone) is not str and phone is not None:
            raise _invalid("BatchFailure.phone", "str | None", phone)

        first: Any = _get("first")
        if type(first) is not str and first is not None:
            raise _invalid("BatchFailure.first", "str | None", first)

        last: Any = _get("last")
        if type(last) is not str and last is not None:
            raise _invalid("BatchFailure.last", "str | None", last)

        display_name: Any = _get("display_name")
        if type(display_name) is not str and display_name is not None:
            raise _invalid("BatchFailure.display_name", "str | None", display_name)

        email: Any = _get("email")
        if type(email) is not str and email is not None:
            raise _invalid("BatchFailure.email", "str | None", email)

        error: Any = _get("error")
        if type(error) is not str and error is not None:
            raise _invalid("BatchFailure.error", "str | None", error)

        reason: Any = _get("reason")
        if type(reason) is not str and reason is not None:
            raise _invalid("BatchFailure.reason", "str | None", reason)

        message: Any = _get("message")
        if type(message) is not str and message is not None:
            raise _invalid("BatchFailure.message", "str | None", message)

        # Positional, in the order the attributes are declared: a class call with keywords costs
        # about three times as much.
        _instance = cls(
            phone,
            first,
            last,
            display_name,
            email,
            error,
            reason,
            message,
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
