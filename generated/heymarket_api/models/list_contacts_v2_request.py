from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ListContactsV2Request")


@_attrs_define
class ListContactsV2Request:
    """One page of v2 contacts."""

    limit: int | Unset = 30
    """ Contacts per page. """
    page: int | Unset = 0
    """ Zero-indexed page number. """
    date: str | Unset = UNSET
    """ RFC 3339 time; only contacts updated after it are listed. """
    ascending: bool | Unset = UNSET
    """ Oldest update first; newest first by default. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        limit = self.limit

        page = self.page

        date = self.date

        ascending = self.ascending

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if limit is not UNSET:
            field_dict["limit"] = limit
        if page is not UNSET:
            field_dict["page"] = page
        if date is not UNSET:
            field_dict["date"] = date
        if ascending is not UNSET:
            field_dict["ascending"] = ascending

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        limit = d.pop("limit", UNSET)

        page = d.pop("page", UNSET)

        date = d.pop("date", UNSET)

        ascending = d.pop("ascending", UNSET)

        list_contacts_v2_request = cls(
            limit=limit,
            page=page,
            date=date,
            ascending=ascending,
        )

        list_contacts_v2_request.additional_properties = d
        return list_contacts_v2_request

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
