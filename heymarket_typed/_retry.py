"""When to send a request again, and how long to wait first.

Idempotent requests (GET, PUT, DELETE and the read-only POSTs) are retried on connection errors
and on 408/429/500/502/503/504. Creating requests are retried only when the server cannot have
acted on them: on 429, and when the connection could not be made. A 500 after a create may
already have created the contact, so sending it again could create it twice.

With pacing on, a 429 is retried at once: the pacer, told of the 429, has slowed down (and
holds every request for a `Retry-After`), so the retry waits for its next slot there. A 429
that finds the quota spent is not counted here at all: the transport waits it out
(`_transport.SPENT_WAIT`).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

import httpx

from ._constants import (
    IDEMPOTENT_POST_PATHS,
    INITIAL_RETRY_DELAY,
    MAX_RETRY_DELAY,
    RETRYABLE_STATUSES,
)
from ._limits import retry_after, server_now

# The request never left: no connection, or no free connection in the pool.
_NOT_SENT_ERRORS = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def is_idempotent(request: httpx.Request) -> bool:
    if request.method != "POST":
        return True
    path = request.url.path
    # Match on the end of the path so a base URL with a path prefix (a proxy) still works.
    return any(path.endswith(route) for route in IDEMPOTENT_POST_PATHS)


class RetryPolicy:
    """Decides whether an attempt is retried and the delay before the next one."""

    def __init__(
        self,
        max_retries: int,
        *,
        wall_clock: Callable[[], float] = time.time,
        jitter: Callable[[], float] = random.random,
        paced: bool = False,
    ) -> None:
        self.max_retries = max_retries
        self.paced = paced
        self._wall_clock = wall_clock
        self._jitter = jitter

    def delay_after_error(
        self, request: httpx.Request, error: httpx.TransportError, attempt: int
    ) -> float | None:
        """Seconds to wait before retrying after `error`, or None to give up."""
        if attempt >= self.max_retries:
            return None
        if isinstance(error, _NOT_SENT_ERRORS) or is_idempotent(request):
            return self.backoff(attempt)
        return None

    def delay_after_response(
        self, request: httpx.Request, response: httpx.Response, attempt: int
    ) -> float | None:
        """Seconds to wait before retrying after `response`, or None to keep it."""
        status = response.status_code
        if attempt >= self.max_retries or status not in RETRYABLE_STATUSES:
            return None
        if status != 429 and not is_idempotent(request):
            return None
        if status == 429 and self.paced:
            return 0.0
        wait = self.retry_after(response)
        return self.backoff(attempt) if wait is None else wait

    def backoff(self, attempt: int) -> float:
        """0.5 s doubling to 8 s, shortened by up to a quarter at random so clients spread out."""
        delay = min(INITIAL_RETRY_DELAY * 2.0**attempt, MAX_RETRY_DELAY)
        return delay * (1.0 - 0.25 * self._jitter())

    def retry_after(self, response: httpx.Response) -> float | None:
        """The server's Retry-After in seconds (see `_limits.retry_after`); None if absent."""
        headers = response.headers
        return retry_after(headers.get("Retry-After"), server_now(headers, self._wall_clock()))
