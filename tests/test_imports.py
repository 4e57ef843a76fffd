"""What `import heymarket_typed` loads: not the generated package, not asyncio."""

from __future__ import annotations

import json
import subprocess
import sys


def loaded_after(code: str) -> set[str]:
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    output = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    )
    return set(json.loads(output.stdout))


def test_import_loads_neither_generated_code_nor_asyncio() -> None:
    modules = loaded_after("import heymarket_typed")
    assert "heymarket_typed_api.models" not in modules
    assert "heymarket_typed_api.client" not in modules
    assert "asyncio" not in modules
    assert "jwt" not in modules


def test_models_load_on_first_use() -> None:
    modules = loaded_after("from heymarket_typed import models\nmodels.Contact")
    assert "heymarket_typed_api.models.contact" in modules


def test_a_sync_client_does_not_load_asyncio() -> None:
    modules = loaded_after("import heymarket_typed\nheymarket_typed.Heymarket(api_key='k')")
    assert "heymarket_typed_api.api.contacts_v2.list_contacts_v2" in modules
    assert "asyncio" not in modules


def test_every_error_class_and_the_resource_types_are_public() -> None:
    import heymarket_typed  # noqa: PLC0415
    from heymarket_typed import errors, resources  # noqa: PLC0415

    for name in errors.__all__:
        assert getattr(heymarket_typed, name) is getattr(errors, name)
        assert name in heymarket_typed.__all__
    assert "APIResponse" in heymarket_typed.__all__
    client = heymarket_typed.Heymarket(api_key="k")
    assert isinstance(client.contacts, resources.Contacts)
    assert isinstance(client.contacts_v2, resources.ContactsV2)
    assert isinstance(client.contacts.with_raw_response, resources.ContactsWithRawResponse)
    clients = heymarket_typed.AsyncHeymarket(api_key="k")
    assert isinstance(clients.contacts, resources.AsyncContacts)
    assert isinstance(clients.contacts_v2, resources.AsyncContactsV2)
