"""The fake API's data: contacts, their indexes, and the team's custom field definitions.

The store knows nothing about HTTP or API semantics (merging, validation); it keeps records,
stamps every write like the backend does (id, uuid, `rev`, a strictly increasing `updated`)
and keeps the indexes that make lookups and pages cheap with hundreds of thousands of contacts.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

from heymarket_typed.testing._channels import ChannelIndex
from heymarket_typed.testing._declared import CONTACT
from heymarket_typed.testing._history import History, Write
from heymarket_typed.testing._ids import contact_uuid
from heymarket_typed.testing._listing import DateBound, Listing
from heymarket_typed.testing._timestamps import (
    DIGITS,
    Precision,
    format_ns,
    parse_ns,
    truncate,
    unit_ns,
)

Record = dict[str, Any]
"""A contact as the API returns it: the `Contact` schema's fields, JSON-ready."""

FIRST_CONTACT_ID = 1001
TEAM_ID = 5001
CREATOR_ID = 7001

_NS_PER_SECOND = 1_000_000_000
_SYSTEM_FIELDS = ("id", "uuid", "created", "updated", "rev", "op", "team_id", "creator_id")


_RETURNED = dict.fromkeys(CONTACT)
"""Every field of the document's `Contact`, null unless the record sets it."""


def _copy(record: Record) -> Record:
    """The record as the API returns it: every declared field (in the document's order)."""
    return _copy_values({**_RETURNED, **record})


def _copy_values(record: Record) -> Record:
    copied = record.copy()
    for key in ("custom", "tags", "note"):
        value = copied.get(key)
        if isinstance(value, dict | list):
            copied[key] = value.copy()
    channels = copied.get("contact_channels")
    if isinstance(channels, list):
        copied["contact_channels"] = [dict(channel) for channel in channels]
    return copied


