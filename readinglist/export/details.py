"""What an export knows about one paper: the listing's fields, completed by its arXiv record."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from readinglist.papers.models import ArxivRecord, Paper

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-\d{2}$")
# Characters a URL may keep as they are; everything else (spaces, quotes, <>, (), \, {}, |,
# non-ASCII) is percent-encoded so the URL cannot break Markdown or BibTeX around it.
_URL_SAFE = "!#$%&'*+,-./:;=?@[]_~"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class PaperDetails:
    authors: list[str]
    authors_truncated: bool
    date: str | None  # YYYY-MM-DD
    abs_url: str | None  # http(s) only
    pdf_url: str | None  # http(s) only
    arxiv_id: str | None
    primary_category: str | None
    doi: str | None

    @property
    def year(self) -> str | None:
        match = _ISO_DATE.match(self.date or "")
        return match.group(1) if match else None

    @property
    def month(self) -> int | None:
        match = _ISO_DATE.match(self.date or "")
        month = int(match.group(2)) if match else 0
        return month if 1 <= month <= 12 else None


def found_record(paper: Paper, arxiv: Mapping[str, ArxivRecord]) -> ArxivRecord | None:
    record = arxiv.get(paper.id)
    return record if record is not None and record.status == "found" else None


def details_of(paper: Paper, arxiv: Mapping[str, ArxivRecord]) -> PaperDetails:
    """The paper's own fields first; arXiv fills what the listing page did not print
    (no author list, or a truncated one), as `readinglist.arxiv.fill_from_arxiv` does."""
    record = found_record(paper, arxiv)
    authors, truncated = list(paper.authors), paper.authors_truncated
    if (not authors or truncated) and record is not None and record.authors:
        authors, truncated = list(record.authors), False
    date = paper.date if _ISO_DATE.match(paper.date or "") else None
    if date is None and record is not None and _ISO_DATE.match(record.published or ""):
        date = record.published
    return PaperDetails(
        authors=authors,
        authors_truncated=truncated,
        date=date,
        abs_url=web_url(record.abs_url) if record else None,
        pdf_url=web_url(record.pdf_url) if record else None,
        arxiv_id=record.arxiv_id if record else None,
        primary_category=record.primary_category if record else None,
        doi=record.doi if record else None,
    )


def source_label(source: str) -> str:
    """A listing page's file name without its directory: exports get shared, home paths not."""
    name = re.split(r"[\\/]", source.strip())[-1]
    return name or source.strip()


def web_url(url: str | None) -> str | None:
    """`url` percent-encoded when it is an http(s) URL with a host; None for anything else."""
    if not url:
        return None
    url = _CONTROL.sub("", url.strip())
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=_URL_SAFE)
