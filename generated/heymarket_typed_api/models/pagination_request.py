from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PaginationRequest")

_KNOWN_KEYS = frozenset(
    {
        "archived",
        "ascending",
        "assigned",
        "date",
        "filter",
        "id",
        "limit",
        "order",
        "page",
        "parent_id",
    }
)


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
        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if not isinstance(self.archived, Unset):
            field_dict["archived"] = self.archived
        if not isinstance(self.ascending, Unset):
            field_dict["ascending"] = self.ascending
        if not isinstance(self.assigned, Unset):
            field_dict["assigned"] = self.assigned
        if not isinstance(self.date, Unset):
            field_dict["date"] = self.date
        if not isinstance(self.filter_, Unset):
            field_dict["filter"] = self.filter_
        if not isinstance(self.id, Unset):
            field_dict["id"] = self.id
        if not isinstance(self.limit, Unset):
            field_dict["limit"] = self.limit
        if not isinstance(self.order, Unset):
            field_dict["order"] = self.order
        if not isinstance(self.page, Unset):
            field_dict["page"] = self.page
        if not isinstance(self.parent_id, Unset):
            field_dict["parent_id"] = self.parent_id
        return field_dict

    def __repr__(self) -> str:
        fields: tuple[tuple[str, object], ...] = (
            ("archived", self.archived),
            ("ascending", self.ascending),
            ("assigned", self.assigned),
            ("date", self.date),
            ("filter_", self.filter_),
            ("id", self.id),
            ("limit", self.limit),
            ("order", self.order),
            ("page", self.page),
            ("parent_id", self.parent_id),
        )
        shown = [
            f"{_name}={_value!r}" for _name, _value in fields if _value is not UNSET
        ]
        if self.additional_properties:
            shown.append(f"additional_properties={self.additional_properties!r}")
        return f"PaginationRequest({', '.join(shown)})"

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict:
            raise _invalid("PaginationRequest", "dict", src_dict)
        _get = src_dict.get
        archived: Any = _get("archived", UNSET)
        if type(archived) is not bool and archived is not UNSET:
            raise _invalid("PaginationRequest.archived", "bool", archived)

        ascending: Any = _get("ascending", UNSET)
        if type(ascending) is not bool and ascending is not UNSET:
            raise _invalid("PaginationRequest.ascending", "bool", ascending)

        assigned: Any = _get("assigned", UNSET)
        if type(assigned) is not int and assigned is not UNSET:
            raise _invalid("PaginationRequest.assigned", "int", assigned)

        date: Any = _get("date", UNSET)
        if type(date) is not str and date is not UNSET:
            raise _invalid("PaginationRequest.date", "str", date)

        filter_: Any = _get("filter", UNSET)
        if type(filter_) is not str and filter_ is not UNSET:
            raise _invalid("PaginationRequest.filter", "str", filter_)

        id: Any = _get("id", UNSET)
        if type(id) is not int and id is not UNSET:
            raise _invalid("PaginationRequest.id", "int", id)

        limit: Any = _get("limit", UNSET)
        if type(limit) is not int and limit is not UNSET:
            raise _invalid("PaginationRequest.limit", "int", limit)

        order: Any = _get("order", UNSET)
        if type(order) is not str and order is not UNSET:
            raise _invalid("PaginationRequest.order", "str", order)

        page: Any = _get("page", UNSET)
        if type(page) is not int and page is not UNSET:
            raise _invalid("PaginationRequest.page", "int", page)

        parent_id: Any = _get("parent_id", UNSET)
        if type(parent_id) is not int and parent_id is not UNSET:
            raise _invalid("PaginationRequest.parent_id", "int", parent_id)

        # Positional, in the order the attributes are declared: a class call with keywords costs
        # about three times as much.
        _instance = cls(
            archived,
            ascending,
            assigned,
            date,
            filter_,
            id,
            limit,
            order,
            page,
            parent_id,
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
