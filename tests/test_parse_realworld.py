"""Pages of every kind as a user copies them from the web (tests/fixtures/realworld/): each is
read in the right shape, into exactly the papers it prints, and no page chrome ever becomes a
paper, a title or an author. The papers are invented; the pages' shapes are the real ones."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from readinglist.errors import UserError
from readinglist.parsing import ParseResult, parse_text

PAGES = Path(__file__).parent / "fixtures" / "realworld"
# Per page: its format, every title in order, the arXiv ids, fields spot-checked by index.
EXPECTED = Path(__file__).parent / "fixtures" / "realworld-expected.json"
CAPTURED = dt.date(2025, 11, 20)  # years of dates printed without one resolve against this


class Case(NamedTuple):
    fmt: str
    titles: list[str]  # every paper's title, in page order: the count and no junk paper
    ids: list[str | None] | None = None  # every paper's arXiv id, when the page gives them
    fields: dict[int, dict[str, Any]] | None = None  # paper index -> fields spot-checked


CASES: dict[str, Case] = {
    name: Case(
        page["format"],
        page["titles"],
        page.get("arxiv_ids"),
        {int(i): f for i, f in page.get("fields", {}).items()},
    )
    for name, page in json.loads(EXPECTED.read_text(encoding="utf-8")).items()
}

# Pages that hold no paper: refused in one line naming the file, never read into junk.
REFUSED = tuple(sorted(path.name for path in PAGES.glob("none-*")))

# Lines that are page chrome on these pages: never a title or an author, whatever the shape.
_CHROME = re.compile(
    r"skip to main content|cornell university|search|help|about|contact|donate|privacy policy"
    r"|copyright|models|datasets|spaces|docs|pricing|log in|sign up|submitted by|upvote"
    r"|akhaliq|taesiri|new|subscribe|daily papers|collections?|system theme|company|tos|jobs"
    r"|website|\d+|\[\d+\]|pdf bib abs|pdf bib|\[pdf\].*|next|previous|show more|articles"
    r"|cited by|title|title\tcited by\tyear|publications?|selected publications|accepted papers"
    r"|posters|spotlight talks|oral presentations|papers|important dates|unsubscribe.*",
    re.IGNORECASE,
)
_CHROME_MARKS = re.compile(
    r"arXiv:\s?\d|\[ ?pdf|Subjects:|Comments:|Journal-ref:|Authors:|Title:|Total of \d"
    r"|Showing |New submissions|Cross submissions|Replacement submissions|Submitted \d"
    r"|originally announced|▽ More|△ Less|\d+ authors|Published:|Readers:|this https URL"
    r"|https?://|@\w|Last updated|^#|^\*\*|Authors and titles",
)


def parse(name: str) -> ParseResult:
    return parse_text((PAGES / name).read_text(encoding="utf-8"), name, as_of=CAPTURED)


def test_broken_bibtex_entry_costs_only_itself() -> None:
    warnings = parse("bib-biblatex-crlf.bib").warnings
    assert len(warnings) == 1 and "broken_entry" in warnings[0] and "line 30" in warnings[0]


def test_every_page_is_covered() -> None:
    names = {path.name for path in PAGES.iterdir()}
    assert names == set(CASES) | set(REFUSED) | set(HANDOFF_PAGES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_page_gives_exactly_its_papers(name: str) -> None:
    case = CASES[name]
    result = parse(name)
    assert result.format == case.fmt
    assert [paper.title for paper in result.papers] == case.titles
    assert all(paper.format == case.fmt and paper.source == name for paper in result.papers)
    if case.ids is not None:
        assert [paper.arxiv_id for paper in result.papers] == case.ids
    for index, expected in (case.fields or {}).items():
        paper = result.papers[index]
        assert {key: getattr(paper, key) for key in expected} == expected, paper.title


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_chrome_line_becomes_a_title_or_an_author(name: str) -> None:
    for paper in parse(name).papers:
        for text in (paper.title, *paper.authors):
            assert _CHROME.fullmatch(text.strip()) is None, text
            assert _CHROME_MARKS.search(text) is None, text
        for author in paper.authors:
            assert 1 < len(author) <= 60 and not re.search(r"\d|[:;\[\]()]", author), author


@pytest.mark.parametrize("name", REFUSED)
def test_page_without_papers_is_refused_in_one_line(name: str) -> None:
    with pytest.raises(UserError) as refused:
        parse(name)
    message = str(refused.value)
    assert "\n" not in message and name in message and "holds no paper listing" in message


@pytest.mark.parametrize("name", sorted(CASES))
def test_arxiv_ids_are_kept_in_every_shape(name: str) -> None:
    """An id printed in a paper's own lines is its arXiv id, whatever the shape."""
    text = (PAGES / name).read_text(encoding="utf-8")
    printed = set(re.findall(r"(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\d.])", text))
    kept = {paper.arxiv_id for paper in parse(name).papers}
    if CASES[name].ids is not None:
        assert printed <= kept, sorted(printed - kept)


# Pages some reader still reads wrongly: tests/test_parse_realworld_handoff.py holds each case.
HANDOFF_PAGES = (
    "arxiv-new-w3m-wrapped.txt",
    "pub-semantic-scholar-author.txt",
    "pub-program-times.txt",
)


@pytest.mark.parametrize("name", sorted(name for name in CASES if not name.endswith(".bib")))
def test_every_title_is_printed_on_its_page(name: str) -> None:
    """A title is the page's own words (white space aside), never made up or stitched across
    a chrome line."""
    page = " ".join((PAGES / name).read_text(encoding="utf-8").split())
    for paper in parse(name).papers:
        assert " ".join(paper.title.split()) in page, paper.title


# What a browser or a mail client does to a copy: it changes no page's papers.
DAMAGE = {
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "nbsp": lambda t: t.replace(" ", "\u00a0"),
    "extra-blank-lines": lambda t: t.replace("\n", "\n\n"),
    "missing-blank-lines": lambda t: re.sub(r"\n\s*\n+", "\n", t),
    "indented-tabs": lambda t: "\n".join("\t" + line for line in t.split("\n")),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
@pytest.mark.parametrize("name", sorted(CASES))
def test_copy_damage_changes_no_paper(name: str, damage: str) -> None:
    text = DAMAGE[damage]((PAGES / name).read_text(encoding="utf-8"))
    result = parse_text(text, name, as_of=CAPTURED)
    assert result.format == CASES[name].fmt
    assert [" ".join(p.title.split()) for p in result.papers] == [
        " ".join(title.split()) for title in CASES[name].titles
    ]


# The warnings a page gives: one line each for what a reader could not read; none otherwise.
WARNINGS = {"bib-biblatex-crlf.bib": 1}


@pytest.mark.parametrize(
    "name", sorted(n for n in CASES if n.startswith(("hf-", "author-list-", "bib-", "ids-")))
)
def test_page_reads_without_warnings(name: str) -> None:
    assert len(parse(name).warnings) == WARNINGS.get(name, 0), parse(name).warnings
