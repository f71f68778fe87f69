"""Publication lists under damage: chrome lines dropped anywhere into a page, blank lines and
odd spaces from a browser copy. Papers may be lost where the layout breaks; none is invented,
and no chrome line ever becomes a title or an author."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readinglist.parsing import pub_list
from readinglist.parsing.readers import Page

PAGES = sorted((Path(__file__).parent / "fixtures" / "pages").glob("pub-*.txt"))
AS_OF = dt.date(2025, 1, 1)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CHROME = [
    "[PDF] [Code] [Project page]",
    "[ pdf | bib | video ]",
    "2023",
    "2019 and earlier",
    "Publications",
    "Recently accepted papers:",
    "Oral presentations",
    "## Preprints",
    "Home | About | Teaching | Contact",
    "Skip to main content",
    "Back to top",
    "© 2025 Jane Doe. All rights reserved.",
    "Last updated: March 2025",
    "Powered by Jekyll & Minimal Mistakes",
    "PUBLICATIONS",
    "Selected papers (see Google Scholar for all)",
    "* equal contribution",
    "Show more",
    "Poster session B",
    "East Exhibit Hall A-C #2108",
    "Readers: Everyone",
    "Organizers: Anna Berg and Luca Conti",
    "Contact: organizers@example.org",
    "Invited talk at the Stanford NLP seminar, 2024",
    "TLDR We show that the method works.",
    "Computer Science · ICML · 2023",
    "Professor of Computer Science, University of Oslo",
    "Dr. Henrik Solberg",
    "News(current)",
    "Month: August",
    "Filter by: Poster Session 3 East",
]


def _papers(text: str) -> list:
    return pub_list.read(Page(text, "page.txt", AS_OF)).papers


def _known(path: Path) -> tuple[set[str], set[str]]:
    papers = _papers(path.read_text(encoding="utf-8"))
    return {p.title for p in papers}, {a for p in papers for a in p.authors}


KNOWN = {path.name: _known(path) for path in PAGES}


@SETTINGS
@given(
    st.sampled_from(PAGES),
    st.lists(st.tuples(st.integers(0, 200), st.sampled_from(CHROME)), max_size=8),
)
def test_chrome_anywhere_invents_no_paper(path: Path, inserts: list[tuple[int, str]]) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    for position, chrome in inserts:
        lines.insert(position % (len(lines) + 1), chrome)
    titles, authors = KNOWN[path.name]
    for paper in _papers("\n".join(lines)):
        assert paper.title in titles
        assert set(paper.authors) <= authors


@SETTINGS
@given(
    st.sampled_from(PAGES),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from([" ", "\u00a0", "\t", "  "]),
    st.booleans(),
)
def test_browser_copy_damage_keeps_the_papers(
    path: Path, newline: str, space: str, blank_after_each: bool
) -> None:
    """Other line ends, non-breaking spaces or tabs, a blank line after every line (an HTML
    to text tool's paragraphs): the same papers."""
    lines = path.read_text(encoding="utf-8").split("\n")
    damaged = [line.replace(" ", space) for line in lines]
    if blank_after_each:
        damaged = [part for line in damaged for part in (line, "")]
    papers = _papers(newline.join(damaged))
    titles, _ = KNOWN[path.name]
    assert {p.title for p in papers} == titles
