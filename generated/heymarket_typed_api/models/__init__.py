"""Contains all the data models used in inputs/outputs"""

from .batch_failure import BatchFailure
from .bulk_delete_channel import BulkDeleteChannel
from .bulk_delete_request import BulkDeleteRequest
from .bulk_upsert_request import BulkUpsertRequest
from .bulk_upsert_response import BulkUpsertResponse
from .channel_input import ChannelInput
from .contact import Contact
from .contact_channel import ContactChannel
from .contact_field import ContactField
from .contact_input import ContactInput
from .contact_input_v2 import ContactInputV2
from .contact_lookup import ContactLookup
from .contact_ref import ContactRef
from .contact_status import ContactStatus
from .contact_status_query import ContactStatusQuery
from .contact_status_value import ContactStatusValue
from .contact_tag import ContactTag
from .count_request import CountRequest
from .custom_fields import CustomFields
from .error_body import ErrorBody
from .failed_contact_v2 import FailedContactV2
from .list_contacts_v2_request import ListContactsV2Request
from .note import Note
from .pagination_request import PaginationRequest
from .search_channel import SearchChannel
from .search_request import SearchRequest
from .set_status_request import SetStatusRequest
from .tag_ref import TagRef

__all__ = (
    "BatchFailure",
    "BulkDeleteChannel",
    "BulkDeleteRequest",
    "BulkUpsertRequest",
    "BulkUpsertResponse",
    "ChannelInput",
    "Contact",
    "ContactChannel",
    "ContactField",
    "ContactInput",
    "ContactInputV2",
    "ContactLookup",
    "ContactRef",
    "ContactStatus",
    "ContactStatusQuery",
    "ContactStatusValue",
    "ContactTag",
    "CountRequest",
    "CustomFields",
    "ErrorBody",
    "FailedContactV2",
    "ListContactsV2Request",
    "Note",
    "PaginationRequest",
    "SearchChannel",
    "SearchRequest",
    "SetStatusRequest",
    "TagRef",
)
