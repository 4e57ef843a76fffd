"""A tour of all 19 endpoints through `prism proxy --errors` in front of the sandbox.

Prism validates each request and the sandbox's response against the document. With `--errors`
it answers an error of its own instead of passing on an exchange that breaks the document, and
it flags lesser findings (an undocumented status) in `sl-violations`; so a clean tour means the
sandbox answers what the document says, on its success and its error paths alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from uuid import UUID

import pytest

from heymarket_typed import Heymarket, errors, models
from heymarket_typed.testing import FakeHeymarket, Fault
from tests.contract.exchanges import (
    Exchange,
    Recorder,
    all_violations,
    recording_client,
    request_violations,
)
from tests.openapi_document import operations
from tests.tally import tally

ADA = "14155553434"
BO = "14155550002"


@pytest.fixture
def client(prism_proxy: str, recorder: Recorder) -> Iterator[Heymarket]:
    with recording_client(prism_proxy, recorder) as client:
        yield client


def tour(client: Heymarket, sandbox: FakeHeymarket) -> None:
    """Calls every endpoint in the order a user would, success paths first, then a 404."""
    field = sandbox.add_contact_field("Plan")
    v1 = client.contacts
    ada = v1.create(
        models.ContactInput(
            phone=ADA,
            first="Ada",
            email="ada@example.com",
            custom=models.CustomFields.from_dict({str(field["id"]): "Gold"}),
            tags=[models.TagRef(tag_id=42)],
        )
    )
    assert v1.get(ada.id).first == "Ada"
    v1.update(ada.id, models.ContactInput(phone=ADA, first="Ada", last="Lovelace"), overwrite=True)
    assert v1.find(phone=ADA).last == "Lovelace"
    assert v1.find(id=ada.id).id == ada.id
    assert v1.get_status(phone=ADA).unsubscribed is False
    v1.set_status("unsubscribed", id=ada.id)
    assert v1.get_status(id=ada.id).unsubscribed is True
    batch = v1.batch_create(
        [models.ContactInput(phone="14155550001"), models.ContactInput(phone=ADA)]
    )
    assert [f.index for f in batch.failed_contacts] == [1]
    assert v1.count() == 2
    assert len(v1.list(limit=1)) == 1
    assert len(list(v1.iter(page_size=1))) == 2
    assert [f.title for f in v1.list_fields()] == ["Plan"]

    v2 = client.contacts_v2
    bo = v2.create(
        models.ContactInputV2(
            first="Bo",
            contact_channels=[
                models.ChannelInput(channel_type="phone", channel_id=BO),
                models.ChannelInput(channel_type="email", channel_id="bo@example.com"),
            ],
        )
    )
    assert isinstance(bo.uuid, str)
    assert v2.get(bo.uuid).first == "Bo"
    assert v2.update(bo.uuid, models.ContactInputV2(first="Bob")).first == "Bob"
    assert len(v2.list(limit=2, ascending=True)) == 2
    assert len(list(v2.iter(page_size=2))) == 3
    assert [c.id for c in v2.search(phones=[BO], emails=["bo@example.com"])] == [bo.id]
    upserted = v2.bulk_upsert(
        [
            models.ContactInputV2(
                contact_channels=[
                    models.ChannelInput(channel_type="phone", channel_id="14155550003")
                ]
            ),
            models.ContactInputV2(contact_id=UUID(bo.uuid), display_name="Bobby"),
        ]
    )
    assert upserted.ok
    created = upserted.contacts[0].uuid
    assert isinstance(created, str)
    v2.bulk_delete([created])
    v2.delete(bo.uuid)
    v1.delete(ada.id)

    with pytest.raises(errors.NotFoundError):
        v1.get(ada.id)
    with pytest.raises(errors.NotFoundError):
        v2.get(bo.uuid)


def test_a_tour_of_every_endpoint_passes_prism(
    client: Heymarket, sandbox: FakeHeymarket, recorder: Recorder
) -> None:
    sandbox.clear_requests()
    tour(client, sandbox)
    exchanges = recorder.take()
    tally("prism proxy requests checked", len(exchanges))

    flagged = [e.describe() for e in exchanges if all_violations(e)]
    assert not flagged, "Prism found exchanges the document forbids:\n" + "\n".join(flagged)
    assert {e.route for e in exchanges} == {f"{m} {p}" for m, p, _ in operations()}
    assert {e.status for e in exchanges} == {200, 404}
    # Prism forwarded every request: none was answered by Prism alone.
    assert len(sandbox.requests) == len(exchanges)


def test_the_sandboxs_401_passes_prism(prism_proxy: str, recorder: Recorder) -> None:
    """Wrong credentials get the sandbox's 401, a documented answer (the SDK asks twice)."""
    with (
        recording_client(prism_proxy, recorder, secret_key="wrong-key-" + "0" * 32) as stranger,
        pytest.raises(errors.AuthenticationError),
    ):
        stranger.contacts.count()
    exchanges = recorder.take()
    tally("prism proxy requests checked", len(exchanges))
    assert [e.status for e in exchanges] == [401, 401]
    assert not [e.describe() for e in exchanges if all_violations(e)]


def only_exchange(recorder: Recorder) -> Exchange:
    [exchange] = recorder.take()
    tally("prism proxy requests checked", 1)
    return exchange


def test_prism_flags_a_response_the_document_forbids(
    client: Heymarket, sandbox: FakeHeymarket, recorder: Recorder
) -> None:
    """The check can fail on the response side: a contact without its required `id`."""
    sandbox.inject(Fault(status=200, body=b'{"first": "Ada"}'), path="/v1/contact/get")
    with pytest.raises(errors.InternalServerError):
        client.contacts.find(phone=ADA)
    exchange = only_exchange(recorder)
    assert exchange.status == 500
    [violation] = exchange.header_violations
    assert violation["location"] == ["response", "body"]
    assert violation["code"] == "required"


def test_prism_refuses_a_request_the_document_forbids(
    client: Heymarket, sandbox: FakeHeymarket, recorder: Recorder
) -> None:
    """The check can fail on the request side: Prism answers 422 itself, with no header."""
    sandbox.clear_requests()
    with pytest.raises(errors.UnprocessableEntityError):
        client.api.get_httpx_client().post("/v1/contact", json={"phone": "12"})
    exchange = only_exchange(recorder)
    assert request_violations(exchange) == [exchange.prism_error]
    assert exchange.prism_error is not None
    [violation] = exchange.prism_error["validation"]
    assert violation["location"] == ["body", "phone"]
    assert sandbox.requests == []
