"""arXiv links on demand: find each paper on arXiv by its title, confirm it, keep its links.

No UI here: the CLI (`readinglist fetch`) and the app both drive these modules.
"""

from __future__ import annotations

from readinglist.arxiv.client import ArxivClient, ArxivError, ArxivUnreachable
from readinglist.arxiv.feed import FeedEntry, FeedError, parse_feed
from readinglist.arxiv.matching import best_match, title_query

__all__ = [
    "ArxivClient",
    "ArxivError",
    "ArxivUnreachable",
    "FeedEntry",
    "FeedError",
    "best_match",
    "parse_feed",
    "title_query",
]
