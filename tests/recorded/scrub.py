"""Recording hooks: what leaves the machine in a cassette.

Every cassette loses its Authorization header (vcr's `filter_headers`). Sandbox recordings get a
fixed host, so recording twice differs only in timestamps. Live recordings also get every phone,
email and name the account returned replaced with a deterministic fake; what the tests sent is
fictional already and kept, so replays still match.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from tests.recorded.data import TEST_VALUES

LIVE = os.environ.get("HEYMARKET_RECORD_LIVE") == "1"
SANDBOX_HOST = "sandbox.invalid"
_PERSONAL = frozenset(
    {
        "phone",
        "email",
        "first",
        "last",
        "display_name",
        "name",
        "avatar",
        "channel_id",
        "channel_handle",
        "text",
    }
)


def fake_value(key: str, value: str) -> str:
    digest = int(hashlib.sha256(f"{key}:{value}".encode()).hexdigest()[:12], 16)
    if key in {"phone", "channel_id"} and value.isdigit():
        return f"1555{digest % 10_000_000:07d}"
    if "@" in value:
        return f"person{digest % 1_000_000}@example.com"
    return f"Person {digest % 1_000_000}"


def scrub_personal(data: Any) -> Any:
    """`data` with personal values the tests did not send replaced, recursively."""
    if isinstance(data, dict):
        return {
            key: fake_value(key, value)
            if key in _PERSONAL and isinstance(value, str) and value and value not in TEST_VALUES
            else scrub_personal(value)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [scrub_personal(item) for item in data]
    return data


def before_record_request(request: Any, *, live: bool = LIVE) -> Any:
    if not live:
        parts = urlsplit(request.uri)
        request.uri = urlunsplit(("http", SANDBOX_HOST, parts.path, parts.query, ""))
    return request


def before_record_response(response: dict[str, Any], *, live: bool = LIVE) -> dict[str, Any]:
    headers = response["headers"]
    for name in [n for n in headers if n.lower() in {"set-cookie", "date", "server"}]:
        del headers[name]
    if live:
        body = response["body"]["string"]
        try:
            parsed = json.loads(body)
        except ValueError:
            return response
        response["body"]["string"] = json.dumps(scrub_personal(parsed)).encode()
    return response
