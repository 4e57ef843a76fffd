"""The fake API's data: contacts, their indexes, and the team's custom field definitions.

The store knows nothing about HTTP or API semantics (merging, validation); it keeps records,
stamps every write like the backend does (id, uuid, `rev`, a strictly increasing `updated`)
and keeps the indexes that make lookups and pages cheap with hundreds of thousands of contacts.
"""

from __future__ import annotations

import math
import threading
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from heymarket_typed.testing._ids import contact_uuid
from heymarket_typed.testing._timestamps import format_ns, parse_ns

Record = dict[str, Any]
"""A contact as the API returns it: the `Contact` schema's fields, JSON-ready."""

FIRST_CONTACT_ID = 1001
TEAM_ID = 5001
CREATOR_ID = 7001

_NS_PER_SECOND = 1_000_000_000
_ID_MAX = 2**63
_SYSTEM_FIELDS = ("id", "uuid", "created", "updated", "rev", "op", "team_id", "creator_id")


def _copy(record: Record) -> Record:
    copied = record.copy()
    for key in ("custom", "tags", "note"):
        value = copied.get(key)
        if isinstance(value, dict | list):
            copied[key] = value.copy()
    channels = copied.get("contact_channels")
    if isinstance(channels, list):
        copied["contact_channels"] = [dict(channel) for channel in channels]
    return copied


def _channel_key(channel_type: str, value: str) -> tuple[str, str]:
    if channel_type == "email":
        return channel_type, value.lower()
    if channel_type == "phone":
        return channel_type, value.removeprefix("+")
    return channel_type, value


def _channel_keys(record: Record) -> set[tuple[str, str]]:
    keys: set[tuple[str, str]] = set()
    for channel_type in ("phone", "email"):
        value = record.get(channel_type)
        if isinstance(value, str) and value:
            keys.add(_channel_key(channel_type, value))
    for channel in record.get("contact_channels") or ():
        channel_type, value = channel.get("channel_type"), channel.get("channel_id")
        if isinstance(channel_type, str) and isinstance(value, str) and value:
            keys.add(_channel_key(channel_type, value))
    return keys


def default_display_name(fields: Mapping[str, Any]) -> str | None:
    """What `display_name` defaults to: first and last name joined, or None without names."""
    names = [fields.get("first"), fields.get("last")]
    return " ".join(name for name in names if isinstance(name, str) and name) or None


