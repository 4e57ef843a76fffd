"""Starting and stopping Stoplight Prism (`node_modules/.bin/prism`) for the contract suites.

Prism takes a second or two to load the document, so the fixtures start it once per module.
It runs from `node_modules/.bin/prism` directly: under `npx` the process we would terminate is
npx, and the Prism it spawned would outlive the test run.
"""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
PRISM = ROOT / "node_modules" / ".bin" / "prism"
SPEC = ROOT / "openapi" / "heymarket-contacts.yaml"
HOST = "127.0.0.1"
START_DEADLINE = 60.0
"""Seconds Prism gets to answer; it usually needs one or two, a loaded CI runner more."""
STOP_GRACE = 10.0
"""Seconds between SIGTERM and SIGKILL when stopping Prism."""
PORT_ATTEMPTS = 3
"""Starts tried when another process takes the free port between our probe and Prism's bind."""


@dataclass(frozen=True)
class Prism:
    """A running Prism: where it listens, its process and the file its output goes to."""

    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def output(self) -> str:
        """What Prism printed so far (it logs every request and every violation it finds)."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    """A port nothing listens on right now (the OS picks it), for a server we start next."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def require_prism(path: Path = PRISM) -> None:
    """Fails (never skips: a skipped contract check looks green) when Prism is not installed."""
    if not path.is_file():
        pytest.fail(f"{path} is missing: run `make install` to install the pinned Node tools")


@contextmanager
def running_prism(
    args: Sequence[str], log_path: Path, *, executable: Path = PRISM
) -> Iterator[Prism]:
    """Runs `prism <args> --host 127.0.0.1 --port <free port>` until the block ends.

    Output goes to `log_path`, not a pipe: nobody reads a pipe while the tests run, and
    Prism, which logs every request, would block once it filled up.

    Raises:
        pytest.fail.Exception: Prism is missing, or does not answer within `START_DEADLINE`
            (the message carries its output).
    """
    require_prism(executable)
    for attempt in range(1, PORT_ATTEMPTS + 1):
        port = free_port()
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [str(executable), *args, "--host", HOST, "--port", str(port)],
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        prism = Prism(f"http://{HOST}:{port}", process, log_path)
        try:
            if _wait_until_up(prism, retry_port=attempt < PORT_ATTEMPTS):
                yield prism
                return
        finally:
            stop(process)
    pytest.fail(f"Prism could not bind a free port in {PORT_ATTEMPTS} attempts")


def _wait_until_up(prism: Prism, *, retry_port: bool) -> bool:
    """True once Prism answers any HTTP request; False if it lost a port race worth retrying."""
    deadline = time.monotonic() + START_DEADLINE
    while time.monotonic() < deadline:
        if prism.process.poll() is not None:
            if retry_port and "EADDRINUSE" in prism.output():
                return False
            pytest.fail(
                f"Prism exited with status {prism.process.returncode} before answering:\n"
                f"{prism.output()}"
            )
        try:
            httpx.get(f"{prism.url}/", timeout=1.0, trust_env=False)
        except httpx.TransportError:
            time.sleep(0.1)
        else:
            return True
    pytest.fail(
        f"Prism did not answer on {prism.url} within {START_DEADLINE:.0f} s:\n{prism.output()}"
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminates Prism, waits for it, and kills it if it has not exited after `STOP_GRACE`."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(STOP_GRACE)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
