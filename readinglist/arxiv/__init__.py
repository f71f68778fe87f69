"""arXiv links on demand: find each paper on arXiv by its title, confirm it, keep its links.

No UI here: the CLI (`readinglist fetch`) and the app both drive these modules.

    with ArxivClient() as client:
        summary = fetch_papers(client, papers, ArxivStore(arxiv_file(directory)))

Names are imported on first use, so reading the stored records (`list`, `export`) never
pays for importing the HTTP client.
"""

from __future__ import annotations

import importlib
from typing import Any

_HOMES = {
    "ArxivCancelled": "client",
    "ArxivClient": "client",
    "ArxivError": "client",
    "ArxivUnreachable": "client",
    "FeedEntry": "feed",
    "FeedError": "feed",
    "parse_feed": "feed",
    "NOT_FOUND_TTL": "fetcher",
    "FetchEvent": "fetcher",
    "FetchSummary": "fetcher",
    "fetch_papers": "fetcher",
    "lookup_paper": "fetcher",
    "skip_reason": "fetcher",
    "best_match": "matching",
    "title_query": "matching",
    "ArxivStore": "records",
    "fill_from_arxiv": "records",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
