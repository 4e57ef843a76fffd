"""A typed Python SDK for the Heymarket Contacts API (v1 and v2).

```python
from heymarket_typed import Heymarket, models

with Heymarket(secret_id="...", secret_key="...") as client:
    contact: models.Contact = client.contacts.get(98765)
```
"""

from . import errors, models
from ._client import AsyncHeymarket, Heymarket
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
from ._export_iter import AsyncContactIterator, ContactIterator
from ._logs import configure_from_environment as _configure_from_environment
from ._response import APIResponse
from ._version import __version__

__all__ = [
    "APIConnectionError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncContactIterator",
    "AsyncHeymarket",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "ContactIterator",
    "Heymarket",
    "HeymarketError",
    "InternalServerError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "__version__",
    "errors",
    "models",
]

_configure_from_environment()  # HEYMARKET_LOG=debug|info: a stderr handler, no code needed
