"""Checks responses of the fake against the OpenAPI document: statuses, bodies, headers."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import httpx
from jsonschema import Draft202012Validator

from tests.openapi_document import load_document, operations, validator_at

UUID_SHAPE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


@cache
def _templates() -> list[tuple[re.Pattern[str], str]]:
    paths = sorted({path for _, path, _ in operations()}, key=lambda path: "{" in path)
    return [(re.compile(re.sub(r"\{\w+\}", "[^/]+", path)), path) for path in paths]


def template_for(path: str) -> str | None:
    """The document's path template matching `path` (literal ones first), or None."""
    return next((t for pattern, t in _templates() if pattern.fullmatch(path)), None)


@cache
def response_validator(method: str, template: str, status: int) -> Draft202012Validator:
    """The validator of the JSON body the document gives for an operation and status.

    Raises:
        KeyError: The operation does not document that status.
    """
    pointer = f"/paths/{_escape(template)}/{method.lower()}/responses/{status}"
    node = load_document()["paths"][template][method.lower()]["responses"][str(status)]
    if "$ref" in node:
        pointer = node["$ref"].removeprefix("#")
    return validator_at(f"{pointer}/content/application~1json/schema")


def error_validator() -> Draft202012Validator:
    return response_validator("POST", "/v1/contact", 400)


def check_response(response: httpx.Response) -> Any:
    """Asserts that a response is one the document allows, and returns its JSON body.

    A documented operation must answer a status it documents, with a body valid against that
    status's schema; unknown paths (404) and wrong methods (405) must carry an error body.
    Every response has `Content-Type: application/json` and a UUID-shaped `X-Request-Id`.
    """
    response.read()
    assert response.headers["content-type"] == "application/json"
    assert UUID_SHAPE.fullmatch(response.headers["x-request-id"])
    body = json.loads(response.content)
    method, template = response.request.method, template_for(response.request.url.path)
    documented = template is not None and method.lower() in load_document()["paths"][template]
    if template is not None and documented:
        validator = response_validator(method, template, response.status_code)
    else:
        assert response.status_code in (401, 404, 405, 429), response.status_code
        validator = error_validator()
    validator.validate(body)
    return body
