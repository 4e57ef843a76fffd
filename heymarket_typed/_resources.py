"""`client.contacts` (v1) and `client.contacts_v2` (v2), sync and async.

The classes live in `_contacts_v1` and `_contacts_v2`; what they share in `_resource_base`.
"""

from ._contacts_v1 import AsyncContacts, Contacts
from ._contacts_v2 import AsyncContactsV2, ContactsV2

__all__ = ["AsyncContacts", "AsyncContactsV2", "Contacts", "ContactsV2"]
