"""The models users build requests from and get responses as.

Generated from the OpenAPI document (`heymarket_api.models`), plus the SDK's own bulk results.
Fields the API may omit are `Unset` (`UNSET`) when absent; `None` when sent as null.
"""

from heymarket_api.models import (
    BatchFailure,
    ChannelInput,
    Contact,
    ContactChannel,
    ContactField,
    ContactInput,
    ContactInputV2,
    ContactRef,
    ContactStatus,
    ContactStatusValue,
    ContactTag,
    CustomFields,
    FailedContactV2,
    Note,
    TagRef,
)
from heymarket_api.types import UNSET, Unset

from ._results import BatchCreateResult, BulkUpsertResult, FailedContact

__all__ = [
    "UNSET",
    "BatchCreateResult",
    "BatchFailure",
    "BulkUpsertResult",
    "ChannelInput",
    "Contact",
    "ContactChannel",
    "ContactField",
    "ContactInput",
    "ContactInputV2",
    "ContactRef",
    "ContactStatus",
    "ContactStatusValue",
    "ContactTag",
    "CustomFields",
    "FailedContact",
    "FailedContactV2",
    "Note",
    "TagRef",
    "Unset",
]
