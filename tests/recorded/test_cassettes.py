"""Keeping cassettes honest: they match the document, hold no secret, and cover every operation.

A live re-recording after an API change fails here, naming the drift, before any SDK test does.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import yaml

from heymarket_typed.testing import SANDBOX_API_KEY, SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY
from tests.openapi_document import operations, resolve, validator_at
from tests.recorded.conftest import CASSETTES
from tests.tally import tally

_JWT = re.compile(r"eyJ[A-Za-z0-9_-]{8,}")


@dataclass(frozen=True)
class Interaction:
    cassette: str
    method: str
    path: str
    request_body: Any
    status: int
    response_body: Any


def _json(body: Any) -> Any:
    text = body.get("string", "") if isinstance(body, dict) else body
    if isinstance(text, bytes):
        text = text.decode()
    return json.loads(text) if text else None


def interactions() -> Iterator[Interaction]:
    for path in sorted(CASSETTES.glob("*.yaml")):
        for item in yaml.safe_load(path.read_text())["interactions"]:
            request, response = item["request"], item["response"]
            yield Interaction(
                cassette=path.name,
                method=request["method"],
                path=re.sub(r"^[a-z]+://[^/]+", "", request["uri"]).split("?")[0],
                request_body=_json(request["body"]),
                status=response["status"]["code"],
                response_body=_json(response["body"]),
            )


ALL = list(interactions())
_TEMPLATES = [
    (method, re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$"), path, op)
    for method, path, op in operations()
]


def operation_of(interaction: Interaction) -> tuple[str, dict[str, Any]]:
    """(the pointer to the operation in the document, the operation) an interaction used."""
    for method, pattern, path, operation in _TEMPLATES:
        if method == interaction.method and pattern.match(interaction.path):
            return f"/paths/{path.replace('/', '~1')}/{method.lower()}", operation
    raise AssertionError(
        f"{interaction.cassette}: {interaction.method} {interaction.path} is no operation"
    )


def test_there_are_cassettes() -> None:
    assert len(ALL) >= 24


def test_every_operation_has_a_cassette() -> None:
    used = {operation_of(i)[1]["operationId"] for i in ALL}
    assert used == {op["operationId"] for _, _, op in operations()}
    names = {path.stem for path in CASSETTES.glob("*.yaml")}
    assert {op["operationId"] for _, _, op in operations()} <= names


@pytest.mark.parametrize("interaction", ALL, ids=[f"{i.cassette}:{i.method} {i.path}" for i in ALL])
def test_recorded_bodies_match_the_document(interaction: Interaction) -> None:
    pointer, operation = operation_of(interaction)
    if "requestBody" in operation:
        schema = f"{pointer}/requestBody/content/application~1json/schema"
        errors = [e.message for e in validator_at(schema).iter_errors(interaction.request_body)]
        assert errors == [], f"request of {interaction.cassette}"
    responses = operation["responses"]
    assert str(interaction.status) in responses, f"undocumented status {interaction.status}"
    response = responses[str(interaction.status)]
    if "$ref" in response:
        schema = response["$ref"].removeprefix("#") + "/content/application~1json/schema"
    else:
        schema = f"{pointer}/responses/{interaction.status}/content/application~1json/schema"
    assert resolve(response)["content"]["application/json"]["schema"]
    errors = [e.message for e in validator_at(schema).iter_errors(interaction.response_body)]
    assert errors == [], f"response of {interaction.cassette}"
    tally("cassette interactions validated")


def test_no_cassette_holds_a_credential() -> None:
    secrets = (SANDBOX_SECRET_KEY, SANDBOX_API_KEY, f"{SANDBOX_SECRET_ID}||")
    for path in CASSETTES.glob("*.yaml"):
        text = path.read_text()
        assert "Bearer" not in text, path.name
        assert "authorization" not in text.lower(), path.name
        assert not _JWT.search(text), path.name
        for secret in secrets:
            assert secret not in text, path.name


def test_failures_are_recorded_too() -> None:
    statuses = {i.status for i in ALL}
    assert {404, 401, 429} <= statuses
