"""Validation of request bodies and parameters, turning API input into record fields.

Everything a client sends passes through here, so a wrong type or value becomes the same
`400 bad_data` the real API answers, with a message naming the field.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from heymarket_typed.testing import _declared
from heymarket_typed.testing._errors import bad_data
from heymarket_typed.testing._timestamps import parse_ns

MAX_TAGS = 5
_PHONE = re.compile(r"[0-9]{8,15}")
_DIGITS = re.compile(r"[0-9]+")
_UUID = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
_CHANNEL_TEXT = ("channel_handle", "info_channel")


def _is_int(value: object) -> bool:
    # JSON Schema counts 7.0 as an integer, and so does the API's JSON decoder.
    if isinstance(value, float):
        return value.is_integer()
    return isinstance(value, int) and not isinstance(value, bool)


def json_object(body: Any, *, what: str = "body", optional: bool = False) -> dict[str, Any]:
    """The body as a JSON object; an absent body is `{}` when `optional`."""
    if body is None and optional:
        return {}
    if not isinstance(body, dict):
        raise bad_data(f"{what} must be a JSON object")
    return body


def phone(value: Any, what: str = "phone") -> str:
    """A phone in E.164 digits without `+`, 8 to 15 of them."""
    if not isinstance(value, str) or _PHONE.fullmatch(value) is None:
        raise bad_data(f"{what} must be a string of 8 to 15 digits")
    return value


def contact_uuid(value: Any, *, what: str = "contactID") -> str:
    """A contact UUID (hyphenated hex), in lower case."""
    if not isinstance(value, str) or _UUID.fullmatch(value) is None:
        raise bad_data(f"{what} must be a UUID")
    return value.lower()


def contact_fields(item: Mapping[str, Any], *, require_phone: bool) -> dict[str, Any]:
    """Validates the `ContactInput` fields of `item` and returns them as record fields.

    Only fields present in `item` are returned. `assignee_id` becomes `assigned_user_id`
    (None for -1, which unassigns), tag references become tag ids, and custom values keyed by
    anything but a numeric field id are dropped, as the API silently does. Other fields the
    document declares are checked against their declared type and kept as sent; undeclared
    ones are ignored.
    """
    if require_phone and "phone" not in item:
        raise bad_data("phone is required")
    fields: dict[str, Any] = {}
    for key, (field, parse) in _CONTACT_FIELDS.items():
        if key in item:
            fields[field] = parse(item[key], key)
    for key, value in item.items():
        check = _DECLARED_CHECKS.get(key)
        if check is not None:
            fields[key] = check(value, key)
    return fields


def _text(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise bad_data(f"{key} must be a string")
    return value


def _flag(value: Any, key: str) -> bool:
    if not isinstance(value, bool):
        raise bad_data(f"{key} must be a boolean")
    return value


def _assignee(value: Any, key: str) -> int | None:
    if not _is_int(value) or value < -1:
        raise bad_data(f"{key} must be a user id, or -1 to unassign")
    return None if value == -1 else int(value)


def _integers(value: Any, key: str) -> list[int]:
    if not isinstance(value, list) or not all(_is_int(entry) for entry in value):
        raise bad_data(f"{key} must be an array of integers")
    return [int(entry) for entry in value]


def _custom(value: Any, key: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise bad_data(f"{key} must be an object of field id to value")
    for name, entry in value.items():
        if not (entry is None or isinstance(entry, str | int | float | bool)):
            raise bad_data(f"{key}[{name!r}] must be a string, number, boolean or null")
    return known_custom(value)


def known_custom(values: Mapping[str, Any]) -> dict[str, Any]:
    """The custom values the API keeps: those keyed by a numeric field id, not by a title."""
    return {name: entry for name, entry in values.items() if _DIGITS.fullmatch(name)}


def _tags(value: Any, key: str) -> list[int]:
    if not isinstance(value, list):
        raise bad_data(f"{key} must be an array of {{tag_id}}")
    if len(value) > MAX_TAGS:
        raise bad_data(f"{key}: a contact has at most {MAX_TAGS} tags")
    tag_ids: list[int] = []
    for tag in value:
        if not isinstance(tag, dict) or not _is_int(tag.get("tag_id")):
            raise bad_data("each tag must be an object with an integer tag_id")
        tag_ids.append(int(tag["tag_id"]))
    return tag_ids


def channels(value: Any) -> list[dict[str, str]]:
    """Validates `contact_channels` to write: at least one `{channel_type, channel_id}`."""
    if not isinstance(value, list) or not value:
        raise bad_data("contact_channels must hold at least one {channel_type, channel_id}")
    parsed: list[dict[str, str]] = []
    for index, channel in enumerate(value):
        where = f"contact_channels[{index}]"
        if not isinstance(channel, dict):
            raise bad_data(f"{where} must be an object")
        channel_type, channel_id = channel.get("channel_type"), channel.get("channel_id")
        if not isinstance(channel_type, str) or not channel_type:
            raise bad_data(f"{where}.channel_type must be a non-empty string")
        if not isinstance(channel_id, str) or not channel_id:
            raise bad_data(f"{where}.channel_id must be a non-empty string")
        if channel_type == "phone":
            phone(channel_id, f"{where}.channel_id")
        listed = channel.get("channel_ids", [])
        if not isinstance(listed, list) or not all(isinstance(v, str) for v in listed):
            raise bad_data(f"{where}.channel_ids must be an array of strings")
        entry = {"channel_type": channel_type, "channel_id": channel_id}
        for key in _CHANNEL_TEXT:
            if key in channel:
                if not isinstance(channel[key], str):
                    raise bad_data(f"{where}.{key} must be a string")
                entry[key] = channel[key]
        parsed.append(entry)
    return parsed


def timestamp(body: Mapping[str, Any], key: str = "date") -> int | None:
    """The RFC 3339 time under `key` in nanoseconds, or None when absent."""
    value = body.get(key)
    if value is None:
        return None
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return parse_ns(value)
    except ValueError:
        raise bad_data(f"{key} must be an RFC 3339 timestamp") from None


def integer(
    body: Mapping[str, Any], key: str, *, default: int, minimum: int, maximum: int | None = None
) -> int:
    """The integer under `key` (or `default`), checked against its range."""
    value = body.get(key, default)
    if not _is_int(value) or value < minimum or (maximum is not None and value > maximum):
        upper = f" and at most {maximum}" if maximum is not None else ""
        raise bad_data(f"{key} must be an integer of at least {minimum}{upper}")
    return int(value)


def boolean(body: Mapping[str, Any], key: str, *, default: bool = False) -> bool:
    """The boolean under `key`, or `default`."""
    value = body.get(key, default)
    if not isinstance(value, bool):
        raise bad_data(f"{key} must be a boolean")
    return value


def query_flag(query: Mapping[str, str], key: str) -> bool:
    """A boolean query parameter (`true`/`false`, `1`/`0`); absent is false."""
    value = query.get(key, "false").lower()
    if value not in ("true", "false", "1", "0"):
        raise bad_data(f"{key} must be true or false")
    return value in ("true", "1")


def digits_id(value: Any, *, what: str) -> int:
    """A positive integer id sent as a string of digits (a path segment, or `id` in a body)."""
    if not isinstance(value, str) or _DIGITS.fullmatch(value) is None or int(value) < 1:
        raise bad_data(f"{what} must be a positive integer")
    return int(value)


_CONTACT_FIELDS: dict[str, tuple[str, Callable[[Any, str], Any]]] = {
    "phone": ("phone", phone),
    "first": ("first", _text),
    "last": ("last", _text),
    "display_name": ("display_name", _text),
    "email": ("email", _text),
    "avatar": ("avatar", _text),
    "custom": ("custom", _custom),
    "assignee_id": ("assigned_user_id", _assignee),
    "tags": ("tags", _tags),
    "is_opted_out": ("is_opted_out", _flag),
    "email_suppressions": ("email_suppressions", _integers),
}
"""Each `ContactInput` key: the record field it sets and how its value is validated."""

_DECLARED_CHECKS = {
    key: _declared.check_for(kind)
    for key, kind in _declared.INPUTS.items()
    if key not in _CONTACT_FIELDS and key not in ("contact_id", "contact_channels")
}
"""The declared input fields with no rule above (bulk upsert's `contact_id` and v2 channels
are read by their routes): checked by type only."""
