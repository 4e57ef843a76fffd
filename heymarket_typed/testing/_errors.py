"""Error responses: the status, the `{error_code, message}` body and the codes per status."""

from __future__ import annotations

import json
from collections.abc import Mapping
from http import HTTPStatus

_CODES = {
    400: "bad_data",
    401: "unauthorized",
    403: "denied",
    404: "not_found",
    405: "method_not_allowed",
    429: "rate_limited",
    500: "internal_error",
    502: "bad_gateway",
    503: "service_unavailable",
    504: "gateway_timeout",
}


def error_code(status: int) -> str:
    """The `error_code` sent with a status (`bad_data` for 400, `rate_limited` for 429, ...)."""
    return _CODES.get(status, "internal_error" if status >= 500 else "error")


def error_body(status: int, message: str | None = None) -> bytes:
    """The JSON error body for a status, with the standard reason phrase as default message."""
    if message is None:
        try:
            message = HTTPStatus(status).phrase
        except ValueError:
            message = "error"
    body = {"error_code": error_code(status), "message": message}
    return json.dumps(body).encode()


class ApiError(Exception):
    """Raised by a route to answer with an error status instead of its result.

    Args:
        status: The HTTP status.
        message: The human-readable `message` of the body.
        headers: Extra response headers (such as `Allow` on a 405).
    """

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


def bad_data(message: str) -> ApiError:
    """A 400 `bad_data` error: the request's fields are malformed or invalid."""
    return ApiError(400, message)


def not_found(message: str = "contact not found") -> ApiError:
    """A 404 `not_found` error."""
    return ApiError(404, message)
