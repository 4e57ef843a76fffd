"""Generate `generated/heymarket_typed_api` from the OpenAPI document, all or nothing.

`python -m tools.regenerate` (what `make regenerate` runs) renders the client into a temporary
folder beside the target and swaps it in only when openapi-python-client reported no error and
no warning, the custom templates rendered every property and the post-hooks passed; otherwise it
prints what failed (naming the schema and property) and exits 1, leaving the target untouched.
`--check` (what `make check-generated` runs) renders the same way and exits 1 when the target
differs from the result. `--spec`/`--output` let tests run it on scratch documents.

The templates need two facts the generator does not give them, computed here (see
templates/README.md): which models are *response* models, and which enums are *open*.
"""

from __future__ import annotations

import argparse
import contextlib
import filecmp
import io
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NoReturn

from openapi_python_client import Project, _get_document
from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_python_client.parser import GeneratorData
from openapi_python_client.parser.errors import GeneratorError, ParseError
from openapi_python_client.parser.properties.any import AnyProperty
from openapi_python_client.parser.properties.boolean import BooleanProperty
from openapi_python_client.parser.properties.const import ConstProperty
from openapi_python_client.parser.properties.date import DateProperty
from openapi_python_client.parser.properties.datetime import DateTimeProperty
from openapi_python_client.parser.properties.enum_property import EnumProperty
from openapi_python_client.parser.properties.float import FloatProperty
from openapi_python_client.parser.properties.int import IntProperty
from openapi_python_client.parser.properties.list_property import ListProperty
from openapi_python_client.parser.properties.literal_enum_property import LiteralEnumProperty
from openapi_python_client.parser.properties.model_property import ModelProperty
from openapi_python_client.parser.properties.none import NoneProperty
from openapi_python_client.parser.properties.string import StringProperty
from openapi_python_client.parser.properties.union import UnionProperty
from openapi_python_client.parser.properties.uuid import UuidProperty
from openapi_python_client.schema import OpenAPI
from openapi_python_client.schema.untrusted_string import UntrustedString

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "heymarket-contacts.yaml"
CONFIG = ROOT / "generator-config.yaml"
TEMPLATES = ROOT / "templates"
OUTPUT = ROOT / "generated" / "heymarket_typed_api"


class GenerationFailed(Exception):
    """What stopped the generation, worded for the person who edits the document."""


def fail(message: str) -> NoReturn:
    """Called by the templates (as `fail(...)`) when they meet something they cannot render."""
    raise GenerationFailed(message)


# What the templates render, by exact class: a new property class, or one the templates leave
# out on purpose (EnumProperty: set `literal_enums: true`; FileProperty: no JSON form), is
# "unsupported" and stops the generation.
_KINDS: dict[type, str] = {
    ModelProperty: "model",
    ListProperty: "list",
    UnionProperty: "union",
    LiteralEnumProperty: "literal",
    ConstProperty: "const",
    UuidProperty: "uuid",
    DateProperty: "date",
    DateTimeProperty: "datetime",
    AnyProperty: "any",
    IntProperty: "int",
    FloatProperty: "float",
    BooleanProperty: "bool",
    StringProperty: "str",
    NoneProperty: "none",
}


def property_kind(prop: object) -> str:
    return _KINDS.get(type(prop), "unsupported")


# --- Which models are responses ------------------------------------------------------------


def _children(prop: Any) -> Iterator[Any]:
    if isinstance(prop, ModelProperty):
        yield from prop.required_properties or ()
        yield from prop.optional_properties or ()
        if prop.additional_properties is not None:
            yield prop.additional_properties
    elif isinstance(prop, ListProperty):
        yield prop.inner_property
    elif isinstance(prop, UnionProperty):
        yield from prop.inner_properties


def _reachable(roots: Iterable[Any]) -> list[Any]:
    """Every property reachable from `roots`, each model once (schemas may refer to themselves)."""
    seen_models: set[str] = set()
    found: list[Any] = []
    stack = list(roots)
    while stack:
        prop = stack.pop()
        if isinstance(prop, ModelProperty):
            if prop.class_info.name in seen_models:
                continue
            seen_models.add(prop.class_info.name)
        found.append(prop)
        stack.extend(_children(prop))
    return found


def response_model_names(openapi: GeneratorData) -> frozenset[str]:
    """The rule: a model is a response model when a response body of some operation reaches it
    and no request body or parameter does. Such a model is only ever read, so "absent" and
    "null" both read as None; a model that is also sent keeps UNSET for "not sent"."""
    responses: list[Any] = []
    requests: list[Any] = []
    for collection in openapi.endpoint_collections_by_tag.values():
        for endpoint in collection.endpoints:
            responses.extend(response.prop for response in endpoint.responses)
            requests.extend(body.prop for body in endpoint.bodies)
            for params in (
                endpoint.query_parameters,
                endpoint.path_parameters,
                endpoint.header_parameters,
                endpoint.cookie_parameters,
            ):
                requests.extend(params)

    def names(props: list[Any]) -> set[str]:
        return {p.class_info.name for p in _reachable(props) if isinstance(p, ModelProperty)}

    return frozenset(names(responses) - names(requests))


