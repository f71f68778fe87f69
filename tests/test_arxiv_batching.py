"""Many papers per request against a loopback arXiv that answers OR-ed phrases and id lists."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from arxiv_server import ArxivServer, Catalog, CatalogPaper, Reply

from readinglist.arxiv.batching import lookup_ids, lookup_titles, or_query, title_chunks
from readinglist.arxiv.client import ArxivClient
from readinglist.arxiv.fetcher import FetchEvent, fetch_papers
from readinglist.arxiv.records import ArxivStore
from readinglist.papers.models import Paper

NOW = datetime(2026, 4, 12, 12, 0, tzinfo=UTC)
CATALOG = [
    CatalogPaper("2401.00001", "Sparse Attention for Long Documents", version=1),
    CatalogPaper("2401.00002", "Graph Networks Meet Diffusion", version=2),
    # shares every word of a title we ask about, but is another paper
    CatalogPaper("2401.00003", "Sparse Attention for Long Documents and Images: A Survey"),
    CatalogPaper("2401.00004", "Learning to Rank with Sparse Rewards", version=3),
]


@pytest.fixture
def catalog() -> Catalog:
    return Catalog(list(CATALOG))


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, catalog: Catalog) -> Iterator[ArxivServer]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with ArxivServer(catalog) as running:
        yield running


@pytest.fixture
def client(server: ArxivServer) -> Iterator[ArxivClient]:
    with ArxivClient(server.url, interval=0, timeout=2, retries=1, sleep=lambda s: None) as made:
        yield made


@pytest.fixture
def store(tmp_path: Path) -> ArxivStore:
    return ArxivStore(tmp_path / "arxiv.json")


def paper(key: str, title: str, arxiv_id: str | None = None) -> Paper:
    return Paper(id=key, title=title, arxiv_id=arxiv_id)


def run(client, papers, store, **options) -> tuple:
    events: list[FetchEvent] = []
    options.setdefault("clock", lambda: NOW)
    summary = fetch_papers(client, papers, store, progress=events.append, **options)
    return summary, {e.paper.id: e for e in events}


def test_one_request_finds_some_leaves_unrelated_hits_and_misses_each_alone(
    server, client, store
) -> None:
    papers = [
        paper("sparse", "Sparse attention for long documents"),  # found (case aside)
        paper("graph", "Graph Networks Meet Diffusion"),  # found
        paper("ranking", "Learning to Rank"),  # only a longer, unrelated title comes back
        paper("missing", "A Title Nobody Wrote"),  # nothing comes back
    ]
    summary, events = run(client, papers, store)
    assert summary.line() == "found 2, not found 2, failed 0, skipped 0"
    assert len(server.requests) == 1 and summary.requests == 1
    assert server.requests[0]["search_query"] == (
        'ti:"Sparse attention for long documents" OR ti:"Graph Networks Meet Diffusion" OR '
        'ti:"Learning to Rank" OR ti:"A Title Nobody Wrote"'
    )
    assert server.requests[0]["max_results"] == "20"
    assert events["sparse"].record.arxiv_id == "2401.00001"  # not the survey sharing its words
    assert events["graph"].record.arxiv_id == "2401.00002"
    assert events["graph"].record.version == 2
    assert events["ranking"].outcome == events["missing"].outcome == "not_found"
    assert set(store.all()) == {"sparse", "graph", "ranking", "missing"}


def test_a_crowded_answer_asks_the_titles_left_again_smaller(server, client, store) -> None:
    # one phrase matching many papers fills the page before the other title's entry
    server.responder.papers[:0] = [
        CatalogPaper(f"2402.{n:05d}", f"Sparse Rewards Everywhere {n}") for n in range(12)
    ]
    papers = [paper("everywhere", "Sparse Rewards"), paper("ranking", "Learning to Rank with")]
    papers.append(paper("rank-full", "Learning to Rank with Sparse Rewards"))
    summary, events = run(client, papers, store, titles_per_request=2)
    assert events["rank-full"].record.arxiv_id == "2401.00004"
    assert summary.found == 1 and summary.not_found == 2
    first = server.requests[0]
    assert first["max_results"] == "10" and " OR " in first["search_query"]
    asked_alone = [r["search_query"] for r in server.requests if " OR " not in r["search_query"]]
    assert 'ti:"Sparse Rewards"' in asked_alone  # a crowded batch is never a miss for all


def test_known_ids_go_out_a_hundred_per_request_and_an_unknown_id_is_not_found(
    server, client, store
) -> None:
    papers = [paper(f"p{n}", f"Title {n}", f"2401.{n:05d}") for n in range(1, 151)]
    summary, events = run(client, papers, store)
    id_requests = [r for r in server.requests if "id_list" in r]
    assert [len(r["id_list"].split(",")) for r in id_requests] == [100, 50]
    assert events["p1"].record.arxiv_id == "2401.00001"
    # ids arXiv does not know: their titles are searched instead, in batches of ten
    title_requests = [r for r in server.requests if "search_query" in r]
    assert len(title_requests) == 15
    assert summary.found == 4 and summary.not_found == 146
    assert len(server.requests) == 17


def test_lookup_ids_reports_the_unknown_id(server, client) -> None:
    items = [("a", "2401.00001"), ("b", "2401.09999"), ("c", "2401.00002")]
    [results] = list(lookup_ids(client, items))
    assert [(key, entry and entry.arxiv_id) for key, entry in results] == [
        ("a", "2401.00001"),
        ("b", None),
        ("c", "2401.00002"),
    ]
    assert server.requests == [
        {"id_list": "2401.00001,2401.09999,2401.00002", "start": "0", "max_results": "3"}
    ]


def test_an_id_batch_answered_500_is_asked_again_in_halves(server, client) -> None:
    server.script(Reply(500), Reply(500))  # the first request and its one retry
    items = [("a", "2401.00001"), ("b", "2401.00002"), ("c", "2401.00004")]
    answers = [pair for results in lookup_ids(client, items) for pair in results]
    assert [(key, entry.arxiv_id) for key, entry in answers] == [
        ("a", "2401.00001"),
        ("b", "2401.00002"),
        ("c", "2401.00004"),
    ]
    assert [r["id_list"] for r in server.requests] == [
        "2401.00001,2401.00002,2401.00004",
        "2401.00001,2401.00002,2401.00004",
        "2401.00001,2401.00002",
        "2401.00004",
    ]


def test_refresh_reports_a_newer_version_and_keeps_the_one_read(
    server, client, store, catalog
) -> None:
    papers = [paper("graph", "Graph Networks Meet Diffusion")]
    run(client, papers, store)
    assert store.get("graph").version == 2
    catalog.by_id("2401.00002").version = 4  # arXiv gets a new version
    summary, events = run(client, papers, store, refresh=True)
    assert server.requests[-1]["id_list"] == "2401.00002"
    assert events["graph"].newer_version and summary.updated == 1
    assert events["graph"].describe() == "found 2401.00002 v2 (v4 available)"
    record = store.get("graph")
    assert (record.version, record.latest_version) == (2, 4)
    assert record.abs_url == "https://arxiv.org/abs/2401.00002v4"


def test_untitled_and_unsearchable_titles_cost_no_request(server, client) -> None:
    results = [pair for batch in lookup_titles(client, [("x", "???"), ("y", "")]) for pair in batch]
    assert results == [("x", None), ("y", None)] and server.requests == []


def test_a_batch_query_stays_short() -> None:
    long_titles = [(n, "word " * 60) for n in range(10)]
    chunks = title_chunks(long_titles, 10)
    assert len(chunks) > 1
    assert all(len(or_query([t for _, t in chunk]) or "") <= 1_500 for chunk in chunks)


def test_the_521_sample_papers_take_at_most_60_requests() -> None:
    from bench.arxiv_lookups import count_sample_lookups

    figures = count_sample_lookups()
    assert figures["papers"] >= 500
    assert figures["requests"] <= 60
    assert figures["found"] == figures["papers"]  # every sample title confirmed by its own hit
