"""Presenting a paper: its gaps filled from arXiv, the one rule for a link we hand out, and the
one cleaning of untrusted text (a page, a .bib, arXiv, the user) before a terminal or an export.

Everything that shows a paper outside the library file goes through here, so a title with a
terminal escape, a bidi override or a `javascript:` link is handled the same way everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote, urlsplit

from readinglist.papers.arxiv_ids import ARXIV_HOSTS, parse_arxiv_id
from readinglist.papers.models import ArxivRecord, Paper

# C0 controls but tab and line breaks, DEL, C1 (CSI, OSC, ST...): some terminals act on them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Bidi embeddings, overrides and isolates (U+202A-E, U+2066-9): they reorder what follows, so
# text can display differently from what it is ("Trojan Source").
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("\r\n|[\r\n\u2028\u2029]")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DOI = re.compile(r"^10\.\d{4,9}/[!-~]+$")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_CATEGORY = re.compile(r"^[a-z-]+(?:\.[a-zA-Z-]+)?$")
# Characters a URL keeps as they are; anything else (spaces, quotes, <>, (), \, {}, |, `,
# non-ASCII) is percent-encoded, so the URL cannot break Markdown, BibTeX or RIS around it.
_URL_SAFE = "!#$%&'*+,-./:;=?@[]_~"
FOUND = "found"


def clean_text(text: str) -> str:
    """`text` without control characters (as spaces) and bidi overrides (dropped); line breaks
    become `\\n` and tabs stay."""
    text = _LINE_BREAKS.sub("\n", text)
    return _BIDI.sub("", _CONTROL.sub(" ", text))


def one_line(text: str) -> str:
    """`text` cleaned, on one line, every run of white space one space."""
    return " ".join(clean_text(text).split())


def terminal_text(text: str) -> str:
    """One printable line for a terminal: nothing in it can move the cursor or recolour."""
    return "".join(c if c.isprintable() else " " for c in one_line(text))


def safe_url(url: str | None, hosts: tuple[str, ...] | None = None) -> str | None:
    """`url` when it is an http(s) URL with a host (one of `hosts`, when given), percent-encoded;
    None for anything else: other schemes, credentials in the host, spaces or control bytes."""
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    if any(c.isspace() or not c.isprintable() for c in url) or _BIDI.search(url):
        return None
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host or "@" in parts.netloc:
        return None
    if hosts is not None and host not in hosts:
        return None
    return quote(url, safe=_URL_SAFE)


def found(record: ArxivRecord | None) -> ArxivRecord | None:
    return record if record is not None and record.status == FOUND else None


def arxiv_link(record: ArxivRecord | None, kind: str) -> str | None:
    """The record's abs (`kind="abs"`) or PDF link when it is an http(s) arXiv URL, else None."""
    record = found(record)
    if record is None:
        return None
    return safe_url(record.abs_url if kind == "abs" else record.pdf_url, ARXIV_HOSTS)


def fill_from_arxiv(paper: Paper, record: ArxivRecord | None) -> Paper:
    """The paper with the gaps its pages left filled from arXiv: a copy, `paper` is untouched.

    Fills the author list when the page showed none or a truncated one ("et al."),
    `author_count` when the page gave none, and the date when the page had none. What a page
    printed is never replaced. Returns `paper` itself when there is nothing to fill.
    """
    record = found(record)
    if record is None:
        return paper
    changes: dict[str, Any] = {}
    if record.authors and (not paper.authors or paper.authors_truncated):
        changes["authors"] = list(record.authors)
        changes["authors_truncated"] = False
    if paper.author_count is None and record.authors:
        changes["author_count"] = len(record.authors)
    if paper.date is None and record.published:
        changes["date"] = record.published
    return replace(paper, **changes) if changes else paper


@dataclass(frozen=True, slots=True)
class PaperView:
    """One paper as an export shows it: the page's fields first, arXiv's where the page had
    none, every identifier checked and every link safe."""

    paper: Paper  # filled from arXiv; text fields still raw (clean them where they are shown)
    date: str | None  # ISO: YYYY-MM-DD, YYYY-MM or YYYY
    arxiv_id: str | None  # well-formed, without version
    primary_category: str | None
    doi: str | None
    abs_url: str | None  # the paper's page: arXiv's abs page, else the link a page gave
    pdf_url: str | None

    @property
    def date_parts(self) -> list[int]:
        match = _ISO_DATE.match(self.date or "")
        return [int(p) for p in match.groups() if p] if match else []

    @property
    def year(self) -> str | None:
        parts = self.date_parts
        return f"{parts[0]:04d}" if parts else None

    @property
    def month(self) -> int | None:
        parts = self.date_parts
        return parts[1] if len(parts) > 1 and 1 <= parts[1] <= 12 else None


def view_of(paper: Paper, record: ArxivRecord | None) -> PaperView:
    record = found(record)
    filled = fill_from_arxiv(paper, record)
    date = _best_date(filled.date, getattr(record, "published", None))
    arxiv_id = _arxiv_id(paper.arxiv_id) or _arxiv_id(getattr(record, "arxiv_id", None))
    abs_url = arxiv_link(record, "abs")
    pdf_url = arxiv_link(record, "pdf")
    if arxiv_id and not abs_url:
        abs_url = f"https://arxiv.org/abs/{arxiv_id}"
    if arxiv_id and not pdf_url:
        pdf_url = f"https://arxiv.org/pdf/{arxiv_id}"
    category = (
        getattr(record, "primary_category", None)
        or (paper.subjects[0] if paper.subjects else None)
        or (paper.category if paper.category and "." in paper.category else None)
    )
    return PaperView(
        paper=filled,
        date=date,
        arxiv_id=arxiv_id,
        primary_category=category if category and _CATEGORY.match(category) else None,
        doi=clean_doi(paper.doi) or clean_doi(getattr(record, "doi", None)),
        abs_url=abs_url or safe_url(paper.url),
        pdf_url=pdf_url,
    )


def clean_doi(doi: str | None) -> str | None:
    """A DOI (`10.NNNN/...`, printable ASCII) without a resolver prefix, or None."""
    if not doi or not isinstance(doi, str):
        return None
    doi = _DOI_PREFIX.sub("", doi.strip())
    return doi if _DOI.match(doi) and not any(c in doi for c in '{}\\"<>') else None


def _arxiv_id(value: str | None) -> str | None:
    if not value or not isinstance(value, str):
        return None
    parsed = parse_arxiv_id(value.strip())
    return parsed.id if parsed is not None else None


def _best_date(page: str | None, arxiv: str | None) -> str | None:
    """The page's date; arXiv's when the page had none, or only its year/month."""
    page = page if isinstance(page, str) and _ISO_DATE.match(page) else None
    arxiv = arxiv if isinstance(arxiv, str) and _ISO_DATE.match(arxiv) else None
    if page and arxiv and len(arxiv) > len(page) and arxiv.startswith(page):
        return arxiv
    return page or arxiv
