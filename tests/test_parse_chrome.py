"""Page chrome is never a paper, a title or an author, whatever a copy did to the page.

Chrome here is told by patterns written from arXiv's page layout (navigation, headings,
counters, `[pdf, html, other]`, bare labels, paging, footers), independent of the readers.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readinglist.errors import UserError
from readinglist.parsing import parse_file, parse_text

PAGES = Path(__file__).parent / "fixtures" / "pages"
FIXTURES = sorted(p for p in PAGES.glob("arxiv-*.txt") if "chrome-only" not in p.name)
CAPTURED = dt.date(2026, 9, 9)

CHROME = re.compile(
    r"\[\s*\d+\s*\]|\d+\.|\[\s*(?:pdf|ps|html|other)[^\]]*\]|\((?:cross-list from \S+|replaced)\)"
    r"|(?:Title|Authors|Comments|Subjects|Journal-ref|Journal ref|Abstract):?"
    r"|(?:New|Cross|Replacement) submissions.*|Cross-lists.*|Replacements.*|New submissions.*"
    r"|\[?\s*(?:Total of|total of|Showing|showing).*|fewer|more|all|\||Previous|Next|Previous Next"
    r"|[\d …]+|Skip to main content|Search.*|Advanced Search|About.*|Help.*|Contact|Subscribe"
    r"|Copyright.*|Privacy.*|Accessibility|Web Accessibility Assistance|.*Operational Status.*"
    r"|·|Links to:.*|Disable MathJax.*|See recent articles|(?:Mon|Tue|Wed|Thu|Fri), .*"
    r"|Authors and titles for .*|We gratefully acknowledge.*|Go|Login|Log in|Donate|Submit"
    r"|originally announced .*"
)


def chrome_lines(text: str) -> set[str]:
    """Every line before the first entry, and every line of a chrome pattern."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    first = next(i for i, line in enumerate(lines) if "arXiv:" in line)
    before = {line for line in lines[:first] if line and not line.endswith(".")}
    return before | {line for line in lines if line and CHROME.fullmatch(line)}


def signature(papers) -> list[tuple]:
    return [
        (p.arxiv_id, p.title, p.authors, p.section, p.subjects, p.comments, p.journal_ref)
        for p in papers
    ]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_no_chrome_line_becomes_a_title_an_author_or_a_field(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    chrome = chrome_lines(text)
    papers = parse_file(str(path), as_of=CAPTURED).papers
    assert papers
    for paper in papers:
        assert paper.title not in chrome
        assert not chrome.intersection(paper.authors)
        assert paper.comments not in chrome and paper.journal_ref not in chrome
        assert paper.abstract not in chrome
        for marker in ("arXiv:", "[pdf", "[ pdf", "Title:", "Subjects:", "Total of", "▽"):
            assert marker not in paper.title
            assert all(marker not in name for name in paper.authors)


def _damaged(text: str, how: str) -> str:
    lines = text.split("\n")
    if how == "one-space lines":  # an HTML-to-text tool
        return "\n".join(line + "\n \n " for line in lines)
    if how == "no blank lines":  # a select-all copy
        return "\n".join(line for line in lines if line.strip())
    if how == "crlf and nbsp":
        return text.replace("\n", "\r\n").replace(" ", "\u00a0", 40)
    if how == "indented and tabs":
        return "\n".join("\t  " + line + "\t" for line in lines)
    return "Copied from my browser:\n\n" + text + "\n\nSent from my phone\n"


@pytest.mark.parametrize(
    "how",
    ["one-space lines", "no blank lines", "crlf and nbsp", "indented and tabs", "wrapped"],
)
@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_browser_copy_damage_keeps_the_same_papers(path: Path, how: str) -> None:
    text = path.read_text(encoding="utf-8")
    clean = parse_text(text, path.name, as_of=CAPTURED)
    damaged = parse_text(_damaged(text, how), path.name, as_of=CAPTURED)
    assert damaged.format == clean.format
    assert signature(damaged.papers) == signature(clean.papers)
    assert [p.date for p in damaged.papers] == [p.date for p in clean.papers]


# Chrome an arXiv page prints between or after entries (never headings that carry a date or
# a section: those rightly change what follows).
CHROME_POOL = [
    "Skip to main content",
    "Computational Finance",
    "Total of 11 entries",
    "Showing up to 2000 entries per page: fewer | more | all",
    "[ pdf , html , other ]",
    "fewer",
    "|",
    "About",
    "Help",
    "·",
    "Privacy Policy",
    "See recent articles",
    "Search arXiv",
    "[12]",
    "Previous Next",
    "1 … 2 3",
    "We gratefully acknowledge support from",
    "",
    " ",
]
_ENTRY_START = re.compile(r"\s*(?:\[\d+\]|\d+\.)?\s*arXiv:\S+.*|\s*\[\d+\]\s*|\s*\d+\.\s*")


def _entry_starts(lines: list[str]) -> list[int]:
    """Where an entry starts (its number line, or its id line when unnumbered), and the end."""
    starts = []
    for i, line in enumerate(lines):
        if _ENTRY_START.fullmatch(line):
            previous = next((p for p in reversed(lines[:i]) if p.strip()), "")
            if not ("arXiv:" in line and _ENTRY_START.fullmatch(previous)):
                starts.append(i)
    return [*starts, len(lines)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_chrome_inserted_between_entries_changes_no_paper(data) -> None:
    path = data.draw(st.sampled_from(FIXTURES), label="fixture")
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    starts = _entry_starts(lines)
    inserts = data.draw(
        st.lists(
            st.tuples(st.sampled_from(starts), st.lists(st.sampled_from(CHROME_POOL), max_size=4)),
            max_size=5,
        ),
        label="inserts",
    )
    padded = data.draw(st.booleans(), label="blank lines around the chrome")
    for at, chrome in sorted(inserts, key=lambda pair: -pair[0]):
        lines[at:at] = ["", *chrome, ""] if padded else chrome
    clean = parse_text(text, path.name, as_of=CAPTURED).papers
    noisy = parse_text("\n".join(lines), path.name, as_of=CAPTURED).papers
    assert signature(noisy) == signature(clean)
    assert [p.abstract for p in noisy] == [p.abstract for p in clean]


def test_a_page_of_pure_chrome_is_refused_in_one_line() -> None:
    path = PAGES / "arxiv-list-chrome-only.txt"
    with pytest.raises(UserError) as refused:
        parse_file(str(path), as_of=CAPTURED)
    message = str(refused.value)
    assert "\n" not in message
    assert message.startswith(f"{path} holds no paper listing")
    assert "arXiv lists and searches" in message
