"""Filtering with OR, parentheses, saved searches and caller-supplied flags (`is:new`...):
each query gives what set logic over its single terms gives, cached or not, scanned or looked up."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readinglist.papers.models import Paper, PaperState
from readinglist.search.index import SearchIndex
from readinglist.search.query import Group, Query, QueryError, parse_query

PAPERS = [
    Paper(id="ddpm", title="Denoising Diffusion Probabilistic Models", authors=["Jonathan Ho"],
          abstract="High quality image synthesis with diffusion.", date="2020-06-19", added=0),
    Paper(id="flow", title="Flow Matching for Generative Modeling", authors=["Yaron Lipman"],
          abstract="Continuous normalizing flows, trained by flow matching.", date="2022-10-06",
          added=1),
    Paper(id="gan", title="Generative Adversarial Nets (GANs)", authors=["Ian Goodfellow"],
          abstract="A generator and a discriminator.", date="2014-06-10", added=2),
    Paper(id="dit", title="Scalable Diffusion Models with Transformers", authors=["W. Peebles"],
          abstract="Diffusion transformers (DiTs).", date="2024-03-02", added=3),
    Paper(id="quant", title="Quantization of LLMs, Revisited", authors=["Kim Lee"],
          abstract="We study quantization. DINOv3 is not it.", date="2025-01-05", added=4),
    Paper(id="fm24", title="Flow Matching Guide and Code", authors=["Kim Park"],
          abstract="A guide to flow matching.", date="2024-12-09", added=5),
]  # fmt: skip
STATES = {"ddpm": PaperState(read=True), "fm24": PaperState(starred=True, tags=["thesis"])}
SEARCHES = {"thesis": '(diffusion OR "flow matching")', "fresh": "year:>=2024 -is:read"}


def ids(indices: list[int]) -> list[str]:
    return [PAPERS[i].id for i in indices]


def find(query: str, **flags) -> list[str]:
    return ids(SearchIndex(PAPERS).filter(parse_query(query, SEARCHES), STATES, flags=flags))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('(diffusion OR "flow matching") -is:read year:>=2024', ["dit", "fm24"]),
        ('diffusion OR "flow matching"', ["ddpm", "flow", "dit", "fm24"]),
        ("gan OR adversarial OR quantization", ["gan", "quant"]),
        ("diffusion year:2020 OR generative", ["ddpm", "flow", "gan"]),
        ("-(diffusion OR flow)", ["gan", "quant"]),
        ("-(diffusion year:2020)", ["flow", "gan", "dit", "quant", "fm24"]),
        ("is:starred OR is:read", ["ddpm", "fm24"]),
        ("tag:thesis OR gan", ["gan", "fm24"]),
        ("@thesis", ["ddpm", "flow", "dit", "fm24"]),
        ("@fresh author:kim", ["quant", "fm24"]),
        ("@thesis -@fresh", ["ddpm", "flow"]),
        ("quantization,", ["quant"]),
        ("quantization?", ["quant"]),
        ("DINOv3.", ["quant"]),
        ("(gan)", ["gan"]),
    ],
)
def test_groups_select_what_they_say(query: str, expected: list[str]) -> None:
    assert find(query) == expected


def test_supplied_flags_take_ids_or_a_test() -> None:
    newest = {p.id for p in PAPERS if p.added >= 4}
    assert find("is:new", new=newest) == ["quant", "fm24"]
    assert find("-is:new", new=newest) == ["ddpm", "flow", "gan", "dit"]
    assert find("is:pdf OR is:updated", pdf={"gan"}, updated=lambda p: p.id == "dit") == [
        "gan",
        "dit",
    ]
    assert find("is:new") == []  # no set supplied: nothing is new


def test_flags_are_re_read_on_every_call() -> None:
    index = SearchIndex(PAPERS)
    assert ids(index.filter("flow is:pdf", {}, flags={"pdf": {"flow"}})) == ["flow"]
    assert ids(index.filter("flow is:pdf", {}, flags={"pdf": {"fm24"}})) == ["fm24"]


# --- against a reference: set logic over one-term queries ---------------------------------

LEAVES = ["diffusion", '"flow matching"', "gen", "author:kim", "year:>=2022", "is:read",
          "tag:thesis", "is:new", "quantization,", "models"]  # fmt: skip
NEW = {"quant", "fm24"}


def reference(node, everything: set[int]) -> set[int]:
    """What a node selects, from one-term queries on a fresh index."""
    if isinstance(node, Group):
        parts = [reference(item, everything) for item in node.items]
        found = set.union(*parts) if node.any_of else set.intersection(*parts)
        return everything - found if node.negated else found
    return set(SearchIndex(PAPERS).filter(Query((node,)), STATES, flags={"new": NEW}))


@st.composite
def queries(draw, depth: int = 0) -> str:
    items = []
    for _ in range(draw(st.integers(1, 3))):
        if depth < 2 and draw(st.booleans()):
            item = f"({draw(queries(depth + 1))})"
        else:
            item = draw(st.sampled_from(LEAVES))
        items.append(("-" if draw(st.booleans()) else "") + item)
    joiner = draw(st.sampled_from([" ", " OR "]))
    return joiner.join(items)


@settings(max_examples=80, deadline=None)
@given(st.lists(queries(), min_size=1, max_size=4), st.booleans())
def test_any_query_equals_set_logic_over_its_terms(texts: list[str], indexed: bool) -> None:
    index = SearchIndex(PAPERS)  # one index for all: later queries meet earlier cached ones
    if indexed:
        index.warm()
        index.scan_below = 0
    everything = set(range(len(PAPERS)))
    for text in texts:
        query = parse_query(text)
        expected = everything
        for node in (*query.terms, *query.groups):
            expected = expected & reference(node, everything)
        assert index.filter(query, STATES, flags={"new": NEW}) == sorted(expected), text


@settings(max_examples=30, deadline=None)
@given(queries(), st.sets(st.integers(0, len(PAPERS) - 1)))
def test_within_restricts_a_grouped_query(text: str, within: set[int]) -> None:
    index = SearchIndex(PAPERS)
    fresh = index.filter(text, STATES)
    assert index.filter(text, STATES, within=within) == [i for i in fresh if i in within]


def test_typing_an_or_query_letter_by_letter_matches_fresh_filters() -> None:
    index = SearchIndex(PAPERS)
    text = '(diffusion OR "flow matching") -is:read year:>=2024'
    for end in range(1, len(text) + 1):
        typed = text[:end]
        try:
            expected = SearchIndex(PAPERS).filter(typed, STATES)
        except QueryError:
            continue
        assert index.filter(typed, STATES) == expected, typed
