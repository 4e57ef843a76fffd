"""The index from channel values (phones, emails, ...) to the contacts that have them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def channel_key(channel_type: str, value: str) -> tuple[str, str]:
    """How a channel value is looked up: emails without case, phones without a leading `+`."""
    if channel_type == "email":
        return channel_type, value.lower()
    if channel_type == "phone":
        return channel_type, value.removeprefix("+")
    return channel_type, value


def channel_keys(record: Mapping[str, Any]) -> set[tuple[str, str]]:
    """The lookup keys of a contact: its `phone`, `email` and contact channels."""
    keys: set[tuple[str, str]] = set()
    for channel_type in ("phone", "email"):
        value = record.get(channel_type)
        if isinstance(value, str) and value:
            keys.add(channel_key(channel_type, value))
    for channel in record.get("contact_channels") or ():
        channel_type, value = channel.get("channel_type"), channel.get("channel_id")
        if isinstance(channel_type, str) and isinstance(value, str) and value:
            keys.add(channel_key(channel_type, value))
    return keys


class ChannelIndex:
    """Channel keys to contact ids. Not thread-safe: the store's lock guards it."""

    def __init__(self) -> None:
        # A lone id rather than a one-element set: most channel values belong to one contact,
        # and a set per contact would double the memory of 200,000 seeded contacts.
        self._by_key: dict[tuple[str, str], int | set[int]] = {}
        self._types: set[str] = set()

    def add(self, record: Mapping[str, Any], contact_id: int) -> None:
        """Indexes every channel of a contact."""
        for key in channel_keys(record):
            self.link(key, contact_id)

    def remove(self, record: Mapping[str, Any], contact_id: int) -> None:
        """Forgets every channel of a contact."""
        for key in channel_keys(record):
            self._unlink(key, contact_id)

    def link(self, key: tuple[str, str], contact_id: int) -> None:
        """Indexes one channel key (a `channel_key` result) of a contact."""
        self._types.add(key[0])
        linked = self._by_key.get(key)
        if linked is None:
            self._by_key[key] = contact_id
        elif isinstance(linked, int):
            self._by_key[key] = {linked, contact_id}
        else:
            linked.add(contact_id)

    def ids(self, channel_type: str | None, value: str) -> set[int]:
        """Ids of contacts with that value; a `channel_type` of None matches every type."""
        types = self._types if channel_type is None else {channel_type}
        found: set[int] = set()
        for each in types:
            linked = self._by_key.get(channel_key(each, value))
            if isinstance(linked, int):
                found.add(linked)
            elif linked is not None:
                found |= linked
        return found

    def _unlink(self, key: tuple[str, str], contact_id: int) -> None:
        linked = self._by_key.get(key)
        if linked == contact_id:
            del self._by_key[key]
        elif isinstance(linked, set):
            linked.discard(contact_id)
            if len(linked) == 1:
                self._by_key[key] = linked.pop()
