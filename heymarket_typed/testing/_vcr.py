"""`vcr_config()`: pytest-recording settings for cassettes of code that calls Heymarket.

What a cassette keeps and how a replay finds its answer:

- no credentials (`Authorization`, cookies), no `User-Agent` (it names Python's version) and
  no `Host`;
- a request matches on method, path, query and body, JSON bodies compared parsed, never on
  host or port, so a sandbox served on any port, or the real API, replays the same; a sandbox
  on loopback is recorded as `http://localhost`, so its port does not change the cassette;
- with `scrub_personal_data=True`, phones, emails and names in bodies, sent and received, are
  replaced by fakes. A fake is keyed: HMAC-SHA256 with the key in `HEYMARKET_SCRUB_KEY` (a
  default, documented key when unset), so the same value always gets the same fake and
  replayed requests still match, while without the key nobody can test a guess against a fake.
  Values already fictional are kept: phones in the 555-01xx range, emails at example.com,
  .org or .net, and fakes themselves (a replay sends back the fakes it was given).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from collections.abc import Callable, Collection
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from heymarket_typed._exceptions import sensitive_header

SCRUB_KEY_ENV = "HEYMARKET_SCRUB_KEY"
"""The environment variable holding the scrubbing key: a random secret of your own."""

DEFAULT_SCRUB_KEY = "heymarket-typed: set HEYMARKET_SCRUB_KEY to a secret of your own"
"""The key when `HEYMARKET_SCRUB_KEY` is unset. Public: whoever guesses a value can check it
against its fake, so set your own key before recording live data."""

_DROPPED_REQUEST_HEADERS = ("authorization", "proxy-authorization", "cookie", "user-agent", "host")
_DROPPED_RESPONSE_HEADERS = frozenset({"set-cookie"})
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
_NAME_FIELDS = frozenset({"first", "last", "display_name", "name", "channel_handle"})

_PHONE = re.compile(r"\+?[0-9]{8,15}")
_FICTIONAL_PHONE = re.compile(r"\+?1[2-9][0-9]{2}55501[0-9]{2}")
_EMAIL = re.compile(r"[^@\s]+@([^@\s]+\.[^@\s]+)")
_FICTIONAL_DOMAIN = re.compile(
    r"(?:.*\.)?(?:example\.(?:com|org|net)|[^.]+\.(?:example|test|invalid))"
)
_FAKE_NAME = re.compile(r"Person [0-9a-f]{8}")


class Scrubber:
    """Replaces personal values in JSON with keyed fakes (see the module docstring).

    Args:
        key: The HMAC key.
        keep: Values kept as they are (test data known to be fictional).
    """

    def __init__(self, key: bytes, *, keep: Collection[str] = ()) -> None:
        self._key = key
        self._keep = frozenset(keep)

    @classmethod
    def from_environment(cls, *, keep: Collection[str] = ()) -> Scrubber:
        """A scrubber keyed by `HEYMARKET_SCRUB_KEY`, or by the default key."""
        return cls((os.environ.get(SCRUB_KEY_ENV) or DEFAULT_SCRUB_KEY).encode(), keep=keep)

    def _digest(self, kind: str, value: str) -> bytes:
        return hmac.new(self._key, f"{kind}\0{value}".encode(), hashlib.sha256).digest()

    def value(self, field: str | None, value: str) -> str:
        """`value` as a cassette may hold it, `field` being the key it was found under."""
        if value in self._keep or not value:
            return value
        if _PHONE.fullmatch(value):
            if _FICTIONAL_PHONE.fullmatch(value):
                return value
            digest = self._digest("phone", value.removeprefix("+"))
            area = 200 + int.from_bytes(digest[:4]) % 800
            line = int.from_bytes(digest[4:8]) % 100
            return f"{'+' if value.startswith('+') else ''}1{area}55501{line:02d}"
        email = _EMAIL.fullmatch(value)
        if email is not None:
            if _FICTIONAL_DOMAIN.fullmatch(email.group(1).lower()):
                return value
            return f"person-{self._digest('email', value.lower()).hex()[:12]}@example.com"
        if field in _NAME_FIELDS and not _FAKE_NAME.fullmatch(value):
            return f"Person {self._digest('name', value).hex()[:8]}"
        return value

    def json(self, data: Any, field: str | None = None) -> Any:
        """`data` with every personal string replaced, recursively."""
        if isinstance(data, str):
            return self.value(field, data)
        if isinstance(data, dict):
            return {key: self.json(item, key) for key, item in data.items()}
        if isinstance(data, list):
            return [self.json(item, field) for item in data]
        return data

    def body(self, body: bytes | str | None) -> bytes | str | None:
        """A JSON body scrubbed; anything else as it was."""
        if not body:
            return body
        try:
            parsed = json.loads(body)
        except ValueError:
            return body
        scrubbed = json.dumps(self.json(parsed), separators=(",", ":"), ensure_ascii=False)
        return scrubbed.encode() if isinstance(body, bytes) else scrubbed


def _request_hook(scrubber: Scrubber | None) -> Callable[[Any], Any]:
    def before_record_request(request: Any) -> Any:
        for name in [name for name in request.headers if sensitive_header(name)]:
            del request.headers[name]  # a user's own X-Api-Key, say (Authorization is filtered)
        parts = urlsplit(request.uri)
        if parts.hostname in _LOOPBACK:
            request.uri = urlunsplit((parts.scheme, "localhost", parts.path, parts.query, ""))
        if scrubber is not None:
            request.body = scrubber.body(request.body)
        return request

    return before_record_request


def _response_hook(scrubber: Scrubber | None) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def before_record_response(response: dict[str, Any]) -> dict[str, Any]:
        headers = response["headers"]
        for name in [n for n in headers if n.lower() in _DROPPED_RESPONSE_HEADERS]:
            del headers[name]
        if scrubber is not None:
            body = response["body"]
            body["string"] = scrubber.body(body["string"])
            for name in [n for n in headers if n.lower() == "content-length"]:
                headers[name] = [str(len(body["string"]))]
        return response

    return before_record_response


def recording_config(scrubber: Scrubber | None) -> dict[str, Any]:
    """The settings of `vcr_config`, with any scrubber (the project's own tests keep theirs)."""
    return {
        "filter_headers": list(_DROPPED_REQUEST_HEADERS),
        "match_on": ["method", "path", "query", "body"],
        "before_record_request": _request_hook(scrubber),
        "before_record_response": _response_hook(scrubber),
        "decode_compressed_response": True,
    }


def vcr_config(*, scrub_personal_data: bool = False) -> dict[str, Any]:
    """What to return from pytest-recording's `vcr_config` fixture to record code that calls
    Heymarket (through the SDK or not) against the sandbox or the real API.

    ```python
    @pytest.fixture(scope="module")
    def vcr_config() -> dict[str, Any]:
        return heymarket_typed.testing.vcr_config(scrub_personal_data=True)
    ```

    Args:
        scrub_personal_data: Replace phones, emails and names in request and response bodies
            with stable keyed fakes (key: `HEYMARKET_SCRUB_KEY`; use the same key to record
            and to replay). Phones in 555-01xx, emails at example.com/.org/.net are kept.

    Returns:
        Keyword arguments for `vcr.VCR.use_cassette`; no `record_mode`, so pytest-recording's
        `--record-mode` decides. Needs nothing from vcrpy to build.
    """
    return recording_config(Scrubber.from_environment() if scrub_personal_data else None)
