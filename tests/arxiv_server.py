"""A real HTTP server on loopback that plays arXiv, scripted per test.

    with ArxivServer() as server:
        server.script(Reply.file("found-fast-transformers.xml"))
        client = ArxivClient(server.url, interval=0, ...)

Queued replies are served in order; once the queue is empty, `responder(params)` answers
(default: 404). Every request's query parameters are kept in `server.requests`, its path in
`server.paths`. `Catalog` plays arXiv's search over a list of papers: OR-ed `ti:"..."`
phrases and `id_list` batches, answered with Atom feeds built on the fly.
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape, quoteattr

ARXIV_FIXTURES = Path(__file__).parent / "fixtures" / "arxiv"
ATOM = "application/atom+xml; charset=utf-8"


@dataclass
class Reply:
    """One scripted answer. `action`: "close" (drop the connection, no answer), "truncate"
    (promise more bytes than sent, then close), "chunks" (the body in `chunks` pieces,
    `delay` seconds apart), "trickle" (one byte every `delay` seconds; "trickle-all" the
    status line and headers too). Otherwise `delay`
    seconds pass before the answer. A Content-Type in `headers` replaces the Atom one."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    action: str | None = None
    delay: float = 0.0
    chunks: int = 4

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
        self.paths: list[str] = []
        self._queue: list[Reply] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._server.handle_error = lambda request, address: None  # a client that hung up
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"{self.base}/api/query"

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

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

    def _next(self, params: dict[str, str], path: str) -> Reply:
        with self._lock:
            self.requests.append(params)
            self.paths.append(path)
            if self._queue:
                return self._queue.pop(0)
        return self.responder(params)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                query = parse_qs(parts.query, keep_blank_values=True)
                reply = server._next({k: v[0] for k, v in query.items()}, parts.path)
                paced = reply.action in ("chunks", "trickle", "trickle-all")
                if reply.delay and not paced and server._stopping.wait(reply.delay):
                    return
                if reply.action == "close":
                    with contextlib.suppress(OSError):
                        self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                    return
                if reply.action == "trickle-all":  # headers too, a byte at a time
                    head = f"HTTP/1.1 {reply.status} OK\r\nContent-Type: {ATOM}\r\n"
                    head += f"Content-Length: {len(reply.body)}\r\n\r\n"
                    self.close_connection = True
                    self._paced(
                        Reply(action="trickle", delay=reply.delay), head.encode() + reply.body
                    )
                    return
                self.send_response(reply.status)
                if not any(name.lower() == "content-type" for name in reply.headers):
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
                if paced:
                    self._paced(reply, body)
                else:
                    self.wfile.write(body)

            def _paced(self, reply: Reply, body: bytes) -> None:
                size = 1 if reply.action == "trickle" else max(1, -(-len(body) // reply.chunks))
                for start in range(0, len(body), size):  # bounded: the body's length
                    try:
                        self.wfile.write(body[start : start + size])
                        self.wfile.flush()
                    except OSError:
                        return  # the client gave up
                    if server._stopping.wait(reply.delay):
                        return

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output clean

        return Handler


# -- arXiv's search over a catalog of papers -------------------------------------------------

FEED_HEAD = (
    b"<?xml version='1.0' encoding='UTF-8'?>\n"
    b'<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom"'
    b' xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">\n'
    b"<id>https://arxiv.org/api/loopback</id><title>arXiv Query</title>\n"
)
_PHRASE = re.compile(r'ti:"([^"]*)"')
_WORDS = re.compile(r"[a-z0-9]+")


@dataclass
class CatalogPaper:
    arxiv_id: str
    title: str
    version: int = 1
    authors: list[str] = field(default_factory=lambda: ["Ann Lee", "Bo Chen"])
    summary: str = "An abstract."
    published: str = "2024-05-01"
    category: str = "cs.LG"
    entry_id: str | None = None  # what <id> says, when it should lie

    def entry(self) -> bytes:
        link = f"https://arxiv.org/abs/{self.arxiv_id}v{self.version}"
        pdf = f"https://arxiv.org/pdf/{self.arxiv_id}v{self.version}"
        authors = "".join(f"<author><name>{escape(a)}</name></author>" for a in self.authors)
        entry_id = self.entry_id or f"http://arxiv.org/abs/{self.arxiv_id}v{self.version}"
        return (
            f"<entry><id>{escape(entry_id)}</id>"
            f"<title>{escape(self.title)}</title><summary>{escape(self.summary)}</summary>"
            f"<published>{self.published}T10:00:00Z</published>"
            f"<link href={quoteattr(link)} rel='alternate' type='text/html'/>"
            f"<link href={quoteattr(pdf)} rel='related' type='application/pdf' title='pdf'/>"
            f"<arxiv:primary_category term={quoteattr(self.category)}/>{authors}</entry>\n"
        ).encode()


def feed(entries: list[bytes]) -> bytes:
    return FEED_HEAD + b"".join(entries) + b"</feed>\n"


def _words(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


class Catalog:
    """A responder: `ti:"..."` phrases match titles holding those words in order (as arXiv's
    phrase search does), OR-ed phrases add up, `max_results` cuts; `id_list` gives each
    known id's entry and an empty <entry> for an unknown one (arXiv's older answer)."""

    def __init__(self, papers: list[CatalogPaper]) -> None:
        self.papers = list(papers)
        self._words: dict[str, str] = {}

    def _padded(self, title: str) -> str:
        words = self._words.get(title)
        if words is None:
            words = self._words[title] = f" {_words(title)} "
        return words

    def by_id(self, arxiv_id: str) -> CatalogPaper | None:
        return next((p for p in self.papers if p.arxiv_id == arxiv_id), None)

    def __call__(self, params: dict[str, str]) -> Reply:
        limit = int(params.get("max_results") or 10)
        if params.get("id_list"):
            entries = []
            for arxiv_id in params["id_list"].split(","):
                paper = self.by_id(arxiv_id)
                entries.append(paper.entry() if paper else b"<entry></entry>\n")
            return Reply(200, feed(entries[:limit]))
        phrases = [
            f" {w} " for p in _PHRASE.findall(params.get("search_query", "")) if (w := _words(p))
        ]
        hits = [
            p.entry() for p in self.papers if any(ph in self._padded(p.title) for ph in phrases)
        ]
        return Reply(200, feed(hits[:limit]))


def fixture_entries(name: str) -> list[bytes]:
    """The <entry> elements of a recorded feed, namespaces kept where they are declared."""
    text = (ARXIV_FIXTURES / name).read_bytes()
    return re.findall(rb"<entry>.*?</entry>", text, flags=re.DOTALL)


def seed_responder(params: dict[str, str]) -> Reply:
    """arXiv as the seed papers see it: two known titles, one known id, nothing else; OR-ed
    phrases get the entries of each phrase in one feed."""
    if "id_list" in params:
        ids = params["id_list"].split(",")
        known = [e for i in ids if i == "2007.04825" for e in fixture_entries(FAST_FILE)]
        return Reply(200, feed(known or [b"<entry></entry>"]))
    entries: list[bytes] = []
    for phrase in _PHRASE.findall(params.get("search_query", "")):
        if phrase == "Fast Transformers with Clustered Attention":
            entries += fixture_entries(FAST_FILE)
        elif phrase.startswith("Transformers are RNNs"):
            entries += fixture_entries("old-shape-linear-attention.xml")
        elif phrase.startswith("Testing"):
            entries += fixture_entries("search-testing-10-entries.xml")
    return Reply(200, feed(entries[: int(params.get("max_results") or 10)]))


FAST_FILE = "found-fast-transformers.xml"


def wait_until(predicate: Callable[[], bool], timeout: float = 5.0) -> bool:
    """Poll (bounded) until `predicate()` holds; for tests that wait on a server thread."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()
