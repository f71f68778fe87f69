"""The four seed pages parse into exactly the papers they print."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from readinglist.papers.models import ParsedPaper
from readinglist.parsing import detect_format, parse_file, parse_text

CAPTURED = dt.date(2025, 10, 30)


def parse_seed(seeds: Path, name: str, as_of: dt.date = CAPTURED):
    path = seeds / name
    return parse_file(str(path), as_of=as_of)


def seed_line(seeds: Path, name: str, number: int) -> str:
    """Line `number` (1-based) of a seed page, stripped: abstracts are printed on one line."""
    return (seeds / name).read_text(encoding="utf-8").split("\n")[number - 1].strip()


def by_title(papers: list[ParsedPaper], title: str) -> ParsedPaper:
    matches = [p for p in papers if p.title == title]
    assert len(matches) == 1, title
    return matches[0]


@pytest.mark.parametrize(
    ("name", "fmt", "count"),
    [
        ("author-list.txt", "author-list", 14),
        ("hf-collection.txt", "hf-daily", 74),
        ("hf-daily.txt", "hf-daily", 55),
        ("hf-search.txt", "hf-search", 385),
    ],
)
def test_seed_counts_and_formats(seeds: Path, name: str, fmt: str, count: int) -> None:
    text = (seeds / name).read_text(encoding="utf-8")
    assert detect_format(text) == fmt
    result = parse_seed(seeds, name)
    assert result.format == fmt
    assert len(result.papers) == count
    assert result.warnings == []
    assert all(p.format == fmt and p.source == str(seeds / name) for p in result.papers)
    assert all(p.title and p.abstract for p in result.papers)


def test_author_list_entries(seeds: Path) -> None:
    papers = parse_seed(seeds, "author-list.txt", dt.date(2026, 11, 23)).papers
    source = str(seeds / "author-list.txt")
    assert papers[0] == ParsedPaper(
        title="Masked Autoencoding Does Not Help Natural Language Supervision at Scale",
        authors=["Floris Weers", "Vaishaal Shankar", "Angelos Katharopoulos"],
        authors_truncated=True,
        author_count=None,
        abstract=seed_line(seeds, "author-list.txt", 3),
        date="2023-01-19",
        date_text="Jan 19, 2023",
        category="CV",
        format="author-list",
        source=source,
    )
    scored = papers[1]
    assert (
        scored.title == "Optimal Splitting of Language Models from Mixtures to Specialized Domains"
    )
    assert (scored.score, scored.category, scored.date_text) == (81.7, "CL", "Mar 19")
    assert scored.date == "2026-03-19"  # no year printed: the latest Mar 19 not after as_of
    assert papers[-1] == ParsedPaper(
        title="Biased Importance Sampling for Deep Neural Network Training",
        authors=["Angelos Katharopoulos", "François Fleuret"],
        authors_truncated=False,
        author_count=2,
        abstract=seed_line(seeds, "author-list.txt", 42),
        date="2017-05-31",
        date_text="May 31, 2017",
        category="LG",
        format="author-list",
        source=source,
    )
    assert [p.score for p in papers].count(None) == 13
    assert all(p.listing_date is None and p.upvotes is None for p in papers)


def test_year_less_dates_resolve_against_as_of(seeds: Path) -> None:
    early = parse_seed(seeds, "author-list.txt", dt.date(2026, 3, 18)).papers[1]
    assert early.date == "2025-03-19"  # Mar 19 had not come yet that year
    on_the_day = parse_seed(seeds, "author-list.txt", dt.date(2026, 3, 19)).papers[1]
    assert on_the_day.date == "2026-03-19"


def test_hf_daily_entries(seeds: Path) -> None:
    papers = parse_seed(seeds, "hf-daily.txt").papers
    name = "hf-daily.txt"
    source = str(seeds / name)
    assert papers[0] == ParsedPaper(
        title="On the Provable Advantage of Unsupervised Pretraining",
        author_count=4,
        abstract=seed_line(seeds, name, 15),
        date="2023-03-02",
        date_text="Mar 2, 2023",
        listing_date="Oct 30",
        format="hf-daily",
        source=source,
    )
    last = papers[-1]
    assert last.title == "Information Shapes Koopman Representation"
    assert (last.author_count, last.date, last.date_text, last.upvotes) == (
        7,
        "2025-10-14",
        "Oct 14",
        None,
    )  # the page ends on the date line without a newline
    dino = by_title(papers, "DINOv3")
    assert (dino.organization, dino.author_count) == ("facebook AI at Meta", None)
    assert (dino.date, dino.date_text, dino.upvotes) == ("2025-08-13", "Aug 13", 6)
    kinetics = by_title(papers, "Kinetics: Rethinking Test-Time Scaling Laws")
    assert kinetics.abstract == seed_line(seeds, name, 87)
    assert (kinetics.author_count, kinetics.date, kinetics.date_text, kinetics.upvotes) == (
        None,
        None,
        None,
        None,
    )
    scale = by_title(
        papers,
        "Predictable Scale: Part I -- Optimal Hyperparameter Scaling Law in Large Language "
        "Model Pretraining",
    )
    assert (scale.author_count, scale.date, scale.date_text, scale.upvotes) == (
        10,
        "2025-03-06",
        "Mar 6",
        None,
    )
    noisy = by_title(
        papers,
        "An accurate detection is not all you need to combat label noise in web-noisy datasets",
    )
    assert (noisy.date, noisy.date_text, noisy.upvotes) == ("2024-07-07", "Jul 7, 2024", 4)
    one = by_title(
        papers,
        "Growing Transformers: Modular Composition and Layer-wise Expansion on a Frozen Substrate",
    )
    assert (one.author_count, one.date, one.upvotes) == (1, "2025-07-08", 2)
    assert sum(p.date is None for p in papers) == 2
    assert sum(p.organization is not None for p in papers) == 1
    assert all(p.listing_date == "Oct 30" and p.authors == [] for p in papers)


def test_hf_collection_entries(seeds: Path) -> None:
    name = "hf-collection.txt"
    papers = parse_seed(seeds, name).papers
    assert papers[0] == ParsedPaper(
        title="Cut Your Losses in Large-Vocabulary Language Models",
        abstract=seed_line(seeds, name, 13),
        listing_date="Mar 14",
        format="hf-daily",
        source=str(seeds / name),
    )
    last = papers[-1]
    assert last.title == (
        "FRUGAL: Memory-Efficient Optimization by Reducing State Overhead for Scalable Training"
    )
    assert last.abstract == seed_line(seeds, name, 305)
    assert all(p.date is None and p.author_count is None for p in papers)


def test_hf_search_entries(seeds: Path) -> None:
    name = "hf-search.txt"
    papers = parse_seed(seeds, name).papers
    assert papers[0] == ParsedPaper(
        title="Unsupervised Corpus Aware Language Model Pre-training for Dense Passage Retrieval",
        abstract=seed_line(seeds, name, 4),
        format="hf-search",
        source=str(seeds / name),
    )
    assert papers[-1].title == (
        "Lets keep it simple, Using simple architectures to outperform deeper and more "
        "complex architectures"
    )
    assert papers[-1].abstract == seed_line(seeds, name, 772)
    assert by_title(papers, "2 OLMo 2 Furious").abstract
    assert all(p.listing_date is None and p.date is None for p in papers)


def test_parse_text_names_source_and_keeps_it(seeds: Path) -> None:
    text = (seeds / "hf-daily.txt").read_text(encoding="utf-8")
    result = parse_text(text, "pasted.txt", as_of=CAPTURED)
    assert {p.source for p in result.papers} == {"pasted.txt"}


def test_format_override(seeds: Path) -> None:
    text = (seeds / "hf-collection.txt").read_text(encoding="utf-8")
    result = parse_text(text, "c.txt", as_of=CAPTURED, fmt="hf-search")
    assert result.format == "hf-search"
    assert len(result.papers) == 74
    assert {p.format for p in result.papers} == {"hf-search"}
