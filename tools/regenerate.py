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
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NoReturn

from openapi_python_client import Project, _get_document
from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_python_client.parser import GeneratorData
from openapi_python_client.parser.errors import GeneratorError
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

from tools.document import (
    describe,
    ignored_keywords,
    listing,
    normalise_nullable_enums,
    readable_untrusted_strings,
)

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
    with readable_untrusted_strings():
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
            raise GenerationFailed(listing(messages))

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
        raise GenerationFailed(listing([describe(e, None) for e in errors]))
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
