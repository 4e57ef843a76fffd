from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ChannelInput")


@_attrs_define
class ChannelInput:
    """A contact channel to write (v2)."""

    channel_type: str
    """ `phone`, `email`, `facebook` or another integration. """
    channel_id: str | Unset = UNSET
    """ The channel value (a phone in E.164 digits, an email address, ...). """
    channel_ids: list[str] | Unset = UNSET
    channel_handle: str | Unset = UNSET
    info_channel: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        channel_type = self.channel_type

        channel_id = self.channel_id

        channel_ids: list[str] | Unset = UNSET
        if not isinstance(self.channel_ids, Unset):
            channel_ids = self.channel_ids

        channel_handle = self.channel_handle

        info_channel = self.info_channel

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "channel_type": channel_type,
            }
        )
        if channel_id is not UNSET:
            field_dict["channel_id"] = channel_id
        if channel_ids is not UNSET:
            field_dict["channel_ids"] = channel_ids
        if channel_handle is not UNSET:
            field_dict["channel_handle"] = channel_handle
        if info_channel is not UNSET:
            field_dict["info_channel"] = info_channel

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channel_type = d.pop("channel_type")

        channel_id = d.pop("channel_id", UNSET)

        channel_ids = cast(list[str], d.pop("channel_ids", UNSET))

        channel_handle = d.pop("channel_handle", UNSET)

        info_channel = d.pop("info_channel", UNSET)

        channel_input = cls(
            channel_type=channel_type,
            channel_id=channel_id,
            channel_ids=channel_ids,
            channel_handle=channel_handle,
            info_channel=info_channel,
        )

        channel_input.additional_properties = d
        return channel_input

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
