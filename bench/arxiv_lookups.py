"""The arXiv lookup figure: how many requests linking the bundled sample papers takes.

A loopback arXiv (tests/arxiv_server.py's Catalog: OR-ed `ti:"..."` phrases and `id_list`)
knows every sample paper; `fetch_papers` links them all with the interval set to 0, and the
figure is the number of requests sent (one per paper before batching: 521).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from readinglist.arxiv.client import ArxivClient
from readinglist.arxiv.fetcher import fetch_papers
from readinglist.arxiv.records import ArxivStore
from readinglist.papers.library import Library, load_sample

TESTS = Path(__file__).resolve().parents[1] / "tests"


def count_sample_lookups() -> dict[str, int]:
    """{"papers", "requests", "found"} for linking every bundled sample paper."""
    if str(TESTS) not in sys.path:
        sys.path.insert(0, str(TESTS))
    from arxiv_server import ArxivServer, Catalog, CatalogPaper

    with tempfile.TemporaryDirectory(prefix="readinglist-bench-arxiv-") as temp:
        library = Library.open(Path(temp) / "library")
        load_sample(library)
        papers = list(library.papers)
        catalog = Catalog(
            [
                CatalogPaper(p.arxiv_id or f"2501.{n:05d}", p.title)
                for n, p in enumerate(papers, start=1)
            ]
        )
        previous = os.environ.get("NO_PROXY")
        os.environ["NO_PROXY"] = "127.0.0.1"
        try:
            with ArxivServer(catalog) as server, ArxivClient(server.url, interval=0) as client:
                store = ArxivStore(Path(temp) / "arxiv.json")
                summary = fetch_papers(client, papers, store)
                store.close()
        finally:
            if previous is None:
                os.environ.pop("NO_PROXY", None)
            else:
                os.environ["NO_PROXY"] = previous
    return {"papers": len(papers), "requests": summary.requests, "found": summary.found}
