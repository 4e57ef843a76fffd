from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ContactStatus")


@_attrs_define
class ContactStatus:
    """A contact's messaging status."""

    id: int | None | Unset = UNSET
    phone: None | str | Unset = UNSET
    unsubscribed: bool | None | Unset = UNSET
    """ Opted out; messages cannot be sent to the contact. """
    blocked: bool | None | Unset = UNSET
    """ Blocked; messages are neither sent nor received. """
    unsubscribed_admin: bool | None | Unset = UNSET
    """ Opted out by an admin. """
    unsubscribed_contact: bool | None | Unset = UNSET
    """ Opted out by the contact (STOP, UNSUBSCRIBE, ...). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: int | None | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        unsubscribed: bool | None | Unset
        if isinstance(self.unsubscribed, Unset):
            unsubscribed = UNSET
        else:
            unsubscribed = self.unsubscribed

        blocked: bool | None | Unset
        if isinstance(self.blocked, Unset):
            blocked = UNSET
        else:
            blocked = self.blocked

        unsubscribed_admin: bool | None | Unset
        if isinstance(self.unsubscribed_admin, Unset):
            unsubscribed_admin = UNSET
        else:
            unsubscribed_admin = self.unsubscribed_admin

        unsubscribed_contact: bool | None | Unset
        if isinstance(self.unsubscribed_contact, Unset):
            unsubscribed_contact = UNSET
        else:
            unsubscribed_contact = self.unsubscribed_contact

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if phone is not UNSET:
            field_dict["phone"] = phone
        if unsubscribed is not UNSET:
            field_dict["unsubscribed"] = unsubscribed
        if blocked is not UNSET:
            field_dict["blocked"] = blocked
        if unsubscribed_admin is not UNSET:
            field_dict["unsubscribed_admin"] = unsubscribed_admin
        if unsubscribed_contact is not UNSET:
            field_dict["unsubscribed_contact"] = unsubscribed_contact

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        def _parse_unsubscribed(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        unsubscribed = _parse_unsubscribed(d.pop("unsubscribed", UNSET))

        def _parse_blocked(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        blocked = _parse_blocked(d.pop("blocked", UNSET))

        def _parse_unsubscribed_admin(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        unsubscribed_admin = _parse_unsubscribed_admin(
            d.pop("unsubscribed_admin", UNSET)
        )

        def _parse_unsubscribed_contact(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        unsubscribed_contact = _parse_unsubscribed_contact(
            d.pop("unsubscribed_contact", UNSET)
        )

        contact_status = cls(
            id=id,
            phone=phone,
            unsubscribed=unsubscribed,
            blocked=blocked,
            unsubscribed_admin=unsubscribed_admin,
            unsubscribed_contact=unsubscribed_contact,
        )

        contact_status.additional_properties = d
        return contact_status

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
