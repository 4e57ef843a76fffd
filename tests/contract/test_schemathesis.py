"""Schemathesis against the sandbox's loopback server: generated requests, documented answers.

For each of the 19 operations Schemathesis sends the document's examples, boundary and
invalid values (its coverage phase) and a bounded number of generated requests, valid and
invalid, and checks that the sandbox never fails with a 5xx, answers only statuses the
operation documents, and with bodies valid against the schema of that status.

Generation is derandomized (and the example database off) so every run, here and in CI, sends
the same requests.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.errors import FailureGroup
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from heymarket_typed.testing import SANDBOX_API_KEY, FakeHeymarket, Fault, SandboxServer
from tests.contract.prism import SPEC
from tests.tally import tally

MAX_EXAMPLES = 25
"""Generated requests per operation in the fuzzing phase, on top of examples and coverage."""

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20240601,
        "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True, "database": "none"},
        # Stateful testing chains operations by links, which the document does not declare.
        "phases": {"stateful": {"enabled": False}},
    }
)
schema = schemathesis.openapi.from_path(SPEC, config=CONFIG)
parametrize: Callable[[Callable[..., None]], Callable[..., None]] = schema.parametrize()

# The legacy team key, a valid bearer credential that, unlike a JWT, never expires mid-run.
AUTH = {"Authorization": f"Bearer {SANDBOX_API_KEY}"}
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
# The sandbox is on loopback: an HTTP_PROXY from the environment must not reroute the requests.
DIRECT = {"http": None, "https": None}


@parametrize
def test_the_sandbox_answers_what_the_document_says(
    case: schemathesis.Case[Any], sandbox_server: SandboxServer
) -> None:
    tally("schemathesis requests checked")
    case.call_and_validate(base_url=sandbox_server.url, headers=AUTH, checks=CHECKS, proxies=DIRECT)


@pytest.mark.parametrize(
    ("fault", "check"),
    [
        (Fault(status=500), "not_a_server_error"),
        (Fault(status=418), "status_code_conformance"),
        (Fault(status=200, body=b'{"first": "Ada"}'), "response_schema_conformance"),
    ],
    ids=["server error", "undocumented status", "contact without id"],
)
def test_each_check_catches_what_it_is_for(
    fault: Fault,
    check: str,
    sandbox: FakeHeymarket,
    sandbox_server: SandboxServer,
) -> None:
    """The checks can fail: a sandbox made to answer wrongly is caught, by the right check."""
    sandbox.inject(fault, method="GET", path="/v1/contact/98765")
    case = schema["/v1/contact/{id}"]["GET"].Case(path_parameters={"id": 98765})
    tally("schemathesis requests checked")
    with pytest.raises(FailureGroup) as caught:
        case.call_and_validate(
            base_url=sandbox_server.url, headers=AUTH, checks=CHECKS, proxies=DIRECT
        )
    [failure] = caught.value.exceptions
    assert check in failure.checks
