"""The models users build requests from and get responses as.

Generated from the OpenAPI document (`heymarket_typed_api.models`), plus the SDK's own bulk results.
In a response model a field the API may omit or null reads as `None`; in an input model `UNSET`
means "not sent" and `None` "send null" (the rule: templates/README.md).

Each name is loaded on first use, so `import heymarket_typed` does not load the generated models.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from heymarket_typed_api.models import (
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
    from heymarket_typed_api.types import UNSET, Unset

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

_HOMES = {
    **dict.fromkeys(("UNSET", "Unset"), "heymarket_typed_api.types"),
    **dict.fromkeys(
        ("BatchCreateResult", "BulkUpsertResult", "FailedContact"), "heymarket_typed._results"
    ),
}


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES.get(name, "heymarket_typed_api.models")), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
