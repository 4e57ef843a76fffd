"""A user's project: files copied into a temporary folder and run by pytest in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

USER_PROJECT = Path(__file__).parent

PYTEST_INI = """[pytest]
asyncio_mode = strict
asyncio_default_fixture_loop_scope = function
filterwarnings = error
"""

# Runs pytest with the modules named in BLOCKED_MODULES impossible to import; plugins come
# from the installed entry points, the SDK's included.
_RUNNER = """
import os, sys
BLOCKED = set(filter(None, os.environ.get("BLOCKED_MODULES", "").split(",")))
class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in BLOCKED:
            raise ImportError(f"{name} is blocked in this test")
        return None
sys.meta_path.insert(0, Blocker())
import pytest
sys.exit(pytest.main(sys.argv[1:]))
"""

RECORDING_LIBRARIES = {
    "vcr": "recording",
    "pytest_recording": "recording",
    "hypothesis": "hypothesispytest",
    "schemathesis": "schemathesis",
}
"""Modules a user without recording or property-testing libraries lacks, and their plugins."""


def run_user_pytest(
    project: Path, *args: str, env: Mapping[str, str] | None = None, bare: bool = False
) -> subprocess.CompletedProcess[str]:
    """pytest in `project`, in a fresh interpreter, as the user would run it.

    `bare`: as if pytest-recording, vcrpy, hypothesis and schemathesis were not installed.
    """
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("HEYMARKET_", "PYTEST_"))}
    options = ["-p", "no:cacheprovider"]
    if bare:
        clean["BLOCKED_MODULES"] = ",".join(RECORDING_LIBRARIES)
        for plugin in sorted(set(RECORDING_LIBRARIES.values())):
            options += ["-p", f"no:{plugin}"]
    return subprocess.run(
        [sys.executable, "-c", _RUNNER, *options, *args],
        cwd=project,
        env={**clean, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
