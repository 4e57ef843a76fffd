from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NoReturn, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Contact")

_KNOWN_KEYS = frozenset(
    {
        "id",
        "uuid",
        "display_name",
        "first",
        "last",
        "email",
        "phone",
        "avatar",
        "custom",
        "team_id",
        "creator_id",
        "assigned_user_id",
        "inbox_id",
        "parent_id",
        "shared",
        "created",
        "updated",
        "rev",
        "op",
        "type",
        "external_id",
        "external_ref",
        "is_opted_out",
        "note",
        "tags",
        "contact_channels",
    }
)


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
        if not isinstance(src_dict, dict):
            raise _invalid("Contact", "dict", src_dict)
        id: Any = src_dict.get("id", UNSET)
        if type(id) is not int:
            raise _invalid("Contact.id", "int", id)

        uuid: Any = src_dict.get("uuid", UNSET)
        if type(uuid) is not str and uuid is not None and uuid is not UNSET:
            raise _invalid("Contact.uuid", "str | None", uuid)

        display_name: Any = src_dict.get("display_name", UNSET)
        if (
            type(display_name) is not str
            and display_name is not None
            and display_name is not UNSET
        ):
            raise _invalid("Contact.display_name", "str | None", display_name)

        first: Any = src_dict.get("first", UNSET)
        if type(first) is not str and first is not None and first is not UNSET:
            raise _invalid("Contact.first", "str | None", first)

        last: Any = src_dict.get("last", UNSET)
        if type(last) is not str and last is not None and last is not UNSET:
            raise _invalid("Contact.last", "str | None", last)

        email: Any = src_dict.get("email", UNSET)
        if type(email) is not str and email is not None and email is not UNSET:
            raise _invalid("Contact.email", "str | None", email)

        phone: Any = src_dict.get("phone", UNSET)
        if type(phone) is not str and phone is not None and phone is not UNSET:
            raise _invalid("Contact.phone", "str | None", phone)

        avatar: Any = src_dict.get("avatar", UNSET)
        if type(avatar) is not str and avatar is not None and avatar is not UNSET:
            raise _invalid("Contact.avatar", "str | None", avatar)

        custom: Any = src_dict.get("custom", UNSET)
        if type(custom) is dict:
            custom = CustomFields.from_dict(custom)
        elif custom is not None and custom is not UNSET:
            raise _invalid("Contact.custom", "dict | None", custom)

        team_id: Any = src_dict.get("team_id", UNSET)
        if type(team_id) is not int and team_id is not None and team_id is not UNSET:
            raise _invalid("Contact.team_id", "int | None", team_id)

        creator_id: Any = src_dict.get("creator_id", UNSET)
        if (
            type(creator_id) is not int
            and creator_id is not None
            and creator_id is not UNSET
        ):
            raise _invalid("Contact.creator_id", "int | None", creator_id)

        assigned_user_id: Any = src_dict.get("assigned_user_id", UNSET)
        if (
            type(assigned_user_id) is not int
            and assigned_user_id is not None
            and assigned_user_id is not UNSET
        ):
            raise _invalid("Contact.assigned_user_id", "int | None", assigned_user_id)

        inbox_id: Any = src_dict.get("inbox_id", UNSET)
        if type(inbox_id) is not int and inbox_id is not None and inbox_id is not UNSET:
            raise _invalid("Contact.inbox_id", "int | None", inbox_id)

        parent_id: Any = src_dict.get("parent_id", UNSET)
        if (
            type(parent_id) is not int
            and parent_id is not None
            and parent_id is not UNSET
        ):
            raise _invalid("Contact.parent_id", "int | None", parent_id)

        shared: Any = src_dict.get("shared", UNSET)
        if type(shared) is not bool and shared is not None and shared is not UNSET:
            raise _invalid("Contact.shared", "bool | None", shared)

        created: Any = src_dict.get("created", UNSET)
        if type(created) is not str and created is not None and created is not UNSET:
            raise _invalid("Contact.created", "str | None", created)

        updated: Any = src_dict.get("updated", UNSET)
        if type(updated) is not str and updated is not None and updated is not UNSET:
            raise _invalid("Contact.updated", "str | None", updated)

        rev: Any = src_dict.get("rev", UNSET)
        if type(rev) is not int and rev is not None and rev is not UNSET:
            raise _invalid("Contact.rev", "int | None", rev)

        op: Any = src_dict.get("op", UNSET)
        if type(op) is not str and op is not None and op is not UNSET:
            raise _invalid("Contact.op", "str | None", op)

        type_: Any = src_dict.get("type", UNSET)
        if type(type_) is not str and type_ is not None and type_ is not UNSET:
            raise _invalid("Contact.type", "str | None", type_)

        external_id: Any = src_dict.get("external_id", UNSET)
        if (
            type(external_id) is not str
            and external_id is not None
            and external_id is not UNSET
        ):
            raise _invalid("Contact.external_id", "str | None", external_id)

        external_ref: Any = src_dict.get("external_ref", UNSET)
        if (
            type(external_ref) is not str
            and external_ref is not None
            and external_ref is not UNSET
        ):
            raise _invalid("Contact.external_ref", "str | None", external_ref)

        is_opted_out: Any = src_dict.get("is_opted_out", UNSET)
        if (
            type(is_opted_out) is not bool
            and is_opted_out is not None
            and is_opted_out is not UNSET
        ):
            raise _invalid("Contact.is_opted_out", "bool | None", is_opted_out)

        note: Any = src_dict.get("note", UNSET)
        if type(note) is list:
            note = [
                Note.from_dict(_i0)
                if type(_i0) is dict
                else _raise(_invalid(_at("Contact.note", note, _i0), "dict", _i0))
                for _i0 in note
            ]
        elif note is not None and note is not UNSET:
            raise _invalid("Contact.note", "list | None", note)

        tags: Any = src_dict.get("tags", UNSET)
        if type(tags) is list:
            tags = [
                _i0
                if type(_i0) is int
                else ContactTag.from_dict(_i0)
                if type(_i0) is dict
                else _raise(_invalid(_at("Contact.tags", tags, _i0), "int | dict", _i0))
                for _i0 in tags
            ]
        elif tags is not None and tags is not UNSET:
            raise _invalid("Contact.tags", "list | None", tags)

        contact_channels: Any = src_dict.get("contact_channels", UNSET)
        if type(contact_channels) is list:
            contact_channels = [
                ContactChannel.from_dict(_i0)
                if type(_i0) is dict
                else _raise(
                    _invalid(
                        _at("Contact.contact_channels", contact_channels, _i0),
                        "dict",
                        _i0,
                    )
                )
                for _i0 in contact_channels
            ]
        elif contact_channels is not None and contact_channels is not UNSET:
            raise _invalid("Contact.contact_channels", "list | None", contact_channels)

        # Positional, in the order the attributes are declared: a class call with keywords costs
        # about three times as much.
        _instance = cls(
            id,
            uuid,
            display_name,
            first,
            last,
            email,
            phone,
            avatar,
            custom,
            team_id,
            creator_id,
            assigned_user_id,
            inbox_id,
            parent_id,
            shared,
            created,
            updated,
            rev,
            op,
            type_,
            external_id,
            external_ref,
            is_opted_out,
            note,
            tags,
            contact_channels,
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
from ..models.contact_channel import ContactChannel
from ..models.contact_tag import ContactTag
from ..models.custom_fields import CustomFields
from ..models.note import Note
