from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

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

    phone: None | str | Unset = UNSET
    first: None | str | Unset = UNSET
    last: None | str | Unset = UNSET
    display_name: None | str | Unset = UNSET
    email: None | str | Unset = UNSET
    error: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET
    message: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        first: None | str | Unset
        if isinstance(self.first, Unset):
            first = UNSET
        else:
            first = self.first

        last: None | str | Unset
        if isinstance(self.last, Unset):
            last = UNSET
        else:
            last = self.last

        display_name: None | str | Unset
        if isinstance(self.display_name, Unset):
            display_name = UNSET
        else:
            display_name = self.display_name

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if phone is not UNSET:
            field_dict["phone"] = phone
        if first is not UNSET:
            field_dict["first"] = first
        if last is not UNSET:
            field_dict["last"] = last
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if email is not UNSET:
            field_dict["email"] = email
        if error is not UNSET:
            field_dict["error"] = error
        if reason is not UNSET:
            field_dict["reason"] = reason
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict):
            raise _invalid("BatchFailure", "dict", src_dict)
        phone: Any = src_dict.get("phone", UNSET)
        if type(phone) is not str and phone is not None and phone is not UNSET:
            raise _invalid("BatchFailure.phone", "str | None", phone)

        first: Any = src_dict.get("first", UNSET)
        if type(first) is not str and first is not None and first is not UNSET:
            raise _invalid("BatchFailure.first", "str | None", first)

        last: Any = src_dict.get("last", UNSET)
        if type(last) is not str and last is not None and last is not UNSET:
            raise _invalid("BatchFailure.last", "str | None", last)

        display_name: Any = src_dict.get("display_name", UNSET)
        if (
            type(display_name) is not str
            and display_name is not None
            and display_name is not UNSET
        ):
            raise _invalid("BatchFailure.display_name", "str | None", display_name)

        email: Any = src_dict.get("email", UNSET)
        if type(email) is not str and email is not None and email is not UNSET:
            raise _invalid("BatchFailure.email", "str | None", email)

        error: Any = src_dict.get("error", UNSET)
        if type(error) is not str and error is not None and error is not UNSET:
            raise _invalid("BatchFailure.error", "str | None", error)

        reason: Any = src_dict.get("reason", UNSET)
        if type(reason) is not str and reason is not None and reason is not UNSET:
            raise _invalid("BatchFailure.reason", "str | None", reason)

        message: Any = src_dict.get("message", UNSET)
        if type(message) is not str and message is not None and message is not UNSET:
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
