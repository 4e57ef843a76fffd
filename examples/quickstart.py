"""A tour of heymarket-typed: errors with request ids, retries that never duplicate a create,
pacing, an export resumed from its checkpoint, and the async client.

By default it runs on the embedded sandbox (`heymarket_typed.testing.FakeHeymarket`, served on
loopback with a rate limit and faults switched on), so it needs no account and no network:
that is `make demo`. `--live` runs the read-only steps against the API the environment names
(HEYMARKET_SECRET_ID and HEYMARKET_SECRET_KEY, or HEYMARKET_API_KEY; HEYMARKET_BASE_URL).

    python examples/quickstart.py [--live]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time
from typing import TextIO

from heymarket_typed import AsyncHeymarket, Heymarket, errors, models
from heymarket_typed.testing import SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, FakeHeymarket, Fault

SANDBOX_CONTACTS = 300
SANDBOX_RATE = 10.0  # requests per second the sandbox allows
CLIENT_RATE = 480  # requests per minute the client allows itself: 8/s, under the sandbox's 10


class Console:
    """Prints the tour: whole lines, plus one progress line that is redrawn in place on a
    terminal and printed once per quarter when piped, so a log never holds a carriage return
    and lines never run together."""

    def __init__(self, stream: TextIO = sys.stdout) -> None:
        self._stream = stream
        self._tty = stream.isatty()
        self._progress = ""  # the progress line on screen, if any
        self._quarter = -1

    def line(self, text: str = "") -> None:
        if self._progress:
            self._stream.write("\r\x1b[K")  # clear the progress line, redraw it after
        self._stream.write(text + "\n")
        if self._progress:
            self._stream.write(self._progress)
        self._stream.flush()

    def progress(self, label: str, done: int, total: int) -> None:
        """Shows `done` of `total`; call `end_progress` when the work stops."""
        text = f"{label}: {done}/{total} ({100 * done // max(total, 1)}%)"
        if self._tty:
            self._progress = text
            self._stream.write("\r\x1b[K" + text)
            self._stream.flush()
            return
        quarter = 4 * done // max(total, 1)
        if quarter > self._quarter:
            self._quarter = quarter
            self.line(text)

    def end_progress(self, text: str) -> None:
        """Replaces the progress line (on a terminal) with `text`, a line of its own."""
        if self._progress:
            self._stream.write("\r\x1b[K")
        self._progress = ""
        self._quarter = -1
        self.line(text)

    def step(self, title: str) -> None:
        self.line()
        self.line(f"== {title}")


class _ConsoleHandler(logging.Handler):
    """Shows the SDK's own log lines (each retry is logged at INFO) in the tour's output."""

    def __init__(self, console: Console) -> None:
        super().__init__(logging.INFO)
        self._console = console

    def emit(self, record: logging.LogRecord) -> None:
        self._console.line(f"   [log] {record.getMessage()}")


def sent_since(fake: FakeHeymarket, mark: int) -> list[int | None]:
    """The statuses the sandbox answered since `mark` requests."""
    return [r.status for r in fake.requests[mark:]]


def show_error_with_request_id(out: Console, client: Heymarket) -> None:
    out.step("an error carries the request id to quote to support")
    try:
        client.contacts.get(999_999)
    except errors.NotFoundError as error:
        out.line(f"{type(error).__name__} {error.status_code}, request id {error.request_id}")


def show_retried_read(out: Console, fake: FakeHeymarket, client: Heymarket, id: int) -> None:
    out.step("a read is retried (the sandbox answers 503 once)")
    fake.inject(Fault(status=503), method="GET", path=f"/v1/contact/{id}")
    mark = len(fake.requests)
    contact = client.contacts.get(id)
    out.line(f"got {contact.display_name}; the sandbox answered {sent_since(fake, mark)}")


def show_create_not_retried(out: Console, fake: FakeHeymarket, client: Heymarket) -> None:
    out.step("a create is not retried (the sandbox creates it, then answers 500)")
    fake.inject(Fault(status=500, after=True), method="POST", path="/v1/contact")
    mark = len(fake.requests)
    phone = "+1 415 555 3535"
    try:
        client.contacts.create(models.ContactInput(phone=phone, first="Grace", last="Hopper"))
    except errors.InternalServerError as error:
        out.line(f"InternalServerError {error.status_code}, request id {error.request_id}")
    out.line(f"sent once: the sandbox answered {sent_since(fake, mark)}")
    found = client.contacts.find(phone=phone)
    out.line(f"yet contact {found.id} exists: sending it again would have made a second one")


def show_pacing(out: Console, fake: FakeHeymarket, client: Heymarket) -> None:
    out.step(
        f"pacing: at most {CLIENT_RATE}/min from the client, the sandbox allows {SANDBOX_RATE:g}/s"
    )
    mark, started, n = len(fake.requests), time.monotonic(), 24
    for _ in range(n):
        client.contacts.count()
    elapsed = time.monotonic() - started
    limited = sent_since(fake, mark).count(429)
    out.line(f"{n} requests in {elapsed:.1f} s ({n / elapsed:.1f}/s), {limited} answered 429")


def show_resumed_export(out: Console, fake: FakeHeymarket, client: Heymarket) -> None:
    out.step("an export, stopped halfway and resumed from its checkpoint (a 503 on the way)")
    total = client.contacts.count()
    fake.inject(Fault(status=503), method="POST", path="/v2/contacts/list")
    seen: dict[int, int] = {}
    export = client.contacts_v2.iter(page_size=50)
    for contact in export:
        seen[contact.id] = seen.get(contact.id, 0) + 1
        out.progress("export", len(seen), total)
        if len(seen) == total // 2:
            break
    checkpoint = export.checkpoint
    export.close()
    out.end_progress(f"stopped at {len(seen)} of {total}; checkpoint: {len(checkpoint)} bytes")

    late = client.contacts.create(models.ContactInput(phone="+1 415 555 3636", first="Late"))
    out.line(f"meanwhile contact {late.id} is created; the export resumes (say, in a new process)")
    total += 1
    for contact in client.contacts_v2.iter(page_size=50, resume=checkpoint):
        seen[contact.id] = seen.get(contact.id, 0) + 1
        out.progress("export", len(seen), total)
    missing = {c["id"] for c in fake.contacts()} - set(seen)
    twice = sum(1 for n in seen.values() if n > 1)
    out.end_progress(
        f"exported {len(seen)} contacts ({'with' if late.id in seen else 'WITHOUT'} the new one):"
        f" {len(missing)} missed, {twice} yielded twice"
    )


def show_async(out: Console, base_url: str, ids: list[int]) -> None:
    out.step(f"the async client: {len(ids)} reads at once with asyncio.gather")

    async def read_all() -> list[models.Contact]:
        async with AsyncHeymarket(
            secret_id=SANDBOX_SECRET_ID,
            secret_key=SANDBOX_SECRET_KEY,
            base_url=base_url,
            requests_per_minute=CLIENT_RATE,
        ) as client:
            return await asyncio.gather(*(client.contacts.get(id) for id in ids))

    started = time.monotonic()
    contacts = asyncio.run(read_all())
    names = ", ".join(str(c.display_name) for c in contacts[:3])
    out.line(f"{len(contacts)} contacts in {time.monotonic() - started:.2f} s: {names}, ...")


def sandbox_tour(out: Console) -> None:
    fake = FakeHeymarket(rate_limit=SANDBOX_RATE, seed=1)
    fake.seed(SANDBOX_CONTACTS)
    with (
        fake.serve() as server,
        Heymarket(
            secret_id=SANDBOX_SECRET_ID,
            secret_key=SANDBOX_SECRET_KEY,
            base_url=server.url,
            requests_per_minute=CLIENT_RATE,
        ) as client,
    ):
        out.line(f"heymarket-typed tour on the embedded sandbox at {server.url}")
        out.line(f"({SANDBOX_CONTACTS} contacts, {SANDBOX_RATE:g} requests/s, faults switched on)")

        out.step("create a contact (the phone is normalised to E.164 digits)")
        ref = client.contacts.create(
            models.ContactInput(phone="+1 (415) 555-3434", first="Ada", last="Lovelace")
        )
        contact = client.contacts.get(ref.id)
        out.line(f"created {contact.id}: {contact.display_name}, phone {contact.phone}")

        show_error_with_request_id(out, client)
        show_retried_read(out, fake, client, ref.id)
        show_create_not_retried(out, fake, client)
        show_pacing(out, fake, client)
        show_resumed_export(out, fake, client)
        show_async(out, server.url, [c["id"] for c in fake.contacts()[:8]])


def live_tour(out: Console) -> None:
    with Heymarket() as client:
        out.line(f"heymarket-typed tour, read-only, against {client.base_url}")
        show_error_with_request_id(out, client)
        out.step("count, then read the newest contacts")
        total = client.contacts.count()
        out.line(f"{total} contacts in the team")
        export = client.contacts_v2.iter(page_size=50, max_items=200)
        read = 0
        for read, _contact in enumerate(export, start=1):
            out.progress("read", read, min(total, 200))
        out.end_progress(f"read {read} contacts; checkpoint: {len(export.checkpoint)} bytes")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--live", action="store_true", help="read-only steps against the API in the environment"
    )
    args = parser.parse_args()
    out = Console()
    logger = logging.getLogger("heymarket_typed")
    logger.addHandler(_ConsoleHandler(out))
    logger.setLevel(logging.INFO)
    try:
        if args.live:
            live_tour(out)
        else:
            sandbox_tour(out)
    except errors.HeymarketError as error:
        out.end_progress(f"failed: {error}")
        return 1
    out.line()
    out.line("done.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
