"""The reader of hand-written publication lists: homepages, lab pages, accepted-paper lists,
journal digests.

Such a page prints each paper in one layout repeated down the page: one line
(pub_records: `Title, with A and B. (Venue Year)`, `A, B. Title. Venue, Year.`, `Title – A, B`,
`Title (Venue Year)`) or a title line with an author line next to it (either order), then an
optional venue line, abstract and link labels. Every layout is tried on the whole page; the one
that holds the most papers wins, and only papers of that layout (and its close kin) are kept, so
a stray line that happens to fit another layout is skipped rather than guessed at.
"""

from __future__ import annotations

import re

from readinglist.papers.models import ParsedPaper
from readinglist.parsing.pub_layout import Analysis, analyse
from readinglist.parsing.pub_names import is_strong
from readinglist.parsing.pub_venues import split_venue
from readinglist.parsing.readers import CONFIDENT, Page, Reader, Reading

NAME = "pub-list"


def _analysis(page: Page) -> Analysis:
    found = page.memo.get(NAME)
    if found is None:
        # A page over a megabyte was scored on its first megabyte (readers.scoring_sample):
        # the line tests made there serve the whole page.
        sample = page.memo.get("scoring_sample")
        scored = sample.memo.get(NAME) if sample is not None else None
        found = page.memo[NAME] = analyse(page.lines, scored.tests if scored else None)
    return found


# Lines only arXiv lists and searches print. Counted over the whole text at C speed: a page
# where they are a sixth of the lines or more is theirs, and is not analysed line by line
# (the analysis would cap this reader's score there anyway, and costs far more).
_ARXIV_LINES = re.compile(
    r"^[ \t]*(?:(?:\[\d+\]|\d+\.)?[ \t]*arXiv:\d|\[[ \t]*pdf[ \t]*,"
    r"|(?:Subjects|Comments|Journal-ref)[ \t]*:|Submitted[ \t]+\d)",
    re.MULTILINE,
)
_ARXIV_PAGE_SCORE = 0.1


def score(page: Page) -> float:
    if NAME not in page.memo and _an_arxiv_page(page):
        return _ARXIV_PAGE_SCORE
    return _analysis(page).score


def _an_arxiv_page(page: Page) -> bool:
    marks = len(_ARXIV_LINES.findall(page.text))
    return marks >= 3 and marks * 6 >= len(page.lines) - page.lines.count("")


def read(page: Page) -> Reading:
    analysis = _analysis(page)
    papers: list[ParsedPaper] = []
    seen: set[str] = set()
    # Read though no layout was sure (`--format pub-list`): only papers printed with their
    # authors, never a lone line that might be anything.
    sure = analysis.score >= CONFIDENT
    for record in analysis.records:
        if not sure and not (record.names and is_strong(record.names)):
            continue
        key = " ".join(record.title.lower().split())
        if key in seen:
            continue  # a "selected papers" list repeats some of the full list
        seen.add(key)
        venue, year = split_venue(record.venue) if record.venue else (None, None)
        year = record.own_year or year or record.heading_year
        date, date_text = record.published or (year, year)  # a printed date says more
        names = record.names
        papers.append(
            ParsedPaper(
                title=record.title,
                authors=list(names.names) if names else [],
                authors_truncated=bool(names and names.truncated),
                abstract=record.abstract,
                date=date,
                date_text=date_text,
                venue=venue,
                url=record.url,
                arxiv_id=record.arxiv_id,
                format=NAME,
                source=page.source,
            )
        )
    return Reading(papers, [], list(analysis.skipped))


_LAYOUTS = {
    "TN": "a title line, then an author line",
    "NT": "an author line, then a title line",
    "TV": "a title line, then a venue line",
    "with": "`Title, with A. Author and B. Author. (Venue Year)`",
    "names-first": "`A. Author, B. Author. Title. Venue, Year.`",
    "title-first": "`Title. A. Author, B. Author. Venue Year.`",
    "dash": "`Title – Author, Author and Author`",
    "title-venue": "`Title (Venue Year)`",
}


def marks(page: Page) -> list[str]:
    analysis = _analysis(page)
    if analysis.layout is None:
        return []
    found = [
        f"{len(analysis.records)} paper{'' if len(analysis.records) == 1 else 's'} as "
        f"{_LAYOUTS[analysis.layout]}",
        f"they hold {analysis.share:.0%} of the lines that are no page chrome",
    ]
    return found + ([f"not sure: {analysis.doubt}"] if analysis.doubt else [])


READER = Reader(
    NAME,
    "a publication list (homepage, lab page, accepted papers, journal digest)",
    score,
    read,
    marks,
)
