"""Test doubles: a clock that never really sleeps, and a scripted API that records requests."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import httpx

from heymarket_typed import AsyncHeymarket, Heymarket
from heymarket_typed._clock import Clock
from heymarket_typed._settings import clock_for_new_clients

SECRET_ID = "test-secret-id-0001"
SECRET_KEY = "test-secret-key-that-is-long-enough-for-hs256"
BASE_URL = "https://api.heymarket.com"

Reply = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]
C = TypeVar("C", Heymarket, AsyncHeymarket)


def clocked(client_type: type[C], clock: Clock, **options: Any) -> C:
    """A client whose time, pacing and waits all follow `clock` (the SDK's private seam)."""
    with clock_for_new_clients(clock):
        return client_type(**options)


class FakeClock(Clock):
    """Time stands still until someone sleeps; every sleep is recorded and returns at once."""

    def __init__(self, wall: float = 1_700_000_000.0) -> None:
        self.wall = wall
        self.mono = 1000.0
        self.sleeps: list[float] = []
        self._lock = threading.Lock()

    def time(self) -> float:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        with self._lock:
            self.wall += seconds
            self.mono += seconds

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.sleeps.append(seconds)
            self.advance(seconds)

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)


class ScriptedAPI:
    """A mock transport answering from a script (per `METHOD /path`, or a default), recording
    every request it receives."""

    def __init__(self, default: Reply | None = None) -> None:
        self.requests: list[httpx.Request] = []
        self._scripts: dict[str, list[Reply]] = {}
        self._default = default
        self._lock = threading.Lock()

    def on(self, route: str, *replies: Reply) -> ScriptedAPI:
        """Answers `route` ("GET /v1/contact/1") with `replies` in turn, the last one forever."""
        self._scripts.setdefault(route, []).extend(replies)
        return self

    def handle(self, request: httpx.Request) -> httpx.Response:
        # httpx re-sends the same Request object (a 401 retry changes its headers): snapshot it.
        snapshot = httpx.Request(
            request.method, request.url, headers=request.headers.copy(), content=request.read()
        )
        with self._lock:
            self.requests.append(snapshot)
            script = self._scripts.get(f"{request.method} {request.url.path}")
            if script:
                reply = script.pop(0) if len(script) > 1 else script[0]
            elif self._default is not None:
                reply = self._default
            else:
                reply = json_response(404, {"message": f"no script for {request.url.path}"})
        if isinstance(reply, Exception):
            raise reply
        if isinstance(reply, httpx.Response):
            return httpx.Response(
                reply.status_code, headers=reply.headers, content=reply.content, request=request
            )
        return reply(request)

    def bodies(self) -> list[Any]:
        return [json.loads(r.content) if r.content else None for r in self.requests]

    def client(self, **options: Any) -> Heymarket:
        transport = httpx.MockTransport(self.handle)
        options.setdefault("secret_id", SECRET_ID)
        options.setdefault("secret_key", SECRET_KEY)
        options.setdefault("requests_per_minute", None)
        clock = options.pop("_clock", None) or FakeClock()
        http = httpx.Client(transport=transport, base_url=BASE_URL)
        return clocked(Heymarket, clock, http_client=http, **options)

    def async_client(self, **options: Any) -> AsyncHeymarket:
        transport = httpx.MockTransport(self.handle)
        options.setdefault("secret_id", SECRET_ID)
        options.setdefault("secret_key", SECRET_KEY)
        options.setdefault("requests_per_minute", None)
        clock = options.pop("_clock", None) or FakeClock()
        http = httpx.AsyncClient(transport=transport, base_url=BASE_URL)
        return clocked(AsyncHeymarket, clock, http_client=http, **options)


def json_response(status: int, body: Any, **headers: str) -> httpx.Response:
    headers.setdefault("X-Request-Id", f"req-{status}")
    return httpx.Response(status, json=body, headers=headers)


def contact(
    id: int, updated: str = "2024-06-01T12:00:00.000000001Z", **fields: Any
) -> dict[str, Any]:
    return {"id": id, "updated": updated, "phone": f"1415555{id % 10000:04d}", **fields}


def contacts(ids: Iterable[int], updated: str = "2024-06-01T12:00:00Z") -> list[dict[str, Any]]:
    return [contact(i, updated) for i in ids]


class InstantClock(Clock):
    """Real time, but sleeps (backoff, pacing) return at once and are recorded."""

    def __init__(self) -> None:
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.sleeps.append(seconds)

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)
