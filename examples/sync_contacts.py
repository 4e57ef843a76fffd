"""Keep a local copy of every contact up to date: an incremental sync from a checkpoint file.

    python examples/sync_contacts.py contacts.json

The first run exports every contact; each later run reads only what was created or updated
since the last one (plus a look-back window of at most 60 s, which upserting absorbs). The
checkpoint is saved after the contacts it covers, so a run that crashes resumes where it
stopped. Deleted contacts are not reported by the API, so they stay in the copy.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from heymarket_typed import Heymarket, errors

SAVE_EVERY = 1000  # contacts between checkpoints


def _write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def sync(client: Heymarket, store: Path) -> int:
    """Upserts into `store` (JSON: id -> contact) every contact changed since the last sync, and
    saves the checkpoint beside it (`<store>.checkpoint`). Returns how many contacts it read."""
    checkpoint_file = store.with_name(store.name + ".checkpoint")
    contacts: dict[str, Any] = (
        json.loads(store.read_text(encoding="utf-8")) if store.exists() else {}
    )
    resume = checkpoint_file.read_text(encoding="ascii") if checkpoint_file.exists() else None

    def save(checkpoint: str) -> None:
        _write_atomically(store, json.dumps(contacts))  # the contacts first, then what they cover
        _write_atomically(checkpoint_file, checkpoint)

    read = 0
    with client.contacts_v2.iter(ascending=True, resume=resume) as export:
        for contact in export:
            contacts[str(contact.id)] = contact.to_dict()
            read += 1
            if read % SAVE_EVERY == 0:
                try:
                    checkpoint = export.checkpoint
                except ValueError:
                    continue  # inside a huge block of one timestamp: save after it
                save(checkpoint)
        save(export.checkpoint)
    return read


def main() -> int:
    parser = argparse.ArgumentParser(description="Sync every contact into a local JSON file.")
    parser.add_argument("store", type=Path, help="the JSON file holding the contacts")
    args = parser.parse_args()
    try:
        with Heymarket() as client:
            read = sync(client, args.store)
    except errors.HeymarketError as error:
        print(f"sync failed: {error}", file=sys.stderr)
        return 1
    print(f"{read} contacts read into {args.store}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
