"""The generator on scratch documents: `tools/regenerate.py`, the custom templates, all or nothing.

Each test writes an OpenAPI document (the shipped one, changed as a maintainer would, or a
small one), renders it into a temporary folder and imports or runs the result. The shipped
document itself is checked by `make check-generated` and the model tests.
"""

from __future__ import annotations

import copy
import filecmp
import importlib
import os
import subprocess
import sys
import textwrap
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.openapi_document import load_document
from tools.document import IGNORED_KEYWORDS, ignored_keywords

ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, document: dict[str, Any], name: str = "doc.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return path


def generate(spec: Path, output: Path) -> tuple[int, str]:
    """Runs the generator as `make regenerate` does; (exit status, what it printed)."""
    environment = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    done = subprocess.run(
        [sys.executable, "-m", "tools.regenerate", "--spec", str(spec), "--output", str(output)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


def scratch_document() -> dict[str, Any]:
    """One operation that sends `In` and returns `Out`; tests add properties to both."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "scratch", "version": "1"},
        "paths": {
            "/x": {
                "post": {
                    "operationId": "send",
                    "requestBody": {
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/In"}}
                        }
                    },
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Out"}}
                            },
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "In": {"type": "object", "properties": {}},
                "Out": {"type": "object", "properties": {}},
            }
        },
    }


# --- Nullable enums, both spellings ---------------------------------------------------------

NULLABLE_31 = {"type": ["string", "null"], "enum": ["on", "off", None]}
NULLABLE_30 = {"type": "string", "nullable": True, "enum": ["on", "off"]}


@pytest.fixture(scope="module")
def nullable_enums(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A scratch package with both spellings in a response (`Out`) and in an input (`In`, with
    values no response carries: a documented closed set)."""
    tmp_path = tmp_path_factory.mktemp("nullable")
    document = scratch_document()
    schemas = document["components"]["schemas"]
    schemas["Out"]["properties"] = {"mode31": NULLABLE_31, "mode30": NULLABLE_30}
    schemas["In"]["properties"] = {
        "level31": {"type": ["string", "null"], "enum": ["low", "high", None]},
        "level30": {"type": "string", "nullable": True, "enum": ["low", "high"]},
    }
    status, printed = generate(write(tmp_path, document), tmp_path / "scratch_nullable")
    assert status == 0, printed
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module("scratch_nullable.models")
    finally:
        sys.path.remove(str(tmp_path))


def test_a_nullable_enum_gives_one_literal_type_in_both_spellings(nullable_enums: Any) -> None:
    package = Path(nullable_enums.__file__).parent
    assert sorted(p.stem for p in package.glob("*.py")) == [
        "__init__",
        "in_",
        "in_level_30",
        "in_level_31",
        "out",
        "out_mode_30",
        "out_mode_31",
    ]
    for name in ("OutMode31", "OutMode30"):
        assert typing.get_args(getattr(nullable_enums, name)) == ("off", "on")
    hints = typing.get_type_hints(nullable_enums.Out)
    assert hints["mode31"] == nullable_enums.OutMode31 | str | None
    assert hints["mode30"] == nullable_enums.OutMode30 | str | None


@pytest.mark.parametrize("field", ["mode31", "mode30"])
@pytest.mark.parametrize("value", ["on", None, "standby"])
def test_a_response_reads_null_known_and_unknown_values(
    nullable_enums: Any, field: str, value: str | None
) -> None:
    out = nullable_enums.Out.from_dict({field: value})
    assert getattr(out, field) == value
    assert nullable_enums.Out.from_dict(out.to_dict()) == out


@pytest.mark.parametrize("field", ["level31", "level30"])
def test_an_input_accepts_null_and_rejects_a_value_outside_its_closed_set(
    nullable_enums: Any, field: str
) -> None:
    assert getattr(nullable_enums.In.from_dict({field: None}), field) is None
    assert getattr(nullable_enums.In.from_dict({field: "low"}), field) == "low"
    with pytest.raises(ValueError, match=rf"^In\.{field}: expected one of 'high', 'low'"):
        nullable_enums.In.from_dict({field: "medium"})


# --- An unknown value through the SDK -------------------------------------------------------

CHANNEL_TYPES = ["email", "facebook", "phone"]

SDK_SCRIPT = textwrap.dedent(
    """
    import typing

    import httpx
    from heymarket_typed import Heymarket
    from heymarket_typed.testing import SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, FakeHeymarket
    from heymarket_typed_api.models import ChannelInput, ContactChannel, ContactInputV2

    # The package under test is the scratch one, with channel_type declared as an enum.
    assert typing.get_args(typing.get_type_hints(ContactChannel)["channel_type"])[0].__args__

    fake = FakeHeymarket()
    stored = fake.add_contact(
        phone="14155550100",
        contact_channels=[{"channel_type": "whatsapp", "channel_id": "14155550100"}],
    )
    http = httpx.Client(transport=fake.transport(), base_url="https://api.heymarket.com")
    client = Heymarket(
        secret_id=SANDBOX_SECRET_ID,
        secret_key=SANDBOX_SECRET_KEY,
        requests_per_minute=None,
        http_client=http,
    )

    def channel_types(contact):
        return [channel.channel_type for channel in contact.contact_channels or ()]

    read = {
        "get": client.contacts_v2.get(stored["uuid"]),
        "list": client.contacts_v2.list(limit=10)[0],
        "iter": next(iter(client.contacts_v2.iter(page_size=10))),
        "search": client.contacts_v2.search(phones=["14155550100"])[0],
    }
    for how, contact in read.items():
        assert channel_types(contact) == ["whatsapp"], (how, channel_types(contact))

    # Written back as read: the input enum has the response's values, so it is open too.
    channel = read["get"].contact_channels[0]
    written = client.contacts_v2.update(
        stored["uuid"],
        ContactInputV2(
            contact_channels=[
                ChannelInput(channel_type=channel.channel_type, channel_id=channel.channel_id)
            ]
        ),
    )
    assert channel_types(written) == ["whatsapp"], channel_types(written)
    print("kept")
    """
)


def test_an_unknown_response_enum_value_is_kept_through_get_list_iter_and_search(
    tmp_path: Path,
) -> None:
    document = copy.deepcopy(load_document())
    schemas = document["components"]["schemas"]
    schemas["ContactChannel"]["properties"]["channel_type"] = {
        "type": ["string", "null"],
        "enum": [*CHANNEL_TYPES, None],
    }
    schemas["ChannelInput"]["properties"]["channel_type"] = {
        "type": "string",
        "enum": CHANNEL_TYPES,
    }
    status, printed = generate(write(tmp_path, document), tmp_path / "heymarket_typed_api")
    assert status == 0, printed

    environment = {**os.environ, "PYTHONPATH": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", SDK_SCRIPT],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "kept"


# --- Constructs the generator cannot handle -------------------------------------------------


def shipped_with(change: Any) -> dict[str, Any]:
    document = copy.deepcopy(load_document())
    change(document)
    return document


def _set(path: str, value: Any) -> Any:
    """A change that sets document[path] (keys separated by '/') to `value`."""

    def change(document: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        node = document
        for key in parents:
            node = node[key]
        node[last] = value

    return change


def _xml_response(document: dict[str, Any]) -> None:
    response = document["components"]["responses"]["ContactRefResponse"]
    response["content"] = {"application/xml": response["content"]["application/json"]}


CONTACT = "components/schemas/Contact/properties"

# From openapi-python-client's own list of what it does not support (its parser's
# "not supported" errors and the keywords it ignores), plus what the custom templates refuse.
UNSUPPORTED = {
    "mixed-type enum": (
        _set(f"{CONTACT}/type", {"type": ["string", "integer"], "enum": ["person", 1]}),
        "Contact.type: Unable to process schema /components/schemas/Contact: an enum's values "
        "must all have one type, got int and str",
    ),
    "remote reference": (
        _set(f"{CONTACT}/custom", {"$ref": "other.yaml#/components/schemas/CustomFields"}),
        "Contact.custom: ",
    ),
    "unsupported content type": (_xml_response, "Unsupported content_type application/xml"),
    "top-level $ref in components/responses": (
        _set("components/responses/NotFound", {"$ref": "#/components/responses/BadRequest"}),
        "Top-level $ref inside components/responses is not supported",
    ),
    "`not` keyword": (
        _set(f"{CONTACT}/note", {"not": {"type": "string"}}),
        "Contact.note: `not` is not supported",
    ),
    "binary in a JSON model": (
        _set(f"{CONTACT}/avatar", {"type": "string", "format": "binary"}),
        "Contact.avatar: the custom templates cannot render a FileProperty",
    ),
}


@pytest.mark.parametrize("construct", sorted(UNSUPPORTED))
def test_an_unsupported_construct_fails_naming_it_and_leaves_the_output_untouched(
    tmp_path: Path, construct: str
) -> None:
    change, named = UNSUPPORTED[construct]
    output = tmp_path / "out" / "heymarket_typed_api"
    output.mkdir(parents=True)
    (output / "models.py").write_text("# generated earlier\n")
    before = tmp_path / "before"
    before.mkdir()
    (before / "models.py").write_text("# generated earlier\n")

    status, printed = generate(write(tmp_path, shipped_with(change)), output)

    assert status == 1, printed
    assert named in printed
    assert "heymarket_typed_api left as it was" in printed
    assert "object at 0x" not in printed
    comparison = filecmp.dircmp(output, before)
    assert (comparison.left_only, comparison.right_only, comparison.diff_files) == ([], [], [])
    assert sorted(p.name for p in output.parent.iterdir()) == ["heymarket_typed_api"]


def test_every_ignored_keyword_is_reported_where_it_is_used() -> None:
    document = scratch_document()
    document["components"]["schemas"]["Out"]["properties"] = {
        keyword: {keyword: {"type": "string"}} for keyword in IGNORED_KEYWORDS
    }
    messages = ignored_keywords(document)
    assert [m.split(":")[1].strip() for m in messages] == [
        f"Out.{keyword}" for keyword in IGNORED_KEYWORDS
    ]
