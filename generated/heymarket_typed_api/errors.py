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


__all__ = ["UnexpectedStatus", "UnparsableResponse"]
