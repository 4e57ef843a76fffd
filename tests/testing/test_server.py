"""The loopback HTTP server: same behaviour as the transports, over real sockets."""

from __future__ import annotations

import http.client
import json
import socket
import struct
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from heymarket_typed.testing import SANDBOX_API_KEY, FakeHeymarket, Fault, SandboxServer
from tests.testing.conftest import Clock, bearer, make_token
from tests.testing.contract import check_response

AUTH = bearer(SANDBOX_API_KEY)


def _check(response: httpx.Response) -> None:
    check_response(response)


@pytest.fixture
def web(server: SandboxServer) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=server.url, headers=bearer(make_token()), event_hooks={"response": [_check]}
    ) as client:
        yield client


@pytest.fixture
def connection(server: SandboxServer) -> Iterator[http.client.HTTPConnection]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    yield conn
    conn.close()


def test_url_names_the_loopback_port(server: SandboxServer) -> None:
    assert server.port > 0
    assert server.url == f"http://127.0.0.1:{server.port}"


def test_round_trip_over_http(web: httpx.Client, fake: FakeHeymarket) -> None:
    ref = web.post("/v1/contact", json={"phone": "15105553344", "first": "Ada"}).json()

    page = web.post("/v1/contacts", json={}).json()

    assert [c["id"] for c in page] == [ref["id"]]
    assert fake.requests[0].body == {"phone": "15105553344", "first": "Ada"}


def test_errors_and_query_over_http(web: httpx.Client, fake: FakeHeymarket) -> None:
    fake.add_contact(phone="15105553344", email="old@example.com")

    assert web.patch("/v1/contacts").status_code == 405
    assert web.get("/v1/contact/42").status_code == 404
    body = [{"phone": "15105553344"}]
    assert web.post("/v1/batch/contacts?overwrite=true", json=body).json() == "ok"
    assert fake.contacts()[0]["email"] is None


def test_connections_are_kept_alive(connection: http.client.HTTPConnection) -> None:
    sockets = []
    for _ in range(3):
        connection.request("POST", "/v1/contacts/count", body=b"{}", headers=AUTH)
        response = connection.getresponse()
        assert (response.status, json.loads(response.read())) == (200, "0")
        assert response.version == 11
        sockets.append(connection.sock)

    assert sockets[0] is not None
    assert sockets[0] is sockets[1] is sockets[2]


def test_chunked_request_bodies_are_read(
    connection: http.client.HTTPConnection, fake: FakeHeymarket
) -> None:
    body = iter([b'{"phone": ', b'"15105553344"}'])
    connection.request("POST", "/v1/contact", body=body, headers=AUTH, encode_chunked=True)

    assert connection.getresponse().status == 200
    assert fake.contacts()[0]["phone"] == "15105553344"


def test_an_unreadable_body_is_400_and_closes_the_connection(
    connection: http.client.HTTPConnection,
) -> None:
    connection.putrequest("POST", "/v1/contacts/count")
    connection.putheader("Authorization", AUTH["Authorization"])
    connection.putheader("Content-Length", "lots")
    connection.endheaders()

    response = connection.getresponse()

    assert response.status == 400
    assert response.getheader("Connection") == "close"


def test_slow_requests_are_served_concurrently(clock: Clock) -> None:
    fake = FakeHeymarket(latency=0.3, clock=clock)
    with (
        fake.serve() as server,
        httpx.Client(base_url=server.url, headers=AUTH) as client,
        ThreadPoolExecutor(8) as pool,
    ):
        started = time.perf_counter()
        statuses = list(
            pool.map(lambda _: client.post("/v1/contacts/count", json={}).status_code, range(8))
        )
        elapsed = time.perf_counter() - started

    assert statuses == [200] * 8
    assert 0.3 <= elapsed < 1.0


def test_a_drop_closes_the_connection_without_a_response(
    web: httpx.Client, fake: FakeHeymarket
) -> None:
    fake.inject(Fault(drop=True, after=True))

    with pytest.raises(httpx.RemoteProtocolError):
        web.post("/v1/contact", json={"phone": "15105553344"})
    assert len(fake.contacts()) == 1
    assert web.post("/v1/contacts/count", json={}).json() == "1"


def test_a_connect_error_fails_the_request_before_it_is_received(
    web: httpx.Client, fake: FakeHeymarket
) -> None:
    fake.inject(Fault(connect_error=True))

    with pytest.raises(httpx.TransportError):
        web.post("/v1/contact", json={"phone": "15105553344"})
    assert fake.contacts() == []
    assert fake.requests == []
    assert web.post("/v1/contacts/count", json={}).json() == "0"


def test_close_stops_serving_and_is_idempotent(fake: FakeHeymarket) -> None:
    server = fake.serve()
    idle = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    idle.request("POST", "/v1/contacts/count", body=b"{}", headers=AUTH)
    idle.getresponse().read()

    started = time.perf_counter()
    server.close()
    server.close()

    assert time.perf_counter() - started < 1.0
    with pytest.raises(httpx.ConnectError):
        httpx.post(f"{server.url}/v1/contacts/count", json={}, headers=AUTH)
    idle.close()


@pytest.mark.parametrize("method", ["TRACE", "QUERY", "HEAD", "CONNECT"])
def test_any_method_gets_the_engines_answer_not_http_servers(method: str) -> None:
    fake = FakeHeymarket()
    with fake.serve(host="127.0.0.1", port=0) as server, httpx.Client(base_url=server.url) as http:
        response = http.request(
            method, "/v1/contact/98765", headers={"Authorization": f"Bearer {SANDBOX_API_KEY}"}
        )
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-request-id"]
    if method != "HEAD":
        assert response.json()["error_code"] == "method_not_allowed"


def test_a_client_that_gave_up_leaves_no_traceback(capfd: pytest.CaptureFixture[str]) -> None:
    """A client that hangs up before its answer (a timeout, a cancelled task) is not an error."""
    fake = FakeHeymarket(latency=0.3)
    with fake.serve() as server:
        for _ in range(3):
            sock = socket.create_connection(("127.0.0.1", server.port))
            # Linger 0: close sends a reset, so the server's write of the answer fails.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            sock.sendall(b"GET /v1/contact/1 HTTP/1.1\r\nHost: x\r\n\r\n")
            sock.close()
        time.sleep(0.6)
        with httpx.Client(base_url=server.url, headers=AUTH) as web:
            assert web.get("/v1/contact/1").status_code == 404
    assert len(fake.requests) == 4
    assert capfd.readouterr().err == ""
