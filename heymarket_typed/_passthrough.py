"""Sending through a user's own `httpx.Client` / `httpx.AsyncClient` (`http_client=`)."""

from __future__ import annotations

import httpx

from ._exceptions import client_closed


class ClientTransport(httpx.BaseTransport):
    """Sends through the transport a user's `httpx.Client` would pick for the URL (its proxies,
    mounts, pool and limits). The SDK's own client, built from the user's settings, does the
    rest, so each request crosses httpx's client machinery once, not twice.

    `_transport_for_url` is private to httpx, but stable since 0.18; httpx is pinned below 0.29.
    """

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.client.is_closed:  # closed by the client that owns the pool, or by you
            raise client_closed()
        return self.client._transport_for_url(request.url).handle_request(request)

    def close(self) -> None:
        self.client.close()


class AsyncClientTransport(httpx.AsyncBaseTransport):
    """The async twin of `ClientTransport`, over a user's `httpx.AsyncClient`."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.client.is_closed:
            raise client_closed()
        return await self.client._transport_for_url(request.url).handle_async_request(request)

    async def aclose(self) -> None:
        await self.client.aclose()
