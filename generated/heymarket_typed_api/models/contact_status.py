from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET

T = TypeVar("T", bound="ContactStatus")

_KNOWN_KEYS = frozenset(
    {
        "id",
        "phone",
        "unsubscribed",
        "blocked",
        "unsubscribed_admin",
        "unsubscribed_contact",
    }
)


@_attrs_define
class ContactStatus:
    """A contact's messaging status."""

    id: int | None = None
    phone: str | None = None
    unsubscribed: bool | None = None
    """ Opted out; messages cannot be sent to the contact. """
    blocked: bool | None = None
    """ Blocked; messages are neither sent nor received. """
    unsubscribed_admin: bool | None = None
    """ Opted out by an admin. """
    unsubscribed_contact: bool | None = None
    """ Opted out by the contact (STOP, UNSUBSCRIBE, ...). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if self.id is not None:
            field_dict["id"] = self.id
        if self.phone is not None:
            field_dict["phone"] = self.phone
        if self.unsubscribed is not None:
            field_dict["unsubscribed"] = self.unsubscribed
        if self.blocked is not None:
            field_dict["blocked"] = self.blocked
        if self.unsubscribed_admin is not None:
            field_dict["unsubscribed_admin"] = self.unsubscribed_admin
        if self.unsubscribed_contact is not None:
            field_dict["unsubscribed_contact"] = self.unsubscribed_contact
        return field_dict

    def __repr__(self) -> str:
        fields: tuple[tuple[str, object], ...] = (
            ("id", self.id),
            ("phone", self.phone),
            ("unsubscribed", self.unsubscribed),
            ("blocked", self.blocked),
            ("unsubscribed_admin", self.unsubscribed_admin),
            ("unsubscribed_contact", self.unsubscribed_contact),
        )
        shown = [
            f"{_name}={_value!r}" for _name, _value in fields if _value is not None
        ]
        if self.additional_properties:
            shown.append(f"additional_properties={self.additional_properties!r}")
        return f"ContactStatus({', '.join(shown)})"

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict:
            raise _invalid("ContactStatus", "dict", src_dict)
        _get = src_dict.get
        id: Any = _get("id")
        if type(id) is not int and id is not None:
            raise _invalid("ContactStatus.id", "int | None", id)

        phone: Any = _get("phone")
        if type(phone) is not str and phone is not None:
            raise _invalid("ContactStatus.phone", "str | None", phone)

        unsubscribed: Any = _get("unsubscribed")
        if type(unsubscribed) is not bool and unsubscribed is not None:
            raise _invalid("ContactStatus.unsubscribed", "bool | None", unsubscribed)

        blocked: Any = _get("blocked")
        if type(blocked) is not bool and blocked is not None:
            raise _invalid("ContactStatus.blocked", "bool | None", blocked)

        unsubscribed_admin: Any = _get("unsubscribed_admin")
        if type(unsubscribed_admin) is not bool and unsubscribed_admin is not None:
            raise _invalid(
                "ContactStatus.unsubscribed_admin", "bool | None", unsubscribed_admin
            )

        unsubscribed_contact: Any = _get("unsubscribed_contact")
        if type(unsubscribed_contact) is not bool and unsubscribed_contact is not None:
            raise _invalid(
                "ContactStatus.unsubscribed_contact",
                "bool | None",
                unsubscribed_contact,
            )

        # Positional, in the order the attributes are declared: a class call with keywords costs
        # about three times as much.
        _instance = cls(
            id,
            phone,
            unsubscribed,
            blocked,
            unsubscribed_admin,
            unsubscribed_contact,
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
