"""examples/sync_contacts.py against the sandbox: everything once, then only what changed."""

from __future__ import annotations

import importlib.util
import json
import random
from pathlib import Path
from types import ModuleType

from heymarket_typed import models
from heymarket_typed.testing import FakeHeymarket
from tests.test_export_iter import Clock, client_for

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sync_contacts.py"


def load_example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sync_contacts", EXAMPLE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_run_twice_reads_everything_once_then_only_what_changed(tmp_path: Path) -> None:
    example = load_example()
    clock = Clock()
    fake = FakeHeymarket(clock=clock)
    client = client_for(fake)
    fake.seed(119)
    clock.now += 120
    fake.seed(1, phone_start=15550900000)  # alone in the 60 s look-back window
    store = tmp_path / "contacts.json"

    assert example.sync(client, store) == 120
    clock.now += 600  # later than the look-back window
    first = fake.contacts()[0]
    client.contacts.update(first["id"], models.ContactInput(phone=first["phone"], first="Renamed"))
    created = client.contacts.create(models.ContactInput(phone="14155559876"))

    assert example.sync(client, store) == 3  # the two changes, and the look-back window
    saved = json.loads(store.read_text(encoding="utf-8"))
    assert len(saved) == 121
    assert saved[str(first["id"])]["first"] == "Renamed"
    assert str(created.id) in saved
    assert example.sync(client, store) <= 2  # only the look-back window comes again


def test_a_sync_through_a_huge_bulk_edit_saves_after_it(tmp_path: Path) -> None:
    """A bulk edit of 2,500 contacts in one second, scattered ids and revs: no checkpoint fits
    while the export is inside it (`ValueError`); the example saves once it is past."""
    example = load_example()
    clock = Clock()
    fake = FakeHeymarket(clock=clock)
    client = client_for(fake)
    revs = random.Random(7)
    for contact_id in random.Random(6).sample(range(10_000, 90_000), 2500):
        fake.add_contact(id=contact_id, rev=revs.randint(1, 40), updated="2024-06-01T11:00:00Z")
    fake.seed(1, phone_start=15550900000)  # newer: the export goes on past the block
    store = tmp_path / "contacts.json"

    assert example.sync(client, store) == 2501
    assert len(json.loads(store.read_text(encoding="utf-8"))) == 2501
    assert example.sync(client, store) <= 1  # the look-back window: the contact past the block
