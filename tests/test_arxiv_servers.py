"""Misbehaving servers: trickling answers, redirect loops and hops elsewhere, a huge
Retry-After, 500 forever and entries that lie about their id. Nothing hangs, nothing prints a
traceback, nothing wrong is stored, and the user hears what is going on."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import pytest
from arxiv_server import FAST_FILE, ArxivServer, Catalog, CatalogPaper, Reply, seed_responder

from readinglist.arxiv.client import ArxivClient, ArxivError, ArxivServerFailure
from readinglist.arxiv.fetcher import FetchEvent, fetch_papers
from readinglist.arxiv.records import ArxivStore
from readinglist.cli import main
from readinglist.papers.models import Paper

NOW = datetime(2026, 4, 12, 12, 0, tzinfo=UTC)
FAST = Paper(id="fast-transformers", title="Fast Transformers with Clustered Attention")
TESTING = Paper(id="testing", title="Testing")
SEED = Path(__file__).parent / "fixtures" / "seeds" / "author-list.txt"


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[ArxivServer]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with ArxivServer(seed_responder) as running:
        yield running


@pytest.fixture
def store(tmp_path: Path) -> ArxivStore:
    return ArxivStore(tmp_path / "arxiv.json")


def quick_client(server: ArxivServer, **options) -> ArxivClient:
    options = {"interval": 0, "timeout": 2, "retries": 2, "backoff": 0.001, **options}
    return ArxivClient(server.url, **options)


def run(client, papers, store, **options):
    events: list[FetchEvent] = []
    summary = fetch_papers(
        client, papers, store, progress=events.append, clock=lambda: NOW, **options
    )
    return summary, events


def test_a_trickling_answer_ends_at_the_deadline_naming_the_paper(server, store) -> None:
    server.script(Reply.file(FAST_FILE, action="trickle", delay=0.02))  # 50 bytes a second
    started = time.monotonic()
    with quick_client(server, deadline=0.4) as client:
        _summary, [event] = run(client, [FAST], store)
    assert time.monotonic() - started < 3
    assert event.paper is FAST and event.outcome == "failed"
    assert event.reason == "no complete answer within 0.4s (the server sends too slowly)"
    assert len(server.requests) == 1  # not retried: as slow a moment later
    assert store.all() == {}


def test_trickled_headers_end_at_the_deadline_too(server) -> None:
    server.script(Reply.file(FAST_FILE, action="trickle-all", delay=0.05))  # headers: 5 s
    started = time.monotonic()
    with quick_client(server, deadline=0.3) as client, pytest.raises(ArxivServerFailure) as raised:
        client.search("ti:x")
    assert time.monotonic() - started < 1.5
    assert str(raised.value) == "no complete answer within 0.3s (the server sends too slowly)"
    assert len(server.requests) == 1


def test_a_kept_alive_connection_is_cut_at_the_deadline_too(server) -> None:
    server.script(Reply.file(FAST_FILE), Reply.file(FAST_FILE, action="trickle-all", delay=0.05))
    with quick_client(server, deadline=0.3) as client:
        client.search("ti:x")  # opens the connection the next request reuses
        with pytest.raises(ArxivServerFailure, match=r"within 0\.3s"):
            client.search("ti:x")
        server.script(Reply.file(FAST_FILE))
        [entry] = client.search("ti:x")  # and the client goes on with a new connection
    assert entry.arxiv_id == "2007.04825"


def test_the_deadline_is_per_request_at_the_client(server) -> None:
    server.script(Reply.file(FAST_FILE, action="trickle", delay=0.02))
    with quick_client(server, deadline=0.3) as client, pytest.raises(ArxivServerFailure):
        client.search("ti:x")


def test_a_redirect_loop_is_one_line_not_a_traceback(server, store) -> None:
    server.responder = lambda params: Reply(302, headers={"Location": "/api/query?again=1"})
    with quick_client(server) as client:
        with pytest.raises(ArxivError, match=r"arXiv: more than 5 redirects \(a redirect loop\?\)"):
            client.search("ti:x")
        _summary, [event] = run(client, [FAST], store)
    assert event.outcome == "failed" and "redirect loop" in event.reason
    assert len(server.requests) == 6 * 2  # no retries of a loop


def test_a_redirect_to_another_host_is_not_followed(server) -> None:
    server.script(Reply(301, headers={"Location": "https://example.org/api/query?q=1"}))
    with quick_client(server) as client, pytest.raises(ArxivError) as raised:
        client.search("ti:x")
    assert str(raised.value) == "arXiv: redirected off arXiv to example.org; not followed"
    assert len(server.requests) == 1


def test_a_redirect_within_the_configured_host_is_followed(server) -> None:
    server.script(Reply(307, headers={"Location": f"{server.base}/moved"}), Reply.file(FAST_FILE))
    with quick_client(server) as client:
        [entry] = client.search("ti:x")
    assert entry.arxiv_id == "2007.04825"
    assert server.paths == ["/api/query", "/moved"]


def test_a_huge_retry_after_stops_the_batch_at_once(server, store) -> None:
    server.responder = lambda params: Reply(429, headers={"Retry-After": "86400"})
    slept: list[float] = []
    with quick_client(server, sleep=slept.append) as client:
        summary, events = run(client, [FAST, TESTING], store, titles_per_request=1)
    assert events == [] and slept == [] and len(server.requests) == 1
    assert summary.not_asked == 2 and summary.nothing_succeeded
    assert summary.stopped.startswith(
        "arXiv answered HTTP 429 and asks us to wait 24.0 hours (Retry-After); stopped: "
    )
    assert "run the same command again later to resume" in summary.stopped


def test_500_forever_stops_after_three_failures_in_a_row(server, store) -> None:
    server.responder = lambda params: Reply(500)
    heard: list[str] = []
    papers = [Paper(id=f"p{n}", title=f"Paper number {n}") for n in range(30)]
    with quick_client(server, notify=heard.append) as client:
        summary, events = run(client, papers, store)
    assert len(server.requests) == 3 * 3  # three requests, each tried three times
    assert heard[0] == "arXiv: HTTP 500; waiting 0.001s before retry 1 of 2"
    assert summary.nothing_succeeded and summary.not_asked == 30 and events == []
    assert summary.stopped == (
        "arXiv failed 3 requests in a row (HTTP 500); stopped: run the same command again "
        "later to resume (papers already found are skipped)"
    )


def test_an_entry_with_a_malformed_or_foreign_id_is_never_stored(server, store) -> None:
    title = "Fast Transformers with Clustered Attention"
    server.responder = Catalog(
        [
            CatalogPaper("2007.04825", title, entry_id="http://arxiv.org/abs/../1234567"),
            CatalogPaper("2007.04825", title, entry_id="http://evil.example/abs/2007.04825v1"),
            CatalogPaper("2007.04825", title, entry_id="http://arxiv.org/abs/2007.4825"),
        ]
    )
    with quick_client(server) as client:
        _summary, [event] = run(client, [FAST], store)
    assert event.outcome == "not_found"
    assert store.get("fast-transformers").arxiv_id is None


class Done(NamedTuple):
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def readinglist(monkeypatch: pytest.MonkeyPatch, capsys):
    """`readinglist(home, url, ARGS..., ENV=value)` run in this process, output captured."""

    def run(home: Path, url: str, *args: str, **env: str) -> Done:
        settings = {
            "READINGLIST_HOME": str(home),
            "READINGLIST_ARXIV_URL": url,
            "READINGLIST_ARXIV_INTERVAL": "0",
            "READINGLIST_ARXIV_MAX_WAIT": "0.01",
            "NO_PROXY": "127.0.0.1",
            **env,
        }
        for name, value in settings.items():
            monkeypatch.setenv(name, value)
        code = main(list(args))
        out, err = capsys.readouterr()
        return Done(code, out, err)

    return run


def test_fetch_against_500_forever_says_why_it_waits_stops_and_exits_1(
    readinglist, library_home, server
) -> None:
    assert readinglist(library_home, server.url, "import", str(SEED)).returncode == 0
    server.responder = lambda params: Reply(500)
    done = readinglist(library_home, server.url, "fetch", "--query", "")
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0].startswith("readinglist: arXiv: HTTP 500; waiting 0.01s before retry 1 of 3")
    assert "Traceback" not in done.stderr
    assert lines[-1].startswith("readinglist: arXiv failed 3 requests in a row (HTTP 500); stopped")
    assert "run the same command again later to resume" in lines[-1]
    assert (
        not (library_home / "arxiv.json").exists()
        or "found" not in (library_home / "arxiv.json").read_text()
    )


def test_fetch_against_a_trickling_server_ends_and_names_the_paper(
    readinglist, library_home, server
) -> None:
    assert readinglist(library_home, server.url, "import", str(SEED)).returncode == 0
    server.responder = lambda params: Reply.file(FAST_FILE, action="trickle", delay=0.05)
    done = readinglist(
        library_home, server.url, "fetch", "--query", "clustered",
        READINGLIST_ARXIV_DEADLINE="0.3",
    )  # fmt: skip
    assert done.returncode == 1
    assert "no complete answer within 0.3s" in done.stderr
    assert '("Fast Transformers with Clustered Attention")' in done.stderr


def test_fetch_after_a_redirect_loop_exits_1_without_a_traceback(
    readinglist, library_home, server
) -> None:
    assert readinglist(library_home, server.url, "import", str(SEED)).returncode == 0
    server.responder = lambda params: Reply(302, headers={"Location": "/loop"})
    done = readinglist(library_home, server.url, "fetch", "--query", "clustered")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "more than 5 redirects" in done.stderr
