"""Turning responses into what callers get: a typed error for an error response (a hook
that runs after the user's own, so those see every response), and the mark that makes a body
the generated code cannot read an `APIResponseValidationError`."""

from __future__ import annotations

import httpx

from ._exceptions import (
    APIResponseValidationError,
    scrub_in_place,
    status_error,
    validation_error,
)


def _raises(response: httpx.Response) -> bool:
    # A 401 goes back to the auth flow, which may retry with a fresh token before raising.
    return response.is_error and response.status_code != 401


def raise_for_status(response: httpx.Response) -> None:
    """Response hook: the typed error for an error response (but a 401, see `_raises`)."""
    if _raises(response):
        response.read()
        error = status_error(response)
        scrub_in_place(response)
        raise error


async def araise_for_status(response: httpx.Response) -> None:
    if _raises(response):
        await response.aread()
        error = status_error(response)
        scrub_in_place(response)
        raise error


# The generated package's `errors.UNPARSABLE_RESPONSE_EXTENSION` (not imported: see `_client`).
UNPARSABLE_RESPONSE_EXTENSION = "unparsable_response"


def delivered(response: httpx.Response) -> httpx.Response:
    """The final response, marked so that a body the generated code cannot read raises
    `APIResponseValidationError` (through `client.api` too) instead of `UnparsableResponse`."""
    response.extensions[UNPARSABLE_RESPONSE_EXTENSION] = unparsable_body
    return response


def unparsable_body(response: httpx.Response, cause: Exception) -> APIResponseValidationError:
    request = response.request
    problem = f"{type(cause).__name__}: {cause}"
    return validation_error(response, problem, f"{request.method} {request.url.path}")
