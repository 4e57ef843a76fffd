"""Checks on arguments, made before anything is sent.

Each failure raises `ValueError` naming the argument, so a mistake costs no request, no rate-limit
budget, and never a half-done batch. Phones in common formats are normalised to what the API
takes: E.164 digits without the `+`.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import TypeVar

import attrs
from heymarket_typed_api.models import ChannelInput, ContactInput, ContactInputV2, CustomFields
from heymarket_typed_api.types import Unset

from ._constants import MAX_PAGE_SIZE, MAX_TAGS

_PHONE_PUNCTUATION = re.compile(r"[\s().\-]")
_E164_DIGITS = re.compile(r"[0-9]{8,15}")
_NANP_DIGITS = 10

ContactT = TypeVar("ContactT", ContactInput, ContactInputV2)


def phone(value: object, argument: str) -> str:
    """`+1 (415) 555-3434` → `14155553434`; a bare 10-digit number is taken as US/Canada."""
    if not isinstance(value, str):
        raise ValueError(f"{argument} must be a phone number string, not {type(value).__name__}")
    text = _PHONE_PUNCTUATION.sub("", value)
    international = text.startswith("+")
    digits = text.removeprefix("+")
    if not digits.isascii() or not digits.isdigit():
        raise ValueError(f"{argument} is not a phone number: {value!r}")
    if not international and len(digits) == _NANP_DIGITS:
        digits = "1" + digits
    if not _E164_DIGITS.fullmatch(digits):
        raise ValueError(f"{argument} must have 8 to 15 digits (E.164), got {value!r}")
    return digits


def contact_id(value: object, argument: str = "id") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{argument} must be an integer contact ID, not {value!r}")
    if value < 1:
        raise ValueError(f"{argument} must be a positive contact ID, got {value}")
    return value


def contact_uuid(value: object, argument: str = "contact_id") -> uuid.UUID:
    """The v2 contact ID: a UUID (the `uuid` returned on create), never the v1 integer ID."""
    if isinstance(value, uuid.UUID):
        return value
    if isinstance(value, str):
        try:
            return uuid.UUID(value)
        except ValueError:
            pass
    raise ValueError(f"{argument} must be a contact UUID, got {value!r}")


def bounded_int(value: object, argument: str, *, low: int = 1, high: int = MAX_PAGE_SIZE) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{argument} must be an integer from {low} to {high}, got {value!r}")
    return value


def optional_count(value: object, argument: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{argument} must be None or an integer >= 0, got {value!r}")
    return value


def timestamp(value: object, argument: str) -> str:
    """An aware datetime or an RFC 3339 string, as the RFC 3339 string to send.

    A string is sent exactly as given (it may be a cursor with nanoseconds); it only has to parse.
    """
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            raise ValueError(f"{argument} must be timezone-aware (a naive datetime is ambiguous)")
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{argument} is not an RFC 3339 timestamp: {value!r}") from None
        if parsed.utcoffset() is None:
            raise ValueError(f"{argument} must carry a timezone (Z or an offset): {value!r}")
        return value
    raise ValueError(f"{argument} must be a datetime or an RFC 3339 string, got {value!r}")


def either_phone_or_id(phone_value: object, id_value: object) -> tuple[str | None, int | None]:
    """Exactly one of `phone` and `id`, checked and normalised."""
    if (phone_value is None) == (id_value is None):
        raise ValueError("give exactly one of phone or id")
    if phone_value is not None:
        return phone(phone_value, "phone"), None
    return None, contact_id(id_value, "id")


def _custom_fields(custom: CustomFields | Unset, argument: str) -> None:
    if isinstance(custom, Unset):
        return
    for key in custom.additional_keys:
        if not key.isascii() or not key.isdigit():
            raise ValueError(
                f"{argument}.custom keys must be numeric field IDs (see list_fields()), got {key!r}"
            )


def contact_input(contact: object, argument: str, cls: type[ContactT]) -> ContactT:
    """A copy of `contact` with its phones normalised, after checking what can be checked."""
    if not isinstance(contact, cls):
        raise ValueError(f"{argument} must be a {cls.__name__}, not {type(contact).__name__}")
    if isinstance(contact.phone, str):
        contact = attrs.evolve(contact, phone=phone(contact.phone, f"{argument}.phone"))
    elif cls is ContactInput:
        raise ValueError(f"{argument}.phone is required")
    if not isinstance(contact.tags, Unset) and len(contact.tags) > MAX_TAGS:
        raise ValueError(f"{argument}.tags: at most {MAX_TAGS} tags, got {len(contact.tags)}")
    _custom_fields(contact.custom, argument)
    if isinstance(contact, ContactInputV2):
        if not isinstance(contact.contact_id, Unset):
            contact_uuid(contact.contact_id, f"{argument}.contact_id")
        if not isinstance(contact.contact_channels, Unset):
            channels = [
                _channel(channel, f"{argument}.contact_channels[{i}]")
                for i, channel in enumerate(contact.contact_channels)
            ]
            contact = attrs.evolve(contact, contact_channels=channels)
    return contact


def _channel(channel: ChannelInput, argument: str) -> ChannelInput:
    if channel.channel_type == "phone" and isinstance(channel.channel_id, str):
        return attrs.evolve(channel, channel_id=phone(channel.channel_id, f"{argument}.channel_id"))
    return channel


def contact_list(contacts: object, argument: str, cls: type[ContactT]) -> list[ContactT]:
    """Every contact of a batch checked up front; a bad one is named by its index."""
    if isinstance(contacts, str | bytes) or not isinstance(contacts, Iterable):
        raise ValueError(f"{argument} must be a list of {cls.__name__}")
    checked = [contact_input(c, f"{argument}[{i}]", cls) for i, c in enumerate(contacts)]
    if not checked:
        raise ValueError(f"{argument} is empty: nothing to send")
    return checked


def strings(values: object, argument: str) -> list[str]:
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise ValueError(f"{argument} must be a sequence of strings, not a single value")
    result = list(values)
    for i, value in enumerate(result):
        if not isinstance(value, str) or not value:
            raise ValueError(f"{argument}[{i}] must be a non-empty string, got {value!r}")
    return result


def emails(values: object, argument: str) -> list[str]:
    result = strings(values, argument)
    for i, value in enumerate(result):
        if "@" not in value:
            raise ValueError(f"{argument}[{i}] is not an email address: {value!r}")
    return result


def phones(values: object, argument: str) -> list[str]:
    return [phone(value, f"{argument}[{i}]") for i, value in enumerate(strings(values, argument))]


def uuids(values: object, argument: str) -> list[uuid.UUID]:
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise ValueError(f"{argument} must be a sequence of contact UUIDs")
    result = [contact_uuid(v, f"{argument}[{i}]") for i, v in enumerate(values)]
    if not result:
        raise ValueError(f"{argument} is empty: nothing to delete")
    return result


def flag(value: object, argument: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{argument} must be True or False, got {value!r}")
    return value
