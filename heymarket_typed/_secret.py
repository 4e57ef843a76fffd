"""A credential held so that nothing that prints objects can show it.

Error trackers (Sentry, `traceback.TracebackException(..., capture_locals=True)`) record the
`repr` of every local variable of every frame an error passes through. The secret key and the API
key therefore travel inside a `Secret` from the first line that sees them, and only the code
that signs or sends reads the value.
"""

from __future__ import annotations

from typing import NoReturn


class Secret:
    """A string whose `repr` and `str` are `<redacted>` and which refuses to be pickled."""

    __slots__ = ("__value",)

    def __init__(self, value: str) -> None:
        self.__value = value

    @classmethod
    def of(cls, value: object) -> object:
        """`value` wrapped when it is a non-empty str; anything else as it is (for the checks
        that follow, which never print it)."""
        return cls(value) if isinstance(value, str) and value else value

    def reveal(self) -> str:
        return self.__value

    def __repr__(self) -> str:
        return "<redacted>"

    __str__ = __repr__

    def __reduce__(self) -> NoReturn:
        raise TypeError("a Secret cannot be pickled")
