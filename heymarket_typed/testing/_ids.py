"""Deterministic identifiers, so that two runs with the same seed see the same ids.

Recorded-response tests compare whole responses; they can only do so if contact UUIDs and
request ids are the same on every run. Each identifier is a pure function of the seed and a
number (the contact's id, or the request's position), not of a shared random stream, so
creating one more contact does not shift every request id after it.
"""

from __future__ import annotations

import hashlib
import itertools


def _derived_uuid(seed: int, kind: bytes, number: int) -> str:
    # What str(uuid.UUID(bytes=digest, version=4)) gives, at a third of the cost: seeding
    # 200,000 contacts spends most of its time here.
    digest = bytearray(
        hashlib.blake2b(b"%d:%d" % (seed, number), digest_size=16, person=kind).digest()
    )
    digest[6] = digest[6] & 0x0F | 0x40
    digest[8] = digest[8] & 0x3F | 0x80
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def contact_uuid(seed: int, contact_id: int) -> str:
    """The v2 contactID of contact `contact_id` in a fake seeded with `seed`."""
    return _derived_uuid(seed, b"contact", contact_id)


class RequestIds:
    """Hands out the `X-Request-Id` of each response: the seed's n-th UUID for the n-th request."""

    def __init__(self, seed: int) -> None:
        self._seed = seed
        self._counter = itertools.count(1)

    def next(self) -> str:
        """The id for the next request; safe to call from many threads."""
        return _derived_uuid(self._seed, b"request", next(self._counter))
