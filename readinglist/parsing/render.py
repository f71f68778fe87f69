"""Papers written back into a listing page's shape: parsing the page again gives them back.

Used by tests (round trips) and the benchmark (large synthetic pages), so it stays linear.
"""

from __future__ import annotations

import datetime as dt

from readinglist.papers.models import ParsedPaper
from readinglist.parsing.dates import MONTH_ABBREVIATIONS

_SEARCH_HEADER = (
    "Get trending papers in your email inbox once a day!\n"
    "Get trending papers in your email inbox!\n"
)
_DAILY_HEADER = (
    "new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\n"
    "byAK and the research community\n\n"
)


def render_page(papers: list[ParsedPaper], fmt: str, *, listing_date: str | None = None) -> str:
    """The page of format `fmt` (`author-list`, `hf-search`, `hf-daily`) listing `papers`."""
    if fmt == "author-list":
        return "".join(_author_entry(paper) for paper in papers)
    if fmt == "hf-search":
        return _search_page(papers)
    if fmt == "hf-daily":
        if listing_date is None and papers:
            listing_date = papers[0].listing_date
        return _daily_page(papers, listing_date)
    raise ValueError(f"unknown format {fmt!r}")


def _date_text(paper: ParsedPaper) -> str | None:
    if paper.date_text:
        return paper.date_text
    if paper.date:
        day = dt.date.fromisoformat(paper.date)
        return f"{MONTH_ABBREVIATIONS[day.month - 1]} {day.day}, {day.year}"
    return None


def _score(score: float | None) -> str:
    if score is None:
        return ""
    text = repr(float(score))
    return text if "e" not in text else f"{score:.6f}".rstrip("0").rstrip(".")


def _author_entry(paper: ParsedPaper) -> str:
    date_text = _date_text(paper) or "Jan 1, 1970"
    authors = ", ".join(paper.authors)
    if paper.authors_truncated and authors:
        authors += " et al."
    lines = [f"{_score(paper.score)}{paper.category or ''}{date_text}", paper.title + authors]
    if paper.abstract:
        lines.append(paper.abstract)
    return "\n".join(lines) + "\n"


def _search_page(papers: list[ParsedPaper]) -> str:
    parts = [_SEARCH_HEADER, "Subscribe"]
    for paper in papers:
        parts.append(paper.title + "\n")
        if paper.abstract:
            parts.append(paper.abstract + "\n")
    return "".join(parts)


def _daily_page(papers: list[ParsedPaper], listing_date: str | None) -> str:
    parts = [_DAILY_HEADER]
    if listing_date:
        parts.append(listing_date + "\n\n")
    for paper in papers:
        parts.append(paper.title + "\n\n")
        if paper.abstract:
            parts.append(paper.abstract + "\n\n")
        meta = _daily_metadata(paper)
        if meta:
            parts.append(meta + "\n\n")
    return "".join(parts)


def _daily_metadata(paper: ParsedPaper) -> str:
    date_text = _date_text(paper)
    date_line = None
    if date_text:
        date_line = date_text if paper.upvotes is None else f"{date_text} {paper.upvotes}"
    if paper.author_count is not None:
        head = f"  • {paper.author_count} authors"
    elif paper.organization and date_line:
        head = paper.organization  # an organization is known by the date block after it
    else:
        head = None
    if head and date_line:
        return f"{head}\n·\n{date_line}"
    return head or date_line or ""
