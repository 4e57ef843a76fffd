"""The contacts the recorded tests write. All fictional (555-01xx numbers, example.com), so
scrubbing a live recording keeps them; the names are kept by name (see conftest.py)."""

from __future__ import annotations

PHONES = [f"1415555{n:04d}" for n in range(100, 200)]
EMAILS = [f"guest{n}@example.com" for n in range(10)]
NAMES = ["Ada", "Lovelace", "Ada Lovelace", "Grace", "Hopper", "Grace Hopper", "Renamed"]