class ContactStore:
    """Thread-safe contact storage with the indexes list, lookup and search requests need.

    `lock` is re-entrant and public so that a request touching several contacts (a batch)
    runs as one transaction.

    Args:
        clock: Wall-clock seconds; write timestamps never go below it.
        seed: Makes contact UUIDs deterministic.
    """

    def __init__(self, *, clock: Callable[[], float], seed: int) -> None:
        self.lock: threading.RLock = threading.RLock()
        self._clock = clock
        self._seed = seed
        self._records: dict[int, Record] = {}
        # Sorted (updated_ns, id): pages are a bisect and a slice, never a sort.
        self._order: list[tuple[int, int]] = []
        self._by_uuid: dict[str, int] = {}
        # A lone id rather than a one-element set: most channel values belong to one contact,
        # and a set per contact would double the memory of 200,000 seeded contacts.
        self._by_channel: dict[tuple[str, str], int | set[int]] = {}
        self._channel_types: set[str] = set()
        self._blocked: set[int] = set()
        self._opted_out_by_contact: set[int] = set()
        self._next_id = FIRST_CONTACT_ID
        self._next_channel_id = 1
        self._last_write_ns = 0
        self._fields: list[dict[str, Any]] = []

    # Writes

    def create(self, fields: Mapping[str, Any]) -> Record:
        """Stores a new contact and returns a copy of it.

        `fields` holds contact fields; `contact_channels` may be given as channel inputs
        (`channel_type`, `channel_id`, ...) and are completed into channel records. System
        fields (`id`, `uuid`, `created`, `updated`, `rev`, ...) are stamped unless given; a
        given `updated`/`created` string is kept exactly.

        Raises:
            ValueError: A given `id` or `uuid` is taken, or `updated` is not RFC 3339.
        """
        with self.lock:
            contact_id = fields.get("id")
            if contact_id is None:
                contact_id = self._next_id
            if not isinstance(contact_id, int) or contact_id in self._records:
                raise ValueError(f"contact id {contact_id!r} is not a free integer")
            uuid = fields.get("uuid") or contact_uuid(self._seed, contact_id)
            if uuid.lower() in self._by_uuid:
                raise ValueError(f"contact uuid {uuid!r} is taken")
            if isinstance(fields.get("updated"), str):
                updated_ns, updated = parse_ns(fields["updated"]), fields["updated"]
            else:
                updated_ns, updated = self._stamp()
            record: Record = {
                "id": contact_id,
                "uuid": uuid,
                "display_name": default_display_name(fields),
                "custom": {},
                "tags": [],
                "is_opted_out": False,
                "team_id": TEAM_ID,
                "creator_id": CREATOR_ID,
                "created": fields.get("created") or updated,
                "updated": updated,
                "rev": 1,
                "op": "create",
            }
            record.update(
                (key, value)
                for key, value in _copy(dict(fields)).items()
                if key not in ("created", "updated", "contact_channels")
            )
            record["id"], record["uuid"] = contact_id, uuid
            if "contact_channels" in fields:
                record["contact_channels"] = self._channels(record, fields["contact_channels"])
            self._next_id = max(self._next_id, contact_id + 1)
            self._index(record, updated_ns)
            return _copy(record)

    def update(
        self,
        contact_id: int,
        changes: Mapping[str, Any],
        removals: Iterable[str] = (),
        *,
        blocked: bool | None = None,
        opted_out_by_contact: bool | None = None,
    ) -> Record:
        """Applies one write to a contact: removes `removals`, sets `changes`, bumps `rev`.

        `contact_channels` in `changes` is a list of channel inputs that replaces the
        contact's channels (channels already present keep their ids). `blocked` and
        `opted_out_by_contact` set the messaging flags that are not part of the record.

        Raises:
            KeyError: No contact has that id.
        """
        with self.lock:
            record = self._records[contact_id]
            self._unindex(contact_id)
            for key in removals:
                if key not in _SYSTEM_FIELDS:
                    record.pop(key, None)
            for key, value in changes.items():
                if key == "contact_channels":
                    record[key] = self._channels(record, value)
                elif key not in _SYSTEM_FIELDS:
                    record[key] = value
            for flag, members in (
                (blocked, self._blocked),
                (opted_out_by_contact, self._opted_out_by_contact),
            ):
                if flag is True:
                    members.add(contact_id)
                elif flag is False:
                    members.discard(contact_id)
            updated_ns, record["updated"] = self._stamp()
            record["rev"] = (record.get("rev") or 0) + 1
            record["op"] = "update"
            self._index(record, updated_ns)
            return _copy(record)

    def delete(self, contact_id: int) -> bool:
        """Deletes a contact; returns whether it existed."""
        with self.lock:
            if contact_id not in self._records:
                return False
            self._unindex(contact_id)
            record = self._records.pop(contact_id)
            self._by_uuid.pop(record["uuid"].lower(), None)
            self._blocked.discard(contact_id)
            self._opted_out_by_contact.discard(contact_id)
            return True

    def seed(self, count: int, *, updated: str | None, phone_start: int) -> None:
        """Adds `count` synthetic contacts in one pass (see `FakeHeymarket.seed`).

        Raises:
            ValueError: `count` is negative or `updated` is not RFC 3339.
        """
        if count < 0:
            raise ValueError("count must not be negative")
        fixed_ns = parse_ns(updated) if updated is not None else None
        # Nothing below mutates a stored value in place (writes assign new ones), so seeded
        # contacts can share these empty values; copies handed out never share them.
        custom: dict[str, Any] = {}
        tags: list[int] = []
        with self.lock:
            first_id = self._next_id
            self._next_id += count
            first_ns = self._next_write_ns()
            if fixed_ns is None and count:
                self._last_write_ns = first_ns + count - 1
            prefixes: dict[int, str] = {}
            for number in range(count):
                contact_id = first_id + number
                if updated is not None and fixed_ns is not None:
                    ns, stamp = fixed_ns, updated
                else:
                    ns = first_ns + number
                    seconds, fraction = divmod(ns, _NS_PER_SECOND)
                    prefix = prefixes.get(seconds)
                    if prefix is None:
                        prefix = prefixes[seconds] = format_ns(seconds * _NS_PER_SECOND)[:-11]
                    stamp = f"{prefix}.{fraction:09d}Z"
                uuid = contact_uuid(self._seed, contact_id)
                phone = str(phone_start + number)
                self._records[contact_id] = {
                    "id": contact_id,
                    "uuid": uuid,
                    "display_name": f"Contact {contact_id}",
                    "first": "Contact",
                    "last": str(contact_id),
                    "phone": phone,
                    "custom": custom,
                    "tags": tags,
                    "is_opted_out": False,
                    "team_id": TEAM_ID,
                    "creator_id": CREATOR_ID,
                    "created": stamp,
                    "updated": stamp,
                    "rev": 1,
                    "op": "create",
                }
                self._by_uuid[uuid] = contact_id
                self._link(("phone", phone), contact_id)
                self._order.append((ns, contact_id))
            self._order.sort()
            self._channel_types.add("phone")

    # Reads

    def get(self, contact_id: int) -> Record | None:
        """A copy of the contact with that id, or None."""
        with self.lock:
            record = self._records.get(contact_id)
            return _copy(record) if record is not None else None

    def id_for_uuid(self, uuid: str) -> int | None:
        """The id of the contact with that UUID, or None."""
        with self.lock:
            return self._by_uuid.get(uuid.lower())

    def ids_for_channel(self, channel_type: str | None, value: str) -> set[int]:
        """Ids of contacts with that channel value (phone and email fields count as channels).

        A `channel_type` of None matches the value on every channel type.
        """
        with self.lock:
            types = self._channel_types if channel_type is None else {channel_type}
            found: set[int] = set()
            for each in types:
                linked = self._by_channel.get(_channel_key(each, value))
                if isinstance(linked, int):
                    found.add(linked)
                elif linked is not None:
                    found |= linked
            return found

    def first_id_with_phone(self, phone: str) -> int | None:
        """The oldest contact with that phone, or None (duplicate phones are allowed)."""
        ids = self.ids_for_channel("phone", phone)
        return min(ids) if ids else None

    def flags(self, contact_id: int) -> tuple[bool, bool]:
        """The contact's (blocked, opted out by the contact itself) messaging flags."""
        with self.lock:
            return contact_id in self._blocked, contact_id in self._opted_out_by_contact

    def all(self) -> list[Record]:
        """Copies of every contact, by id."""
        with self.lock:
            return [_copy(self._records[contact_id]) for contact_id in sorted(self._records)]

    def many(self, ids: Iterable[int]) -> list[Record]:
        """Copies of the contacts with those ids that exist, by id."""
        with self.lock:
            return [_copy(self._records[i]) for i in sorted(ids) if i in self._records]

    def page_through(self, cursor_ns: int | None, limit: int, *, ascending: bool) -> list[Record]:
        """The v1 page: `limit` contacts from the cursor on, the cursor's timestamp included.

        Descending pages hold contacts updated at or before the cursor, ascending ones those
        updated at or after it; both are ordered by (updated, id).
        """
        with self.lock:
            if ascending:
                start = 0 if cursor_ns is None else bisect_left(self._order, (cursor_ns, -1))
                keys = self._order[start : start + limit]
            else:
                end = len(self._order)
                if cursor_ns is not None:
                    end = bisect_right(self._order, (cursor_ns, _ID_MAX))
                keys = self._order[max(0, end - limit) : end][::-1]
            return [_copy(self._records[contact_id]) for _, contact_id in keys]

    def page_after(
        self, after_ns: int | None, limit: int, page: int, *, ascending: bool
    ) -> list[Record]:
        """The v2 page: page `page` of `limit` among contacts updated strictly after `after_ns`."""
        with self.lock:
            first = 0 if after_ns is None else bisect_right(self._order, (after_ns, _ID_MAX))
            if ascending:
                start = first + page * limit
                keys = self._order[start : start + limit]
            else:
                end = len(self._order) - page * limit
                keys = self._order[max(first, end - limit) : max(first, end)][::-1]
            return [_copy(self._records[contact_id]) for _, contact_id in keys]

    def count_after(self, after_ns: int | None) -> int:
        """How many contacts were updated strictly after `after_ns` (all when None)."""
        with self.lock:
            if after_ns is None:
                return len(self._order)
            return len(self._order) - bisect_right(self._order, (after_ns, _ID_MAX))

    # Custom field definitions

    def add_field(self, title: str) -> dict[str, Any]:
        """Defines a custom contact field and returns `{id, title}`."""
        with self.lock:
            definition = {"id": len(self._fields) + 1, "title": title}
            self._fields.append(definition)
            return dict(definition)

    def fields(self) -> list[dict[str, Any]]:
        """The custom contact field definitions, in the order they were added."""
        with self.lock:
            return [dict(definition) for definition in self._fields]

    # Internals

    def _next_write_ns(self) -> int:
        # Whole seconds and the fraction apart: multiplying the float itself by 1e9 turns
        # 1717243201.25 into ...249999872 ns.
        now = self._clock()
        seconds = math.floor(now)
        now_ns = seconds * _NS_PER_SECOND + round((now - seconds) * _NS_PER_SECOND)
        self._last_write_ns = max(now_ns, self._last_write_ns + 1)
        return self._last_write_ns

    def _stamp(self) -> tuple[int, str]:
        ns = self._next_write_ns()
        return ns, format_ns(ns)

    def _channels(self, record: Record, inputs: Iterable[Mapping[str, Any]]) -> list[Record]:
        existing = {
            (channel.get("channel_type"), channel.get("channel_id")): channel
            for channel in record.get("contact_channels") or ()
        }
        channels: list[Record] = []
        for given in inputs:
            key = (given.get("channel_type"), given.get("channel_id"))
            channel = existing.get(key)
            if channel is None:
                channel = {
                    "id": self._next_channel_id,
                    "team_id": TEAM_ID,
                    "contact_id": record["uuid"],
                    "created": record["updated"],
                    "updated": record["updated"],
                }
                self._next_channel_id += 1
            channels.append({**channel, **given})
        return channels

    def _link(self, key: tuple[str, str], contact_id: int) -> None:
        linked = self._by_channel.get(key)
        if linked is None:
            self._by_channel[key] = contact_id
        elif isinstance(linked, int):
            self._by_channel[key] = {linked, contact_id}
        else:
            linked.add(contact_id)

    def _unlink(self, key: tuple[str, str], contact_id: int) -> None:
        linked = self._by_channel.get(key)
        if linked == contact_id:
            del self._by_channel[key]
        elif isinstance(linked, set):
            linked.discard(contact_id)
            if len(linked) == 1:
                self._by_channel[key] = linked.pop()

    def _index(self, record: Record, updated_ns: int) -> None:
        contact_id = record["id"]
        self._records[contact_id] = record
        insort(self._order, (updated_ns, contact_id))
        self._by_uuid[record["uuid"].lower()] = contact_id
        for key in _channel_keys(record):
            self._link(key, contact_id)
            self._channel_types.add(key[0])

    def _unindex(self, contact_id: int) -> None:
        record = self._records[contact_id]
        # The stored text is the backend's own format or one given to add_contact; either
        # parses back to the exact key it was indexed under.
        del self._order[bisect_left(self._order, (parse_ns(record["updated"]), contact_id))]
        for key in _channel_keys(record):
            self._unlink(key, contact_id)
