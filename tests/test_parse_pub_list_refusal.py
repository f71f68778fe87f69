"""Publication lists: chrome never becomes a paper, and pages of no such list are refused.

The reader must stay below every other shape's reader on that shape's pages, and below
CONFIDENT on prose, shopping lists and navigation.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from readinglist.errors import UserError
from readinglist.parsing import parse_file, parse_text, pub_list
from readinglist.parsing.readers import CONFIDENT, Page, choose

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = FIXTURES / "pages"
AS_OF = dt.date(2025, 1, 1)
PUB_PAGES = sorted(PAGES.glob("pub-*.txt"))
# Every other page shape the project has fixtures of: seeds, arXiv lists, BibTeX, id lists.
OTHER_PAGES = sorted(
    path
    for path in [*PAGES.iterdir(), *(FIXTURES / "seeds").glob("*.txt")]
    if not path.name.startswith("pub-") and path.suffix in (".txt", ".md", ".bib")
)


def _page(text: str) -> Page:
    return Page(text, "page.txt", AS_OF)


def _paper_strings(path: Path) -> list[str]:
    """The titles, authors and venues the page prints for its papers (from a first parse that
    test_parse_pub_list checks exactly)."""
    papers = parse_file(str(path), as_of=AS_OF).papers
    strings = [p.title for p in papers] + [a for p in papers for a in p.authors]
    strings += [p.venue for p in papers if p.venue] + [p.abstract for p in papers if p.abstract]
    return strings


def _chrome_lines(path: Path) -> list[tuple[int, str]]:
    """Lines holding no title, author, venue or abstract of the page's papers."""
    strings = _paper_strings(path)
    lines = path.read_text(encoding="utf-8").split("\n")
    return [
        (number, line.strip())
        for number, line in enumerate(lines, 1)
        if line.strip() and not any(s in line for s in strings)
    ]


@pytest.mark.parametrize("path", PUB_PAGES, ids=lambda p: p.name)
def test_no_chrome_line_becomes_a_title_or_an_author(path: Path) -> None:
    result = parse_file(str(path), as_of=AS_OF)
    chrome = _chrome_lines(path)
    assert chrome, "every fixture page has chrome"
    for _, line in chrome:
        for paper in result.papers:
            assert paper.title not in line
            assert all(author not in line for author in paper.authors)
    skipped = {number for number, _, _ in result.skipped}
    assert {number for number, _ in chrome} <= skipped


def test_the_chrome_of_every_page_together_is_no_listing() -> None:
    text = "\n".join(line for path in PUB_PAGES for _, line in _chrome_lines(path))
    page = _page(text)
    assert pub_list.score(page) < CONFIDENT
    assert pub_list.read(page).papers == []


@pytest.mark.parametrize("path", OTHER_PAGES, ids=lambda p: p.name)
def test_pages_of_other_shapes_are_left_to_their_readers(path: Path) -> None:
    page = _page(path.read_text(encoding="utf-8"))
    choice = choose(page)
    assert choice.reader is None or choice.reader.name != "pub-list"
    assert pub_list.score(page) < CONFIDENT


def test_explain_says_which_layout_and_why() -> None:
    path = PAGES / "pub-workshop-numbered.txt"
    page = _page(path.read_text(encoding="utf-8"))
    assert pub_list.READER.marks is not None
    marks = pub_list.READER.marks(page)
    assert marks[0] == "5 papers as `Title – Author, Author and Author`"
    reasons = {line: why for _, line, why in pub_list.read(page).skipped}
    assert reasons["Call for papers | Schedule | Accepted papers | Organizers"] in (
        "navigation",
        "not in the page's record layout",
    )
    assert reasons["Accepted papers"] == "heading"
    assert reasons["Contact: effnlp-organizers@example.org"] == "not in the page's record layout"


REFUSED = {
    "prose": (
        "Deep learning has changed how we build systems for vision and language. In this essay "
        "I argue that the field, with Yann LeCun and Geoffrey Hinton as its best-known "
        "advocates, has moved from hand-written features to learned ones. Smith et al. (2020) "
        "showed this at NeurIPS 2020. The rest of this note looks at what that means.\n\n"
        "Teaching has changed too. Students now arrive having trained a model, with Andrew Ng "
        "and Fei-Fei Li as their first teachers, and expect courses to start from there.\n"
    ),
    "one sentence": "Attention Is All You Need, with Ashish Vaswani and Noam Shazeer (2017).",
    "shopping list": (
        "Shopping list\n"
        "- Ground Beef, Olive Oil and Cherry Tomatoes\n"
        "- Milk (2 litres)\n"
        "- Apples – Granny Smith and Pink Lady\n"
        "- Bread, Butter and Eggs\n"
        "- Dish soap\n"
        "- Birthday card for Anna Berg\n"
    ),
    "navigation": (
        "Skip to main content\nHome\nAbout\nPublications\nTeaching\nCV\nContact\n\n"
        "Home | Research | People | News | Join us\n© 2024 Jane Doe · Last updated May 2024\n"
    ),
    "people page": (
        "People\n\nFaculty\nAnna Berg\nProfessor of Computer Science\nLuca Conti\n"
        "Associate Professor\n\nStudents\nMei Ling Tan, Jacob Stein and Aylin Demir\n"
        "Carlos Mendoza · Oluwaseun Bello\n"
    ),
    "films with years": (
        "Films to watch\n"
        "- The Lord of the Rings (2001)\n"
        "- Spirited Away (2001)\n"
        "- The Grand Budapest Hotel (2014)\n"
        "- Portrait of a Lady on Fire (2019)\n"
    ),
    "news items": (
        "News\n"
        "- Mar 2024: Our paper on sparse attention was accepted at NeurIPS 2024!\n"
        "- Jan 2024: Welcome to our new PhD students, Ana Ruiz and Tom Berg.\n"
        "- Nov 2023: Maria García gave an invited talk at the Stanford NLP seminar.\n"
        "- Sep 2023: We received a grant from the National Science Foundation.\n"
    ),
    "talks only": (
        "Talks\n"
        "- Invited talk at the Stanford NLP seminar, 2024\n"
        "- Keynote, Workshop on Multilingual Representation Learning, 2023\n"
        "- Guest lecture, University of Oslo, 2022\n"
    ),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_pages_that_list_no_papers_are_refused(name: str) -> None:
    page = _page(REFUSED[name])
    assert pub_list.score(page) < CONFIDENT
    with pytest.raises(UserError):
        parse_text(REFUSED[name], "page.txt", as_of=AS_OF, fmt=None)


def test_an_arxiv_list_is_scored_without_reading_it_line_by_line() -> None:
    """Every reader scores every page: on an arXiv list this one answers from a count of arXiv
    marks over the whole text, so a long list costs it next to nothing."""
    text = (PAGES / "arxiv-list-new-tool.txt").read_text(encoding="utf-8")
    page = _page("\n\n".join([text] * 50))
    assert pub_list.score(page) < CONFIDENT
    assert "pub-list" not in page.memo  # no line was analysed
    assert pub_list.read(page).papers == []  # a forced read still analyses, and finds none
