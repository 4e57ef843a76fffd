"""The log of requests a fake received, for assertions such as "the create was sent once"."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the fake received it.

    Attributes:
        method: The HTTP method, upper case.
        path: The URL path, such as `/v1/contact/1001`.
        query: Query parameters (the last value of each).
        body: The parsed JSON body, or None when it was empty or not JSON.
        headers: Request headers with lower-case names.
        status: The status answered, or None when the connection was dropped.
    """

    method: str
    path: str
    query: dict[str, str]
    body: Any
    headers: dict[str, str]
    status: int | None


class _Slot:
    __slots__ = ("record",)

    def __init__(self) -> None:
        self.record: RecordedRequest | None = None


class Recorder:
    """Keeps requests in the order they arrived, although they complete in any order.

    A request takes its place on arrival and is filled in once its outcome is known, so a
    slow request received first is still listed first.
    """

    def __init__(self) -> None:
        self._slots: list[_Slot] = []
        self._lock = threading.Lock()

    def arrive(self) -> _Slot:
        """Reserves the next place in the log."""
        slot = _Slot()
        with self._lock:
            self._slots.append(slot)
        return slot

    @staticmethod
    def complete(slot: _Slot, record: RecordedRequest) -> None:
        """Fills in a reserved place."""
        slot.record = record

    def requests(self) -> list[RecordedRequest]:
        """The completed requests, in order of arrival."""
        with self._lock:
            return [slot.record for slot in self._slots if slot.record is not None]

    def clear(self) -> None:
        """Forgets every request received so far (requests in flight are not listed later)."""
        with self._lock:
            self._slots = []
