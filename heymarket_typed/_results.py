"""What bulk writes return: the contacts written and, for each one that failed, why."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

import attrs
from heymarket_typed_api.models import Contact, ContactInput, ContactInputV2

InputT = TypeVar("InputT", ContactInput, ContactInputV2)


@attrs.frozen
class FailedContact(Generic[InputT]):
    """A contact the API did not write.

    Attributes:
        index: Its position in the list you passed, or None if the server's report of it matches
            none of the contacts sent (then `raw` is all there is).
        contact: The contact as sent (phones normalised), or None when `index` is None.
        reason: The server's reason, when it gave one.
        raw: The failure exactly as the server reported it.
    """

    index: int | None
    contact: InputT | None
    reason: str | None
    raw: dict[str, Any]


@attrs.frozen
class BatchCreateResult:
    """The outcome of `contacts.batch_create`: every contact not listed in `failed_contacts`
    was written."""

    submitted: int
    failed_contacts: list[FailedContact[ContactInput]]

    @property
    def ok(self) -> bool:
        return not self.failed_contacts


@attrs.frozen
class BulkUpsertResult:
    """The outcome of `contacts_v2.bulk_upsert`: the contacts written and those that failed."""

    contacts: list[Contact]
    failed_contacts: list[FailedContact[ContactInputV2]]

    @property
    def ok(self) -> bool:
        return not self.failed_contacts


def match_failures(
    sent: list[InputT],
    reports: list[tuple[dict[str, Any], str | None, dict[str, Any]]],
    offset: int,
) -> list[FailedContact[InputT]]:
    """Pairs each failure report with the contact it echoes, in input order.

    The API echoes a failed contact as it was sent (plus a reason), without its position, so a
    report matches a contact whose every sent field it repeats. Among identical contacts the
    later ones are the duplicates that fail, so the last unclaimed match is taken.

    Args:
        sent: The contacts of one request.
        reports: (the echoed contact fields, the reason, the raw report) per failure.
        offset: The index of `sent[0]` in the caller's whole list.
    """
    bodies = [contact.to_dict() for contact in sent]
    claimed: set[int] = set()
    failures: list[FailedContact[InputT]] = []
    for echoed, reason, raw in reports:
        index = next(
            (
                i
                for i in reversed(range(len(bodies)))
                if i not in claimed and all(echoed.get(k) == v for k, v in bodies[i].items())
            ),
            None,
        )
        if index is None:
            failures.append(FailedContact[InputT](None, None, reason, raw))
        else:
            claimed.add(index)
            failures.append(FailedContact[InputT](offset + index, sent[index], reason, raw))
    return sorted(failures, key=lambda f: len(sent) + offset if f.index is None else f.index)
