"""SearchIndex: every rule of the query language on a small hand-made library."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readinglist.papers.models import Paper, PaperState
from readinglist.search.index import SearchIndex
from readinglist.search.query import QueryError, parse_query

PAPERS = [
    Paper(
        id="attn",
        title="Attention Is All You Need",
        authors=["Ashish Vaswani", "Noam Shazeer"],
        abstract="The dominant sequence transduction models are based on recurrent networks.",
        date="2017-06-12",
        upvotes=120,
        category="CL",
        sources=["pages/author-list.txt"],
    ),
    Paper(
        id="mae",
        title="Masked Autoencoders Are Scalable Vision Learners",
        authors=["Kaiming He", "Piotr Dollár"],
        abstract="It shows that a masked autoencoder is a scalable self-supervised learner.",
        date="2021-11-11",
        upvotes=8,
        category="CV",
        sources=["pages/hf-daily.txt", "pages/hf-search.txt"],
    ),
    Paper(
        id="linear",
        title="Transformers are RNNs: Fast Autoregressive Transformers with Linear Attention",
        authors=["Angelos Katharopoulos", "François Fleuret"],
        abstract="We express self-attention as a linear dot-product of kernel feature maps.",
        date="2020-06-29",
        category="LG",
        sources=["pages/author-list.txt"],
    ),
    Paper(
        id="tsne",
        title="Visualizing Data using t-SNE",
        authors=["Laurens van der Maaten", "Geoffrey Hinton"],
        abstract="A technique that visualizes high-dimensional data; masked words are not here.",
        upvotes=40,
        sources=["pages/hf-search.txt"],
    ),
    Paper(
        id="dino",
        title="DINOv3",
        organization="facebook AI at Meta",
        abstract="Self-supervised learning holds the promise of eliminating manual annotation.",
        date="2025-08-13",
        upvotes=6,
        category="CV",
        sources=["pages/hf-daily.txt"],
    ),
    Paper(
        id="plan",
        title="Need a Small Specialized Language Model? Plan Early!",
        authors=["David Grangier", "Łukasz Kaiser"],
        abstract="Large language models are versatile tools but not suitable for small budgets.",
        date="2024-02-02",
        upvotes=10,
        category="LG",
        sources=["pages/author-list.txt"],
    ),
]
IDS = [p.id for p in PAPERS]
STATES = {
    "attn": PaperState(read=True, starred=True, tags=["Classics", "nlp"]),
    "mae": PaperState(notes="read the decoder part", tags=["vision"]),
    "plan": PaperState(read=True, notes="   "),
    "ghost": PaperState(starred=True),  # a state whose paper is gone: ignored
}


MODE = {"indexed": False}


@pytest.fixture(autouse=True, scope="module", params=["scan", "indexed"])
def mode(request: pytest.FixtureRequest) -> str:
    """Every test runs twice: scanning the text, and with the warmed word index used always."""
    MODE["indexed"] = request.param == "indexed"
    return request.param


def new_index(papers=PAPERS) -> SearchIndex:
    index = SearchIndex(papers)
    if MODE["indexed"]:
        index.scan_below = 0
        index.warm()
    return index


def ids(query: str, states: dict | None = None) -> list[str]:
    index = new_index()
    return [PAPERS[i].id for i in index.filter(query, STATES if states is None else states)]


def test_empty_query_matches_everything_in_order() -> None:
    assert ids("") == IDS
    assert ids("   ") == IDS


def test_free_words_search_title_authors_organization_and_abstract() -> None:
    assert ids("attention") == ["attn", "linear"]
    assert ids("vaswani") == ["attn"]
    assert ids("meta") == ["dino"]
    assert ids("recurrent") == ["attn"]


def test_terms_are_and_ed() -> None:
    assert ids("attention linear") == ["linear"]
    assert ids("masked learner") == ["mae"]


def test_matching_ignores_case_and_accents() -> None:
    assert ids("dollar") == ["mae"]
    assert ids("DOLLÁR") == ["mae"]
    assert ids("lukasz") == ["plan"]
    assert ids("francois") == ["linear"]


def test_a_typo_still_finds_the_word() -> None:
    assert ids("trasformer") == ["linear"]
    assert ids("atention") == ["attn", "linear"]
    assert ids("katharopolous") == ["linear"]
    assert ids("scalabel") == ["mae"]


def test_a_word_found_as_typed_gets_no_fuzzy_neighbours() -> None:
    # "models" occurs in a title, so "model" stays exact and does not pick up e.g. "modal".
    assert ids("model") == ["attn", "plan"]


def test_short_words_are_never_fuzzy() -> None:
    assert ids("rnnz") == []


def test_phrases_match_as_phrases() -> None:
    assert ids('"masked autoencoder"') == ["mae"]
    assert ids('"autoencoder masked"') == []
    assert ids('"masked  words"') == ["tsne"]
    assert ids('title:"plan early"') == ["plan"]
    assert ids('author:"van der maaten"') == ["tsne"]


def test_a_phrase_is_not_fuzzy() -> None:
    assert ids('"trasformer"') == []


def test_negation() -> None:
    assert ids("-attention") == ["mae", "tsne", "dino", "plan"]
    assert ids("-trasformer") == ["attn", "mae", "tsne", "dino", "plan"]
    assert ids('-"masked autoencoder" masked') == ["tsne"]
    assert ids("-author:hinton -author:meta") == ["attn", "mae", "linear", "plan"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("title:attention", ["attn", "linear"]),
        ("title:vaswani", []),
        ("author:hinton", ["tsne"]),
        ("author:meta", ["dino"]),  # the organization counts as an author
        ("author:dollar", ["mae"]),
        ('author:"he piotr"', []),  # a term never spans two authors
        ("abstract:recurrent", ["attn"]),
        ("abstract:attention", ["linear"]),  # not "attn", whose title has it
        ("cat:cv", ["mae", "dino"]),
        ("cat:c", ["attn", "mae", "dino"]),
        ("source:daily", ["mae", "dino"]),
        ("source:author-list", ["attn", "linear", "plan"]),
        ("org:facebook", ["dino"]),
        ("org:he", []),
    ],
)
def test_field_terms(query: str, expected: list[str]) -> None:
    assert ids(query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("is:read", ["attn", "plan"]),
        ("is:unread", ["mae", "linear", "tsne", "dino"]),
        ("-is:read", ["mae", "linear", "tsne", "dino"]),
        ("-is:unread", ["attn", "plan"]),
        ("is:starred", ["attn"]),
        ("-is:starred", ["mae", "linear", "tsne", "dino", "plan"]),
        ("is:noted", ["mae"]),  # blank notes are no notes
        ("-is:noted", ["attn", "linear", "tsne", "dino", "plan"]),
        ("tag:classic", ["attn"]),
        ("tag:CLASSICS", ["attn"]),
        ("-tag:vision", ["attn", "linear", "tsne", "dino", "plan"]),
        ("is:unread tag:vision masked", ["mae"]),
    ],
)
def test_state_terms(query: str, expected: list[str]) -> None:
    assert ids(query) == expected


def test_papers_without_state_are_unread_and_untagged() -> None:
    assert ids("is:unread", states={}) == IDS
    assert ids("is:read", states={}) == []
    assert ids("tag:x", states={}) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year:2021", ["mae"]),
        ("year:>=2021", ["mae", "dino", "plan"]),
        ("year:>2021", ["dino", "plan"]),
        ("year:<2020", ["attn"]),
        ("year:<=2020", ["attn", "linear"]),
        ("year:2018..2021", ["mae", "linear"]),
        ("-year:2018..2021", ["attn", "tsne", "dino", "plan"]),  # tsne has no date
        ("date:2025-08-01..2025-08-31", ["dino"]),
        ("date:>=2024-02-02", ["dino", "plan"]),
        ("date:>2024-02-02", ["dino"]),
        ("date:2024-02", ["plan"]),
        ("date:2020-06-29..", ["mae", "linear", "dino", "plan"]),
        ("date:..2020-06-28", ["attn"]),
        ("-date:..2020-06-28", ["mae", "linear", "tsne", "dino", "plan"]),
        ("upvotes:>10", ["attn", "tsne"]),
        ("upvotes:>=10", ["attn", "tsne", "plan"]),
        ("upvotes:<10", ["mae", "dino"]),  # linear has no upvotes
        ("upvotes:<=10", ["mae", "dino", "plan"]),
        ("upvotes:=8", ["mae"]),
        ("upvotes:8..40", ["mae", "tsne", "plan"]),
        ("-upvotes:>10", ["mae", "linear", "dino", "plan"]),
    ],
)
def test_numeric_and_date_comparisons(query: str, expected: list[str]) -> None:
    assert ids(query) == expected


def test_a_bad_query_raises_query_error() -> None:
    with pytest.raises(QueryError):
        new_index().filter("year:abc", {})


def test_parsed_query_and_text_give_the_same_result() -> None:
    index = new_index()
    assert index.filter(parse_query("cv -is:read"), STATES) == index.filter("cv -is:read", STATES)


def test_within_restricts_the_search() -> None:
    index = new_index()
    assert index.filter("attention", {}, within=[1, 2, 3]) == [2]
    assert index.filter("", {}, within=[4, 0, 4]) == [0, 4]


def test_update_sees_new_and_changed_papers() -> None:
    papers = list(PAPERS)
    index = new_index(papers)
    assert index.filter("diffusion", {}) == []
    papers.append(Paper(id="diff", title="Diffusion Models Beat GANs"))
    index.update(papers)
    if MODE["indexed"]:
        index.warm()
    assert index.filter("diffusion", {}) == [len(PAPERS)]
    assert index.filter("gans", {}) == [len(PAPERS)]


def test_state_changes_show_on_the_next_call() -> None:
    index = new_index()
    states = {"mae": PaperState()}
    assert index.filter("masked -is:read", states) == [1, 3]
    states["mae"] = PaperState(read=True)
    assert index.filter("masked -is:read", states) == [3]


def test_the_result_is_the_callers_to_keep() -> None:
    index = new_index()
    first = index.filter("attention", {})
    first.append(99)
    assert index.filter("attention", {}) == [0, 2]


# --- incremental filtering gives what a fresh index gives -----------------------------------

WORDS = ["attention", "trasformer", "masked", "dollar", "learner", "atention", "model", "self"]
TERMS = [
    "author:ka",
    "-is:read",
    "cat:cv",
    "year:>=2020",
    '"self-supervised"',
    "-masked",
    "tag:vision",
    "upvotes:<50",
]


def typing(text: str) -> list[str]:
    return [text[:end] for end in range(1, len(text) + 1)]


@st.composite
def sessions(draw) -> list[str]:
    """What a user types in the filter box: words letter by letter, terms, backspaces."""
    queries: list[str] = []
    current = ""
    for _ in range(draw(st.integers(1, 6))):
        action = draw(st.sampled_from(["word", "term", "backspace", "clear"]))
        if action == "word":
            word = draw(st.sampled_from(WORDS))
            queries += [f"{current} {part}".strip() for part in typing(word)]
            current = queries[-1]
        elif action == "term":
            current = f"{current} {draw(st.sampled_from(TERMS))}".strip()
            queries.append(current)
        elif action == "backspace":
            for _ in range(draw(st.integers(1, 4))):
                current = current[:-1]
                queries.append(current)
        else:
            current = ""
            queries.append(current)
    return queries


@settings(max_examples=60, deadline=None)
@given(sessions())
def test_incremental_filtering_equals_a_fresh_filter(queries: list[str]) -> None:
    index = new_index()
    for text in queries:
        try:
            expected = SearchIndex(PAPERS).filter(text, STATES)  # scanning, nothing cached
        except QueryError:
            continue
        assert index.filter(text, STATES) == expected, text


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(WORDS + TERMS), st.sets(st.integers(0, len(PAPERS) - 1)))
def test_within_is_the_fresh_result_restricted(text: str, within: set[int]) -> None:
    index = new_index()
    fresh = index.filter(text, STATES)
    assert index.filter(text, STATES, within=within) == [i for i in fresh if i in within]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("t-sne", ["tsne"]),
        ("sne", ["tsne"]),
        ("h-dim", ["tsne"]),
        ("-sne", ["attn", "mae", "linear", "dino", "plan"]),
        ("ttention", ["attn", "linear"]),  # inside a word, not only at its start
        ("abstract:sne", []),
        ("dot-product", ["linear"]),
        ("v3", ["dino"]),
        ("?", ["plan"]),
    ],
)
def test_pieces_of_words_and_punctuation(query: str, expected: list[str]) -> None:
    assert ids(query) == expected


def test_warmed_index_looks_words_up() -> None:
    index = SearchIndex(PAPERS)
    index.warm()
    index.scan_below = 0
    assert index._papers_with("ttention", len(PAPERS)) == {0, 2}
    assert index.filter("ttention", {}) == [0, 2]


@given(st.text(max_size=40))
def test_fast_fold_is_fold(text: str) -> None:
    from readinglist.search.columns import fast_fold as _fold
    from readinglist.textnorm import fold

    assert _fold(text) == fold(text)
    assert _fold(f"Ab{text}Cd É") == fold(f"Ab{text}Cd É")


def test_word_index_finds_pieces_of_words() -> None:
    from readinglist.search.wordindex import WordIndex

    words = WordIndex(["memory of a memo", "remember\x1fthis", "nothing", ""])
    assert words.papers_with("mem", limit=10) == {0, 1}
    assert words.papers_with("memory", limit=10) == {0}
    assert words.papers_with("zzz", limit=10) == set()
    assert words.papers_with("mem", limit=1) is None  # too common: the caller scans
    assert words.has_piece("ember") and not words.has_piece("embers")
    assert words.papers_with_words(["rem", "noth"], prefixes=True) == {1, 2}
    assert WordIndex([]).papers_with("a", limit=0) == set()


def test_abstracts_with_and_without_accents_are_folded_when_searched() -> None:
    papers = [
        Paper(id="plain", title="One", abstract="We study Naive Bayes at SCALE."),
        Paper(id="accent", title="Two", abstract="Une étude NAÏVE de l'Œuvre de Gödel."),
    ]
    index = new_index(papers)

    def found(query: str) -> list[str]:
        return [papers[i].id for i in index.filter(query, {})]

    assert found("naive") == ["plain", "accent"]
    assert found("abstract:godel") == ["accent"]
    assert found("oeuvre") == ["accent"]
    assert found("scale") == ["plain"]
    assert found("-abstract:etude") == ["plain"]
    assert found("abstract:one") == []  # the title is not the abstract


def test_a_two_letter_fragment_searches_titles_and_authors_only() -> None:
    papers = [
        Paper(id="title", title="Zygote Models", abstract="Nothing to see."),
        Paper(id="abstract", title="Other Work", abstract="About zygotes in depth."),
    ]
    index = SearchIndex(papers)
    assert [papers[i].id for i in index.filter("zy", {})] == ["title"]
    assert [papers[i].id for i in index.filter("zyg", {})] == ["title", "abstract"]
