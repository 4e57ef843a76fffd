from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET

T = TypeVar("T", bound="FailedContactV2")

_KNOWN_KEYS = frozenset(
    {
        "contact",
        "error",
        "reason",
    }
)


@_attrs_define
class FailedContactV2:
    """A contact that bulk upsert did not write. Fields besides `contact` are unverified."""

    contact: ContactInputV2 | None = None
    error: str | None = None
    reason: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if self.contact is not None:
            field_dict["contact"] = self.contact.to_dict()
        if self.error is not None:
            field_dict["error"] = self.error
        if self.reason is not None:
            field_dict["reason"] = self.reason
        return field_dict

    def __repr__(self) -> str:
        fields: tuple[tuple[str, object], ...] = (
            ("contact", self.contact),
            ("error", self.error),
            ("reason", self.reason),
        )
        shown = [
            f"{_name}={_value!r}" for _name, _value in fields if _value is not None
        ]
        if self.additional_properties:
            shown.append(f"additional_properties={self.additional_properties!r}")
        return f"FailedContactV2({', '.join(shown)})"

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict:
            raise _invalid("FailedContactV2", "dict", src_dict)
        _get = src_dict.get
        contact: Any = _get("contact")
        if type(contact) is dict:
            contact = ContactInputV2.from_dict(contact)
        elif contact is not None:
            raise _invalid("FailedContactV2.contact", "dict | None", contact)

        error: Any = _get("error")
        if type(error) is not str and error is not None:
            raise _invalid("FailedContactV2.error", "str | None", error)

        reason: Any = _get("reason")
        if type(reason) is not str and reason is not None:
            raise _invalid("FailedContactV2.reason", "str | None", reason)

        # Positional, in the order the attributes are declared: a class call with keywords costs
        # about three times as much.
        _instance = cls(
            contact,
            error,
            reason,
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


# Imported last: models may refer to each other, and by now this module's class exists.
from ..models.contact_input_v2 import ContactInputV2
