from typing import Literal

ContactStatusValue = Literal[
    "active", "blocked", "subscribed", "unblocked", "unsubscribed"
]

CONTACT_STATUS_VALUE_VALUES: set[ContactStatusValue] = {
    "active",
    "blocked",
    "subscribed",
    "unblocked",
    "unsubscribed",
}


def check_contact_status_value(value: str) -> ContactStatusValue:
    if value in CONTACT_STATUS_VALUE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CONTACT_STATUS_VALUE_VALUES!r}"
    )
