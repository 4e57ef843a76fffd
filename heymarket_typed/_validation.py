"""Checks on arguments, made before anything is sent.

A value of the wrong type raises `TypeError`, a wrong value `ValueError`, each naming the
argument, so a mistake costs no request, no rate-limit budget, and never a half-done batch.
Phones are normalised by `_phones`; timestamps follow RFC 3339; a contact must survive the
encoding it will be sent with.
"""

from __future__ import annotations

import json
import math
import re
import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

import attrs
from heymarket_typed_api.models import (
    ChannelInput,
    ContactInput,
    ContactInputV2,
    CustomFields,
    TagRef,
)
from heymarket_typed_api.types import Unset

from ._constants import MAX_PAGE_SIZE, MAX_TAGS
from ._phones import DEFAULT_PHONE_REGION, normalise

ContactT = TypeVar("ContactT", ContactInput, ContactInputV2)
ModelT = TypeVar("ModelT", ContactInput, ContactInputV2, ChannelInput)

# RFC 3339 section 5.6 `date-time`, with at most 9 fractional digits (nanoseconds).
_RFC3339 = re.compile(
    r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[Tt](?P<time>[0-9]{2}:[0-9]{2}:[0-9]{2})"
    r"(?:\.[0-9]{1,9})?(?P<zone>[Zz]|[+-][0-9]{2}:[0-9]{2})"
)


def phone(value: object, argument: str, region: str | None = DEFAULT_PHONE_REGION) -> str:
    """`+1 (415) 555-3434` → `14155553434`; a number without a country code is `region`'s."""
    return normalise(value, argument, region)


def _wrong_type(argument: str, expected: str, value: object) -> TypeError:
    return TypeError(f"{argument} must be {expected}, not {type(value).__name__} ({value!r:.60})")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def contact_id(value: object, argument: str = "id") -> int:
    if not _is_int(value):
        raise _wrong_type(argument, "an integer contact ID", value)
    assert isinstance(value, int)
    if value < 1:
        raise ValueError(f"{argument} must be a positive contact ID, got {value}")
    return value


def contact_uuid(value: object, argument: str = "contact_id") -> uuid.UUID:
    """The v2 contact ID: a UUID (the `uuid` returned on create), never the v1 integer ID."""
    if isinstance(value, uuid.UUID):
        return value
    if not isinstance(value, str):
        raise _wrong_type(argument, "a contact UUID (uuid.UUID or str)", value)
    try:
        return uuid.UUID(value)
    except ValueError:
        raise ValueError(f"{argument} must be a contact UUID, got {value!r}") from None


def bounded_int(value: object, argument: str, *, low: int = 1, high: int = MAX_PAGE_SIZE) -> int:
    if not _is_int(value):
        raise _wrong_type(argument, f"an integer from {low} to {high}", value)
    assert isinstance(value, int)
    if not low <= value <= high:
        raise ValueError(f"{argument} must be an integer from {low} to {high}, got {value!r}")
    return value


def optional_count(value: object, argument: str) -> int | None:
    if value is None:
        return None
    if not _is_int(value):
        raise _wrong_type(argument, "None or an integer >= 0", value)
    assert isinstance(value, int)
    if value < 0:
        raise ValueError(f"{argument} must be None or an integer >= 0, got {value!r}")
    return value


def timestamp(value: object, argument: str) -> str:
    """An aware datetime or an RFC 3339 `date-time` string, as the string to send.

    A valid string is sent exactly as given (it may be a cursor with nanoseconds). A datetime is
    sent in its own offset (`Z` for UTC), or in UTC when that offset has seconds (`+00:19:32`,
    which RFC 3339 cannot write).
    """
    if isinstance(value, datetime):
        offset = value.utcoffset()
        if offset is None:
            raise ValueError(f"{argument} must be timezone-aware (a naive datetime is ambiguous)")
        if offset % timedelta(minutes=1):
            value = value.astimezone(UTC)
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        raise _wrong_type(
            argument, "an aware datetime or an RFC 3339 string (a date has no time)", value
        )
    if not isinstance(value, str):
        raise _wrong_type(argument, "an aware datetime or an RFC 3339 string", value)
    match = _RFC3339.fullmatch(value)
    if match is None:
        raise ValueError(
            f"{argument} is not an RFC 3339 timestamp (YYYY-MM-DDThh:mm:ss[.fraction] then Z or "
            f"+hh:mm, at most 9 fractional digits): {value!r}"
        )
    zone = match["zone"].upper().replace("Z", "+00:00")
    try:
        datetime.fromisoformat(f"{match['date']}T{match['time']}{zone}")
    except ValueError:
        raise ValueError(f"{argument} is not a valid date and time: {value!r}") from None
    return value


