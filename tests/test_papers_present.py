"""papers.present: the one cleaning of untrusted text, the one safe-URL rule, the arXiv fill."""

from __future__ import annotations

import pytest

from readinglist.papers.models import ArxivRecord, Paper
from readinglist.papers.present import (
    arxiv_link,
    clean_doi,
    clean_text,
    fill_from_arxiv,
    one_line,
    safe_url,
    terminal_text,
    view_of,
)


def found(**fields) -> ArxivRecord:
    return ArxivRecord(status="found", checked_at="t", **fields)


def test_clean_text_drops_controls_and_bidi_and_keeps_line_breaks() -> None:
    hostile = "a\x9b31mb\x1b[2Jc\x7fd\u202eevil\u202c\u2066x\u2069\r\ne\u2028f\tg"
    assert clean_text(hostile) == "a 31mb [2Jc devilx\ne\nf\tg"
    assert one_line(hostile) == "a 31mb [2Jc devilx e f g"
    assert terminal_text("x\u200by\x85z") == "x y z"  # zero-width space and NEL: not printable


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,x",
        "file:///etc/passwd",
        "ftp://arxiv.org/x",
        "https://",
        "https://arxiv.org/a b",
        "https://arxiv.org/\x1b[2J",
        "https://arxiv.org/\u202ex",
        "https://arxiv.org@evil.example/",
        "http://[::1",
        None,
        "",
    ],
)
def test_unsafe_urls_are_refused(url: str | None) -> None:
    assert safe_url(url) is None


def test_safe_urls_are_percent_encoded_and_hosts_checked() -> None:
    assert safe_url(" https://x.example/a(b)<c>\"d'é ") == (
        "https://x.example/a%28b%29%3Cc%3E%22d'%C3%A9"
    )
    assert safe_url("https://evil.example/x", ("arxiv.org",)) is None
    assert safe_url("HTTPS://ARXIV.ORG/abs/1", ("arxiv.org",)) == "HTTPS://ARXIV.ORG/abs/1"
    assert arxiv_link(found(abs_url="https://arxiv.org/abs/1"), "abs") == "https://arxiv.org/abs/1"
    assert arxiv_link(found(pdf_url="https://evil.example/1.pdf"), "pdf") is None
    not_found = ArxivRecord(status="not_found", checked_at="t", abs_url="https://arxiv.org/a")
    assert arxiv_link(not_found, "abs") is None


def test_fill_keeps_what_the_page_printed() -> None:
    paper = Paper(id="p", title="T", authors=["A"], authors_truncated=True, date="2024-05")
    record = found(authors=["A", "B"], published="2024-05-07")
    filled = fill_from_arxiv(paper, record)
    assert (filled.authors, filled.authors_truncated, filled.date) == (["A", "B"], False, "2024-05")
    assert paper.authors == ["A"]
    assert fill_from_arxiv(paper, None) is paper


def test_view_checks_every_identifier() -> None:
    paper = Paper(id="p", title="T", arxiv_id="../1234567", doi="doi:10.1/x", date="2024")
    record = found(arxiv_id="2401.00001", published="2024-01-02", doi="10.9/y", abs_url="x:y")
    view = view_of(paper, record)
    assert view.arxiv_id == "2401.00001"
    assert view.abs_url == "https://arxiv.org/abs/2401.00001"
    assert view.date == "2024-01-02"  # the page's year, made precise by arXiv
    assert (view.year, view.month, view.date_parts) == ("2024", 1, [2024, 1, 2])
    assert view.doi is None  # "10.1/x": the registrant code needs 4 digits
    assert clean_doi("https://doi.org/10.1234/abc") == "10.1234/abc"
    assert clean_doi("10.1234/a{b}") is None
    bare = view_of(Paper(id="q", title="T", url="javascript:alert(1)"), None)
    assert (bare.abs_url, bare.arxiv_id, bare.year) == (None, None, None)
