"""Fields the new page shapes brought: every arXiv category of a cross-listed paper, the venue
(and journal reference), the arXiv id."""

from __future__ import annotations

from readinglist.papers.models import Paper
from readinglist.search.index import SearchIndex
from readinglist.search.query import parse_query

PAPERS = [
    Paper(
        id="a",
        title="Hedging with Neural Martingales",
        category="q-fin.CP",
        subjects=["q-fin.CP", "stat.ML"],
        arxiv_id="2609.01234",
    ),
    Paper(
        id="b",
        title="Old Strings",
        category="hep-th",
        subjects=["hep-th"],
        arxiv_id="hep-th/9901001",
        journal_ref="Phys. Rev. D 59 (1999) 105",
    ),
    Paper(id="c", title="A Conference Paper", venue="NeurIPS 2024"),
]


def ids(query: str) -> list[str]:
    return [PAPERS[i].id for i in SearchIndex(PAPERS).filter(parse_query(query), {})]


def test_cat_finds_a_paper_under_each_of_its_categories() -> None:
    assert ids("cat:stat.ML") == ["a"]
    assert ids("cat:q-fin") == ["a"]
    assert ids("cat:hep-th") == ["b"]


def test_venue_looks_at_the_venue_and_the_journal_reference() -> None:
    assert ids("venue:neurips") == ["c"]
    assert ids('venue:"phys. rev"') == ["b"]
    assert ids("-venue:neurips") == ["a", "b"]


def test_arxiv_finds_papers_by_id_or_prefix() -> None:
    assert ids("arxiv:2609.01234") == ["a"]
    assert ids("arxiv:2609") == ["a"]
    assert ids("arxiv:hep-th/99") == ["b"]
    assert ids("arxiv:2609 OR venue:neurips") == ["a", "c"]
