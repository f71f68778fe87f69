"""Which hit is the paper: the phrase query sent and the local title confirmation."""

from __future__ import annotations

from arxiv_server import ARXIV_FIXTURES

from readinglist.arxiv.feed import FeedEntry, parse_feed
from readinglist.arxiv.matching import best_match, title_phrase, title_query


def entry(title: str, arxiv_id: str = "2007.04825") -> FeedEntry:
    return FeedEntry(arxiv_id, title, f"https://arxiv.org/abs/{arxiv_id}", "")


def test_query_is_one_quoted_phrase_of_letters_digits_and_spaces() -> None:
    assert title_query('Transformers are RNNs: "Fast" Auto-regressive (v2) Détection') == (
        'ti:"Transformers are RNNs Fast Auto regressive v2 Detection"'
    )


def test_nothing_searchable_gives_no_query() -> None:
    assert title_query("¿?!") is None
    assert title_phrase("  a  --  b ") == "a b"


def test_same_title_printed_differently_matches() -> None:
    hit = entry("Fast Transformers with  Clustered\n Attention")
    assert best_match("fast transformers with clustered attention.", [hit]) is hit


def test_unrelated_hits_of_a_search_are_rejected() -> None:
    hits = parse_feed((ARXIV_FIXTURES / "search-testing-10-entries.xml").read_bytes())
    assert best_match("Testing", hits) is None
    assert best_match("Testing Deep Learning Models", hits) is None  # a prefix is not the paper


def test_a_title_containing_ours_is_not_a_match() -> None:
    # token_set_ratio / partial_ratio would call this 100; ratio does not.
    longer = entry("Fast Transformers with Clustered Attention for Speech Recognition")
    assert best_match("Fast Transformers with Clustered Attention", [longer]) is None


def test_best_of_several_hits_wins_whatever_its_rank() -> None:
    near = entry("Fast Transformer with Clustered Attentions", "2101.00001")
    exact = entry("Fast Transformers with Clustered Attention", "2007.04825")
    assert best_match("Fast Transformers with Clustered Attention", [near, exact]) is exact