def either_phone_or_id(
    phone_value: object, id_value: object, region: str | None
) -> tuple[str | None, int | None]:
    """Exactly one of `phone` and `id`, checked and normalised."""
    if (phone_value is None) == (id_value is None):
        raise ValueError("give exactly one of phone or id")
    if phone_value is not None:
        return phone(phone_value, "phone", region), None
    return None, contact_id(id_value, "id")


def _custom_fields(custom: CustomFields | Unset, argument: str) -> None:
    if isinstance(custom, Unset):
        return
    for key in custom.additional_keys:
        if not isinstance(key, str):
            raise _wrong_type(f"{argument}.custom keys", "numeric field IDs as str", key)
        if not key.isascii() or not key.isdigit():
            raise ValueError(
                f"{argument}.custom keys must be numeric field IDs (see list_fields()), got {key!r}"
            )


def _nested(contact: ContactInput | ContactInputV2, argument: str) -> None:
    """The fields that hold models hold those models (a dict there fails only when encoding)."""
    if not isinstance(contact.custom, Unset | CustomFields):
        raise _wrong_type(f"{argument}.custom", "a CustomFields", contact.custom)
    for name, kind in (("tags", TagRef), ("contact_channels", ChannelInput)):
        items = getattr(contact, name, None)
        if items is None or isinstance(items, Unset):
            continue
        if not isinstance(items, list):
            raise _wrong_type(f"{argument}.{name}", f"a list of {kind.__name__}", items)
        for i, item in enumerate(items):
            if not isinstance(item, kind):
                raise _wrong_type(f"{argument}.{name}[{i}]", f"a {kind.__name__}", item)
            _sendable(item, f"{argument}.{name}[{i}]")


def contact_input(
    contact: object, argument: str, cls: type[ContactT], region: str | None
) -> ContactT:
    """A copy of `contact` with its phones normalised, after checking what can be checked:
    field types, phones, tags, custom keys, and that it can be encoded as sent (UTF-8 JSON)."""
    if not isinstance(contact, cls):
        raise _wrong_type(argument, f"a {cls.__name__}", contact)
    _nested(contact, argument)
    if isinstance(contact.phone, str):
        contact = _evolve(contact, phone=phone(contact.phone, f"{argument}.phone", region))
    elif cls is ContactInput and (contact.phone is None or isinstance(contact.phone, Unset)):
        raise ValueError(f"{argument}.phone is required")
    elif not isinstance(contact.phone, Unset):
        raise _wrong_type(f"{argument}.phone", "a phone number string", contact.phone)
    if not isinstance(contact.tags, Unset) and len(contact.tags) > MAX_TAGS:
        raise ValueError(f"{argument}.tags: at most {MAX_TAGS} tags, got {len(contact.tags)}")
    _custom_fields(contact.custom, argument)
    if isinstance(contact, ContactInputV2):
        if not isinstance(contact.contact_id, Unset):
            contact_uuid(contact.contact_id, f"{argument}.contact_id")
        if not isinstance(contact.contact_channels, Unset):
            channels = [
                _channel(channel, f"{argument}.contact_channels[{i}]", region)
                for i, channel in enumerate(contact.contact_channels)
            ]
            contact = _evolve(contact, contact_channels=channels)
    _sendable(contact, argument)
    return contact


def _evolve(model: ModelT, **changes: Any) -> ModelT:
    """`attrs.evolve` that keeps the fields outside the document (`model["notes"] = ...`)."""
    copy = attrs.evolve(model, **changes)
    copy.additional_properties = dict(model.additional_properties)
    return copy


def _channel(channel: ChannelInput, argument: str, region: str | None) -> ChannelInput:
    if channel.channel_type == "phone" and isinstance(channel.channel_id, str):
        number = phone(channel.channel_id, f"{argument}.channel_id", region)
        return _evolve(channel, channel_id=number)
    return channel


