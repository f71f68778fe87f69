"""The arXiv records file and filling a paper's gaps from arXiv."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest
from arxiv_server import ARXIV_FIXTURES

from readinglist.arxiv.feed import parse_feed
from readinglist.arxiv.records import (
    ArxivStore,
    fill_from_arxiv,
    found_record,
    not_found_record,
)
from readinglist.errors import UserError
from readinglist.papers.models import Paper

NOW = datetime(2026, 4, 12, 22, 9, 27, tzinfo=UTC)


def linear_attention_record():
    [entry] = parse_feed((ARXIV_FIXTURES / "old-shape-linear-attention.xml").read_bytes())
    return found_record(entry, NOW)


def test_records_survive_a_reopen_in_a_versioned_file(tmp_path: Path) -> None:
    path = tmp_path / "arxiv.json"
    store = ArxivStore(path)
    store.put("linear", linear_attention_record())
    store.put("missing", not_found_record(NOW))
    document = orjson.loads(path.read_bytes())
    assert (document["kind"], document["schema"]) == ("readinglist-arxiv", 1)
    assert document["tables"]["arxiv"]["missing"] == {
        "status": "not_found",
        "checked_at": "2026-04-12T22:09:27+00:00",
        "arxiv_id": None,
        "abs_url": None,
        "pdf_url": None,
        "primary_category": None,
        "published": None,
        "authors": [],
        "doi": None,
        "title": None,
        "version": None,
        "latest_version": None,
    }
    again = ArxivStore(path)
    assert again.get("linear") == linear_attention_record()
    assert again.get("linear").abs_url == "https://arxiv.org/abs/2006.16236"
    assert set(again.all()) == {"linear", "missing"}
    assert again.get("nope") is None


def test_a_bad_records_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "arxiv.json"
    bad = b'{"kind": "readinglist-arxiv", "schema": 1, "tables": {"arxiv": {"x": {"status": 3}}}}'
    path.write_bytes(bad)
    with pytest.raises(UserError, match=r"arxiv\.json: cannot be read: record .x.: bad status"):
        ArxivStore(path)
    assert path.read_bytes() == bad


def page_paper(**fields) -> Paper:
    base = {"id": "transformers-are-rnns", "title": "Transformers are RNNs"}
    return Paper(**{**base, **fields})


def test_fill_replaces_a_truncated_author_list_and_adds_count_and_date() -> None:
    paper = page_paper(
        authors=["Angelos Katharopoulos", "Apoorv Vyas", "Nikolaos Pappas"],
        authors_truncated=True,
    )
    filled = fill_from_arxiv(paper, linear_attention_record())
    assert filled.authors[-1] == "François Fleuret" and len(filled.authors) == 4
    assert filled.authors_truncated is False
    assert filled.author_count == 4
    assert filled.date == "2020-06-29"
    assert paper.authors_truncated is True and paper.date is None  # the original is untouched


def test_fill_never_overwrites_what_the_page_printed() -> None:
    paper = page_paper(authors=["A. Katharopoulos"], author_count=7, date="2020-07-01")
    filled = fill_from_arxiv(paper, linear_attention_record())
    assert (filled.authors, filled.author_count, filled.date) == (
        ["A. Katharopoulos"],
        7,
        "2020-07-01",
    )


def test_fill_with_no_authors_on_the_page() -> None:
    filled = fill_from_arxiv(page_paper(author_count=4), linear_attention_record())
    assert len(filled.authors) == 4 and filled.author_count == 4


def test_not_found_or_missing_records_fill_nothing() -> None:
    paper = page_paper()
    assert fill_from_arxiv(paper, not_found_record(NOW)) is paper
    assert fill_from_arxiv(paper, None) is paper


def test_a_record_keeps_the_version_it_was_read_at() -> None:
    from readinglist.arxiv.records import refreshed_record, version_seen, version_text

    record = linear_attention_record()
    assert (record.version, record.latest_version) == (3, 3)
    assert version_text(record) == "v3"
    [entry] = parse_feed((ARXIV_FIXTURES / "old-shape-linear-attention.xml").read_bytes())
    entry.version = 4
    newer = refreshed_record(record, entry, NOW)
    assert (newer.version, newer.latest_version) == (3, 4)
    assert version_text(newer) == "v3 (v4 available)"
    assert version_text(version_seen(newer)) == "v4"
    assert version_text(not_found_record(NOW)) is None


def test_a_record_with_a_bad_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "arxiv.json"
    ArxivStore(path).put("linear", linear_attention_record())
    document = orjson.loads(path.read_bytes())
    document["tables"]["arxiv"]["linear"]["version"] = "3"
    path.write_bytes(orjson.dumps(document))
    with pytest.raises(UserError, match="bad 'version'"):
        ArxivStore(path)


def test_a_stored_record_with_a_malformed_id_counts_as_none(tmp_path: Path) -> None:
    path = tmp_path / "arxiv.json"
    store = ArxivStore(path)
    bad = linear_attention_record()
    bad.arxiv_id = "../1234567"  # what an older version stored from a hostile feed
    store.put("bad", bad)
    store.put("good", linear_attention_record())
    again = ArxivStore(path)
    assert again.get("bad") is None and set(again.all()) == {"good"}