def _no_request() -> int:
    return 0


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
        precision: How finely `updated` is kept and written ("s", "ms", "us", "ns"). Writes
            are stamped from a strictly increasing nanosecond clock cut to this precision, so
            at a coarse one several writes share a timestamp, as on a real server.
        date_bound: How list and count requests treat `date` (see `Listing`).
        visibility_delay: Seconds after its stamp before a write is listed or counted.

    Raises:
        ValueError: A switch is out of range.
    """

    def __init__(
        self,
        *,
        clock: Callable[[], float],
        seed: int,
        precision: Precision = "ns",
        date_bound: DateBound | None = None,
        visibility_delay: float = 0.0,
    ) -> None:
        self.lock: threading.RLock = threading.RLock()
        self._clock = clock
        self._seed = seed
        self._unit = unit_ns(precision)
        self._digits = DIGITS[precision]
        self._records: dict[int, Record] = {}
        delay_ns = round(visibility_delay * _NS_PER_SECOND)
        self._listing = Listing(
            visible={} if delay_ns > 0 else self._records,
            now_ns=self._now_ns,
            unit=self._unit,
            date_bound=date_bound,
            delay_ns=delay_ns,
        )
        self.history: History = History()
        self.request_number: Callable[[], int] = _no_request
        """The number of the request being answered, or of requests received so far: what
        the history ties each write to (set by the engine)."""
        self._by_uuid: dict[str, int] = {}
        self._channel_index = ChannelIndex()
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
                for key, value in _copy_values(dict(fields)).items()
                if key not in ("created", "updated", "contact_channels")
            )
            record["id"], record["uuid"] = contact_id, uuid
            if "contact_channels" in fields:
                record["contact_channels"] = self._channels(record, fields["contact_channels"])
            self._next_id = max(self._next_id, contact_id + 1)
            # A given `updated` came from elsewhere (an import, another server's clock): such
            # a write is listed at once, whatever the visibility delay.
            given = isinstance(fields.get("updated"), str)
            self._index(record, None if given else updated_ns)
            self._log(record, "create")
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
            # A new version, not an edit in place: a delayed listing still shows the old one.
            record = dict(self._records[contact_id])
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
            self._log(record, "update")
            return _copy(record)

    def delete(self, contact_id: int) -> bool:
        """Deletes a contact; returns whether it existed."""
        with self.lock:
            if contact_id not in self._records:
                return False
            self._unindex(contact_id)
            self._listing.hide(contact_id)
            record = self._records.pop(contact_id)
            self._by_uuid.pop(record["uuid"].lower(), None)
            self._blocked.discard(contact_id)
            self._opted_out_by_contact.discard(contact_id)
            self.history.add(Write(contact_id, "delete", None, None, self.request_number()))
            return True

    def seed(
        self,
        count: int,
        *,
        updated: str | None,
        phone_start: int,
        fields: Callable[[int], Mapping[str, Any]] | None = None,
    ) -> None:
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
        unit = self._unit
        with self.lock:
            first_id = self._next_id
            self._next_id += count
            # One precision unit apart, so that every seeded contact has its own timestamp.
            first_ns = truncate(self._next_write_ns() + unit - 1, unit)
            if fixed_ns is None and count:
                self._last_write_ns = first_ns + (count - 1) * unit
            stamp = self._seed_stamps(first_ns, updated)
            keys: list[tuple[int, int]] = []
            for number in range(count):
                contact_id = first_id + number
                text = stamp(number)
                uuid = contact_uuid(self._seed, contact_id)
                phone = str(phone_start + number)
                record: Record = {
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
                    "created": text,
                    "updated": text,
                    "rev": 1,
                    "op": "create",
                }
                if fields is not None:
                    record.update(
                        (k, v) for k, v in fields(number).items() if k not in _SYSTEM_FIELDS
                    )
                self._records[contact_id] = record
                self._by_uuid[uuid] = contact_id
                if fields is None:
                    self._channel_index.link(("phone", phone), contact_id)
                else:
                    self._channel_index.add(record, contact_id)
                key_ns = first_ns + number * unit if fixed_ns is None else truncate(fixed_ns, unit)
                keys.append((key_ns, contact_id))
            self._listing.extend(keys, self._records)
            self.history.add_seed(first_id, count, stamp, self.request_number())

    def _seed_stamps(self, first_ns: int, updated: str | None) -> Callable[[int], str]:
        """`updated` of the i-th seeded contact: the given text, or one unit after the last."""
        if updated is not None:
            return lambda _number: updated
        unit, digits = self._unit, self._digits
        div = 10 ** (9 - digits)
        text = f"%s.%0{digits}dZ" if digits else "%sZ"
        prefixes: dict[int, str] = {}

        def stamp(number: int) -> str:
            seconds, fraction = divmod(first_ns + number * unit, _NS_PER_SECOND)
            prefix = prefixes.get(seconds)
            if prefix is None:
                if len(prefixes) > 1024:
                    prefixes.clear()
                prefix = prefixes[seconds] = format_ns(seconds * _NS_PER_SECOND, 0)[:-1]
            return text % (prefix, fraction // div) if digits else text % prefix

        return stamp

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
            return self._channel_index.ids(channel_type, value)

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
        """The v1 page: `limit` contacts from the cursor on, ordered by (updated, id).

        Descending pages hold contacts updated at or before the cursor, ascending ones those
        updated at or after it (the cursor's instant excluded when `date_bound="exclusive"`).
        """
        with self.lock:
            ids = self._listing.page_through(cursor_ns, limit, ascending=ascending)
            return [_copy(self._listing.record(contact_id)) for contact_id in ids]

    def page_after(
        self, after_ns: int | None, limit: int, page: int, *, ascending: bool
    ) -> list[Record]:
        """The v2 page: page `page` of `limit` among contacts updated strictly after `after_ns`
        (at or after it when `date_bound="inclusive"`)."""
        with self.lock:
            ids = self._listing.page_after(after_ns, limit, page, ascending=ascending)
            return [_copy(self._listing.record(contact_id)) for contact_id in ids]

    def count_after(self, after_ns: int | None) -> int:
        """How many contacts were updated strictly after `after_ns` (all when None; at or after
        it when `date_bound="inclusive"`)."""
        with self.lock:
            return self._listing.count_after(after_ns)

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

    def _now_ns(self) -> int:
        # Whole seconds and the fraction apart: multiplying the float itself by 1e9 turns
        # 1717243201.25 into ...249999872 ns.
        now = self._clock()
        seconds = math.floor(now)
        return seconds * _NS_PER_SECOND + round((now - seconds) * _NS_PER_SECOND)

    def _next_write_ns(self) -> int:
        self._last_write_ns = max(self._now_ns(), self._last_write_ns + 1)
        return self._last_write_ns

    def _stamp(self) -> tuple[int, str]:
        """The write's instant (strictly increasing, in ns) and its `updated` text, which keeps
        only the store's precision."""
        ns = self._next_write_ns()
        return ns, format_ns(ns, self._digits)

    def _log(self, record: Record, kind: Literal["create", "update"]) -> None:
        write = Write(record["id"], kind, record["updated"], record["rev"], self.request_number())
        self.history.add(write)

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

    def _index(self, record: Record, updated_ns: int | None) -> None:
        contact_id = record["id"]
        self._listing.show(record, updated_ns)  # before the old version is replaced below
        self._records[contact_id] = record
        self._by_uuid[record["uuid"].lower()] = contact_id
        self._channel_index.add(record, contact_id)

    def _unindex(self, contact_id: int) -> None:
        """Unlinks a contact's channels (its listing is replaced or hidden by the caller)."""
        self._channel_index.remove(self._records[contact_id], contact_id)
