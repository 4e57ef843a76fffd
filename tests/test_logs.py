"""`HEYMARKET_LOG`: the SDK's log on stderr, switched on from the environment alone."""

from __future__ import annotations

import os
import subprocess
import sys

from heymarket_typed.testing import SANDBOX_SECRET_KEY

# One call against the in-process sandbox: no network, no code touching `logging`.
SCRIPT = """
import httpx
from heymarket_typed import Heymarket
from heymarket_typed.testing import SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, FakeHeymarket

fake = FakeHeymarket()
first = fake.add_contact(phone="14155550100")["id"]
http = httpx.Client(transport=fake.transport(), base_url="https://api.heymarket.com")
client = Heymarket(secret_id=SANDBOX_SECRET_ID, secret_key=SANDBOX_SECRET_KEY, http_client=http)
client.contacts.get(first)
print(fake.requests[-1].headers["authorization"].removeprefix("Bearer "))
"""


def run(level: str | None) -> tuple[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "HEYMARKET_LOG"}
    if level is not None:
        env["HEYMARKET_LOG"] = level
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip(), done.stderr


def test_heymarket_log_debug_prints_each_request_redacted() -> None:
    token, stderr = run("debug")
    lines = [line for line in stderr.splitlines() if "DEBUG heymarket_typed" in line]
    assert len(lines) == 1, stderr
    line = lines[0]
    assert "GET https://api.heymarket.com/v1/contact/" in line
    assert "-> 200" in line
    assert "request id " in line
    assert "request id None" not in line
    assert " ms)" in line
    assert "'authorization': '<redacted>'" in line
    assert token
    assert token not in stderr
    assert SANDBOX_SECRET_KEY not in stderr


def test_info_leaves_out_the_debug_lines_and_no_variable_prints_nothing() -> None:
    assert "DEBUG" not in run("INFO")[1]
    assert run(None)[1] == ""
    assert run("verbose")[1] == ""
