"""Secrets stay secret: no log line (any logger, DEBUG), repr, error or pickled error holds the
secret key or a token, whatever went wrong."""

from __future__ import annotations

import logging
import pickle
from collections.abc import Callable

import pytest

from heymarket_typed import Heymarket, errors, models
from heymarket_typed.testing import SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, FakeHeymarket, Fault
from tests.helpers import InstantClock, clocked

WRONG_KEY = "a-wrong-secret-key-that-is-long-enough"


def client_for(url: str, secret_key: str = SANDBOX_SECRET_KEY) -> Heymarket:
    return clocked(
        Heymarket,
        InstantClock(),
        secret_id=SANDBOX_SECRET_ID,
        secret_key=secret_key,
        base_url=url,
    )


def test_no_secret_or_token_in_logs_reprs_or_errors(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)  # every logger: the SDK's, httpx's, httpcore's
    fake = FakeHeymarket()
    fake.add_contact(phone="14155550100")
    fake.seed(150, updated="2024-06-01T12:00:00.000000000Z", phone_start=15550200000)
    with fake.serve(host="127.0.0.1", port=0) as server:
        raised = provoke_every_failure(fake, server.url)

    assert {r.name.split(".")[0] for r in caplog.records} >= {
        "heymarket_typed",
        "httpx",
        "httpcore",
    }
    tokens = {
        r.headers["authorization"].removeprefix("Bearer ")
        for r in fake.requests
        if "authorization" in r.headers
    }
    assert len(tokens) >= 2  # the good key's token and the wrong key's
    secrets = {SANDBOX_SECRET_KEY, WRONG_KEY, *tokens}
    client = client_for("http://127.0.0.1:1")
    client.close()
    places = {
        "logs": caplog.text,
        "client repr": repr(client) + str(client),
        "auth repr": repr(client._settings.auth) + str(client._settings.auth),
        "generated client repr": repr(client.api),
        **{f"{type(e).__name__} str/repr": str(e) + repr(e) for e in raised},
        **{f"pickled {type(e).__name__}": pickle.dumps(e).decode("latin-1") for e in raised},
    }
    for where, text in places.items():
        for secret in secrets:
            assert secret not in text, f"a secret in the {where}"


def provoke_every_failure(fake: FakeHeymarket, url: str) -> list[errors.HeymarketError]:
    with client_for(url) as client, client_for(url, secret_key=WRONG_KEY) as wrong:
        return failures_of(fake, client, wrong)


def failures_of(
    fake: FakeHeymarket, client: Heymarket, wrong: Heymarket
) -> list[errors.HeymarketError]:
    fake.inject(Fault(status=503), times=1, path="/v1/contacts/count")
    assert client.contacts.count() == 151  # after a retry
    fake.inject(Fault(status=500, after=True), times=1, path="/v1/contact")
    fake.inject(Fault(drop=True), times=3, path="/v1/contacts")
    fake.inject(Fault(body=b"<html>gateway</html>"), times=1, path="/v2/contacts/list")

    failures: list[Callable[[], object]] = [
        lambda: client.contacts.get(999),
        lambda: client.contacts.create(models.ContactInput(phone="14155550199")),
        client.contacts.list,
        client.contacts_v2.list,
        lambda: wrong.contacts.get(1),
        lambda: list(client.contacts.iter(page_size=100)),
    ]
    raised: list[errors.HeymarketError] = []
    for fail in failures:
        with pytest.raises(errors.HeymarketError) as caught:
            fail()
        raised.append(caught.value)
    kinds = {type(e) for e in raised}
    assert {errors.NotFoundError, errors.InternalServerError, errors.APIConnectionError} <= kinds
    assert {errors.APIResponseValidationError, errors.AuthenticationError} <= kinds
    assert errors.PaginationError in kinds
    return raised
