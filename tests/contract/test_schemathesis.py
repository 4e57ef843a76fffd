"""Schemathesis against the sandbox's loopback server: generated requests, documented answers.

For each of the 19 operations Schemathesis sends the document's examples, boundary and
invalid values (its coverage phase) and a bounded number of generated requests, valid and
invalid, and checks that the sandbox never fails with a 5xx, answers only statuses the
operation documents, and with bodies valid against the schema of that status, and that it
accepts every request the document calls valid (200, or 404 for a contact that does not
exist): a rule the sandbox enforces must be in the document first.

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
    positive_data_acceptance,
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
        # Valid requests succeed, or name a contact that does not exist.
        "checks": {"positive_data_acceptance": {"expected-statuses": [200, 404]}},
    }
)
schema = schemathesis.openapi.from_path(SPEC, config=CONFIG)
parametrize: Callable[[Callable[..., None]], Callable[..., None]] = schema.parametrize()

# The legacy team key, a valid bearer credential that, unlike a JWT, never expires mid-run.
AUTH = {"Authorization": f"Bearer {SANDBOX_API_KEY}"}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    response_schema_conformance,
    positive_data_acceptance,
]
# The sandbox is on loopback: an HTTP_PROXY from the environment must not reroute the requests.
DIRECT = {"http": None, "https": None}


KNOWN_UNDOCUMENTED = {
    "POST /v1/contacts": "`date` must be RFC 3339",
    "POST /v1/contacts/count": "`date` must be RFC 3339",
    "POST /v2/contacts/list": "`date` must be RFC 3339",
    "POST /v2/contact": "creating needs `contact_channels`",
    "POST /v1/contact/set_status": "`id` or `phone` is required",
}
"""Rules the sandbox enforces that the document cannot state yet without changing the SDK's
types: `format: date-time` makes the generator type a field `datetime`, a create-only
`required` needs a schema of its own for `contacts_v2.create`, and "one of two properties"
needs an `anyOf` the generator turns into a union. These operations are checked by everything
but positive-data acceptance."""


@parametrize
def test_the_sandbox_answers_what_the_document_says(
    case: schemathesis.Case[Any], sandbox_server: SandboxServer
) -> None:
    tally("schemathesis requests checked")
    checks = CHECKS
    if case.operation.label in KNOWN_UNDOCUMENTED:
        checks = [check for check in CHECKS if check is not positive_data_acceptance]
    case.call_and_validate(base_url=sandbox_server.url, headers=AUTH, checks=checks, proxies=DIRECT)


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
