"""The Prism fixture fails loudly instead of skipping, and never leaves Prism running."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.contract.prism import SPEC, Prism, running_prism


def test_a_missing_prism_fails_and_says_to_run_make_install(tmp_path: Path) -> None:
    """A skipped contract check looks green; a missing tool must turn the run red."""
    with (
        pytest.raises(pytest.fail.Exception, match=r"run `make install`"),
        running_prism(["mock", str(SPEC)], tmp_path / "prism.log", executable=tmp_path / "prism"),
    ):
        pass


def test_a_prism_that_cannot_start_fails_with_its_output(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    with (
        pytest.raises(pytest.fail.Exception, match=r"exited with status 1") as failed,
        running_prism(["mock", str(missing)], tmp_path / "prism.log"),
    ):
        pass
    assert "ENOENT" in str(failed.value)


def test_prism_is_stopped_when_the_block_ends_even_on_an_error(tmp_path: Path) -> None:
    started: list[Prism] = []

    def failing_test() -> None:
        with running_prism(["mock", str(SPEC)], tmp_path / "prism.log") as prism:
            started.append(prism)
            assert httpx.get(f"{prism.url}/v1/contact/98765", trust_env=False).status_code == 401
            raise RuntimeError("the test failed")

    with pytest.raises(RuntimeError, match="the test failed"):
        failing_test()
    [prism] = started
    assert prism.process.returncode is not None
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{prism.url}/v1/contact/98765", trust_env=False)
