from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BulkDeleteChannel")


@_attrs_define
class BulkDeleteChannel:
    """The UUIDs of the contacts to delete."""

    channel_type: Literal["id"]
    channel_ids: list[UUID]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        channel_type = self.channel_type

        channel_ids = []
        for channel_ids_item_data in self.channel_ids:
            channel_ids_item = str(channel_ids_item_data)
            channel_ids.append(channel_ids_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "channel_type": channel_type,
                "channel_ids": channel_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channel_type = cast(Literal["id"], d.pop("channel_type"))
        if channel_type != "id":
            raise ValueError(
                f"channel_type must match const 'id', got '{channel_type}'"
            )

        channel_ids = []
        _channel_ids = d.pop("channel_ids")
        for channel_ids_item_data in _channel_ids:
            channel_ids_item = UUID(channel_ids_item_data)

            channel_ids.append(channel_ids_item)

        bulk_delete_channel = cls(
            channel_type=channel_type,
            channel_ids=channel_ids,
        )

        bulk_delete_channel.additional_properties = d
        return bulk_delete_channel

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
