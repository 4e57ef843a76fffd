"""Maps a method and path to the route handling it, with the API's 404 and 405 answers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias

from heymarket_typed.testing._errors import ApiError
from heymarket_typed.testing._store import ContactStore

Json: TypeAlias = Any
"""A JSON value as `json.loads` returns it and `json.dumps` takes it."""


@dataclass(frozen=True)
class Call:
    """What a route handler gets: the store and the parsed request.

    Attributes:
        store: The contact store.
        params: Path parameters by name (`id`, `contactID`), as sent.
        query: Query parameters (the last value of each).
        body: The parsed JSON body, or None when the body is empty.
    """

    store: ContactStore
    params: Mapping[str, str]
    query: Mapping[str, str]
    body: Json


Handler: TypeAlias = Callable[[Call], Json]
"""A route handler: returns the 200 response's JSON, or raises `ApiError`."""


@dataclass(frozen=True)
class Route:
    """One operation: a method, a path template such as `/v1/contact/{id}`, and its handler."""

    method: str
    template: str
    handler: Handler


class Router:
    """Finds the handler for a request.

    Literal templates win over templated ones, so `/v1/contact/get` is never read as
    `/v1/contact/{id}` with an id of `get`.
    """

    def __init__(self, routes: Iterable[Route]) -> None:
        by_template: dict[str, dict[str, Handler]] = {}
        for route in routes:
            by_template.setdefault(route.template, {})[route.method] = route.handler
        ordered = sorted(by_template, key=lambda template: "{" in template)
        self._templates = [(self._compile(t), by_template[t]) for t in ordered]

    @staticmethod
    def _compile(template: str) -> re.Pattern[str]:
        pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
        return re.compile(pattern)

    def resolve(self, method: str, path: str) -> tuple[Handler, dict[str, str]]:
        """The handler for the request and its path parameters.

        Raises:
            ApiError: 404 for an unknown path, 405 (with `Allow`) for a known path and
                another method.
        """
        for pattern, handlers in self._templates:
            match = pattern.fullmatch(path)
            if match is None:
                continue
            handler = handlers.get(method)
            if handler is None:
                allowed = ", ".join(sorted(handlers))
                raise ApiError(405, f"{method} is not allowed here", {"Allow": allowed})
            return handler, match.groupdict()
        raise ApiError(404, f"no such endpoint: {path}")
