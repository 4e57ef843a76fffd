"""`make bench`: run every scenario, print a table, and write bench/RESULTS.md.

    python -m bench.run [--quick]

`--quick` shrinks the jobs to try the bench out; only a full run writes RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench import exports as ex
from bench import pacing as p
from bench import scenarios as s

RATE = 20.0  # requests per second allowed by the sandbox
BURST = 20.0  # requests the sandbox's bucket lets through at once
LATENCIES = (0.010, 0.300)
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    checks: list[bool] = field(default_factory=list)

    def out(self, line: str = "") -> None:
        print(line, flush=True)
        self.lines.append(line)

    def check(self, ok: bool) -> str:
        self.checks.append(ok)
        return "met" if ok else "MISSED"

    def table(self, *header: str) -> None:
        self.out()
        self.out("| " + " | ".join(header) + " |")
        self.out("|" + "---|" * len(header))

    def row(self, *cells: object) -> None:
        self.out("| " + " | ".join(str(cell) for cell in cells) + " |")


def exports(report: Report, n: int) -> None:
    report.out(f"\n## Export of {n} realistic contacts")
    report.out(
        f"\nContacts with 26 fields, notes, tags and channels; `iter()` with its defaults (pages "
        f"of {ex.PAGE_SIZE}, concurrency {ex.CONCURRENCY}) over loopback HTTP against a server of "
        f"rate R = {RATE:g}/s and burst b = {BURST:g}. Floor = (ceil(n / {ex.PAGE_SIZE}) - b) / R. "
        "The writer updates 1% of the contacts during the export, one before each of the "
        "export's first requests. Over bound: requests beyond DESIGN's bound "
        "(1.05 x pages + 3 + 2 x concurrency), with nothing changing."
    )
    report.table("export", "latency", "writer", "lost / repeated", "requests", "over bound",
                 "429s", "wall s", "floor s", "wall / floor", "target")  # fmt: skip
    for latency in LATENCIES:
        for surface in ("v1", "v2"):
            for writer in (False, True):
                run = ex.export_run(
                    n, surface, rate=RATE, burst=BURST, latency=latency, writer=writer
                )
                limit = 1.25 if writer else 1.10 if latency < 0.1 else 1.15
                exact = run.lost == 0 and run.repeated == 0
                ok = exact and run.ratio <= limit and (writer or run.over_bound == 0)
                bound = "" if writer else ", 0 over bound"
                name = "contacts" if surface == "v1" else "contacts_v2"
                changes = f"{run.changed} updates" if writer else "none"
                report.row(f"{surface} `{name}.iter()`", f"{latency * 1000:.0f} ms", changes,
                           f"{run.lost} / {run.repeated}", run.requests,
                           "-" if writer else run.over_bound, run.too_many,
                           f"{run.seconds:.2f}", f"{run.floor:.2f}", f"{run.ratio:.2f}",
                           f"exact, ≤ {limit:.2f}{bound}: {report.check(ok)}")  # fmt: skip


def imports(report: Report, n: int) -> None:
    report.out(f"\n## Import of {n} contacts, 1% of them bound to fail")
    report.table("job", "latency", "requests", "429s", "wall / floor", "failed listed",
                 "each with index and reason", "target")  # fmt: skip
    for latency in LATENCIES:
        for result in s.import_jobs(n, RATE, latency):
            job = result.job
            listed = result.failed == result.expected_failed and result.reasons_given
            ok = job.ratio <= 1.10 and job.too_many == 0 and listed
            report.row(job.name, f"{job.latency * 1000:.0f} ms", job.requests, job.too_many,
                       f"{job.ratio:.2f}", f"{result.failed} of {result.expected_failed}",
                       result.reasons_given, f"≤ 1.10, no 429: {report.check(ok)}")  # fmt: skip


def pacing(report: Report, contacts: int) -> None:
    report.out(f"\n## Pacing: a v2 export of {contacts} contacts ({contacts // p.PAGE_SIZE} pages)"
               " against servers of unknown limits")  # fmt: skip
    report.out(
        f"\nClient ceiling {p.CEILING:g} requests/s, 10 ms latency; no rate-limit headers nor"
        " Retry-After unless the row says so. Floor = (requests needed - burst) / server rate;"
        f" the first {p.LEARNING_429S} 429s are for learning, the share counts those after."
    )
    report.table("server", "requests", "429s", "wall s", "floor s", "wall / floor",
                 "429 share after learning", "target")  # fmt: skip
    for job in p.pacing_jobs(0.010, contacts):
        shared = job.shape.clients > 1
        limit, share = (1.15, 0.02) if shared else (1.10, 0.01)
        ok = job.ratio <= limit and job.share_after_learning <= share and not job.errors
        failed = f" (export failed: {', '.join(job.errors)})" if job.errors else ""
        report.row(job.shape.name + failed, len(job.statuses), job.too_many,
                   f"{job.seconds:.2f}", f"{job.floor:.2f}", f"{job.ratio:.2f}",
                   f"{job.share_after_learning:.1%}",
                   f"≤ {limit:.2f}, ≤ {share:.0%}: {report.check(ok)}")  # fmt: skip


def cpu(report: Report) -> None:
    report.out("\n## CPU per call, on an in-process transport returning prepared bytes")
    report.table("call", "raw httpx µs", "SDK µs", "ratio", "target")
    for cost, limit in zip(s.cpu_costs(), (1.5, 1.5), strict=True):
        report.row(cost.name, f"{cost.raw_us:.0f}", f"{cost.sdk_us:.0f}", f"{cost.ratio:.2f}",
                   f"≤ {limit}: {report.check(cost.ratio <= limit)}")  # fmt: skip


def memory(report: Report, sizes: tuple[int, int]) -> None:
    report.out("\n## Memory: exporting realistic contacts from the in-process sandbox")
    report.table("export", "contacts", "peak RSS growth MB", "target")
    for surface in ("v1", "v2"):
        growths = [s.memory_growth(n, surface)["growth_mb"] for n in sizes]
        for n, growth in zip(sizes, growths, strict=True):
            report.row(f"{surface} `iter()`", n, f"{growth:.1f}",
                       f"≤ 10: {report.check(growth <= 10)}")  # fmt: skip


def import_time(report: Report) -> None:
    report.out("\n## Import time (median of 9 fresh interpreters, bytecode compiled first)")
    times = s.import_times()
    report.table("measure", "ms")
    report.row("`import httpx`", f"{times.httpx_us / 1000:.1f}")
    report.row("`import heymarket_typed`", f"{times.sdk_us / 1000:.1f}")
    report.row("`import heymarket_typed` and a first `Heymarket()` (loads the generated code)",
               f"{times.sdk_and_client_us / 1000:.1f}")  # fmt: skip
    report.out(f"\n`import heymarket_typed` / `import httpx` = {times.ratio:.2f} "
               f"(≤ 1.5: {report.check(times.ratio <= 1.5)}).")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="smaller jobs; RESULTS.md untouched")
    parser.add_argument(
        "--cpu", action="store_true", help="the CPU rows only; RESULTS.md untouched"
    )
    parser.add_argument(
        "--only", choices=sorted(SECTIONS), help="one section; replaces it in RESULTS.md"
    )
    arguments = parser.parse_args()
    quick = arguments.quick
    report = Report()
    if arguments.cpu:
        cpu(report)
        return 0 if all(report.checks) else 1
    report.out(f"# Benchmark results, {datetime.date.today().isoformat()}")
    machine = f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs"
    report.out(
        f"\n{machine}. Sandbox rate limit R = {RATE:g} requests/s; clients paced at R·60 "
        "requests per minute. Floor = requests / R. Each figure is a ratio within this run."
    )
    if arguments.only is not None:
        heading = len(report.lines)
        SECTIONS[arguments.only](report, quick)
        if not quick:
            _replace_section(report.lines[heading:])
        return 0 if all(report.checks) else 1
    for section in SECTIONS.values():
        section(report, quick)
    report.out(f"\n**{sum(report.checks)} of {len(report.checks)} targets met.**")
    if not quick:
        RESULTS.write_text("\n".join(report.lines) + "\n", encoding="utf-8")
        print(f"\nwritten to bench/{RESULTS.name}")
    return 0 if all(report.checks) else 1


SECTIONS: dict[str, Callable[[Report, bool], None]] = {
    "exports": lambda report, quick: exports(report, 5000 if quick else 50_000),
    "imports": lambda report, quick: imports(report, 2000 if quick else 10_000),
    "pacing": lambda report, quick: pacing(report, 2000 if quick else p.CONTACTS),
    "cpu": lambda report, quick: cpu(report),
    "memory": lambda report, quick: memory(
        report, (10_000, 40_000) if quick else (50_000, 200_000)
    ),
    "import-time": lambda report, quick: import_time(report),
}


def _replace_section(lines: list[str]) -> None:
    """Puts one section's fresh lines in place of its old ones (or at the end), dated."""
    lines = "\n".join(lines).split("\n")
    title = next(line for line in lines if line.startswith("## "))
    today = datetime.date.today().isoformat()
    dated = [title, f"\n(This section run alone on {today}.)", *lines[lines.index(title) + 1 :]]
    old = RESULTS.read_text(encoding="utf-8").split("\n") if RESULTS.exists() else []
    # The section titles carry the job size: match on the words before the first number.
    key = title.split(":")[0]
    start = next((i for i, line in enumerate(old) if line.split(":")[0] == key), None)
    if start is None:
        end = start = next((i for i, line in enumerate(old) if line.startswith("**")), len(old))
    else:
        ends = (i for i in range(start + 1, len(old)) if old[i].startswith(("## ", "**")))
        end = next(ends, len(old))
    RESULTS.write_text("\n".join([*old[:start], *dated, "", *old[end:]]), encoding="utf-8")
    print(f"\nsection replaced in bench/{RESULTS.name}")


if __name__ == "__main__":
    sys.exit(main())
