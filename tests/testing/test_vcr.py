"""`vcr_config()` as a user runs it: record against the sandbox on one port, replay offline on
another, and find no credential (and, when asked, no personal data) in the cassettes."""

from __future__ import annotations

import re
import shutil
import socket
from pathlib import Path

import pytest

from heymarket_typed.testing import SANDBOX_API_KEY, SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY
from heymarket_typed.testing._vcr import DEFAULT_SCRUB_KEY, Scrubber, vcr_config
from tests.testing.user_project import PYTEST_INI, USER_PROJECT, run_user_pytest
from tests.testing.user_project.user_test_recording import USERS_OWN_KEY

_JWT = re.compile(r"eyJ[A-Za-z0-9_-]{8,}")
PERSONAL = ("14155552671", "jane.doe@corp.com", "Jane", "Doe")


def _free_ports(n: int) -> list[int]:
    sockets = [socket.socket() for _ in range(n)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


@pytest.mark.parametrize("scrub", [False, True], ids=["plain", "scrubbed"])
def test_a_recording_replays_offline_on_another_port(tmp_path: Path, scrub: bool) -> None:
    (tmp_path / "pytest.ini").write_text(PYTEST_INI)
    shutil.copy(USER_PROJECT / "user_test_recording.py", tmp_path / "test_recorded.py")
    record_port, replay_port = _free_ports(2)
    flags = {"SCRUB": "1" if scrub else "0"}

    recorded = run_user_pytest(
        tmp_path, "-q", "--record-mode=once", env={**flags, "SANDBOX_PORT": str(record_port)}
    )
    assert recorded.returncode == 0, recorded.stdout + recorded.stderr
    cassettes = sorted((tmp_path / "cassettes" / "test_recorded").glob("*.yaml"))
    assert [c.name for c in cassettes] == [
        "test_find_rename_and_search.yaml",
        "test_through_the_fixture_client.yaml",
    ]
    text = "\n".join(c.read_text() for c in cassettes)
    assert text.count("uri: ") == 5
    assert "authorization" not in text.lower()
    assert "bearer" not in text.lower()
    assert "user-agent" not in text.lower()
    assert not _JWT.search(text)
    assert "x-api-key" not in text.lower()
    for secret in (SANDBOX_SECRET_KEY, SANDBOX_API_KEY, SANDBOX_SECRET_ID, USERS_OWN_KEY):
        assert secret not in text
    assert str(record_port) not in text
    for value in PERSONAL:
        assert (value in text) is not scrub, value

    replayed = run_user_pytest(
        tmp_path,
        "-q",
        "--record-mode=none",
        "--block-network",
        env={**flags, "SANDBOX_PORT": str(replay_port), "REPLAY": "1"},
    )
    assert replayed.returncode == 0, replayed.stdout + replayed.stderr
    assert "2 passed" in replayed.stdout


def test_fakes_are_stable_keyed_and_kept_when_seen_again() -> None:
    default = Scrubber(DEFAULT_SCRUB_KEY.encode())
    other = Scrubber(b"a-key-of-my-own")
    contact = {"phone": "14155552671", "email": "Jane.Doe@corp.com", "first": "Jane", "id": 7}
    once = default.json(contact)
    assert once == default.json(contact)
    assert once["id"] == 7
    assert re.fullmatch(r"1[2-9][0-9]{2}55501[0-9]{2}", once["phone"])
    assert once["email"].endswith("@example.com")
    assert once["first"].startswith("Person ")
    assert default.json(once) == once
    changed = other.json(contact)
    assert all(changed[k] != once[k] for k in ("phone", "email", "first"))
    fictional = {"phone": "+14155550123", "email": "guest@example.org", "channel_ids": ["x"]}
    assert default.json(fictional) == fictional


def test_matching_never_involves_host_or_port_and_drops_what_identifies_the_caller() -> None:
    config = vcr_config()
    assert config["match_on"] == ["method", "path", "query", "body"]
    assert {"authorization", "user-agent", "cookie"} <= set(config["filter_headers"])
    assert "record_mode" not in config
