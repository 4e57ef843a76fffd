"""Loading and walking the OpenAPI document, shared by the tests that check it."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = ROOT / "openapi" / "heymarket-contacts.yaml"
HTTP_METHODS = ("get", "put", "post", "delete", "patch")
_DOC_URI = "urn:heymarket-contacts"


@cache
def load_document() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as f:
        document: dict[str, Any] = yaml.safe_load(f)
    return document


def operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Yields (METHOD, path, operation) for every operation of the document."""
    for path, item in load_document()["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                yield method.upper(), path, item[method]


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """Follows a local `$ref` (one hop is all the document uses outside schemas)."""
    ref = node.get("$ref")
    if ref is None:
        return node
    target: Any = load_document()
    for part in ref.removeprefix("#/").split("/"):
        target = target[part]
    resolved: dict[str, Any] = target
    return resolved


@cache
def _registry() -> Registry[Any]:
    registry: Registry[Any] = Registry().with_resource(
        _DOC_URI, DRAFT202012.create_resource(load_document())
    )
    return registry


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def validator_at(pointer: str) -> Draft202012Validator:
    """A JSON Schema 2020-12 validator for the schema at `pointer` in the document.

    Pointing into the document (rather than copying the schema out) keeps every
    `#/components/...` reference inside it resolvable.
    """
    return Draft202012Validator(
        {"$ref": f"{_DOC_URI}#{pointer}"},
        registry=_registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def schema_validator(name: str) -> Draft202012Validator:
    return validator_at(f"/components/schemas/{name}")


def examples() -> Iterator[tuple[str, Any, str]]:
    """Yields (where, example value, schema pointer) for every example in the document.

    Examples live beside a `schema` in media types, parameters and component responses.
    """

    def walk(node: Any, pointer: str) -> Iterator[tuple[str, Any, str]]:
        if isinstance(node, dict):
            if "schema" in node:
                schema_pointer = f"{pointer}/schema"
                if "example" in node:
                    yield pointer, node["example"], schema_pointer
                for name, example in node.get("examples", {}).items():
                    yield f"{pointer}/examples/{name}", resolve(example)["value"], schema_pointer
            for key, value in node.items():
                yield from walk(value, f"{pointer}/{_escape(str(key))}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, f"{pointer}/{index}")

    yield from walk(load_document(), "")
