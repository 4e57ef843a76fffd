from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET

T = TypeVar("T", bound="ContactTag")

_KNOWN_KEYS = frozenset(
    {
        "id",
        "tag",
        "color",
        "team_id",
        "created",
        "updated",
        "rev",
    }
)


@_attrs_define
class ContactTag:
    """A tag (contact and conversation tags share one pool)."""

    id: int | None = None
    tag: str | None = None
    """ The label. """
    color: str | None = None
    """ Hex colour. """
    team_id: int | None = None
    created: str | None = None
    updated: str | None = None
    rev: int | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if self.id is not None:
            field_dict["id"] = self.id
        if self.tag is not None:
            field_dict["tag"] = self.tag
        if self.color is not None:
            field_dict["color"] = self.color
        if self.team_id is not None:
            field_dict["team_id"] = self.team_id
        if self.created is not None:
            field_dict["created"] = self.created
        if self.updated is not None:
            field_dict["updated"] = self.updated
        if self.rev is not None:
            field_dict["rev"] = self.rev
        return field_dict

    def __repr__(self) -> str:
        fields: tuple[tuple[str, object], ...] = (
            ("id", self.id),
            ("tag", self.tag),
            ("color", self.color),
            ("team_id", self.team_id),
            ("created", self.created),
            ("updated", self.updated),
            ("rev", self.rev),
        )
        shown = [
            f"{_name}={_value!r}" for _name, _value in fields if _value is not None
        ]
        if self.additional_properties:
            shown.append(f"additional_properties={self.additional_properties!r}")
        return f"ContactTag({', '.join(shown)})"

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict:
            raise _invalid("ContactTag", "dict", src_dict)
        _get = src_dict.get
        id: Any = _get("id")
        if type(id) is not int and id is not None:
            raise _invalid("ContactTag.id", "int | None", id)

        tag: Any = _get("tag")
        if type(tag) is not str and tag is not None:
            raise _invalid("ContactTag.tag", "str | None", tag)

        color: Any = _get("color")
        if type(color) is not str and color is not None:
            raise _invalid("ContactTag.color", "str | None", color)

        team_id: Any = _get("team_id")
        if type(team_id) is not int and team_id is not None:
            raise _invalid("ContactTag.team_id", "int | None", team_id)

        created: Any = _get("created")
        if type(created) is not str and created is not None:
            raise _invalid("ContactTag.created", "str | None", created)

        updated: Any = _get("updated")
        if type(updated) is not str and updated is not None:
            raise _invalid("ContactTag.updated", "str | None", updated)

        rev: Any = _get("rev")
        if type(rev) is not int and rev is not None:
            raise _invalid("ContactTag.rev", "int | None", rev)

        # Positional, in the order the attributes are declared: a class call with keywords costs
        # about three times as much.
        _instance = cls(
            id,
            tag,
            color,
            team_id,
            created,
            updated,
            rev,
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
