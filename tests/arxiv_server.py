"""A real HTTP server on loopback that plays arXiv, scripted per test.

    with ArxivServer() as server:
        server.script(Reply.file("found-fast-transformers.xml"))
        client = ArxivClient(server.url, interval=0, ...)

Queued replies are served in order; once the queue is empty, `responder(params)` answers
(default: 404). Every request's query parameters are kept in `server.requests`.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ARXIV_FIXTURES = Path(__file__).parent / "fixtures" / "arxiv"
ATOM = "application/atom+xml; charset=utf-8"


@dataclass
class Reply:
    """One scripted answer. `action`: "close" (drop the connection, no answer), "truncate"
    (promise more bytes than sent, then close), "slow" (wait `delay` seconds first)."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    action: str | None = None
    delay: float = 0.0

    @classmethod
    def file(cls, name: str, status: int = 200, **kwargs) -> Reply:
        return cls(status, (ARXIV_FIXTURES / name).read_bytes(), **kwargs)


Responder = Callable[[dict[str, str]], Reply]


def not_found(_params: dict[str, str]) -> Reply:
    return Reply(404, b"no scripted reply")


class ArxivServer:
    def __init__(self, responder: Responder = not_found) -> None:
        self.responder = responder
        self.requests: list[dict[str, str]] = []
        self._queue: list[Reply] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/api/query"

    def script(self, *replies: Reply) -> None:
        with self._lock:
            self._queue.extend(replies)

    def __enter__(self) -> ArxivServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()  # releases handlers still waiting in a slow reply
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _next(self, params: dict[str, str]) -> Reply:
        with self._lock:
            self.requests.append(params)
            if self._queue:
                return self._queue.pop(0)
        return self.responder(params)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                query = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
                reply = server._next({k: v[0] for k, v in query.items()})
                if reply.delay and server._stopping.wait(reply.delay):
                    return
                if reply.action == "close":
                    with contextlib.suppress(OSError):
                        self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                    return
                self.send_response(reply.status)
                self.send_header("Content-Type", ATOM)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                body = reply.body
                if reply.action == "truncate":
                    self.send_header("Content-Length", str(len(body)))
                    body = body[: len(body) // 2]
                    self.close_connection = True
                else:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output clean

        return Handler


def seed_responder(params: dict[str, str]) -> Reply:
    """arXiv as the seed papers see it: two known titles, one known id, nothing else."""
    query = params.get("search_query", "")
    if 'ti:"Fast Transformers with Clustered Attention"' in query:
        return Reply.file("found-fast-transformers.xml")
    if query.startswith('ti:"Transformers are RNNs'):
        return Reply.file("old-shape-linear-attention.xml")
    if query.startswith('ti:"Testing'):
        return Reply.file("search-testing-10-entries.xml")
    if params.get("id_list") == "2007.04825":
        return Reply.file("found-fast-transformers.xml")
    return Reply.file("empty-entry-unknown-id.xml")
