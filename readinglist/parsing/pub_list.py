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

from readinglist.papers.models import ParsedPaper
from readinglist.parsing.pub_layout import Analysis, analyse
from readinglist.parsing.pub_venues import split_venue
from readinglist.parsing.readers import Page, Reader, Reading

NAME = "pub-list"


def _analysis(page: Page) -> Analysis:
    found = page.memo.get(NAME)
    if found is None:
        found = page.memo[NAME] = analyse(page.lines)
    return found


def score(page: Page) -> float:
    return _analysis(page).score


def read(page: Page) -> Reading:
    analysis = _analysis(page)
    papers: list[ParsedPaper] = []
    seen: set[str] = set()
    for record in analysis.records:
        key = " ".join(record.title.lower().split())
        if key in seen:
            continue  # a "selected papers" list repeats some of the full list
        seen.add(key)
        venue, year = split_venue(record.venue) if record.venue else (None, None)
        year = year or record.heading_year
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
