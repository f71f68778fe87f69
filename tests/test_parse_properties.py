"""Property tests: parsing never fails on arbitrary text except with a UserError, and rendering
papers into each page shape then parsing the page gives the same papers back."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readinglist.errors import UserError
from readinglist.papers.models import ParsedPaper
from readinglist.parsing import parse_bytes, parse_text, render_page
from readinglist.parsing.dates import MONTH_ABBREVIATIONS

AS_OF = dt.date(2025, 10, 30)
SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- arbitrary text -------------------------------------------------------------------------

PAGE_FRAGMENTS = [
    "new",
    "Subscribe",
    "SubscribeA Title",
    "Daily Papers",
    "byAK and the research community",
    "Get trending papers in your email inbox!",
    "Get trending papers in your email inbox once a day!",
    "Oct 30",
    "Aug 13 6",
    "Jul 7, 2024 4",
    "Feb 30",
    "  • 4 authors",
    "• many authors",
    "·",
    "facebook AI at Meta",
    "81.7CLMar 19",
    "LGFeb 2, 2024",
    "CVJan 19",
    "Mask R-CNNKaiming He, Piotr Dollár et al.",
    "Attention Is All You Need",
    "We propose a method. It works well on many benchmarks and tasks, as we show.",
    "",
    " ",
    "\t",
]
lines_strategy = st.lists(
    st.one_of(st.sampled_from(PAGE_FRAGMENTS), st.text(max_size=60)), max_size=30
)


@SETTINGS
@given(lines_strategy, st.sampled_from([None, "author-list", "hf-search", "hf-daily"]))
def test_parse_text_raises_only_user_errors(lines: list[str], fmt: str | None) -> None:
    try:
        result = parse_text("\n".join(lines), "page.txt", as_of=AS_OF, fmt=fmt)
    except UserError as error:
        assert "\n" not in error.message
        return
    assert result.papers
    for paper in result.papers:
        assert paper.title
        assert paper.format == result.format


@SETTINGS
@given(st.binary(max_size=300))
def test_parse_bytes_raises_only_user_errors(data: bytes) -> None:
    try:
        parse_bytes(data, "page.bin", as_of=AS_OF)
    except UserError as error:
        assert "\n" not in error.message


# --- realistic papers -----------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


TITLE_WORDS = _words(
    "Learning Deep Neural Networks Language Models Scaling Laws Efficient Training Vision "
    "Transformers Attention Diffusion Retrieval Sparse Mixture Experts Robust Optimization "
    "Graph Contrastive Self-Supervised Pre-training Zero-shot Multi-Modal Benchmark Agents "
    "for with of and via in on the a from towards without Beyond Rethinking Understanding "
    "GPT-4 R-CNN t-SNE BERT LLMs 3D ImageNet PyTorch LeNet DeepMind iPhone MacBook 2.0 "
    "(and Back) Early! Again? Kaiming Mixture-of-Experts"
)
TITLE_ENDINGS = ["GPT-4", "R-CNN", "t-SNE", "Plan Early!", "Really?", "(and Back)", "LeNet", "2"]
GIVEN = [
    "Diederik", "Ming-Wei", "Jean", "Laurens", "Sam", "Kaiming", "Quoc", "Łukasz", "Piotr",
    "Sébastien", "Angelos", "François", "Yann", "Anna", "Jared", "Zoë", "Ólafur", "Mehdi",
]  # fmt: skip
SURNAMES = [
    "Kingma", "Chang", "Pouget-Abadie", "McCandlish", "He", "Le", "Kaiser", "Dollár", "Bubeck",
    "Katharopoulos", "Fleuret", "LeCun", "O'Brien", "MacDonald", "DiGiorgi", "Ng", "Xu",
]  # fmt: skip
PARTICLES = ["van der", "de", "von", "da"]
ORGANIZATIONS = ["facebook AI at Meta", "Google", "NVIDIA", "Hugging Face", "Apple", "Qwen"]

name_part = st.text(alphabet="abcdefghijklmnoprstuvwyzéáłöü", min_size=3, max_size=9)
generated_name = st.builds(
    lambda first, last: f"{first.capitalize()} {last.capitalize()}", name_part, name_part
)
known_name = st.builds(
    lambda given, initial, particle, surname: " ".join(
        part for part in (given, initial, particle, surname) if part
    ),
    st.sampled_from(GIVEN),
    st.sampled_from(["", "", "P.", "V."]),
    st.sampled_from(["", "", "", *PARTICLES]),
    st.sampled_from(SURNAMES),
)
author_name = st.one_of(known_name, generated_name)


@st.composite
def titles(draw) -> str:
    words = draw(st.lists(st.sampled_from(TITLE_WORDS), min_size=1, max_size=12))
    first = draw(st.sampled_from(["Learning", "Scaling", "Efficient", "Towards", "DINOv3", "A"]))
    ending = draw(st.sampled_from(["", "", "", *TITLE_ENDINGS]))
    separator = draw(st.sampled_from([" ", " ", ": ", ", "]))
    title = first + separator + " ".join(words) + (" " + ending if ending else "")
    return title.rstrip(",:")


sentence_words = st.lists(
    st.sampled_from(
        _words(
            "we propose a new method that improves results on many tasks and shows strong "
            "performance across benchmarks models data training 3D 12% (LLMs) state-of-the-art "
            "Transformer BERT"
        )
    ),
    min_size=6,
    max_size=18,
)
abstracts = st.lists(sentence_words, min_size=2, max_size=6).map(
    lambda sentences: " ".join(" ".join(words).capitalize() + "." for words in sentences)
)


@st.composite
def dates(draw) -> tuple[str, str]:
    """(date_text as printed, the date it means as of AS_OF)."""
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    name = MONTH_ABBREVIATIONS[month - 1]
    if draw(st.booleans()):
        year = draw(st.integers(1990, 2030))
        return f"{name} {day}, {year}", dt.date(year, month, day).isoformat()
    this_year = dt.date(AS_OF.year, month, day)
    meant = this_year if this_year <= AS_OF else dt.date(AS_OF.year - 1, month, day)
    return f"{name} {day}", meant.isoformat()


@st.composite
def author_list_papers(draw) -> ParsedPaper:
    authors = draw(st.lists(author_name, min_size=1, max_size=6))
    truncated = draw(st.booleans())
    date_text, date = draw(dates())
    score = draw(st.one_of(st.none(), st.integers(0, 999).map(lambda n: n / 10)))
    return ParsedPaper(
        title=draw(titles()),
        authors=authors,
        authors_truncated=truncated,
        author_count=None if truncated else len(authors),
        abstract=draw(abstracts),
        date=date,
        date_text=date_text,
        category=draw(st.sampled_from(["LG", "CV", "CL", "SD", "AI", "MA", "stat.ML"])),
        score=score,
        format="author-list",
        source="page.txt",
    )


@st.composite
def hf_daily_papers(draw, listing_date: str | None) -> ParsedPaper:
    paper = ParsedPaper(
        title=draw(titles()),
        abstract=draw(abstracts),
        listing_date=listing_date,
        format="hf-daily",
        source="page.txt",
    )
    metadata = draw(st.sampled_from(["count", "count", "organization", "none"]))
    if metadata != "none":
        if metadata == "count":
            paper.author_count = draw(st.integers(1, 60))
        else:
            paper.organization = draw(st.sampled_from(ORGANIZATIONS))
        paper.date_text, paper.date = draw(dates())
        paper.upvotes = draw(st.one_of(st.none(), st.integers(0, 999)))
    return paper


hf_search_papers = st.builds(
    lambda title, abstract: ParsedPaper(
        title=title, abstract=abstract, format="hf-search", source="page.txt"
    ),
    titles(),
    abstracts,
)


def round_trip(papers: list[ParsedPaper], fmt: str, listing_date: str | None = None) -> None:
    page = render_page(papers, fmt, listing_date=listing_date)
    result = parse_text(page, "page.txt", as_of=AS_OF)
    assert result.format == fmt
    assert result.warnings == []
    assert result.papers == papers


@SETTINGS
@given(st.lists(author_list_papers(), min_size=1, max_size=8))
def test_author_list_round_trip(papers: list[ParsedPaper]) -> None:
    round_trip(papers, "author-list")


@SETTINGS
@given(st.data())
def test_hf_daily_round_trip(data: st.DataObject) -> None:
    listing_date = data.draw(st.sampled_from([None, "Oct 30", "Mar 14"]))
    papers = data.draw(st.lists(hf_daily_papers(listing_date), min_size=1, max_size=8))
    round_trip(papers, "hf-daily", listing_date)


@SETTINGS
@given(st.lists(hf_search_papers, min_size=1, max_size=8))
def test_hf_search_round_trip(papers: list[ParsedPaper]) -> None:
    round_trip(papers, "hf-search")


def test_render_page_is_the_seed_shape(seeds) -> None:
    """Rendering a parsed seed page gives a page that parses to the same papers."""
    for name in ("author-list.txt", "hf-daily.txt", "hf-collection.txt", "hf-search.txt"):
        text = (seeds / name).read_text(encoding="utf-8")
        result = parse_text(text, name, as_of=AS_OF)
        again = parse_text(render_page(result.papers, result.format), name, as_of=AS_OF)
        assert again.papers == result.papers