def _sendable(model: Any, argument: str) -> None:
    """`model` as the generated code will send it: typed as the document says, and encodable.

    The generated `from_dict` is strict, so reading back `to_dict()` checks every field's type
    without a second list of fields. The encoding is the one httpx sends (UTF-8 JSON, no NaN);
    the encoded bytes are not kept.

    Raises:
        TypeError: a field of the wrong type, named.
        ValueError: a field that cannot be sent (a lone surrogate, NaN), named.
    """
    body = model.to_dict()
    try:
        type(model).from_dict(body)
    except TypeError as error:
        raise TypeError(_renamed(error, model, argument)) from None
    except (KeyError, ValueError) as error:
        raise ValueError(_renamed(error, model, argument)) from None
    try:
        json.dumps(body, ensure_ascii=False, allow_nan=False).encode()
    except TypeError as error:
        raise TypeError(f"{argument} cannot be encoded as JSON: {error}") from None
    except ValueError as error:  # UnicodeEncodeError is one
        where, why = _unencodable(body, "") or ("", str(error))
        raise ValueError(f"{argument}{where} cannot be sent: {why}") from None


def _renamed(error: Exception, model: object, argument: str) -> str:
    """`ContactInput.first: expected str, got 1` -> `contacts[3].first: expected str, got 1`."""
    message = str(error.args[0]) if error.args else str(error)
    prefix = type(model).__name__
    if message.startswith(prefix):
        return argument + message[len(prefix) :]
    return f"{argument}: {message}"


def _unencodable(value: object, where: str) -> tuple[str, str] | None:
    """(where, why) for the first string or number in `value` that JSON in UTF-8 cannot carry."""
    if isinstance(value, str):
        try:
            value.encode()
        except UnicodeEncodeError as error:
            return where, f"{value!r:.60} has a lone surrogate at index {error.start}, not text"
    elif isinstance(value, float) and not math.isfinite(value):
        return where, f"{value!r} is not a JSON number"
    elif isinstance(value, dict):
        for key, item in value.items():
            found = _unencodable(key, f"{where} (a key)") or _unencodable(
                item, f"{where}.{key}" if str(key).isidentifier() else f"{where}[{key!r}]"
            )
            if found:
                return found
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found = _unencodable(item, f"{where}[{i}]")
            if found:
                return found
    return None


def contact_list(
    contacts: object, argument: str, cls: type[ContactT], region: str | None
) -> list[ContactT]:
    """Every contact of a batch checked and encoded up front; a bad one is named by its index,
    so no chunk is sent before every chunk is known to be sendable."""
    if isinstance(contacts, str | bytes) or not isinstance(contacts, Iterable):
        raise _wrong_type(argument, f"a list of {cls.__name__}", contacts)
    checked = [contact_input(c, f"{argument}[{i}]", cls, region) for i, c in enumerate(contacts)]
    if not checked:
        raise ValueError(f"{argument} is empty: nothing to send")
    return checked


def strings(values: object, argument: str) -> list[str]:
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise _wrong_type(argument, "a sequence of strings (not a single value)", values)
    result = list(values)
    for i, value in enumerate(result):
        if not isinstance(value, str):
            raise _wrong_type(f"{argument}[{i}]", "a string", value)
        if not value:
            raise ValueError(f"{argument}[{i}] must be a non-empty string")
        problem = _unencodable(value, "")
        if problem:
            raise ValueError(f"{argument}[{i}] cannot be sent: {problem[1]}")
    return result


def emails(values: object, argument: str) -> list[str]:
    result = strings(values, argument)
    for i, value in enumerate(result):
        if "@" not in value:
            raise ValueError(f"{argument}[{i}] is not an email address: {value!r}")
    return result


def phones(values: object, argument: str, region: str | None) -> list[str]:
    return [
        phone(value, f"{argument}[{i}]", region)
        for i, value in enumerate(strings(values, argument))
    ]


def uuids(values: object, argument: str) -> list[uuid.UUID]:
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise _wrong_type(argument, "a sequence of contact UUIDs (not a single value)", values)
    result = [contact_uuid(v, f"{argument}[{i}]") for i, v in enumerate(values)]
    if not result:
        raise ValueError(f"{argument} is empty: nothing to delete")
    return result


def flag(value: object, argument: str) -> bool:
    if not isinstance(value, bool):
        raise _wrong_type(argument, "True or False", value)
    return value
