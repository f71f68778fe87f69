"""Batches against a loopback arXiv: what is stored after each kind of answer."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest
from arxiv_server import ArxivServer, Reply, seed_responder

from readinglist.arxiv.client import ArxivClient
from readinglist.arxiv.fetcher import FetchEvent, fetch_papers
from readinglist.arxiv.records import ArxivStore
from readinglist.papers.models import Paper

NOW = datetime(2026, 4, 12, 12, 0, tzinfo=UTC)
FAST = Paper(id="fast-transformers", title="Fast Transformers with Clustered Attention")
LINEAR = Paper(
    id="transformers-are-rnns",
    title="Transformers are RNNs: Fast Autoregressive Transformers with Linear Attention",
)
TESTING = Paper(id="testing", title="Testing")


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[ArxivServer]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")  # a proxy in the environment must not interfere
    with ArxivServer(seed_responder) as running:
        yield running


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def client(server: ArxivServer, sleeps: list[float]) -> Iterator[ArxivClient]:
    with ArxivClient(server.url, interval=0, timeout=2, retries=2, sleep=sleeps.append) as made:
        yield made


@pytest.fixture
def store(tmp_path: Path) -> ArxivStore:
    return ArxivStore(tmp_path / "arxiv.json")


def stored(store: ArxivStore) -> dict:
    """The records as they are on disk, not as the store holds them in memory."""
    if not store.path.exists():
        return {}
    return orjson.loads(store.path.read_bytes())["tables"]["arxiv"]


def run(client, papers, store, then=None, **options):
    """Run a batch; `then(event)` runs after each event is recorded (to cancel, stop...)."""
    events: list[FetchEvent] = []

    def progress(event: FetchEvent) -> None:
        events.append(event)
        if then is not None:
            then(event)

    options.setdefault("clock", lambda: NOW)
    summary = fetch_papers(client, papers, store, progress=progress, **options)
    return summary, events


def test_a_found_paper_is_stored_with_its_links(server, client, store) -> None:
    summary, events = run(client, [FAST], store)
    assert summary.line() == "found 1, not found 0, failed 0, skipped 0"
    assert [e.describe() for e in events] == ["found 2007.04825"]
    assert server.requests == [
        {
            "search_query": 'ti:"Fast Transformers with Clustered Attention"',
            "start": "0",
            "max_results": "5",
        }
    ]
    assert stored(store) == {
        "fast-transformers": {
            "status": "found",
            "checked_at": "2026-04-12T12:00:00+00:00",
            "arxiv_id": "2007.04825",
            "abs_url": "https://arxiv.org/abs/2007.04825v2",
            "pdf_url": "https://arxiv.org/pdf/2007.04825v2",
            "primary_category": "cs.LG",
            "published": "2020-07-09",
            "authors": ["Apoorv Vyas", "Angelos Katharopoulos", "François Fleuret"],
            "doi": None,
            "title": "Fast Transformers with Clustered Attention",
            "version": 2,
            "latest_version": 2,
        }
    }


def test_older_response_shape_is_stored_with_built_links(server, client, store) -> None:
    summary, _ = run(client, [LINEAR], store)
    assert summary.found == 1
    assert server.requests[0]["search_query"] == (
        'ti:"Transformers are RNNs Fast Autoregressive Transformers with Linear Attention"'
    )
    record = stored(store)["transformers-are-rnns"]
    assert (record["arxiv_id"], record["abs_url"], record["pdf_url"]) == (
        "2006.16236",
        "https://arxiv.org/abs/2006.16236",
        "https://arxiv.org/pdf/2006.16236",
    )


def test_unrelated_hits_are_recorded_as_not_found(server, client, store) -> None:
    summary, events = run(client, [TESTING], store)
    assert summary.line() == "found 0, not found 1, failed 0, skipped 0"
    assert events[0].describe() == "not found"
    assert stored(store)["testing"]["status"] == "not_found"
    assert stored(store)["testing"]["arxiv_id"] is None


def test_a_miss_is_remembered_until_it_is_old_or_refreshed(server, client, store) -> None:
    run(client, [TESTING], store)
    summary, events = run(client, [TESTING], store, clock=lambda: NOW + timedelta(days=3))
    assert summary.skipped == 1 and len(server.requests) == 1
    assert "--refresh" in events[0].reason
    run(client, [TESTING], store, refresh=True)
    assert len(server.requests) == 2
    summary, _ = run(client, [TESTING], store, clock=lambda: NOW + timedelta(days=15))
    assert summary.not_found == 1 and len(server.requests) == 3


def test_found_papers_are_skipped_and_refreshed_by_id(server, client, store) -> None:
    run(client, [FAST], store)
    summary, _ = run(client, [FAST], store)
    assert summary.skipped == 1 and len(server.requests) == 1
    summary, _ = run(client, [FAST], store, refresh=True)
    assert summary.found == 1
    assert server.requests[-1]["id_list"] == "2007.04825"
    assert "search_query" not in server.requests[-1]


def test_the_error_feed_fails_the_paper_and_keeps_the_old_record(server, client, store) -> None:
    run(client, [TESTING], store)
    before = stored(store)
    server.script(Reply.file("error-http400-bad-id.xml"))
    summary, events = run(client, [TESTING], store, refresh=True)
    assert summary.line() == "found 0, not found 0, failed 1, skipped 0"
    assert events[0].describe() == "failed: arXiv error: incorrect id format for abc"
    assert stored(store) == before


def test_429_then_success_inside_a_batch(server, client, store, sleeps) -> None:
    server.script(Reply(429, headers={"Retry-After": "5"}))
    summary, _ = run(client, [FAST], store)
    assert summary.found == 1 and sleeps == [5.0] and len(server.requests) == 2
    assert stored(store)["fast-transformers"]["arxiv_id"] == "2007.04825"


@pytest.mark.parametrize(
    "trouble",
    [
        Reply(429),
        Reply(500),
        Reply(503, b"<html>busy</html>"),
        Reply(action="close"),
        Reply.file("found-fast-transformers.xml", action="truncate"),
        Reply.file("found-fast-transformers.xml", delay=5),
    ],
    ids=["429", "500", "503", "closed", "truncated", "slow"],
)
def test_a_passing_trouble_is_retried_and_the_answer_stored(server, store, sleeps, trouble) -> None:
    server.script(trouble)
    with ArxivClient(server.url, interval=0, timeout=0.3, sleep=sleeps.append) as client:
        summary, _ = run(client, [FAST], store)
    assert summary.found == 1 and len(server.requests) == 2 and sleeps == [2.0]
    assert stored(store)["fast-transformers"]["arxiv_id"] == "2007.04825"


def test_a_known_id_arxiv_forgets_keeps_the_links(server, client, store) -> None:
    run(client, [FAST], store)
    before = stored(store)
    server.script(Reply.file("empty-entry-unknown-id.xml"))
    summary, events = run(client, [FAST], store, refresh=True)
    assert summary.failed == 1
    assert events[0].reason == "arXiv returned nothing for 2007.04825; try again later"
    assert stored(store) == before


def test_500s_until_giving_up_fail_one_paper_and_the_batch_goes_on(server, client, store) -> None:
    server.script(*[Reply(500)] * 3)
    summary, events = run(client, [TESTING, FAST], store, titles_per_request=1)
    assert summary.line() == "found 1, not found 0, failed 1, skipped 0"
    assert events[0].describe() == "failed: HTTP 500"
    assert len(server.requests) == 3 + 1
    assert set(stored(store)) == {"fast-transformers"}


def test_a_batch_answered_500_is_asked_again_as_smaller_batches(server, client, store) -> None:
    server.script(*[Reply(500)] * 3)  # the OR-ed request fails, retries included
    summary, _ = run(client, [TESTING, FAST], store)
    assert summary.line() == "found 1, not found 1, failed 0, skipped 0"
    queries = [r["search_query"] for r in server.requests]
    assert queries[:3] == ['ti:"Testing" OR ti:"Fast Transformers with Clustered Attention"'] * 3
    assert queries[3:] == ['ti:"Testing"', 'ti:"Fast Transformers with Clustered Attention"']
    assert set(stored(store)) == {"fast-transformers", "testing"}


@pytest.mark.parametrize(
    "reply, reason",
    [
        (Reply(200, b"<feed><entry><title>cut"), "malformed XML"),
        (Reply.file("billion-laughs.xml"), "unsafe XML"),
        (Reply(404, b"gone"), "HTTP 404"),
    ],
    ids=["malformed", "billion-laughs", "404"],
)
def test_broken_answers_fail_the_paper_without_retry(server, client, store, reply, reason) -> None:
    server.script(reply)
    summary, events = run(client, [FAST], store)
    assert summary.failed == 1 and reason in events[0].reason
    assert len(server.requests) == 1
    assert stored(store) == {}


def test_slow_truncated_and_closed_answers_fail_after_retries(server, store, sleeps) -> None:
    server.script(
        *[Reply.file("found-fast-transformers.xml", delay=5)] * 2,
        *[Reply.file("found-fast-transformers.xml", action="truncate")] * 2,
        *[Reply(action="close")] * 2,
    )
    papers = [FAST, LINEAR, TESTING]
    with ArxivClient(server.url, interval=0, timeout=0.2, retries=1, sleep=sleeps.append) as c:
        summary, events = run(c, papers, store, titles_per_request=1)
    # the third failure in a row stops the batch, saying how to resume
    assert summary.line() == "found 0, not found 0, failed 2, skipped 0"
    assert [e.reason.split(" (")[0] for e in events] == [
        "no answer within 0.2s",
        "connection broken",
    ]
    assert summary.not_asked == 1
    assert "failed 3 requests in a row (connection broken" in summary.stopped
    assert summary.stopped.endswith(
        "run the same command again later to resume (papers already found are skipped)"
    )
    assert len(server.requests) == 6
    assert stored(store) == {}


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_offline_stops_at_once_and_changes_nothing(store, sleeps) -> None:
    url = f"http://127.0.0.1:{unused_port()}/api/query"
    with ArxivClient(url, interval=0, sleep=sleeps.append) as client:
        summary, events = run(client, [FAST, LINEAR, TESTING], store)
        assert client.requests_sent == 1
    assert summary.unreachable and summary.not_asked == 3 and events == []
    assert "cannot reach arXiv" in summary.stopped
    assert not store.path.exists()


def test_a_connection_lost_mid_batch_stops_it_and_keeps_what_was_found(store, sleeps) -> None:
    server = ArxivServer(seed_responder).__enter__()
    client = ArxivClient(server.url, interval=0, retries=2, sleep=sleeps.append)

    def go_down(_event: FetchEvent) -> None:
        server.script(Reply(action="close"))  # drops the kept-alive connection
        server.__exit__()  # and nothing listens any more

    summary, _ = run(client, [FAST, LINEAR, TESTING], store, then=go_down, titles_per_request=1)
    client.close()
    assert summary.found == 1 and summary.not_asked == 2
    assert not summary.unreachable and "lost the connection" in summary.stopped
    assert sleeps == [2.0, 4.0]  # retried with backoff before giving up
    assert set(stored(store)) == {"fast-transformers"}


def test_cancel_stops_before_the_next_paper(server, client, store) -> None:
    cancel = threading.Event()
    summary, _ = run(
        client,
        [FAST, LINEAR, TESTING],
        store,
        cancel=cancel,
        then=lambda e: cancel.set(),
        titles_per_request=1,
    )
    assert summary.cancelled and summary.found == 1 and summary.not_asked == 2
    assert len(server.requests) == 1
    assert set(stored(store)) == {"fast-transformers"}


def test_cancel_cuts_short_a_wait_between_retries(server, store) -> None:
    cancel = threading.Event()
    server.script(Reply(503))
    with ArxivClient(server.url, interval=0, backoff=60, sleep=pytest.fail) as client:
        threading.Timer(0.05, cancel.set).start()
        summary, _ = run(client, [FAST], store, cancel=cancel)
    assert summary.cancelled and summary.not_asked == 1 and len(server.requests) == 1


def test_events_count_through_the_batch(server, client, store) -> None:
    _, events = run(client, [FAST, TESTING], store)
    assert [(e.index, e.total, e.paper.id) for e in events] == [
        (1, 2, "fast-transformers"),
        (2, 2, "testing"),
    ]


def test_cancel_cuts_short_a_request_on_the_wire(server, store) -> None:
    cancel = threading.Event()
    server.script(Reply.file("found-fast-transformers.xml", delay=5))
    with ArxivClient(server.url, interval=0, timeout=10) as client:
        threading.Timer(0.1, cancel.set).start()
        started = time.monotonic()
        summary, events = run(client, [FAST], store, cancel=cancel)
    assert time.monotonic() - started < 1.5
    assert summary.cancelled and events == [] and stored(store) == {}
