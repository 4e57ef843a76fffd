from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact import Contact
    from ..models.failed_contact_v2 import FailedContactV2


T = TypeVar("T", bound="BulkUpsertResponse")


@_attrs_define
class BulkUpsertResponse:
    """The contacts written and those that failed."""

    contacts: list[Contact] | None | Unset = UNSET
    failed_contacts: list[FailedContactV2] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contacts: list[dict[str, Any]] | None | Unset
        if isinstance(self.contacts, Unset):
            contacts = UNSET
        elif isinstance(self.contacts, list):
            contacts = []
            for contacts_type_0_item_data in self.contacts:
                contacts_type_0_item = contacts_type_0_item_data.to_dict()
                contacts.append(contacts_type_0_item)

        else:
            contacts = self.contacts

        failed_contacts: list[dict[str, Any]] | None | Unset
        if isinstance(self.failed_contacts, Unset):
            failed_contacts = UNSET
        elif isinstance(self.failed_contacts, list):
            failed_contacts = []
            for failed_contacts_type_0_item_data in self.failed_contacts:
                failed_contacts_type_0_item = failed_contacts_type_0_item_data.to_dict()
                failed_contacts.append(failed_contacts_type_0_item)

        else:
            failed_contacts = self.failed_contacts

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if contacts is not UNSET:
            field_dict["contacts"] = contacts
        if failed_contacts is not UNSET:
            field_dict["failed_contacts"] = failed_contacts

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact import Contact  # noqa: PLC0415
        from ..models.failed_contact_v2 import FailedContactV2  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_contacts(data: object) -> list[Contact] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                contacts_type_0 = []
                _contacts_type_0 = data
                for contacts_type_0_item_data in _contacts_type_0:
                    contacts_type_0_item = Contact.from_dict(contacts_type_0_item_data)

                    contacts_type_0.append(contacts_type_0_item)

                return contacts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Contact] | None | Unset, data)

        contacts = _parse_contacts(d.pop("contacts", UNSET))

        def _parse_failed_contacts(
            data: object,
        ) -> list[FailedContactV2] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                failed_contacts_type_0 = []
                _failed_contacts_type_0 = data
                for failed_contacts_type_0_item_data in _failed_contacts_type_0:
                    failed_contacts_type_0_item = FailedContactV2.from_dict(
                        failed_contacts_type_0_item_data
                    )

                    failed_contacts_type_0.append(failed_contacts_type_0_item)

                return failed_contacts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[FailedContactV2] | None | Unset, data)

        failed_contacts = _parse_failed_contacts(d.pop("failed_contacts", UNSET))

        bulk_upsert_response = cls(
            contacts=contacts,
            failed_contacts=failed_contacts,
        )

        bulk_upsert_response.additional_properties = d
        return bulk_upsert_response

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
