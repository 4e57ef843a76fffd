"""The types of `client.contacts` and `client.contacts_v2`, to annotate your own code with.

```python
from heymarket_typed.resources import Contacts

def sync_all(contacts: Contacts) -> None: ...
```

Importing this module loads the generated package (`heymarket_typed_api`), which importing
`heymarket_typed` alone does not.
"""

from ._raw_response import (
    AsyncContactsV2WithRawResponse,
    AsyncContactsWithRawResponse,
    ContactsV2WithRawResponse,
    ContactsWithRawResponse,
)
from ._resources import AsyncContacts, AsyncContactsV2, Contacts, ContactsV2

__all__ = [
    "AsyncContacts",
    "AsyncContactsV2",
    "AsyncContactsV2WithRawResponse",
    "AsyncContactsWithRawResponse",
    "Contacts",
    "ContactsV2",
    "ContactsV2WithRawResponse",
    "ContactsWithRawResponse",
]
