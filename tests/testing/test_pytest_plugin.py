"""The pytest plugin as a user gets it: installed, not configured, in a project of their own."""

from __future__ import annotations

import inspect
import pydoc
import shutil
from pathlib import Path

import pytest

from heymarket_typed import AsyncHeymarket, Heymarket
from heymarket_typed.testing import without_waiting
from tests.testing.user_project import PYTEST_INI, USER_PROJECT, run_user_pytest


def user_project(tmp_path: Path) -> Path:
    (tmp_path / "pytest.ini").write_text(PYTEST_INI)
    shutil.copy(USER_PROJECT / "user_conftest.py", tmp_path / "conftest.py")
    shutil.copy(USER_PROJECT / "user_test_fixtures.py", tmp_path / "test_my_app.py")
    return tmp_path


def test_a_users_tests_pass_on_the_fixtures_without_any_real_wait(tmp_path: Path) -> None:
    result = run_user_pytest(user_project(tmp_path), "-q", bare=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "8 passed" in result.stdout, result.stdout


def test_a_real_wait_fails_the_users_tests(tmp_path: Path) -> None:
    """The patched sleeps do catch a wait: a client left waiting fails the user's test."""
    project = user_project(tmp_path)
    (project / "test_waiting.py").write_text(
        "from heymarket_typed import Heymarket\n"
        "from heymarket_typed.testing import SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, Fault\n"
        "def test_waits(heymarket_sandbox):\n"
        "    heymarket_sandbox.inject(Fault(status=503))\n"
        "    with heymarket_sandbox.serve() as server, Heymarket(\n"
        "        secret_id=SANDBOX_SECRET_ID, secret_key=SANDBOX_SECRET_KEY, base_url=server.url\n"
        "    ) as client:\n"
        "        client.contacts.count()\n"
    )
    result = run_user_pytest(project, "-q", "test_waiting.py", bare=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "time.sleep(" in result.stdout


def test_the_clock_is_no_constructor_keyword() -> None:
    for client_type in (Heymarket, AsyncHeymarket):
        assert not [p for p in inspect.signature(client_type).parameters if p.startswith("_")]
        assert "_clock" not in pydoc.render_doc(client_type)


def test_without_waiting_refuses_anything_but_a_client() -> None:
    with pytest.raises(TypeError, match="client must be a Heymarket or AsyncHeymarket"):
        without_waiting("https://api.heymarket.com")  # type: ignore[type-var]


_SKEWED_THEN_PLAIN = """
import httpx
from heymarket_typed import Heymarket
from heymarket_typed.testing import SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, FakeHeymarket

def count(fake):
    http = httpx.Client(transport=fake.transport(), base_url="https://api.heymarket.com")
    key = dict(secret_id=SANDBOX_SECRET_ID, secret_key=SANDBOX_SECRET_KEY)
    with Heymarket(**key, http_client=http) as client:
        client.contacts.count()
    return [r.status for r in fake.requests]

def test_1_a_sandbox_ten_minutes_ahead():
    assert count(FakeHeymarket(clock_offset=600)) == [401, 200]

def test_2_a_sandbox_on_time():
    assert count(FakeHeymarket()) == [200]
"""


def test_what_one_tests_clients_learned_never_reaches_the_next_test(tmp_path: Path) -> None:
    """Clients keep what they learned (the server's clock, the rate) for later clients of the
    same credential and server; between a user's tests that made the second test draw a 401
    signed on the first test's sandbox clock."""
    (tmp_path / "pytest.ini").write_text(PYTEST_INI)
    (tmp_path / "test_order.py").write_text(_SKEWED_THEN_PLAIN)
    result = run_user_pytest(tmp_path, "-q", "-p", "no:randomly", bare=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout, result.stdout
