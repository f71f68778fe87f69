"""Golden files: the exports of a fixed, hand-made library, compared byte for byte.

Run with UPDATE_GOLDEN=1 to rewrite them after an intended change, then review the diff.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from readinglist.export import export_papers, render_bibtex, render_markdown
from readinglist.papers.models import ArxivRecord, Paper, PaperState

GOLDEN = Path(__file__).parent / "golden"
TODAY = date(2026, 11, 23)


def golden_papers() -> list[Paper]:
    return [
        Paper(
            id="adam-a-method-for-stochastic-optimization",
            title="Adam: A Method for Stochastic Optimization",
            authors=["Diederik P. Kingma", "Jimmy Ba"],
            abstract="We introduce Adam, an algorithm for first-order gradient-based optimization.",
            date="2014-12-22",
            upvotes=12,
            sources=["hf-search.txt"],
            added=1,
        ),
        Paper(
            id="gpt-4-technical-report",
            title="GPT-4 Technical Report",
            organization="OpenAI",
            abstract="We report the development of GPT-4, a large-scale, multimodal model.",
            date="2023-03-15",
            upvotes=1,
            sources=["hf-daily.txt", "hf-collection.txt"],
            added=2,
        ),
        Paper(
            id="big-self-supervised-models",
            title="Big Self-Supervised Models are Strong Semi-Supervised Learners",
            author_count=5,
            abstract="One paradigm for learning from few labeled examples...",
            date="2020-06-17",
            sources=["hf-daily.txt"],
            added=3,
        ),
        Paper(
            id="scaling-laws-50-off",
            title="Scaling Laws: 50% Off & {Unbalanced",
            authors=["Łukasz Kaiser", "José Núñez", "Jared Kaplan"],
            authors_truncated=True,
            abstract="Loss scales as a power law with $N$ and ~D^{0.1}.",
            date="2020-01-23",
            date_text="Jan 23, 2020",
            upvotes=0,
            sources=[],
            added=4,
        ),
        Paper(
            id="scaling-laws-for-neural-language-models",
            title="Scaling Laws for Neural Language Models",
            authors=["Jared Kaplan", "Sam McCandlish"],
            date_text="Jan 23",
            sources=["author-list.txt"],
            added=5,
        ),
        Paper(
            id="scaling-laws-for-transfer",
            title="Scaling Laws for Transfer",
            authors=["Danny Hernandez", "Jared Kaplan"],
            sources=["author-list.txt"],
            added=6,
        ),
    ]


def golden_states() -> dict[str, PaperState]:
    return {
        "adam-a-method-for-stochastic-optimization": PaperState(
            starred=True, tags=["optimization", "classic"], notes="Use β2 = 0.999.\nSee §2."
        ),
        "gpt-4-technical-report": PaperState(starred=True, read=True, tags=["llm"]),
        "scaling-laws-50-off": PaperState(
            starred=True, tags=["llm", "scaling"], notes="- not a list\n\n# not a heading"
        ),
    }


def golden_arxiv() -> dict[str, ArxivRecord]:
    return {
        "adam-a-method-for-stochastic-optimization": ArxivRecord(
            status="found",
            checked_at="2026-11-20T10:00:00+00:00",
            arxiv_id="1412.6980",
            abs_url="https://arxiv.org/abs/1412.6980",
            pdf_url="https://arxiv.org/pdf/1412.6980",
            primary_category="cs.LG",
            published="2014-12-22",
            authors=["Diederik P. Kingma", "Jimmy Ba"],
            doi="10.48550/arXiv.1412.6980",
        ),
        "big-self-supervised-models": ArxivRecord(
            status="found",
            checked_at="2026-11-20T10:00:00+00:00",
            arxiv_id="2006.10029",
            abs_url="https://arxiv.org/abs/2006.10029",
            pdf_url="https://arxiv.org/pdf/2006.10029",
            primary_category="cs.LG",
            published="2020-06-17",
            authors=["Ting Chen", "Simon Kornblith", "Kevin Swersky", "Mohammad Norouzi"],
        ),
        "scaling-laws-for-transfer": ArxivRecord(
            status="found",
            checked_at="2026-11-20T10:00:00+00:00",
            arxiv_id="2102.01293",
            abs_url="javascript:alert(1)",
            pdf_url="https://arxiv.org/pdf/2102.01293",
            published="2021-02-02",
        ),
        "gpt-4-technical-report": ArxivRecord(
            status="not_found", checked_at="2026-11-20T10:00:00+00:00"
        ),
    }


CASES = {
    "plain.md": lambda: render_markdown(
        golden_papers(), golden_states(), golden_arxiv(), query="is:starred", today=TODAY
    ),
    "abstracts.md": lambda: render_markdown(
        golden_papers(),
        golden_states(),
        golden_arxiv(),
        query="scaling OR adam",
        today=TODAY,
        abstracts=True,
    ),
    "by-tag.md": lambda: render_markdown(
        golden_papers(), golden_states(), golden_arxiv(), query="", today=TODAY, group_by="tag"
    ),
    "by-source.md": lambda: render_markdown(
        golden_papers(), golden_states(), golden_arxiv(), query="", today=TODAY, group_by="source"
    ),
    "empty.md": lambda: render_markdown([], {}, {}, query="is:starred", today=TODAY),
    "library.bib": lambda: render_bibtex(golden_papers(), golden_arxiv()),
    "abstracts.bib": lambda: render_bibtex(golden_papers(), golden_arxiv(), abstracts=True),
    "tagged.bib": lambda: exported("bibtex"),
    "library.json": lambda: exported("csl-json"),
    "library.ris": lambda: exported("ris"),
    "library.csv": lambda: exported("csv"),
}


def exported(fmt: str) -> str:
    data = export_papers(golden_papers(), golden_states(), golden_arxiv(), fmt, today=TODAY)
    return data.decode("utf-8")


@pytest.mark.parametrize("name", sorted(CASES))
def test_export_matches_golden_file(name: str) -> None:
    actual = CASES[name]()
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_bytes(actual.encode("utf-8"))
    assert path.exists(), f"{path} missing: run UPDATE_GOLDEN=1 pytest {__file__}"
    assert actual.encode("utf-8") == path.read_bytes()
