"""Export every contact to a JSON Lines file, at the API's rate limit.

    python examples/export_contacts.py contacts.jsonl [--updated-after 2024-01-01T00:00:00Z]

`contacts_v2.iter()` pages by `updated`, so the export stays exact while others write; memory
stays at a page whatever the number of contacts.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from heymarket_typed import Heymarket, errors


def export(client: Heymarket, path: Path, *, updated_after: str | None) -> int:
    started = time.monotonic()
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for contact in client.contacts_v2.iter(updated_after=updated_after):
            out.write(json.dumps(contact.to_dict()) + "\n")
            count += 1
            if count % 1000 == 0:
                rate = count / (time.monotonic() - started)
                print(f"\r{count} contacts ({rate:.0f}/s)", end="", file=sys.stderr, flush=True)
    print(f"\r{count} contacts written to {path}", file=sys.stderr)
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description="Export every contact to JSON Lines.")
    parser.add_argument("output", type=Path)
    parser.add_argument("--updated-after", help="only contacts updated after this RFC 3339 time")
    args = parser.parse_args()
    try:
        with Heymarket() as client:
            export(client, args.output, updated_after=args.updated_after)
    except errors.HeymarketError as error:
        print(f"export failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
