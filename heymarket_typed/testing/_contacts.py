"""How contact writes behave: the rules the v1 and v2 routes share.

The API's update semantics differ by version (v1 always overwrites names and can replace the
whole contact; v2 merges), and both versions' bulk endpoints reuse their single-contact rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from heymarket_typed.testing import _inputs
from heymarket_typed.testing._store import Record, default_display_name

# Fields a v1 `overwrite=true` update removes when they are not sent. Names follow their own
# rule, and the opt-out status is only changed on purpose.
_OVERWRITTEN = ("email", "avatar", "assigned_user_id", "email_suppressions")


def contact_ref(record: Record) -> dict[str, Any]:
    """What create and v1 update return: `{id, rev, uuid}`."""
    return {"id": record["id"], "rev": record["rev"], "uuid": record["uuid"]}


def _merged_custom(record: Record, fields: Mapping[str, Any]) -> dict[str, Any]:
    return {**(record.get("custom") or {}), **fields["custom"]}


def v1_update(
    record: Record, fields: Mapping[str, Any], *, overwrite: bool
) -> tuple[dict[str, Any], list[str]]:
    """The (changes, removals) of a v1 update of `record` with validated `fields`.

    Names are always overwritten, so names left out are cleared and `display_name` falls back
    to first + last. `overwrite` replaces `custom` and removes the other fields not sent;
    otherwise custom values are merged and fields not sent are kept.
    """
    changes = dict(fields)
    removals = [name for name in ("first", "last") if name not in fields]
    if "display_name" not in fields:
        derived = default_display_name(fields)
        if derived is None:
            removals.append("display_name")
        else:
            changes["display_name"] = derived
    if overwrite:
        changes.setdefault("custom", {})
        changes.setdefault("tags", [])
        removals.extend(key for key in _OVERWRITTEN if key not in fields)
    elif "custom" in fields:
        changes["custom"] = _merged_custom(record, fields)
    return changes, removals


def v2_fields(item: Mapping[str, Any], *, creating: bool) -> dict[str, Any]:
    """Validates a v2 contact input; phone and email come from its phone and email channels.

    Creating requires `contact_channels`; an update may leave them out.
    """
    fields = _inputs.contact_fields(item, require_phone=False)
    if creating or "contact_channels" in item:
        channels = _inputs.channels(item.get("contact_channels"))
        fields["contact_channels"] = channels
        for kind in ("phone", "email"):
            value = next((c["channel_id"] for c in channels if c["channel_type"] == kind), None)
            if value is not None:
                fields[kind] = value
    return fields


def v2_update(record: Record, fields: Mapping[str, Any]) -> dict[str, Any]:
    """The changes of a v2 update: fields sent replace, custom values merge, others stay."""
    changes = dict(fields)
    if "custom" in fields:
        changes["custom"] = _merged_custom(record, fields)
    return changes
