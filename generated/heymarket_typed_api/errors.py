"""Contains shared errors types that can be raised from API functions"""

import httpx


class UnexpectedStatus(Exception):
    """Raised by api functions when the response status an undocumented status and Client.raise_on_unexpected_status is True"""

    def __init__(self, status_code: int, content: bytes):
        self.status_code = status_code
        self.content = content

        super().__init__(
            f"Unexpected status code: {status_code}\n\nResponse content:\n{content.decode(errors='ignore')}"
        )


class UnparsableResponse(Exception):
    """Raised by api functions when a response body does not match the document.

    Carries the response, so callers can report its status and headers (such as a request id).
    """

    def __init__(self, response: httpx.Response, cause: Exception):
        self.response = response
        self.cause = cause
        super().__init__(f"Response body does not match the document: {cause!r}")


UNPARSABLE_RESPONSE_EXTENSION = "unparsable_response"
"""The `httpx.Response.extensions` key under which a transport may put a callable
`(response, cause) -> Exception`: the error to raise when that response's body does not match
the document (an SDK wrapping this client raises its own typed error this way)."""


def unparsable_response(response: httpx.Response, cause: Exception) -> Exception:
    """The error for a response whose body does not match the document."""
    factory = response.extensions.get(UNPARSABLE_RESPONSE_EXTENSION)
    if callable(factory):
        error = factory(response, cause)
        if isinstance(error, Exception):
            return error
    return UnparsableResponse(response, cause)


__all__ = [
    "UNPARSABLE_RESPONSE_EXTENSION",
    "UnexpectedStatus",
    "UnparsableResponse",
    "unparsable_response",
]
