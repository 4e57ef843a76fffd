"""The exceptions this SDK raises. Bad arguments raise `ValueError` before anything is sent.

```
HeymarketError
├── APIConnectionError          (network failure; no response)
│   └── APITimeoutError
├── APIStatusError              (status_code, request_id, body, response)
│   ├── BadRequestError 400     ├── AuthenticationError 401   ├── PermissionDeniedError 403
│   ├── NotFoundError 404       ├── ConflictError 409         ├── UnprocessableEntityError 422
│   ├── RateLimitError 429      └── InternalServerError 5xx
├── APIResponseValidationError  (a 2xx body that does not match the document)
└── PaginationError             (a cursor that cannot advance)
```
"""

from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    HeymarketError,
    InternalServerError,
    NotFoundError,
    PaginationError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)

__all__ = [
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "HeymarketError",
    "InternalServerError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
]
