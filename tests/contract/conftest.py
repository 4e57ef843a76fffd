"""Fixtures of the contract suites: Prism (mock, or proxy in front of the sandbox) and the sandbox.

Each server binds 127.0.0.1 on a free port, lives for one test module (Prism takes seconds to
start) and is stopped by the fixture that started it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from heymarket_typed.testing import FakeHeymarket, SandboxServer
from tests.contract.exchanges import Recorder
from tests.contract.prism import SPEC, running_prism


@pytest.fixture(scope="module")
def prism_mock(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of `prism mock` serving the document."""
    log = tmp_path_factory.mktemp("prism") / "mock.log"
    with running_prism(["mock", str(SPEC)], log) as prism:
        yield prism.url


@pytest.fixture(scope="module")
def sandbox() -> FakeHeymarket:
    """A sandbox shared by one module's tests; its seed keeps UUIDs the same on every run."""
    return FakeHeymarket()


@pytest.fixture(scope="module")
def sandbox_server(sandbox: FakeHeymarket) -> Iterator[SandboxServer]:
    with sandbox.serve("127.0.0.1", 0) as server:
        yield server


@pytest.fixture(scope="module")
def prism_proxy(
    sandbox_server: SandboxServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The URL of `prism proxy --errors` in front of the sandbox's server.

    With `--errors`, Prism answers an error of its own instead of passing on an exchange that
    breaks the document, so a violation cannot slip through as a success.
    """
    log = tmp_path_factory.mktemp("prism") / "proxy.log"
    with running_prism(["proxy", str(SPEC), sandbox_server.url, "--errors"], log) as prism:
        yield prism.url


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()
