"""Export checkpoints: an opaque ASCII string of at most 4 KB, stable across processes and SDK
patch versions (a versioned JSON document, compressed, in URL-safe base64).

The document names the surface, order and `updated_after` it belongs to, so a checkpoint is
only accepted by the export it came from; anything else, or a damaged string, is a `ValueError`
naming `resume`.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import zlib
from typing import Any

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
            f"the export's position does not fit in a {MAX_CHECKPOINT}-byte checkpoint"
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
    except (binascii.Error, zlib.error, ValueError, UnicodeDecodeError):
        raise ValueError("resume is a damaged or truncated checkpoint") from None
    if not decompressor.eof or decompressor.unused_data or not isinstance(state, dict):
        raise ValueError("resume is a damaged or truncated checkpoint")
    return state
