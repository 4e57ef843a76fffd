"""`make record` writes the same bytes every time, and no cassette depends on another.

Every recorded test is recorded twice into temporary folders, the second time in the reverse
order, and the two sets of files are compared byte for byte (not through git, so this holds
from an sdist too).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.recorded import test_recorded_responses
from tests.recorded.conftest import CASSETTE_DIR_ENV

ROOT = Path(__file__).resolve().parents[2]
TESTS = [
    f"tests/recorded/test_recorded_responses.py::{name}"
    for name in sorted(vars(test_recorded_responses))
    if name.startswith("test_")
]


def record(into: Path, tests: list[str]) -> dict[str, bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HEYMARKET_", "PYTEST_"))}
    env[CASSETTE_DIR_ENV] = str(into)
    options = ["-q", "-p", "no:cacheprovider", "--record-mode=rewrite", "--block-network"]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", *tests, *options, "--allowed-hosts=127.0.0.1,localhost"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return {path.name: path.read_bytes() for path in sorted(into.glob("*.yaml"))}


def test_recording_twice_in_any_order_writes_the_same_bytes(tmp_path: Path) -> None:
    first = record(tmp_path / "first", TESTS)
    second = record(tmp_path / "second", TESTS[::-1])
    assert len(first) == len(TESTS)
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []
