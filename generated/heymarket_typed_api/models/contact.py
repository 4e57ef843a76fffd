from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NoReturn, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET

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
    uuid: str | None = None
    """ The contact's UUID, the v2 contactID. Unverified on this object. """
    display_name: str | None = None
    """ Full display name shown in the inbox. """
    first: str | None = None
    """ First name. """
    last: str | None = None
    """ Last name. """
    email: str | None = None
    """ Email address. """
    phone: str | None = None
    """ Primary phone number, E.164 digits without the leading `+`. """
    avatar: str | None = None
    """ Image URL. """
    custom: CustomFields | None = None
    """ Custom field values keyed by numeric field ID (as a string). """
    team_id: int | None = None
    """ ID of the team that owns the contact. """
    creator_id: int | None = None
    """ ID of the user who created the contact. """
    assigned_user_id: int | None = None
    """ ID of the user the contact is assigned to. """
    inbox_id: int | None = None
    """ Inbox ID. Contacts are team-wide, so this may be absent. """
    parent_id: int | None = None
    """ Undocumented. """
    shared: bool | None = None
    """ Whether the contact is shared (the vendor says with team members, or across teams). """
    created: str | None = None
    """ RFC 3339 time of creation, as sent by the server. """
    updated: str | None = None
    """ RFC 3339 time of the last update, as sent by the server (it can carry nanoseconds). The v1 pagination
    cursor: pass it back unchanged. """
    rev: int | None = None
    """ Revision number, incremented on every write. """
    op: str | None = None
    """ Last operation performed on the contact. """
    type_: str | None = None
    """ Undocumented. """
    external_id: str | None = None
    """ Undocumented. """
    external_ref: str | None = None
    """ Undocumented. """
    is_opted_out: bool | None = None
    """ Whether the contact has opted out of messages. In the prose pages, not in the vendor's schema. """
    note: list[Note] | None = None
    """ Notes on the contact. """
    tags: list[int | ContactTag] | None = None
    """ Tags attached to the contact. The item shape is undocumented (tag IDs or tag objects). """
    contact_channels: list[ContactChannel] | None = None
    """ The contact's channels (v2). Unverified on this object. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["id"] = self.id
        if self.uuid is not None:
            field_dict["uuid"] = self.uuid
        if self.display_name is not None:
            field_dict["display_name"] = self.display_name
        if self.first is not None:
            field_dict["first"] = self.first
        if self.last is not None:
            field_dict["last"] = self.last
        if self.email is not None:
            field_dict["email"] = self.email
        if self.phone is not None:
            field_dict["phone"] = self.phone
        if self.avatar is not None:
            field_dict["avatar"] = self.avatar
        if self.custom is not None:
            field_dict["custom"] = self.custom.to_dict()
        if self.team_id is not None:
            field_dict["team_id"] = self.team_id
        if self.creator_id is not None:
            field_dict["creator_id"] = self.creator_id
        if self.assigned_user_id is not None:
            field_dict["assigned_user_id"] = self.assigned_user_id
        if self.inbox_id is not None:
            field_dict["inbox_id"] = self.inbox_id
        if self.parent_id is not None:
            field_dict["parent_id"] = self.parent_id
        if self.shared is not None:
            field_dict["shared"] = self.shared
        if self.created is not None:
            field_dict["created"] = self.created
        if self.updated is not None:
            field_dict["updated"] = self.updated
        if self.rev is not None:
            field_dict["rev"] = self.rev
        if self.op is not None:
            field_dict["op"] = self.op
        if self.type_ is not None:
            field_dict["type"] = self.type_
        if self.external_id is not None:
            field_dict["external_id"] = self.external_id
        if self.external_ref is not None:
            field_dict["external_ref"] = self.external_ref
        if self.is_opted_out is not None:
            field_dict["is_opted_out"] = self.is_opted_out
        if self.note is not None:
            field_dict["note"] = [_j0.to_dict() for _j0 in self.note]
        if self.tags is not None:
            field_dict["tags"] = [
                _j0.to_dict() if isinstance(_j0, ContactTag) else _j0
                for _j0 in self.tags
            ]
        if self.contact_channels is not None:
            field_dict["contact_channels"] = [
                _j0.to_dict() for _j0 in self.contact_channels
            ]
        return field_dict

    def __repr__(self) -> str:
        fields: tuple[tuple[str, object], ...] = (
            ("id", self.id),
            ("uuid", self.uuid),
            ("display_name", self.display_name),
            ("first", self.first),
            ("last", self.last),
            ("email", self.email),
            ("phone", self.phone),
            ("avatar", self.avatar),
            ("custom", self.custom),
            ("team_id", self.team_id),
            ("creator_id", self.creator_id),
            ("assigned_user_id", self.assigned_user_id),
            ("inbox_id", self.inbox_id),
            ("parent_id", self.parent_id),
            ("shared", self.shared),
            ("created", self.created),
            ("updated", self.updated),
            ("rev", self.rev),
            ("op", self.op),
            ("type_", self.type_),
            ("external_id", self.external_id),
            ("external_ref", self.external_ref),
            ("is_opted_out", self.is_opted_out),
            ("note", self.note),
            ("tags", self.tags),
            ("contact_channels", self.contact_channels),
        )
        shown = [
            f"{_name}={_value!r}" for _name, _value in fields if _value is not None
        ]
        if self.additional_properties:
            shown.append(f"additional_properties={self.additional_properties!r}")
        return f"Contact({', '.join(shown)})"

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict:
            raise _invalid("Contact", "dict", src_dict)
        _get = src_dict.get
        id: Any = _get("id", UNSET)
        if type(id) is not int:
            raise _invalid("Contact.id", "int", id)

        uuid: Any = _get("uuid")
        if type(uuid) is not str and uuid is not None:
            raise _invalid("Contact.uuid", "str | None", uuid)

        display_name: Any = _get("display_name")
        if type(display_name) is not str and display_name is not None:
            raise _invalid("Contact.display_name", "str | None", display_name)

        first: Any = _get("first")
        if type(first) is not str and first is not None:
            raise _invalid("Contact.first", "str | None", first)

        last: Any = _get("last")
        if type(last) is not str and last is not None:
            raise _invalid("Contact.last", "str | None", last)

        email: Any = _get("email")
        if type(email) is not str and email is not None:
            raise _invalid("Contact.email", "str | None", email)

        phone: Any = _get("phone")
        if type(phone) is not str and phone is not None:
            raise _invalid("Contact.phone", "str | None", phone)

        avatar: Any = _get("avatar")
        if type(avatar) is not str and avatar is not None:
            raise _invalid("Contact.avatar", "str | None", avatar)

        custom: Any = _get("custom")
        if type(custom) is dict:
            custom = CustomFields.from_dict(custom)
        elif custom is not None:
            raise _invalid("Contact.custom", "dict | None", custom)

        team_id: Any = _get("team_id")
        if type(team_id) is not int and team_id is not None:
            raise _invalid("Contact.team_id", "int | None", team_id)

        creator_id: Any = _get("creator_id")
        if type(creator_id) is not int and creator_id is not None:
            raise _invalid("Contact.creator_id", "int | None", creator_id)

        assigned_user_id: Any = _get("assigned_user_id")
        if type(assigned_user_id) is not int and assigned_user_id is not None:
            raise _invalid("Contact.assigned_user_id", "int | None", assigned_user_id)

        inbox_id: Any = _get("inbox_id")
        if type(inbox_id) is not int and inbox_id is not None:
            raise _invalid("Contact.inbox_id", "int | None", inbox_id)

        parent_id: Any = _get("parent_id")
        if type(parent_id) is not int and parent_id is not None:
            raise _invalid("Contact.parent_id", "int | None", parent_id)

        shared: Any = _get("shared")
        if type(shared) is not bool and shared is not None:
            raise _invalid("Contact.shared", "bool | None", shared)

        created: Any = _get("created")
        if type(created) is not str and created is not None:
            raise _invalid("Contact.created", "str | None", created)

        updated: Any = _get("updated")
        if type(updated) is not str and updated is not None:
            raise _invalid("Contact.updated", "str | None", updated)

        rev: Any = _get("rev")
        if type(rev) is not int and rev is not None:
            raise _invalid("Contact.rev", "int | None", rev)

        op: Any = _get("op")
        if type(op) is not str and op is not None:
            raise _invalid("Contact.op", "str | None", op)

        type_: Any = _get("type")
        if type(type_) is not str and type_ is not None:
            raise _invalid("Contact.type", "str | None", type_)

        external_id: Any = _get("external_id")
        if type(external_id) is not str and external_id is not None:
            raise _invalid("Contact.external_id", "str | None", external_id)

        external_ref: Any = _get("external_ref")
        if type(external_ref) is not str and external_ref is not None:
            raise _invalid("Contact.external_ref", "str | None", external_ref)

        is_opted_out: Any = _get("is_opted_out")
        if type(is_opted_out) is not bool and is_opted_out is not None:
            raise _invalid("Contact.is_opted_out", "bool | None", is_opted_out)

        note: Any = _get("note")
        if type(note) is list:
            note = [
                Note.from_dict(_i0)
                if type(_i0) is dict
                else _raise(_invalid(_at("Contact.note", note, _i0), "dict", _i0))
                for _i0 in note
            ]
        elif note is not None:
            raise _invalid("Contact.note", "list | None", note)

        tags: Any = _get("tags")
        if type(tags) is list:
            tags = [
                _i0
                if type(_i0) is int
                else ContactTag.from_dict(_i0)
                if type(_i0) is dict
                else _raise(_invalid(_at("Contact.tags", tags, _i0), "int | dict", _i0))
                for _i0 in tags
            ]
        elif tags is not None:
            raise _invalid("Contact.tags", "list | None", tags)

        contact_channels: Any = _get("contact_channels")
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
        elif contact_channels is not None:
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
