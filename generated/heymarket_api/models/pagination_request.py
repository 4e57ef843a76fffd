from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PaginationRequest")


@_attrs_define
class PaginationRequest:
    """One page of v1 contacts. `date` is the cursor: the `updated` value of the previous page's last contact. Only `date`,
    `limit` and `ascending` have documented meanings.

    """

    archived: bool | Unset = UNSET
    ascending: bool | Unset = UNSET
    assigned: int | Unset = UNSET
    date: str | Unset = UNSET
    """ The cursor, the last contact's `updated` exactly as received. """
    filter_: str | Unset = UNSET
    id: int | Unset = UNSET
    limit: int | Unset = UNSET
    """ Contacts per page, 30 by default. """
    order: str | Unset = UNSET
    page: int | Unset = UNSET
    """ Page number; its base (0 or 1) is undocumented, page by `date` instead. """
    parent_id: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        archived = self.archived

        ascending = self.ascending

        assigned = self.assigned

        date = self.date

        filter_ = self.filter_

        id = self.id

        limit = self.limit

        order = self.order

        page = self.page

        parent_id = self.parent_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if archived is not UNSET:
            field_dict["archived"] = archived
        if ascending is not UNSET:
            field_dict["ascending"] = ascending
        if assigned is not UNSET:
            field_dict["assigned"] = assigned
        if date is not UNSET:
            field_dict["date"] = date
        if filter_ is not UNSET:
            field_dict["filter"] = filter_
        if id is not UNSET:
            field_dict["id"] = id
        if limit is not UNSET:
            field_dict["limit"] = limit
        if order is not UNSET:
            field_dict["order"] = order
        if page is not UNSET:
            field_dict["page"] = page
        if parent_id is not UNSET:
            field_dict["parent_id"] = parent_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        archived = d.pop("archived", UNSET)

        ascending = d.pop("ascending", UNSET)

        assigned = d.pop("assigned", UNSET)

        date = d.pop("date", UNSET)

        filter_ = d.pop("filter", UNSET)

        id = d.pop("id", UNSET)

        limit = d.pop("limit", UNSET)

        order = d.pop("order", UNSET)

        page = d.pop("page", UNSET)

        parent_id = d.pop("parent_id", UNSET)

        pagination_request = cls(
            archived=archived,
            ascending=ascending,
            assigned=assigned,
            date=date,
            filter_=filter_,
            id=id,
            limit=limit,
            order=order,
            page=page,
            parent_id=parent_id,
        )

        pagination_request.additional_properties = d
        return pagination_request

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
