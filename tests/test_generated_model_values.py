"""Generated models as values: response vs input types, round trips, UNSET, repr.

Response models (reached only from response bodies, the rule in templates/README.md) type an
omittable or nullable field as `X | None`; input models keep `X | Unset` for "not sent". Every
model survives copy, deepcopy, pickle and `from_dict(to_dict(m))` equal to itself, with UNSET
still the one UNSET, and its repr shows only the fields that are set.
"""

from __future__ import annotations

import copy
import pickle
import typing
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from heymarket_typed_api import models
from heymarket_typed_api.models import Contact, ContactInput, TagRef
from heymarket_typed_api.types import UNSET, Unset

from tests.test_generated_models import MODEL_NAMES, full_sample, minimal_sample, model
from tools.regenerate import SPEC, response_names_of

RESPONSE_MODELS = sorted(response_names_of(SPEC))
INPUT_MODELS = sorted(set(MODEL_NAMES) - set(RESPONSE_MODELS))

ROUND_TRIPS: dict[str, Callable[[Any], Any]] = {
    "copy": copy.copy,
    "deepcopy": copy.deepcopy,
    "pickle": lambda value: pickle.loads(pickle.dumps(value)),
    "to_dict/from_dict": lambda value: type(value).from_dict(value.to_dict()),
}


def test_the_rule_sorts_the_shipped_models_as_expected() -> None:
    assert {"Contact", "ContactRef", "ContactStatus", "ErrorBody", "Note"} <= set(RESPONSE_MODELS)
    # Sent in a request (ContactInputV2 also comes back inside FailedContactV2): input.
    assert {"ContactInput", "ContactInputV2", "CustomFields", "SetStatusRequest"} <= set(
        INPUT_MODELS
    )


def field_hints(name: str) -> dict[str, Any]:
    hints = typing.get_type_hints(model(name))
    hints.pop("additional_properties", None)
    return hints


@pytest.mark.parametrize("name", RESPONSE_MODELS)
def test_a_response_model_never_types_a_field_unset(name: str) -> None:
    hints = field_hints(name)
    assert hints
    for field, hint in hints.items():
        assert Unset not in typing.get_args(hint), f"{name}.{field}: {hint}"


@pytest.mark.parametrize("name", INPUT_MODELS)
def test_an_input_model_types_each_optional_field_unset(name: str) -> None:
    defaults = {a.name: a.default for a in attrs.fields(model(name))}
    for field, hint in field_hints(name).items():
        optional = defaults[field] is not attrs.NOTHING
        assert (Unset in typing.get_args(hint)) == optional, f"{name}.{field}: {hint}"


def sample_instances(name: str) -> list[Any]:
    """The model parsed from a full sample and from a required-fields-only one."""
    cls = model(name)
    return [cls.from_dict(full_sample(name)), cls.from_dict(minimal_sample(name))]


@pytest.mark.parametrize("trip", sorted(ROUND_TRIPS))
@pytest.mark.parametrize("name", MODEL_NAMES)
def test_every_model_is_equal_to_itself_after_a_round_trip(name: str, trip: str) -> None:
    for instance in sample_instances(name):
        again = ROUND_TRIPS[trip](instance)
        assert again == instance
        assert again.to_dict() == instance.to_dict()


@pytest.mark.parametrize("trip", sorted(ROUND_TRIPS))
def test_unset_fields_stay_the_one_unset(trip: str) -> None:
    contact = ContactInput(phone="14155553434", first="Ada")
    again = ROUND_TRIPS[trip](contact)
    assert again.last is UNSET
    assert again.custom is UNSET
    assert again == contact


@pytest.mark.parametrize("trip", ["copy", "deepcopy", "pickle"])
def test_unset_is_a_singleton(trip: str) -> None:
    assert ROUND_TRIPS[trip](UNSET) is UNSET
    assert Unset() is not UNSET  # only the module's instance is meant to be used
    assert repr(UNSET) == "UNSET"
    assert not UNSET


def test_repr_of_a_response_shows_only_what_is_set() -> None:
    contact = Contact.from_dict({"id": 7, "display_name": "Ada", "phone": None, "plan": "gold"})
    assert (
        repr(contact) == "Contact(id=7, display_name='Ada', additional_properties={'plan': 'gold'})"
    )
    assert "Unset" not in repr(Contact(id=1))
    assert repr(Contact(id=1)) == "Contact(id=1)"


def test_repr_of_an_input_shows_only_what_is_sent() -> None:
    contact = ContactInput(phone="14155553434", tags=[TagRef(tag_id=3)])
    assert repr(contact) == "ContactInput(phone='14155553434', tags=[TagRef(tag_id=3)])"
    assert "Unset object at" not in repr(models.ContactInputV2())


def test_a_response_field_is_usable_after_one_none_check() -> None:
    """What the `X | None` typing buys: one check, then the plain type (also type-checked)."""
    contact = Contact.from_dict({"id": 7, "uuid": "a1b2", "display_name": None})
    uuid: str | None = contact.uuid
    assert uuid is not None
    assert uuid.upper() == "A1B2"
    names = sorted([contact], key=lambda c: c.display_name or "")
    assert names == [contact]
