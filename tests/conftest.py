"""Project-wide pytest hooks."""

from __future__ import annotations

import pytest

from tests.tally import counts


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    tried = counts()
    if tried:
        terminalreporter.section("tried")
        for what, n in sorted(tried.items()):
            terminalreporter.write_line(f"{what}: {n}")
