from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

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

    id: int | None | str | Unset = UNSET
    team_id: int | None | Unset = UNSET
    contact_id: int | None | str | Unset = UNSET
    channel_type: None | str | Unset = UNSET
    channel_id: None | str | Unset = UNSET
    channel_handle: None | str | Unset = UNSET
    info_channel: None | str | Unset = UNSET
    created: None | str | Unset = UNSET
    updated: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: int | None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        team_id: int | None | Unset
        if isinstance(self.team_id, Unset):
            team_id = UNSET
        else:
            team_id = self.team_id

        contact_id: int | None | str | Unset
        if isinstance(self.contact_id, Unset):
            contact_id = UNSET
        else:
            contact_id = self.contact_id

        channel_type: None | str | Unset
        if isinstance(self.channel_type, Unset):
            channel_type = UNSET
        else:
            channel_type = self.channel_type

        channel_id: None | str | Unset
        if isinstance(self.channel_id, Unset):
            channel_id = UNSET
        else:
            channel_id = self.channel_id

        channel_handle: None | str | Unset
        if isinstance(self.channel_handle, Unset):
            channel_handle = UNSET
        else:
            channel_handle = self.channel_handle

        info_channel: None | str | Unset
        if isinstance(self.info_channel, Unset):
            info_channel = UNSET
        else:
            info_channel = self.info_channel

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if team_id is not UNSET:
            field_dict["team_id"] = team_id
        if contact_id is not UNSET:
            field_dict["contact_id"] = contact_id
        if channel_type is not UNSET:
            field_dict["channel_type"] = channel_type
        if channel_id is not UNSET:
            field_dict["channel_id"] = channel_id
        if channel_handle is not UNSET:
            field_dict["channel_handle"] = channel_handle
        if info_channel is not UNSET:
            field_dict["info_channel"] = info_channel
        if created is not UNSET:
            field_dict["created"] = created
        if updated is not UNSET:
            field_dict["updated"] = updated

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict):
            raise _invalid("ContactChannel", "dict", src_dict)
        id: Any = src_dict.get("id", UNSET)
        if (
            type(id) is not str
            and type(id) is not int
            and id is not None
            and id is not UNSET
        ):
            raise _invalid("ContactChannel.id", "str | int | None", id)

        team_id: Any = src_dict.get("team_id", UNSET)
        if type(team_id) is not int and team_id is not None and team_id is not UNSET:
            raise _invalid("ContactChannel.team_id", "int | None", team_id)

        contact_id: Any = src_dict.get("contact_id", UNSET)
        if (
            type(contact_id) is not str
            and type(contact_id) is not int
            and contact_id is not None
            and contact_id is not UNSET
        ):
            raise _invalid("ContactChannel.contact_id", "str | int | None", contact_id)

        channel_type: Any = src_dict.get("channel_type", UNSET)
        if (
            type(channel_type) is not str
            and channel_type is not None
            and channel_type is not UNSET
        ):
            raise _invalid("ContactChannel.channel_type", "str | None", channel_type)

        channel_id: Any = src_dict.get("channel_id", UNSET)
        if (
            type(channel_id) is not str
            and channel_id is not None
            and channel_id is not UNSET
        ):
            raise _invalid("ContactChannel.channel_id", "str | None", channel_id)

        channel_handle: Any = src_dict.get("channel_handle", UNSET)
        if (
            type(channel_handle) is not str
            and channel_handle is not None
            and channel_handle is not UNSET
        ):
            raise _invalid(
                "ContactChannel.channel_handle", "str | None", channel_handle
            )

        info_channel: Any = src_dict.get("info_channel", UNSET)
        if (
            type(info_channel) is not str
            and info_channel is not None
            and info_channel is not UNSET
        ):
            raise _invalid("ContactChannel.info_channel", "str | None", info_channel)

        created: Any = src_dict.get("created", UNSET)
        if type(created) is not str and created is not None and created is not UNSET:
            raise _invalid("ContactChannel.created", "str | None", created)

        updated: Any = src_dict.get("updated", UNSET)
        if type(updated) is not str and updated is not None and updated is not UNSET:
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
