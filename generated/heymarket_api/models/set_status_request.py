from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.contact_status_value import ContactStatusValue, check_contact_status_value
from ..types import UNSET, Unset

T = TypeVar("T", bound="SetStatusRequest")


@_attrs_define
class SetStatusRequest:
    """The contact, by ID or phone (at least one), and the status to set."""

    status: ContactStatusValue
    """ A messaging status to set. `unsubscribed` is the same as `is_opted_out`. """
    id: int | Unset = UNSET
    phone: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status: str = self.status

        id = self.id

        phone = self.phone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if phone is not UNSET:
            field_dict["phone"] = phone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = check_contact_status_value(d.pop("status"))

        id = d.pop("id", UNSET)

        phone = d.pop("phone", UNSET)

        set_status_request = cls(
            status=status,
            id=id,
            phone=phone,
        )

        set_status_request.additional_properties = d
        return set_status_request

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
