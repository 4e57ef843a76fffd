"""A typed Python SDK for the Heymarket Contacts API (v1 and v2).

```python
from heymarket_typed import Heymarket, models

with Heymarket(secret_id="...", secret_key="...") as client:
    contact: models.Contact = client.contacts.get(98765)
```
"""

from . import errors, models
from ._client import AsyncHeymarket, Heymarket
from ._export_iter import AsyncContactIterator, ContactIterator
from ._version import __version__

__all__ = [
    "AsyncContactIterator",
    "AsyncHeymarket",
    "ContactIterator",
    "Heymarket",
    "__version__",
    "errors",
    "models",
]
