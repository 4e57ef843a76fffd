"""In-process httpx transports: the fake API without sockets, for fast tests.

They are `httpx.MockTransport`s, one of the transports vcrpy patches, so a cassette recorded
through them holds the exchanges (vcrpy records nothing through a custom transport class).
"""

from __future__ import annotations

import httpx

from heymarket_typed.testing._engine import (
    Disconnect,
    Engine,
    Outcome,
    RequestHead,
    run_async,
    run_sync,
)


def _head(request: httpx.Request) -> RequestHead:
    return RequestHead(
        method=request.method,
        path=request.url.path,
        query=dict(request.url.params.multi_items()),
        headers={name.lower(): value for name, value in request.headers.items()},
    )


def _response(outcome: Outcome, request: httpx.Request) -> httpx.Response:
    """The httpx response, or the exception httpx raises when the network fails that way."""
    if outcome is Disconnect.REFUSED:
        raise httpx.ConnectError("[injected fault] connection refused", request=request)
    if outcome is Disconnect.DROPPED:
        raise httpx.RemoteProtocolError(
            "[injected fault] server disconnected without sending a response", request=request
        )
    return httpx.Response(outcome.status, headers=dict(outcome.headers), content=outcome.body)


class FakeTransport(httpx.MockTransport):
    """Sends each request straight to the fake's engine, on the calling thread."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(self._answer)
        self._engine = engine

    def _answer(self, request: httpx.Request) -> httpx.Response:
        """Answers the request; latency is slept with `time.sleep`."""
        body = request.read()
        return _response(run_sync(self._engine.exchange(_head(request), lambda: body)), request)


class AsyncFakeTransport(httpx.MockTransport):
    """Sends each request straight to the fake's engine, on the event loop."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(self._answer)
        self._engine = engine

    async def _answer(self, request: httpx.Request) -> httpx.Response:
        """Answers the request; latency is awaited with `asyncio.sleep`."""
        body = await request.aread()
        outcome = await run_async(self._engine.exchange(_head(request), lambda: body))
        return _response(outcome, request)
