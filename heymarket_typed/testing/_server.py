"""A real HTTP/1.1 server on loopback, for clients that cannot take an httpx transport.

Contract checks (Stoplight Prism proxies to it), benchmarks and other processes need a URL.
Each connection gets a thread, so slow requests (latency) are served concurrently, and
connections are kept alive between requests.
"""

from __future__ import annotations

import contextlib
import socket
import socketserver
import sys
import threading
import time
from collections.abc import Callable
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from heymarket_typed.testing._engine import Disconnect, Engine, RequestHead, run_sync

IDLE_TIMEOUT = 60.0
"""Seconds an idle keep-alive connection is kept open."""


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(
        self, address: tuple[str, int], engine: Engine, clock: Callable[[], float]
    ) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.engine = engine
        self.clock = clock
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind resolves the host's FQDN, a DNS lookup a loopback server
        # has no use for and that can stall for seconds.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = str(self.server_address[0]), self.server_address[1]

    def get_request(self) -> tuple[socket.socket, Any]:
        connection, address = self.socket.accept()
        with self._connections_lock:
            self._connections.add(connection)
        return connection, address

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stays quiet when the client went away (it gave up, timed out, was cancelled): that
        is the client's business. Anything else is a sandbox bug and is printed."""
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """Ends the kept-alive connections, whose threads would otherwise wait for a request."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = IDLE_TIMEOUT
    # Small responses on a kept-alive connection would otherwise wait on delayed ACKs (~40 ms).
    disable_nagle_algorithm = True
    server: _HttpServer

    def __getattr__(self, name: str) -> Any:
        # Every method, TRACE and QUERY included, goes to the engine, which answers 405 itself
        # (as the in-process transports do), instead of http.server's own 501 HTML page.
        if name.startswith("do_"):
            return self._exchange
        raise AttributeError(name)

    def log_message(self, format: str, *args: Any) -> None:
        """Stays quiet: tests read the request log, not stderr."""

    def version_string(self) -> str:
        """The `Server` header: the same on every machine, so recordings do not differ."""
        return "FakeHeymarket"

    def date_time_string(self, timestamp: float | None = None) -> str:
        """The `Date` header, from the sandbox's clock (a frozen one gives a fixed date)."""
        return formatdate(self.server.clock() if timestamp is None else timestamp, usegmt=True)

    def _exchange(self) -> None:
        url = urlsplit(self.path)
        head = RequestHead(
            method=self.command,
            path=unquote(url.path),
            query=dict(parse_qsl(url.query, keep_blank_values=True)),
            headers={name.lower(): value for name, value in self.headers.items()},
        )
        outcome = run_sync(self.server.engine.exchange(head, self._read_body))
        if isinstance(outcome, Disconnect):
            self.close_connection = True
            return
        # The engine stamps `Date` from the sandbox's clock; http.server would add its own.
        self.send_response_only(outcome.status)
        self.send_header("Server", self.version_string())
        for name, value in outcome.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(outcome.body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(outcome.body)

    def _read_body(self) -> bytes:
        try:
            if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
                return self._read_chunks()
            length = int(self.headers.get("Content-Length", "0"))
            if length < 0:
                raise ValueError(length)
            return self.rfile.read(length)
        except ValueError:
            # The body's end is unknown, so the connection cannot carry another request.
            self.close_connection = True
            raise

    def _read_chunks(self) -> bytes:
        chunks: list[bytes] = []
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip(), 16)
            if size == 0:
                while self.rfile.readline().strip():
                    pass
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()


class SandboxServer:
    """The fake API served over HTTP in a background thread; use it as a context manager.

    Attributes:
        host: The bound host.
        port: The bound port (the one picked by the OS when asked for port 0).
    """

    def __init__(
        self, engine: Engine, host: str, port: int, *, clock: Callable[[], float] = time.time
    ) -> None:
        self._server = _HttpServer((host, port), engine, clock)
        self.host = host
        self.port: int = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"FakeHeymarket-{self.port}",
            daemon=True,
        )
        self._thread.start()
        self._closed = False

    @property
    def url(self) -> str:
        """The base URL, such as `http://127.0.0.1:54321`."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def close(self) -> None:
        """Stops serving and closes every connection; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self._server.shutdown()
        self._server.server_close()
        self._server.close_connections()
        self._thread.join()

    def __enter__(self) -> SandboxServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
