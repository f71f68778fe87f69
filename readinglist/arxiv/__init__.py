"""arXiv links on demand: find each paper on arXiv by its title, confirm it, keep its links.

No UI here: the CLI (`readinglist fetch`) and the app both drive these modules.

    with ArxivClient() as client:
        summary = fetch_papers(client, papers, ArxivStore(arxiv_file(directory)))
"""

from __future__ import annotations

from readinglist.arxiv.client import ArxivCancelled, ArxivClient, ArxivError, ArxivUnreachable
from readinglist.arxiv.feed import FeedEntry, FeedError, parse_feed
from readinglist.arxiv.fetcher import (
    NOT_FOUND_TTL,
    FetchEvent,
    FetchSummary,
    fetch_papers,
    lookup_paper,
    skip_reason,
)
from readinglist.arxiv.matching import best_match, title_query
from readinglist.arxiv.records import ArxivStore, fill_from_arxiv

__all__ = [
    "NOT_FOUND_TTL",
    "ArxivCancelled",
    "ArxivClient",
    "ArxivError",
    "ArxivStore",
    "ArxivUnreachable",
    "FeedEntry",
    "FeedError",
    "FetchEvent",
    "FetchSummary",
    "best_match",
    "fetch_papers",
    "fill_from_arxiv",
    "lookup_paper",
    "parse_feed",
    "skip_reason",
    "title_query",
]
