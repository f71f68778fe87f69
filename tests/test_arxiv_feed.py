"""Reading arXiv responses: current and older shapes, the error feed, hostile and broken bodies."""

from __future__ import annotations

import time

import pytest
from arxiv_server import ARXIV_FIXTURES

from readinglist.arxiv.feed import ApiErrorFeed, FeedError, parse_feed


def fixture(name: str) -> bytes:
    return (ARXIV_FIXTURES / name).read_bytes()


def test_current_shape_gives_every_field() -> None:
    entries = parse_feed(fixture("search-testing-10-entries.xml"))
    assert len(entries) == 10
    first = entries[0]
    assert first.arxiv_id == "2202.12139"
    assert first.title.startswith("Testing Deep Learning Models: A First Comparative")
    assert first.abs_url == "https://arxiv.org/abs/2202.12139v1"
    assert first.pdf_url == "https://arxiv.org/pdf/2202.12139v1"
    assert first.authors == ["Mohit Kumar Ahuja", "Arnaud Gotlieb", "Helge Spieker"]
    assert first.published == "2022-02-24"
    assert first.primary_category == "cs.SE"
    assert first.doi == "10.1109/ICSTW55395.2022.00035"
    assert "Aurora Ramírez" in entries[1].authors  # non-ASCII names survive


def test_older_shape_wrapped_title_and_links_without_rel() -> None:
    [entry] = parse_feed(fixture("old-shape-linear-attention.xml"))
    assert entry.arxiv_id == "2006.16236"
    assert entry.title == (
        "Transformers are RNNs: Fast Autoregressive Transformers with Linear Attention"
    )
    # The links carry neither rel nor title: built from the id instead.
    assert entry.abs_url == "https://arxiv.org/abs/2006.16236"
    assert entry.pdf_url == "https://arxiv.org/pdf/2006.16236"
    assert entry.authors[-1] == "François Fleuret" and len(entry.authors) == 4
    assert entry.primary_category == "cs.LG"
    assert entry.published == "2020-06-29"
    assert entry.doi is None


def test_empty_entry_for_an_unknown_id_is_no_entry() -> None:
    assert parse_feed(fixture("empty-entry-unknown-id.xml")) == []


def test_error_feed_is_an_error_with_arxivs_reason() -> None:
    with pytest.raises(ApiErrorFeed, match="incorrect id format for abc"):
        parse_feed(fixture("error-http400-bad-id.xml"))


def test_billion_laughs_is_refused_quickly() -> None:
    started = time.monotonic()
    with pytest.raises(FeedError, match="unsafe XML"):
        parse_feed(fixture("billion-laughs.xml"))
    assert time.monotonic() - started < 5  # a guard against a hang, not a speed goal


def test_external_entities_are_refused() -> None:
    body = b"""<?xml version="1.0"?>
<!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2007.04825v1</id>
<title>&x;</title></entry></feed>"""
    with pytest.raises(FeedError, match="unsafe XML"):
        parse_feed(body)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"   \n",
        b"<html><body>Service Unavailable</body></html>",
        b"not xml at all",
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x',
        fixture("found-fast-transformers.xml")[:700],
    ],
    ids=["empty", "blank", "html", "text", "unclosed", "truncated"],
)
def test_unreadable_bodies_raise_feed_error(body: bytes) -> None:
    with pytest.raises(FeedError):
        parse_feed(body)


def test_only_http_links_are_kept() -> None:
    body = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry>
<id>http://arxiv.org/abs/hep-th/9901001v2</id><title>Old style id</title>
<link href="javascript:alert(1)" rel="alternate"/>
<link href="file:///etc/passwd" title="pdf" rel="related"/>
</entry></feed>"""
    [entry] = parse_feed(body)
    assert entry.arxiv_id == "hep-th/9901001"
    assert entry.abs_url == "https://arxiv.org/abs/hep-th/9901001"
    assert entry.pdf_url == "https://arxiv.org/pdf/hep-th/9901001"


def test_a_paper_titled_error_is_still_a_paper() -> None:
    body = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry>
<id>http://arxiv.org/abs/2101.00001v1</id><title>Error</title></entry></feed>"""
    assert [e.arxiv_id for e in parse_feed(body)] == ["2101.00001"]