def response_names_of(spec: Path) -> frozenset[str]:
    """The response models of a document (for tests and tools)."""
    config = _config(spec, OUTPUT)
    raw = _get_document(source=spec, timeout=config.http_timeout)
    if isinstance(raw, dict):
        raw = normalise_nullable_enums(raw)
    openapi = GeneratorData.from_dict(raw, config=config) if isinstance(raw, dict) else raw
    if isinstance(openapi, GeneratorError):
        raise GenerationFailed(describe(openapi, None))
    return response_model_names(openapi)


def open_enum_values(
    openapi: GeneratorData, responses: frozenset[str]
) -> frozenset[frozenset[Any]]:
    """The value sets of every enum a response model carries. Such an enum is open in responses
    (a new value is kept) and, in input models, so is any enum with the same values: what the
    API returned can be written back. An enum that only inputs use is a documented closed set."""
    roots = [m for m in openapi.models if m.class_info.name in responses]
    return frozenset(
        frozenset(_enum_values(p))
        for p in _reachable(roots)
        if isinstance(p, EnumProperty | LiteralEnumProperty)
    )


def _enum_values(prop: Any) -> list[Any]:
    if isinstance(prop, LiteralEnumProperty):
        return [v for v in prop.values if v is not None]
    return [v for v in prop.values.values() if v is not None]


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
def _readable_untrusted_strings() -> Iterator[None]:
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


def _listing(messages: list[str], limit: int = 8) -> str:
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


# --- Rendering -----------------------------------------------------------------------------


def _config(spec: Path, output: Path) -> Config:
    return Config.from_sources(
        ConfigFile.load_from_path(CONFIG),
        MetaType.NONE,
        spec,
        "utf-8",
        overwrite=True,
        output_path=output,
    )


def render(spec: Path, output: Path) -> None:
    """Renders the client into `output` (which must not exist) or raises GenerationFailed."""
    config = _config(spec, output)
    raw = _get_document(source=spec, timeout=config.http_timeout)
    if isinstance(raw, GeneratorError):
        raise GenerationFailed(describe(raw, None))
    raw = normalise_nullable_enums(raw)
    unsupported = ignored_keywords(raw)
    if unsupported:
        raise GenerationFailed("\n".join(unsupported))
    with _readable_untrusted_strings():
        document = OpenAPI.model_validate(raw)
        openapi = GeneratorData.from_dict(raw, config=config)
        if isinstance(openapi, GeneratorError):
            raise GenerationFailed(describe(openapi, document))
        # Schema errors first (they carry the schema, found again in the document), then the
        # operations' (which name the operation themselves, and often follow from the first).
        messages = [describe(e, document) for e in openapi.errors]
        for collection in openapi.endpoint_collections_by_tag.values():
            messages.extend(describe(e, None) for e in collection.parse_errors)
        if messages:
            raise GenerationFailed(_listing(messages))

    responses = response_model_names(openapi)
    project = Project(openapi=openapi, config=config, custom_template_path=TEMPLATES)
    open_enums = open_enum_values(openapi, responses)
    project.env.globals.update(
        fail=fail,
        property_kind=property_kind,
        response_models=responses,
        is_open_enum=lambda prop: frozenset(_enum_values(prop)) in open_enums,
    )
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            errors = project.build()
        except GenerationFailed:
            raise
        except Exception as error:  # a template that failed to render
            raise GenerationFailed(f"ERROR: the templates failed: {error!r}") from error
    if errors:
        raise GenerationFailed(_listing([describe(e, None) for e in errors]))
    (output / "py.typed").touch()


def _same_tree(left: Path, right: Path) -> bool:
    ignore = ["__pycache__"]
    comparison = filecmp.dircmp(left, right, ignore=ignore)

    def same(cmp: filecmp.dircmp[str]) -> bool:
        if cmp.left_only or cmp.right_only or cmp.funny_files:
            return False
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        return not mismatch and not errors and all(same(sub) for sub in cmp.subdirs.values())

    return same(comparison)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", type=Path, default=SPEC)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="only compare, never write")
    args = parser.parse_args(argv)
    output: Path = args.output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    # Beside the target, so that the final swap is a rename on one file system.
    scratch = Path(tempfile.mkdtemp(prefix=".regenerate-", dir=output.parent))
    try:
        fresh = scratch / output.name
        try:
            render(args.spec, fresh)
        except GenerationFailed as error:
            print(
                f"regenerate: {args.spec.name} not generated, {output.name} left as it was:\n"
                f"{error}",
                file=sys.stderr,
            )
            return 1
        if args.check:
            if output.exists() and _same_tree(output, fresh):
                print(f"check-generated: {output.name} matches {args.spec.name}")
                return 0
            print(
                f"{output.name} is out of date with {args.spec.name}: run 'make regenerate'",
                file=sys.stderr,
            )
            return 1
        if output.exists():
            output.rename(scratch / "previous")
        fresh.rename(output)
        print(f"regenerate: {output.name} rebuilt from {args.spec.name}")
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
