from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.channel_input import ChannelInput
    from ..models.custom_fields import CustomFields
    from ..models.tag_ref import TagRef


T = TypeVar("T", bound="ContactInputV2")


@_attrs_define
class ContactInputV2:
    """A contact to create or update on v2. Creating needs at least one contact channel. `contact_id` is read by bulk
    upsert only: present, it updates that contact.

    """

    contact_id: UUID | Unset = UNSET
    """ Bulk upsert only. The UUID of the contact to update; leave out to create. """
    contact_channels: list[ChannelInput] | Unset = UNSET
    phone: str | Unset = UNSET
    """ E.164 digits without the leading `+`. """
    first: str | Unset = UNSET
    last: str | Unset = UNSET
    display_name: str | Unset = UNSET
    email: str | Unset = UNSET
    avatar: str | Unset = UNSET
    custom: CustomFields | Unset = UNSET
    """ Custom field values keyed by the numeric field ID as a string (`{"123": "Premium"}`), never by title;
    unknown keys are silently dropped by the API. """
    assignee_id: int | Unset = UNSET
    tags: list[TagRef] | Unset = UNSET
    is_opted_out: bool | Unset = UNSET
    email_suppressions: list[int] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contact_id: str | Unset = UNSET
        if not isinstance(self.contact_id, Unset):
            contact_id = str(self.contact_id)

        contact_channels: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.contact_channels, Unset):
            contact_channels = []
            for contact_channels_item_data in self.contact_channels:
                contact_channels_item = contact_channels_item_data.to_dict()
                contact_channels.append(contact_channels_item)

        phone = self.phone

        first = self.first

        last = self.last

        display_name = self.display_name

        email = self.email

        avatar = self.avatar

        custom: dict[str, Any] | Unset = UNSET
        if not isinstance(self.custom, Unset):
            custom = self.custom.to_dict()

        assignee_id = self.assignee_id

        tags: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = []
            for tags_item_data in self.tags:
                tags_item = tags_item_data.to_dict()
                tags.append(tags_item)

        is_opted_out = self.is_opted_out

        email_suppressions: list[int] | Unset = UNSET
        if not isinstance(self.email_suppressions, Unset):
            email_suppressions = self.email_suppressions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if contact_id is not UNSET:
            field_dict["contact_id"] = contact_id
        if contact_channels is not UNSET:
            field_dict["contact_channels"] = contact_channels
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
        if avatar is not UNSET:
            field_dict["avatar"] = avatar
        if custom is not UNSET:
            field_dict["custom"] = custom
        if assignee_id is not UNSET:
            field_dict["assignee_id"] = assignee_id
        if tags is not UNSET:
            field_dict["tags"] = tags
        if is_opted_out is not UNSET:
            field_dict["is_opted_out"] = is_opted_out
        if email_suppressions is not UNSET:
            field_dict["email_suppressions"] = email_suppressions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.channel_input import ChannelInput  # noqa: PLC0415
        from ..models.custom_fields import CustomFields  # noqa: PLC0415
        from ..models.tag_ref import TagRef  # noqa: PLC0415

        d = dict(src_dict)
        _contact_id = d.pop("contact_id", UNSET)
        contact_id: UUID | Unset
        if isinstance(_contact_id, Unset):
            contact_id = UNSET
        else:
            contact_id = UUID(_contact_id)

        _contact_channels = d.pop("contact_channels", UNSET)
        contact_channels: list[ChannelInput] | Unset = UNSET
        if _contact_channels is not UNSET:
            contact_channels = []
            for contact_channels_item_data in _contact_channels:
                contact_channels_item = ChannelInput.from_dict(
                    contact_channels_item_data
                )

                contact_channels.append(contact_channels_item)

        phone = d.pop("phone", UNSET)

        first = d.pop("first", UNSET)

        last = d.pop("last", UNSET)

        display_name = d.pop("display_name", UNSET)

        email = d.pop("email", UNSET)

        avatar = d.pop("avatar", UNSET)

        _custom = d.pop("custom", UNSET)
        custom: CustomFields | Unset
        if isinstance(_custom, Unset):
            custom = UNSET
        else:
            custom = CustomFields.from_dict(_custom)

        assignee_id = d.pop("assignee_id", UNSET)

        _tags = d.pop("tags", UNSET)
        tags: list[TagRef] | Unset = UNSET
        if _tags is not UNSET:
            tags = []
            for tags_item_data in _tags:
                tags_item = TagRef.from_dict(tags_item_data)

                tags.append(tags_item)

        is_opted_out = d.pop("is_opted_out", UNSET)

        email_suppressions = cast(list[int], d.pop("email_suppressions", UNSET))

        contact_input_v2 = cls(
            contact_id=contact_id,
            contact_channels=contact_channels,
            phone=phone,
            first=first,
            last=last,
            display_name=display_name,
            email=email,
            avatar=avatar,
            custom=custom,
            assignee_id=assignee_id,
            tags=tags,
            is_opted_out=is_opted_out,
            email_suppressions=email_suppressions,
        )

        contact_input_v2.additional_properties = d
        return contact_input_v2

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
