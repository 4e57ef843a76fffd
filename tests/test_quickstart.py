"""The tour `make demo` runs: every step shows what it promises, and its output reads well
both on a terminal and piped into a file or another program."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from examples.quickstart import Console
from heymarket_typed.testing import SANDBOX_API_KEY, SANDBOX_SECRET_KEY

TOUR = Path(__file__).resolve().parents[1] / "examples" / "quickstart.py"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_tour_piped_shows_every_step_in_whole_lines() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HEYMARKET_")}
    # Bytes: text mode would turn a stray carriage return into a newline.
    done = subprocess.run([sys.executable, str(TOUR)], capture_output=True, env=env, check=False)
    out, err = done.stdout.decode(), done.stderr.decode()
    assert done.returncode == 0, out + err
    assert err == ""
    assert "\r" not in out
    assert "\x1b" not in out
    assert SANDBOX_SECRET_KEY not in out
    assert SANDBOX_API_KEY not in out
    lines = out.splitlines()
    for expected in (
        "NotFoundError 404, request id ",
        "got Ada Lovelace; the sandbox answered [503, 200]",
        "sent once: the sandbox answered [500]",
        " answered 429",
        "export: 303/303 (100%)",
        "exported 303 contacts (with the new one): 0 missed, 0 yielded twice",
        "the async client: 8 reads at once",
        "done.",
    ):
        assert any(expected in line for line in lines), expected
    retries = [line for line in lines if line.startswith("   [log] Retrying ")]
    assert len(retries) >= 2  # the 503 on a read and the 503 during the export
    pacing = next(line for line in lines if line.startswith("24 requests in "))
    assert pacing.endswith(", 0 answered 429")
    # Piped, the export's progress is a line per quarter, not one line per contact.
    assert sum(line.startswith("export: ") for line in lines) <= 10


def test_console_on_a_terminal_redraws_progress_in_place_around_log_lines() -> None:
    screen = Terminal()
    console = Console(screen)
    console.progress("export", 1, 4)
    console.progress("export", 2, 4)
    console.line("   [log] Retrying")
    console.end_progress("exported 4")
    assert screen.getvalue() == (
        "\r\x1b[Kexport: 1/4 (25%)"
        "\r\x1b[Kexport: 2/4 (50%)"
        "\r\x1b[K   [log] Retrying\nexport: 2/4 (50%)"
        "\r\x1b[Kexported 4\n"
    )


def test_console_piped_prints_a_line_per_quarter() -> None:
    stream = io.StringIO()
    console = Console(stream)
    for done in range(1, 101):
        console.progress("export", done, 100)
    console.end_progress("exported 100")
    assert stream.getvalue().splitlines() == [
        "export: 1/100 (1%)",
        "export: 25/100 (25%)",
        "export: 50/100 (50%)",
        "export: 75/100 (75%)",
        "export: 100/100 (100%)",
        "exported 100",
    ]
