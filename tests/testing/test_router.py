"""Routing: literal paths before templates, 404 and 405 with Allow."""

from __future__ import annotations

import pytest

from heymarket_typed.testing._errors import ApiError
from heymarket_typed.testing._router import Call, Route, Router
from heymarket_typed.testing._routes_v1 import ROUTES as ROUTES_V1
from heymarket_typed.testing._routes_v2 import ROUTES as ROUTES_V2
from tests.openapi_document import operations


def one(call: Call) -> str:
    return "one"


def two(call: Call) -> str:
    return "two"


ROUTER = Router([Route("GET", "/x/{id}", one), Route("POST", "/x/get", two)])


def test_the_fake_routes_exactly_the_documents_operations() -> None:
    routed = {(route.method, route.template) for route in (*ROUTES_V1, *ROUTES_V2)}

    assert routed == {(method, path) for method, path, _ in operations()}


def test_templates_capture_path_parameters() -> None:
    handler, params = ROUTER.resolve("GET", "/x/42")

    assert (handler, params) == (one, {"id": "42"})


def test_literal_templates_win() -> None:
    assert ROUTER.resolve("POST", "/x/get") == (two, {})
    with pytest.raises(ApiError) as raised:
        ROUTER.resolve("GET", "/x/get")
    assert (raised.value.status, raised.value.headers) == (405, {"Allow": "POST"})


@pytest.mark.parametrize("path", ["/x", "/x/1/2", "/x/", "/y/1"])
def test_unknown_paths_are_404(path: str) -> None:
    with pytest.raises(ApiError) as raised:
        ROUTER.resolve("GET", path)
    assert raised.value.status == 404
