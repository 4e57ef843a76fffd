from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

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

    id: int | None | Unset = UNSET
    tag: None | str | Unset = UNSET
    """ The label. """
    color: None | str | Unset = UNSET
    """ Hex colour. """
    team_id: int | None | Unset = UNSET
    created: None | str | Unset = UNSET
    updated: None | str | Unset = UNSET
    rev: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: int | None | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        tag: None | str | Unset
        if isinstance(self.tag, Unset):
            tag = UNSET
        else:
            tag = self.tag

        color: None | str | Unset
        if isinstance(self.color, Unset):
            color = UNSET
        else:
            color = self.color

        team_id: int | None | Unset
        if isinstance(self.team_id, Unset):
            team_id = UNSET
        else:
            team_id = self.team_id

        created: None | str | Unset
        if isinstance(self.created, Unset):
            created = UNSET
        else:
            created = self.created

        updated: None | str | Unset
        if isinstance(self.updated, Unset):
            updated = UNSET
        else:
            updated = self.updated

        rev: int | None | Unset
        if isinstance(self.rev, Unset):
            rev = UNSET
        else:
            rev = self.rev

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if tag is not UNSET:
            field_dict["tag"] = tag
        if color is not UNSET:
            field_dict["color"] = color
        if team_id is not UNSET:
            field_dict["team_id"] = team_id
        if created is not UNSET:
            field_dict["created"] = created
        if updated is not UNSET:
            field_dict["updated"] = updated
        if rev is not UNSET:
            field_dict["rev"] = rev

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict):
            raise _invalid("ContactTag", "dict", src_dict)
        id: Any = src_dict.get("id", UNSET)
        if type(id) is not int and id is not None and id is not UNSET:
            raise _invalid("ContactTag.id", "int | None", id)

        tag: Any = src_dict.get("tag", UNSET)
        if type(tag) is not str and tag is not None and tag is not UNSET:
            raise _invalid("ContactTag.tag", "str | None", tag)

        color: Any = src_dict.get("color", UNSET)
        if type(color) is not str and color is not None and color is not UNSET:
            raise _invalid("ContactTag.color", "str | None", color)

        team_id: Any = src_dict.get("team_id", UNSET)
        if type(team_id) is not int and team_id is not None and team_id is not UNSET:
            raise _invalid("ContactTag.team_id", "int | None", team_id)

        created: Any = src_dict.get("created", UNSET)
        if type(created) is not str and created is not None and created is not UNSET:
            raise _invalid("ContactTag.created", "str | None", created)

        updated: Any = src_dict.get("updated", UNSET)
        if type(updated) is not str and updated is not None and updated is not UNSET:
            raise _invalid("ContactTag.updated", "str | None", updated)

        rev: Any = src_dict.get("rev", UNSET)
        if type(rev) is not int and rev is not None and rev is not UNSET:
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
