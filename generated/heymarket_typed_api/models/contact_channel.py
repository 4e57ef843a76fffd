from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET

T = TypeVar("T", bound="ContactChannel")

_KNOWN_KEYS = frozenset(
    {
        "id",
        "team_id",
        "contact_id",
        "channel_type",
        "channel_id",
        "channel_handle",
        "info_channel",
        "created",
        "updated",
    }
)


@_attrs_define
class ContactChannel:
    """A contact channel as the API returns it. The vendor's pages disagree on whether `id` and `contact_id` are strings
    (UUIDs) or integers, so both are accepted.

    """

    id: str | int | None = None
    team_id: int | None = None
    contact_id: str | int | None = None
    channel_type: str | None = None
    channel_id: str | None = None
    channel_handle: str | None = None
    info_channel: str | None = None
    created: str | None = None
    updated: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if self.id is not None:
            field_dict["id"] = self.id
        if self.team_id is not None:
            field_dict["team_id"] = self.team_id
        if self.contact_id is not None:
            field_dict["contact_id"] = self.contact_id
        if self.channel_type is not None:
            field_dict["channel_type"] = self.channel_type
        if self.channel_id is not None:
            field_dict["channel_id"] = self.channel_id
        if self.channel_handle is not None:
            field_dict["channel_handle"] = self.channel_handle
        if self.info_channel is not None:
            field_dict["info_channel"] = self.info_channel
        if self.created is not None:
            field_dict["created"] = self.created
        if self.updated is not None:
            field_dict["updated"] = self.updated
        return field_dict

    def __repr__(self) -> str:
        fields: tuple[tuple[str, object], ...] = (
            ("id", self.id),
            ("team_id", self.team_id),
            ("contact_id", self.contact_id),
            ("channel_type", self.channel_type),
            ("channel_id", self.channel_id),
            ("channel_handle", self.channel_handle),
            ("info_channel", self.info_channel),
            ("created", self.created),
            ("updated", self.updated),
        )
        shown = [
            f"{_name}={_value!r}" for _name, _value in fields if _value is not None
        ]
        if self.additional_properties:
            shown.append(f"additional_properties={self.additional_properties!r}")
        return f"ContactChannel({', '.join(shown)})"

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict:
            raise _invalid("ContactChannel", "dict", src_dict)
        _get = src_dict.get
        id: Any = _get("id")
        if type(id) is not str and type(id) is not int and id is not None:
            raise _invalid("ContactChannel.id", "str | int | None", id)

        team_id: Any = _get("team_id")
        if type(team_id) is not int and team_id is not None:
            raise _invalid("ContactChannel.team_id", "int | None", team_id)

        contact_id: Any = _get("contact_id")
        if (
            type(contact_id) is not str
            and type(contact_id) is not int
            and contact_id is not None
        ):
            raise _invalid("ContactChannel.contact_id", "str | int | None", contact_id)

        channel_type: Any = _get("channel_type")
        if type(channel_type) is not str and channel_type is not None:
            raise _invalid("ContactChannel.channel_type", "str | None", channel_type)

        channel_id: Any = _get("channel_id")
        if type(channel_id) is not str and channel_id is not None:
            raise _invalid("ContactChannel.channel_id", "str | None", channel_id)

        channel_handle: Any = _get("channel_handle")
        if type(channel_handle) is not str and channel_handle is not None:
            raise _invalid(
                "ContactChannel.channel_handle", "str | None", channel_handle
            )

        info_channel: Any = _get("info_channel")
        if type(info_channel) is not str and info_channel is not None:
            raise _invalid("ContactChannel.info_channel", "str | None", info_channel)

        created: Any = _get("created")
        if type(created) is not str and created is not None:
            raise _invalid("ContactChannel.created", "str | None", created)

        updated: Any = _get("updated")
        if type(updated) is not str and updated is not None:
            raise _invalid("ContactChannel.updated", "str | None", updated)

        # Positional, in the order the attributes are declared: a class call with keywords costs
        # about three times as much.
        _instance = cls(
            id,
            team_id,
            contact_id,
            channel_type,
            channel_id,
            channel_handle,
            info_channel,
            created,
            updated,
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
