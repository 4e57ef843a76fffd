"""`APIResponse[T]`: what `with_raw_response` returns, the HTTP response beside the value."""

from __future__ import annotations

from typing import Generic, TypeVar

import httpx

from ._constants import REQUEST_ID_HEADER
from ._exceptions import scrub_response

# Only read out, so an APIResponse[Contact] is an APIResponse[object].
T_co = TypeVar("T_co", covariant=True)


class APIResponse(Generic[T_co]):
    """A call's HTTP response (status, headers, request id) and the value the plain method
    returns (`parse()`).

    For a call sent as several requests (a chunked `batch_create` or `bulk_upsert`), the
    response is the one that arrived last. Like the errors, it carries a copy of the exchange
    whose request has its Authorization header redacted, so no token is reachable from it.
    """

    http_response: httpx.Response
    """The `httpx.Response`, body read; its `request` has Authorization redacted."""

    def __init__(self, response: httpx.Response, value: T_co) -> None:
        self.http_response = scrub_response(response)
        self._value = value

    @property
    def status_code(self) -> int:
        """The HTTP status, such as 200."""
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The response headers (case-insensitive)."""
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """The `X-Request-Id` header: quote it to Heymarket support. None if absent."""
        request_id: str | None = self.http_response.headers.get(REQUEST_ID_HEADER)
        return request_id

    def parse(self) -> T_co:
        """The value the plain method returns for this response (a model, a list, ...)."""
        return self._value

    def __repr__(self) -> str:
        return (
            f"<APIResponse [{self.status_code}] {self.http_response.request.method} "
            f"{self.http_response.request.url.path} request_id={self.request_id!r}>"
        )
