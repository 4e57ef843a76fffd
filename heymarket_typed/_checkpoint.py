"""Export checkpoints: an opaque ASCII string of at most 4 KB, stable across processes and SDK
patch versions (a versioned JSON document, compressed, in URL-safe base64), and the checked
reading of its fields (contact keys packed by instant, timestamps, counts).

The document names the surface, order and `updated_after` it belongs to, so a checkpoint is
only accepted by the export it came from; anything else, or a damaged string, is a `ValueError`
naming `resume`.
"""

from __future__ import annotations

import base64
import binascii
import itertools
import json
import re
import zlib
from typing import TYPE_CHECKING, Any

from ._instants import instant

if TYPE_CHECKING:
    from ._keyset import Key

_PREFIX = "hmx1."
_BASE64URL = re.compile(r"(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2}==|[A-Za-z0-9_-]{3}=)?")
MAX_CHECKPOINT = 4096


def encode(state: dict[str, Any]) -> str:
    """`state` (JSON-able) as a checkpoint string."""
    raw = json.dumps(state, separators=(",", ":"), sort_keys=True).encode()
    text = _PREFIX + base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode("ascii")
    if len(text) > MAX_CHECKPOINT:
        # Only a block of more same-timestamp contacts than a checkpoint can list gets here.
        raise ValueError(
            f"the export's position does not fit in a {MAX_CHECKPOINT}-byte checkpoint: it is "
            "inside a block of over a thousand contacts sharing one timestamp; take the "
            "checkpoint again once the export is past it"
        )
    return text


def decode(text: object) -> dict[str, Any]:
    """The state inside a checkpoint string.

    Raises:
        TypeError: `text` is not a `str`.
        ValueError: `text` is not a whole checkpoint of this format.
    """
    if not isinstance(text, str):
        raise TypeError(f"resume must be a checkpoint string, not {type(text).__name__}")
    if not text.startswith(_PREFIX) or len(text) > MAX_CHECKPOINT or not text.isascii():
        raise ValueError("resume is not a checkpoint of an export (wrong format or version)")
    payload = text[len(_PREFIX) :]
    # Strict: base64 decoding skips stray characters and zlib ignores data after its end.
    decompressor = zlib.decompressobj()
    try:
        if not _BASE64URL.fullmatch(payload):
            raise ValueError("not URL-safe base64")
        raw = decompressor.decompress(base64.urlsafe_b64decode(payload))
        state = json.loads(raw)
    except (binascii.Error, zlib.error, ValueError, UnicodeDecodeError, RecursionError):
        raise ValueError("resume is a damaged or truncated checkpoint") from None
    if not decompressor.eof or decompressor.unused_data or not isinstance(state, dict):
        raise ValueError("resume is a damaged or truncated checkpoint")
    return state


def timestamp(value: object) -> str | None:
    """A timestamp field as written (None stays None); `ValueError` if it is not one."""
    if value is None:
        return None
    if not isinstance(value, str) or instant(value) is None:
        raise ValueError(f"not a timestamp: {value!r:.40}")
    return value


LARGEST = 2**63
"""Bound of every number in a checkpoint (instants in ns end in 2262)."""


def count(value: object) -> int:
    """A non-negative int field below `LARGEST`; `ValueError` otherwise."""
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < LARGEST:
        raise ValueError(f"not a count: {value!r:.40}")
    return value


def packed(keys: set[Key]) -> list[list[Any]]:
    """Keys grouped by instant, ids as gaps: `[instant, [first id, gap, ...], [rev, ...]]`
    (revs left out when all are -1). A block of 1,200 contacts on one timestamp fits a
    checkpoint this way, where `[id, instant, rev]` triples would not."""
    groups: dict[int, list[tuple[int, int]]] = {}
    for contact_id, ns, rev in sorted(keys):
        groups.setdefault(ns, []).append((contact_id, rev))
    out: list[list[Any]] = []
    for ns in sorted(groups):
        members = groups[ns]
        ids = [contact_id for contact_id, _ in members]
        gaps = ids[:1] + [b - a for a, b in itertools.pairwise(ids)]
        revs = [rev for _, rev in members]
        out.append([ns, gaps, [] if all(rev == -1 for rev in revs) else revs])
    return out


def keys(value: object) -> set[Key]:
    """Keys from a checkpoint, packed (`packed`) or as `[id, instant, rev]` triples (the
    first format's)."""
    if not isinstance(value, list):
        raise ValueError("keys must be a list")
    out: set[Key] = set()
    for item in value:
        if isinstance(item, list) and len(item) == 3 and isinstance(item[1], list):
            out.update(_group(item))
            continue
        if not (isinstance(item, list) and len(item) == 3 and isinstance(item[2], int)):
            raise ValueError("a key must be [id, instant, rev]")
        out.add((count(item[0]), count(item[1]), count(item[2] + 1) - 1))
    return out


def _group(item: list[Any]) -> list[Key]:
    ns, gaps, revs = count(item[0]), item[1], item[2]
    if not isinstance(revs, list) or (revs and len(revs) != len(gaps)):
        raise ValueError("a key group must be [instant, [ids], [revs]]")
    ids = list(itertools.accumulate(count(gap) for gap in gaps))
    return [
        (contact_id, ns, count(revs[i] + 1) - 1 if revs else -1) for i, contact_id in enumerate(ids)
    ]
