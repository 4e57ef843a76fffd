"""`python -m heymarket_typed.testing`: serve a FakeHeymarket on loopback until stopped.

The first line of stdout is the server's URL alone, so a parent process (a benchmark, a Prism
proxy, a demo) can start it on port 0 and read where it listens.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from heymarket_typed.testing._fake import FakeHeymarket
from heymarket_typed.testing._jwt import SANDBOX_API_KEY, SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m heymarket_typed.testing",
        description="Serve a fake Heymarket Contacts API over HTTP until SIGINT or SIGTERM.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port to bind; 0 picks a free one")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added per request")
    parser.add_argument("--rate-limit", type=float, help="requests per second (no limit)")
    parser.add_argument("--burst", type=float, help="rate-limit bucket size (one second's worth)")
    parser.add_argument(
        "--no-retry-after", action="store_true", help="send 429 without Retry-After"
    )
    parser.add_argument(
        "--seed-contacts", type=int, default=0, metavar="N", help="start with N contacts"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the server; returns the exit status."""
    args = _parser().parse_args(argv)
    fake = FakeHeymarket(
        latency=args.latency,
        rate_limit=args.rate_limit,
        burst=args.burst,
        retry_after=not args.no_retry_after,
    )
    fake.seed(args.seed_contacts)
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    # Installed before the URL is printed: a parent may signal as soon as it reads it.
    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    with fake.serve(args.host, args.port) as server:
        print(server.url, flush=True)
        print(
            f"secret id {SANDBOX_SECRET_ID!r}, secret key {SANDBOX_SECRET_KEY!r}, "
            f"legacy key {SANDBOX_API_KEY!r}",
            file=sys.stderr,
            flush=True,
        )
        while not stop.wait(0.2):
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
