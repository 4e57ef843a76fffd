from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_channel import ContactChannel
    from ..models.contact_tag import ContactTag
    from ..models.custom_fields import CustomFields
    from ..models.note import Note


T = TypeVar("T", bound="Contact")


@_attrs_define
class Contact:
    """A contact as the API returns it, on v1 and v2 alike. Only `id` is guaranteed; every other field may be missing or
    null, and fields the API adds later are kept.

    """

    id: int
    """ Unique integer identifier of the contact (the v1 ID). """
    uuid: None | str | Unset = UNSET
    """ The contact's UUID, the v2 contactID. Unverified on this object. """
    display_name: None | str | Unset = UNSET
    """ Full display name shown in the inbox. """
    first: None | str | Unset = UNSET
    """ First name. """
    last: None | str | Unset = UNSET
    """ Last name. """
    email: None | str | Unset = UNSET
    """ Email address. """
    phone: None | str | Unset = UNSET
    """ Primary phone number, E.164 digits without the leading `+`. """
    avatar: None | str | Unset = UNSET
    """ Image URL. """
    custom: CustomFields | None | Unset = UNSET
    """ Custom field values keyed by numeric field ID (as a string). """
    team_id: int | None | Unset = UNSET
    """ ID of the team that owns the contact. """
    creator_id: int | None | Unset = UNSET
    """ ID of the user who created the contact. """
    assigned_user_id: int | None | Unset = UNSET
    """ ID of the user the contact is assigned to. """
    inbox_id: int | None | Unset = UNSET
    """ Inbox ID. Contacts are team-wide, so this may be absent. """
    parent_id: int | None | Unset = UNSET
    """ Undocumented. """
    shared: bool | None | Unset = UNSET
    """ Whether the contact is shared (the vendor says with team members, or across teams). """
    created: None | str | Unset = UNSET
    """ RFC 3339 time of creation, as sent by the server. """
    updated: None | str | Unset = UNSET
    """ RFC 3339 time of the last update, as sent by the server (it can carry nanoseconds). The v1 pagination
    cursor: pass it back unchanged. """
    rev: int | None | Unset = UNSET
    """ Revision number, incremented on every write. """
    op: None | str | Unset = UNSET
    """ Last operation performed on the contact. """
    type_: None | str | Unset = UNSET
    """ Undocumented. """
    external_id: None | str | Unset = UNSET
    """ Undocumented. """
    external_ref: None | str | Unset = UNSET
    """ Undocumented. """
    is_opted_out: bool | None | Unset = UNSET
    """ Whether the contact has opted out of messages. In the prose pages, not in the vendor's schema. """
    note: list[Note] | None | Unset = UNSET
    """ Notes on the contact. """
    tags: list[ContactTag | int] | None | Unset = UNSET
    """ Tags attached to the contact. The item shape is undocumented (tag IDs or tag objects). """
    contact_channels: list[ContactChannel] | None | Unset = UNSET
    """ The contact's channels (v2). Unverified on this object. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.contact_tag import ContactTag  # noqa: PLC0415
        from ..models.custom_fields import CustomFields  # noqa: PLC0415

        id = self.id

        uuid: None | str | Unset
        if isinstance(self.uuid, Unset):
            uuid = UNSET
        else:
            uuid = self.uuid

        display_name: None | str | Unset
        if isinstance(self.display_name, Unset):
            display_name = UNSET
        else:
            display_name = self.display_name

        first: None | str | Unset
        if isinstance(self.first, Unset):
            first = UNSET
        else:
            first = self.first

        last: None | str | Unset
        if isinstance(self.last, Unset):
            last = UNSET
        else:
            last = self.last

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        avatar: None | str | Unset
        if isinstance(self.avatar, Unset):
            avatar = UNSET
        else:
            avatar = self.avatar

        custom: dict[str, Any] | None | Unset
        if isinstance(self.custom, Unset):
            custom = UNSET
        elif isinstance(self.custom, CustomFields):
            custom = self.custom.to_dict()
        else:
            custom = self.custom

        team_id: int | None | Unset
        if isinstance(self.team_id, Unset):
            team_id = UNSET
        else:
            team_id = self.team_id

        creator_id: int | None | Unset
        if isinstance(self.creator_id, Unset):
            creator_id = UNSET
        else:
            creator_id = self.creator_id

        assigned_user_id: int | None | Unset
        if isinstance(self.assigned_user_id, Unset):
            assigned_user_id = UNSET
        else:
            assigned_user_id = self.assigned_user_id

        inbox_id: int | None | Unset
        if isinstance(self.inbox_id, Unset):
            inbox_id = UNSET
        else:
            inbox_id = self.inbox_id

        parent_id: int | None | Unset
        if isinstance(self.parent_id, Unset):
            parent_id = UNSET
        else:
            parent_id = self.parent_id

        shared: bool | None | Unset
        if isinstance(self.shared, Unset):
            shared = UNSET
        else:
            shared = self.shared

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

        op: None | str | Unset
        if isinstance(self.op, Unset):
            op = UNSET
        else:
            op = self.op

        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        else:
            type_ = self.type_

        external_id: None | str | Unset
        if isinstance(self.external_id, Unset):
            external_id = UNSET
        else:
            external_id = self.external_id

        external_ref: None | str | Unset
        if isinstance(self.external_ref, Unset):
            external_ref = UNSET
        else:
            external_ref = self.external_ref

        is_opted_out: bool | None | Unset
        if isinstance(self.is_opted_out, Unset):
            is_opted_out = UNSET
        else:
            is_opted_out = self.is_opted_out

        note: list[dict[str, Any]] | None | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        elif isinstance(self.note, list):
            note = []
            for note_type_0_item_data in self.note:
                note_type_0_item = note_type_0_item_data.to_dict()
                note.append(note_type_0_item)

        else:
            note = self.note

        tags: list[dict[str, Any] | int] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = []
            for tags_type_0_item_data in self.tags:
                tags_type_0_item: dict[str, Any] | int
                if isinstance(tags_type_0_item_data, ContactTag):
                    tags_type_0_item = tags_type_0_item_data.to_dict()
                else:
                    tags_type_0_item = tags_type_0_item_data
                tags.append(tags_type_0_item)

        else:
            tags = self.tags

        contact_channels: list[dict[str, Any]] | None | Unset
        if isinstance(self.contact_channels, Unset):
            contact_channels = UNSET
        elif isinstance(self.contact_channels, list):
            contact_channels = []
            for contact_channels_type_0_item_data in self.contact_channels:
                contact_channels_type_0_item = (
                    contact_channels_type_0_item_data.to_dict()
                )
                contact_channels.append(contact_channels_type_0_item)

        else:
            contact_channels = self.contact_channels

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if uuid is not UNSET:
            field_dict["uuid"] = uuid
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if first is not UNSET:
            field_dict["first"] = first
        if last is not UNSET:
            field_dict["last"] = last
        if email is not UNSET:
            field_dict["email"] = email
        if phone is not UNSET:
            field_dict["phone"] = phone
        if avatar is not UNSET:
            field_dict["avatar"] = avatar
        if custom is not UNSET:
            field_dict["custom"] = custom
        if team_id is not UNSET:
            field_dict["team_id"] = team_id
        if creator_id is not UNSET:
            field_dict["creator_id"] = creator_id
        if assigned_user_id is not UNSET:
            field_dict["assigned_user_id"] = assigned_user_id
        if inbox_id is not UNSET:
            field_dict["inbox_id"] = inbox_id
        if parent_id is not UNSET:
            field_dict["parent_id"] = parent_id
        if shared is not UNSET:
            field_dict["shared"] = shared
        if created is not UNSET:
            field_dict["created"] = created
        if updated is not UNSET:
            field_dict["updated"] = updated
        if rev is not UNSET:
            field_dict["rev"] = rev
        if op is not UNSET:
            field_dict["op"] = op
        if type_ is not UNSET:
            field_dict["type"] = type_
        if external_id is not UNSET:
            field_dict["external_id"] = external_id
        if external_ref is not UNSET:
            field_dict["external_ref"] = external_ref
        if is_opted_out is not UNSET:
            field_dict["is_opted_out"] = is_opted_out
        if note is not UNSET:
            field_dict["note"] = note
        if tags is not UNSET:
            field_dict["tags"] = tags
        if contact_channels is not UNSET:
            field_dict["contact_channels"] = contact_channels

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_channel import ContactChannel  # noqa: PLC0415
        from ..models.contact_tag import ContactTag  # noqa: PLC0415
        from ..models.custom_fields import CustomFields  # noqa: PLC0415
        from ..models.note import Note  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_uuid(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        uuid = _parse_uuid(d.pop("uuid", UNSET))

        def _parse_display_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        display_name = _parse_display_name(d.pop("display_name", UNSET))

        def _parse_first(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        first = _parse_first(d.pop("first", UNSET))

        def _parse_last(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last = _parse_last(d.pop("last", UNSET))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        def _parse_avatar(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        avatar = _parse_avatar(d.pop("avatar", UNSET))

        def _parse_custom(data: object) -> CustomFields | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                custom_type_0 = CustomFields.from_dict(data)

                return custom_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustomFields | None | Unset, data)

        custom = _parse_custom(d.pop("custom", UNSET))

        def _parse_team_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        team_id = _parse_team_id(d.pop("team_id", UNSET))

        def _parse_creator_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        creator_id = _parse_creator_id(d.pop("creator_id", UNSET))

        def _parse_assigned_user_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        assigned_user_id = _parse_assigned_user_id(d.pop("assigned_user_id", UNSET))

        def _parse_inbox_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        inbox_id = _parse_inbox_id(d.pop("inbox_id", UNSET))

        def _parse_parent_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        parent_id = _parse_parent_id(d.pop("parent_id", UNSET))

        def _parse_shared(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        shared = _parse_shared(d.pop("shared", UNSET))

        def _parse_created(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        created = _parse_created(d.pop("created", UNSET))

        def _parse_updated(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        updated = _parse_updated(d.pop("updated", UNSET))

        def _parse_rev(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rev = _parse_rev(d.pop("rev", UNSET))

        def _parse_op(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        op = _parse_op(d.pop("op", UNSET))

        def _parse_type_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        type_ = _parse_type_(d.pop("type", UNSET))

        def _parse_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_id = _parse_external_id(d.pop("external_id", UNSET))

        def _parse_external_ref(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_ref = _parse_external_ref(d.pop("external_ref", UNSET))

        def _parse_is_opted_out(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_opted_out = _parse_is_opted_out(d.pop("is_opted_out", UNSET))

        def _parse_note(data: object) -> list[Note] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                note_type_0 = []
                _note_type_0 = data
                for note_type_0_item_data in _note_type_0:
                    note_type_0_item = Note.from_dict(note_type_0_item_data)

                    note_type_0.append(note_type_0_item)

                return note_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Note] | None | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        def _parse_tags(data: object) -> list[ContactTag | int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = []
                _tags_type_0 = data
                for tags_type_0_item_data in _tags_type_0:

                    def _parse_tags_type_0_item(data: object) -> ContactTag | int:
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            tags_type_0_item_type_1 = ContactTag.from_dict(data)

                            return tags_type_0_item_type_1
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        return cast(ContactTag | int, data)

                    tags_type_0_item = _parse_tags_type_0_item(tags_type_0_item_data)

                    tags_type_0.append(tags_type_0_item)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ContactTag | int] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        def _parse_contact_channels(
            data: object,
        ) -> list[ContactChannel] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                contact_channels_type_0 = []
                _contact_channels_type_0 = data
                for contact_channels_type_0_item_data in _contact_channels_type_0:
                    contact_channels_type_0_item = ContactChannel.from_dict(
                        contact_channels_type_0_item_data
                    )

                    contact_channels_type_0.append(contact_channels_type_0_item)

                return contact_channels_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ContactChannel] | None | Unset, data)

        contact_channels = _parse_contact_channels(d.pop("contact_channels", UNSET))

        contact = cls(
            id=id,
            uuid=uuid,
            display_name=display_name,
            first=first,
            last=last,
            email=email,
            phone=phone,
            avatar=avatar,
            custom=custom,
            team_id=team_id,
            creator_id=creator_id,
            assigned_user_id=assigned_user_id,
            inbox_id=inbox_id,
            parent_id=parent_id,
            shared=shared,
            created=created,
            updated=updated,
            rev=rev,
            op=op,
            type_=type_,
            external_id=external_id,
            external_ref=external_ref,
            is_opted_out=is_opted_out,
            note=note,
            tags=tags,
            contact_channels=contact_channels,
        )

        contact.additional_properties = d
        return contact

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
