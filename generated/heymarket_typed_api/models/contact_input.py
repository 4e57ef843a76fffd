from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NoReturn, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ContactInput")

_KNOWN_KEYS = frozenset(
    {
        "phone",
        "first",
        "last",
        "display_name",
        "email",
        "avatar",
        "custom",
        "assignee_id",
        "tags",
        "is_opted_out",
        "email_suppressions",
    }
)


@_attrs_define
class ContactInput:
    """A contact to create or update on v1. `phone` is required."""

    phone: str
    """ E.164 digits without the leading `+`. """
    first: str | Unset = UNSET
    last: str | Unset = UNSET
    display_name: str | Unset = UNSET
    """ Defaults to first + last. """
    email: str | Unset = UNSET
    avatar: str | Unset = UNSET
    """ Image URL. """
    custom: CustomFields | Unset = UNSET
    """ Custom field values keyed by the numeric field ID as a string (`{"123": "Premium"}`), never by title;
    unknown keys are silently dropped by the API. """
    assignee_id: int | Unset = UNSET
    """ ID of the user to assign the contact to; -1 unassigns. """
    tags: list[TagRef] | Unset = UNSET
    is_opted_out: bool | Unset = UNSET
    email_suppressions: list[int] | Unset = UNSET
    """ Email suppression IDs to associate with the contact. Semantics undocumented. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["phone"] = self.phone
        if not isinstance(self.first, Unset):
            field_dict["first"] = self.first
        if not isinstance(self.last, Unset):
            field_dict["last"] = self.last
        if not isinstance(self.display_name, Unset):
            field_dict["display_name"] = self.display_name
        if not isinstance(self.email, Unset):
            field_dict["email"] = self.email
        if not isinstance(self.avatar, Unset):
            field_dict["avatar"] = self.avatar
        if not isinstance(self.custom, Unset):
            field_dict["custom"] = self.custom.to_dict()
        if not isinstance(self.assignee_id, Unset):
            field_dict["assignee_id"] = self.assignee_id
        if not isinstance(self.tags, Unset):
            field_dict["tags"] = [_j0.to_dict() for _j0 in self.tags]
        if not isinstance(self.is_opted_out, Unset):
            field_dict["is_opted_out"] = self.is_opted_out
        if not isinstance(self.email_suppressions, Unset):
            field_dict["email_suppressions"] = [_j0 for _j0 in self.email_suppressions]
        return field_dict

    def __repr__(self) -> str:
        fields: tuple[tuple[str, object], ...] = (
            ("phone", self.phone),
            ("first", self.first),
            ("last", self.last),
            ("display_name", self.display_name),
            ("email", self.email),
            ("avatar", self.avatar),
            ("custom", self.custom),
            ("assignee_id", self.assignee_id),
            ("tags", self.tags),
            ("is_opted_out", self.is_opted_out),
            ("email_suppressions", self.email_suppressions),
        )
        shown = [
            f"{_name}={_value!r}" for _name, _value in fields if _value is not UNSET
        ]
        if self.additional_properties:
            shown.append(f"additional_properties={self.additional_properties!r}")
        return f"ContactInput({', '.join(shown)})"

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict:
            raise _invalid("ContactInput", "dict", src_dict)
        _get = src_dict.get
        phone: Any = _get("phone", UNSET)
        if type(phone) is not str:
            raise _invalid("ContactInput.phone", "str", phone)

        first: Any = _get("first", UNSET)
        if type(first) is not str and first is not UNSET:
            raise _invalid("ContactInput.first", "str", first)

        last: Any = _get("last", UNSET)
        if type(last) is not str and last is not UNSET:
            raise _invalid("ContactInput.last", "str", last)

        display_name: Any = _get("display_name", UNSET)
        if type(display_name) is not str and display_name is not UNSET:
            raise _invalid("ContactInput.display_name", "str", display_name)

        email: Any = _get("email", UNSET)
        if type(email) is not str and email is not UNSET:
            raise _invalid("ContactInput.email", "str", email)

        avatar: Any = _get("avatar", UNSET)
        if type(avatar) is not str and avatar is not UNSET:
            raise _invalid("ContactInput.avatar", "str", avatar)

        custom: Any = _get("custom", UNSET)
        if type(custom) is dict:
            custom = CustomFields.from_dict(custom)
        elif custom is not UNSET:
            raise _invalid("ContactInput.custom", "dict", custom)

        assignee_id: Any = _get("assignee_id", UNSET)
        if type(assignee_id) is not int and assignee_id is not UNSET:
            raise _invalid("ContactInput.assignee_id", "int", assignee_id)

        tags: Any = _get("tags", UNSET)
        if type(tags) is list:
            tags = [
                TagRef.from_dict(_i0)
                if type(_i0) is dict
                else _raise(_invalid(_at("ContactInput.tags", tags, _i0), "dict", _i0))
                for _i0 in tags
            ]
        elif tags is not UNSET:
            raise _invalid("ContactInput.tags", "list", tags)

        is_opted_out: Any = _get("is_opted_out", UNSET)
        if type(is_opted_out) is not bool and is_opted_out is not UNSET:
            raise _invalid("ContactInput.is_opted_out", "bool", is_opted_out)

        email_suppressions: Any = _get("email_suppressions", UNSET)
        if type(email_suppressions) is list:
            for _i0 in email_suppressions:
                if type(_i0) is not int:
                    raise _invalid(
                        _at("ContactInput.email_suppressions", email_suppressions, _i0),
                        "int",
                        _i0,
                    )

        elif email_suppressions is not UNSET:
            raise _invalid(
                "ContactInput.email_suppressions", "list", email_suppressions
            )

        # Positional, in the order the attributes are declared: a class call with keywords costs
        # about three times as much.
        _instance = cls(
            phone,
            first,
            last,
            display_name,
            email,
            avatar,
            custom,
            assignee_id,
            tags,
            is_opted_out,
            email_suppressions,
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
from ..models.custom_fields import CustomFields
from ..models.tag_ref import TagRef
