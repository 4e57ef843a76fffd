"""The document side of `make regenerate`: one spelling for nullable enums, the keywords the
generator would silently ignore, and failure messages that name the schema and property.

Used by tools/regenerate.py; kept apart from the rendering so each reads on its own.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any

from openapi_python_client.parser.errors import GeneratorError, ParseError
from openapi_python_client.schema import OpenAPI
from openapi_python_client.schema.untrusted_string import UntrustedString

# --- One spelling for nullable enums ------------------------------------------------------


def normalise_nullable_enums(node: Any, name: str = "") -> Any:
    """Rewrites every nullable enum as `oneOf: [<the enum without null>, {type: 'null'}]`.

    The document may spell a nullable enum the 3.1 way (`type: [string, 'null']`, usually with
    null among the values) or the 3.0 way (`nullable: true`). The generator turns the first
    into a union of several identical Literal types and drops the null of the second; this one
    form gives one Literal and `| None`. The enum keeps the name the generator would give it
    (`title`: the property's name). Returns a new document; `node` is not changed.
    """
    if isinstance(node, list):
        return [normalise_nullable_enums(item, name) for item in node]
    if not isinstance(node, dict):
        return node
    out = {
        key: (
            {k: normalise_nullable_enums(v, str(k)) for k, v in value.items()}
            if key == "properties" and isinstance(value, dict)
            else normalise_nullable_enums(value)
        )
        for key, value in node.items()
    }
    if not isinstance(out.get("enum"), list):
        return out
    declared = out.get("type")
    types = declared if isinstance(declared, list) else [declared] if declared else []
    nullable = out.get("nullable") is True or "null" in types or None in out["enum"]
    plain = [t for t in types if t != "null"]
    if not nullable or len(plain) > 1:
        return out  # not nullable, or a mixed-type enum: left for the generator to judge
    enum: dict[str, Any] = {"enum": [value for value in out["enum"] if value is not None]}
    if plain:
        enum["type"] = plain[0]
    title = out.pop("title", None) or name
    if title:
        enum["title"] = title
    for key in ("type", "enum", "nullable", "format"):
        if key in out:
            if key == "format":
                enum["format"] = out[key]
            del out[key]
    out["oneOf"] = [enum, {"type": "null"}]
    return out


# --- Naming what failed --------------------------------------------------------------------


def _locations(document: OpenAPI) -> Iterator[tuple[str, Any]]:
    """(name, schema) for every schema and property under components.schemas, nested ones as
    `Schema.property[]` (list items) and `Schema.property|n` (n-th member of a union)."""
    components = document.components
    schemas = components.schemas if components and components.schemas else {}

    def walk(name: str, schema: Any) -> Iterator[tuple[str, Any]]:
        yield name, schema
        for key, sub in (getattr(schema, "properties", None) or {}).items():
            yield from walk(f"{name}.{_text(key)}", sub)
        items = getattr(schema, "items", None)
        if items is not None:
            yield from walk(f"{name}[]", items)
        for keyword in ("oneOf", "anyOf", "allOf"):
            for index, sub in enumerate(getattr(schema, keyword, None) or ()):
                yield from walk(f"{name}|{keyword}[{index}]", sub)

    for name, schema in schemas.items():
        yield from walk(_text(name), schema)


def _text(value: object) -> str:
    """A document string as it was written (the generator wraps them in UntrustedString)."""
    return value.get_untrusted_value() if isinstance(value, UntrustedString) else str(value)


@contextlib.contextmanager
def readable_untrusted_strings() -> Iterator[None]:
    """While the document is parsed, the generator's messages show the document's strings
    instead of `<UntrustedString object at 0x...>`. Restored before any template renders, where
    that wrapper keeps document text out of generated code."""
    saved = UntrustedString.__repr__

    def readable(self: UntrustedString) -> str:
        return repr(self.get_untrusted_value())

    UntrustedString.__repr__ = readable  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        UntrustedString.__repr__ = saved  # type: ignore[method-assign]


# Keywords that change what a value may be but that openapi-python-client ignores: the value
# would silently be typed by the rest of the schema, or as Any.
IGNORED_KEYWORDS = (
    "not",
    "if",
    "then",
    "else",
    "prefixItems",
    "patternProperties",
    "dependentSchemas",
    "unevaluatedProperties",
    "$dynamicRef",
)


def ignored_keywords(raw: dict[str, Any]) -> list[str]:
    """One message per use of an IGNORED_KEYWORDS keyword in components.schemas, naming
    `Schema.property` (nested: `[]` list items, `|oneOf[n]` union members)."""
    found: list[str] = []

    def walk(name: str, schema: Any) -> None:
        if not isinstance(schema, dict):
            return
        found.extend(
            f"ERROR: {name}: `{keyword}` is not supported by openapi-python-client "
            "(the value would be typed without it)"
            for keyword in IGNORED_KEYWORDS
            if keyword in schema
        )
        for key, sub in (schema.get("properties") or {}).items():
            walk(f"{name}.{key}", sub)
        if isinstance(schema.get("additionalProperties"), dict):
            walk(f"{name}[*]", schema["additionalProperties"])
        walk(f"{name}[]", schema.get("items"))
        for keyword in ("oneOf", "anyOf", "allOf"):
            for index, sub in enumerate(schema.get(keyword) or ()):
                walk(f"{name}|{keyword}[{index}]", sub)

    for name, schema in ((raw.get("components") or {}).get("schemas") or {}).items():
        walk(str(name), schema)
    return found


def listing(messages: list[str], limit: int = 8) -> str:
    """The first messages (the first is the cause; the rest often follow from it)."""
    shown = messages[:limit]
    if len(messages) > limit:
        shown.append(f"... and {len(messages) - limit} more")
    return "\n".join(shown)


def describe(error: GeneratorError, document: OpenAPI | None) -> str:
    """One line per error: where (schema.property when the error carries a schema), what."""
    where = ""
    data = error.data if isinstance(error, ParseError) else None
    if data is not None and document is not None:
        where = next(
            (name for name, schema in _locations(document) if schema is data or schema == data),
            "",
        )
    what = " ".join(str(part).strip() for part in (error.header, error.detail) if part)
    # The generator words a mixed-type enum as "Got {<class 'int'>, <class 'str'>}".
    what = re.sub(
        r"Got \{((?:<class '\w+'>(?:, )?)+)\}",
        lambda m: (
            "an enum's values must all have one type, got "
            + " and ".join(re.findall(r"'(\w+)'", m.group(1)))
        ),
        what,
    )
    return f"{error.level.value}: {where + ': ' if where else ''}{what}"
