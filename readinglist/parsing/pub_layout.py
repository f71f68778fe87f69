"""Finding the record layout a publication list repeats, and how sure that makes us.

Every layout is tried on the page's lines: each one-line layout (pub_records), and title and
author lines side by side (`TN`: title then authors, `NT`: authors then title, `TV`: title then
a venue line). The layout that yields the most records wins; records of its close kin fill in
(a homepage's solo papers print `Title (Venue Year)` among `Title, with A. (Venue Year)`);
every other line is skipped and said why.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from readinglist.parsing.dates import MONTH, resolve_date
from readinglist.parsing.pub_names import Names, is_strong
from readinglist.parsing.pub_page import LineTests, PageLines, unquote
from readinglist.parsing.pub_venues import YEAR, has_firm_venue, looks_like_venue, strip_badges

# Which layouts may fill in beside the winning one.
_KIN = {
    "with": ("title-venue",),
    "title-first": ("title-venue",),
    "dash": ("title-venue",),
    "title-venue": ("with", "dash", "title-first"),
    # a title with only a venue line below it fills in no title-and-authors page: on such
    # pages that shape is an e-mail's `Subject:` or a badge line (`Open Access`) more often
    "TV": ("TN",),
}
_ONE_LINE = ("names-first", "title-first", "with", "dash", "title-venue")
_PRIORITY = ("TN", "NT", "names-first", "title-first", "with", "dash", "title-venue", "TV")
# Lines of other page shapes (arXiv lists and searches, Hugging Face pages): their readers know
# these pages; a few such lines keep this reader below them.
_FOREIGN = re.compile(
    r"^(?:(?:Subjects|Comments|Journal-ref|Journal ref|Submitted)\s*:"
    r"|arXiv:\d|\d+\.\s+arXiv:|\[\s*pdf\s*,|Subscribe|·$|•\s*\d+\s+authors|Submitted\s+\d)"
)
# OpenReview's `Published: 22 Jan 2025, Last Modified: ...`
_PUBLISHED = re.compile(
    rf"^(?:Published|Accepted|Posted|Online)(?: on)?:?\s+(?P<date>(?P<day>\d{{1,2}})\s+"
    rf"(?P<month>{MONTH})\s+(?P<year>(?:19|20)\d\d))\b"
)
# A journal's table of contents: `Article | 04 November 2025` above each title.
_DATED = re.compile(
    rf"^(?:[A-Z][\w ,-]{{1,40}}?\s*[|·]\s*)?(?P<date>(?P<day>\d{{1,2}})\s+(?P<month>{MONTH})"
    rf"\s+(?P<year>(?:19|20)\d\d))$"
)
_YEAR_ONLY = re.compile(r"^\W*(?:19|20)\d\d\W*$")
_COUNT = re.compile(r"\d{1,7}")  # a citation count on a line of its own
_EXTRAS = 4  # venue, abstract and link lines a multi-line record may hold


@dataclass
class Record:
    layout: str
    numbers: list[int]  # indexes into the analysed lines
    title: str
    names: Names | None
    venue: str | None = None
    abstract: str = ""
    url: str | None = None
    arxiv_id: str | None = None
    heading_year: str | None = None
    published: tuple[str, str] | None = None  # (ISO date, as printed) of a `Published:` line
    own_year: str | None = None  # a year line of the paper's own (a Scholar row)


@dataclass
class Analysis:
    records: list[Record] = field(default_factory=list)
    skipped: list[tuple[int, str, str]] = field(default_factory=list)
    score: float = 0.0
    layout: str | None = None  # the winning layout
    share: float = 0.0  # of the lines that are no chrome, the share the records hold
    doubt: str | None = None  # why the score is low
    tests: LineTests | None = field(default=None, repr=False)  # to reuse on the whole page


def analyse(page_lines: list[str], tests: LineTests | None = None) -> Analysis:
    """The page's records; `tests` holds line tests made before (on its first megabyte)."""
    lines = PageLines(page_lines, tests)
    candidates = _one_line_records(lines)
    for orientation in ("TN", "NT", "TV"):
        candidates.extend(_paired_records(lines, orientation))
    kept = _dominant(candidates)
    kept = _years_and_sections(lines, kept)
    analysis = Analysis(kept, _skipped(lines, kept), tests=lines.tests)
    layouts = [record.layout for record in kept if not record.layout.endswith("?")]
    analysis.layout = max(set(layouts), key=layouts.count) if layouts else None
    analysis.score, analysis.share, analysis.doubt = _score(lines, kept)
    return analysis


def _one_line_records(lines: PageLines) -> list[Record]:
    records = []
    for i in range(len(lines)):
        fields = lines.one(i)
        if fields is None:
            continue
        title = unquote(strip_badges(fields.title))
        record = Record(fields.layout, [i], title, fields.names, fields.venue)
        _absorb(lines, record, i + 1, one_line=True)
        records.append(record)
    return records


def _paired_records(lines: PageLines, orientation: str) -> list[Record]:
    records, i, n, free = [], 0, len(lines), 0  # lines before `free` belong to a record
    while i < n - 1:
        record = _pair_at(lines, i, orientation)
        if record is None:
            i += 1
            continue
        end = _absorb(lines, record, i + 2, one_line=False)
        before = i - 1  # a venue above the title (`NeurIPS 2024`) when none below it
        dated = _DATED.match(lines.items[before].text) if before >= free else None
        if dated is not None and record.published is None and not lines.gap[i]:
            record.published = _published(dated)  # `Article | 04 November 2025` (a ToC)
            record.numbers.insert(0, before)
        elif record.venue is None and before >= free and _venue_above(lines, before):
            record.venue = lines.items[before].text
            record.numbers.insert(0, before)
        free = i = end
        records.append(record)
    return records


def _venue_above(lines: PageLines, i: int) -> bool:
    line = lines.items[i]
    if lines.gap[i + 1]:
        return False
    if line.topic is not None or _YEAR_ONLY.match(line.text):
        return False  # a section heading (`ICML 2024 papers`) is no paper's venue
    if (line.chrome is not None and line.chrome != "heading") or _YEAR_ONLY.match(line.text):
        return False  # a `2024` heading dates the papers below it, it names no venue
    return has_firm_venue(line.text) and looks_like_venue(line.text) and lines.names(i) is None


def _pair_at(lines: PageLines, i: int, orientation: str) -> Record | None:
    if lines.gap[i + 1] and not lines.spaced:
        return None  # a paper's lines stand together
    if orientation == "TN":
        title, names = lines.title(i), lines.names(i + 1)
    elif orientation == "NT":
        names, title = lines.names(i), lines.title(i + 1)
        if title is not None and lines.names(i + 2) is not None:
            return None  # the title belongs to the author line after it
        if names is not None and not is_strong(names[0]):
            return None  # one name, then a line: a person and their role more often
    else:
        title, names = lines.title(i), None
        venue = lines.items[i + 1].text
        if title is None or not lines.venue(i + 1) or YEAR.search(venue) is None:
            return None  # `Title` / `NeurIPS 2024`: a bare title needs its venue's year
        return Record("TV", [i, i + 1], title[0], None, lines.items[i + 1].text)
    if title is None or names is None:
        return None
    return Record(orientation, [i, i + 1], title[0], names[0], title[1] or names[1])


def _absorb(lines: PageLines, record: Record, j: int, *, one_line: bool) -> int:
    """Take the venue, abstract and link lines that follow a record's lines; the next index."""
    spaced = lines.spaced
    while j < len(lines) and len(record.numbers) < _EXTRAS + 2:
        line = lines.items[j]
        if lines.gap[j] and not spaced:
            break
        published = (
            (_PUBLISHED.match(line.text) or _DATED.match(line.text)) if not one_line else None
        )
        if line.chrome == "link labels":
            record.numbers.append(j)
        elif not one_line and _scholar_tail(lines, record, j):
            j += 1  # the venue, citation count and year of a Google Scholar row, a line each
            continue
        elif published is not None and record.published is None:
            record.published = _published(published)
            record.numbers.append(j)
        elif record.venue is None and not one_line and _closing_venue(lines, j):
            record.venue = line.text
            record.numbers.append(j)
        elif line.chrome is not None or _starts_record(lines, j, one_line):
            break
        elif record.venue is None and not one_line and lines.venue(j):
            record.venue = line.text
            record.numbers.append(j)
        elif not record.abstract and _abstract(lines, j, one_line):
            record.abstract = line.text
            record.numbers.append(j)
        elif record.abstract and record.numbers[-1] == j - 1 and _continues(line.text):
            record.abstract += " " + line.text  # an abstract wrapped over lines (an e-mail)
            record.numbers.append(j)
        else:
            break
        j += 1
    for k in record.numbers:
        for item in (lines.items[k], *lines.labels.get(k, ())):
            record.venue = record.venue or item.venue
            if record.layout.rstrip("?") in _ONE_LINE or lines.names(k) is None:  # an author's link
                record.url = record.url or item.url
            record.arxiv_id = record.arxiv_id or item.arxiv_id
    return j


def _abstract(lines: PageLines, j: int, one_line: bool) -> bool:
    """Prose under a paper; under a one-line paper only a long one (it may be the next paper);
    under a title and authors also a first line of ten words cut by a mail client's wrap."""
    text = lines.items[j].text
    if one_line:
        return len(text) >= 200 and lines.prose(j)
    return lines.prose(j) or (len(text) >= 60 and len(text.split()) >= 10)


def _continues(text: str) -> bool:
    return text[:1].islower() and len(text) >= 20


def _scholar_tail(lines: PageLines, record: Record, j: int) -> bool:
    """`venue` / `152431` / `2012` under a paper (a Scholar profile copied one field a line):
    the venue as printed, the count dropped, the year the paper's."""
    text = lines.items[j].text
    if _YEAR_ONLY.match(text) and record.numbers and _COUNT.fullmatch(_last(lines, record)):
        record.own_year = text.strip(" .:")
        record.numbers.append(j)
        return True
    following = lines.items[j + 1].text if j + 1 < len(lines) else ""
    if _COUNT.fullmatch(text) and not _YEAR_ONLY.match(text) and _YEAR_ONLY.match(following):
        record.numbers.append(j)
        return True
    starts = _starts_record(lines, j, False)
    if record.venue is None and _COUNT.fullmatch(following) and not starts and not lines.prose(j):
        record.venue = text
        record.numbers.append(j)
        return True
    return False


def _last(lines: PageLines, record: Record) -> str:
    return lines.items[record.numbers[-1]].text


def _published(match: re.Match[str]) -> tuple[str, str] | None:
    iso = resolve_date(match.group("month"), match.group("day"), match.group("year"), dt.date.max)
    return (iso, match.group("date")) if iso else None


def _closing_venue(lines: PageLines, j: int) -> bool:
    """`ICML 2023` in capitals looks like a heading; as the last line of a paper's block it is
    the paper's venue."""
    line = lines.items[j]
    if line.chrome != "heading" or lines.spaced or not has_firm_venue(line.text):
        return False
    if not looks_like_venue(line.text):
        return False
    return j + 1 == len(lines) or lines.gap[j + 1] or not _starts_record(lines, j + 1, False)


def _starts_record(lines: PageLines, j: int, one_line: bool) -> bool:
    if one_line:
        return lines.one(j) is not None
    return lines.title(j) is not None and lines.names(j + 1) is not None


def _dominant(candidates: list[Record]) -> list[Record]:
    counts: dict[str, int] = {}
    for record in candidates:
        counts[record.layout] = counts.get(record.layout, 0) + 1
    if not counts:
        return []
    best = max(_PRIORITY, key=lambda layout: (counts.get(layout, 0), -_PRIORITY.index(layout)))
    taken: set[int] = set()
    kept: list[Record] = []
    # a weak record (`Title. One Name`) is a paper only beside strong ones of its layout
    for layouts in ((best,), (*_KIN.get(best, ()), f"{best}?")):
        for record in candidates:
            if record.layout in layouts and taken.isdisjoint(record.numbers):
                kept.append(record)
                taken.update(record.numbers)
    # A second section in another layout (a CV's journal papers and its preprints): kept when
    # three of its records or more carry two names and a venue each, and only those.
    for layout in _PRIORITY:
        full = [r for r in candidates if r.layout == layout and _full(r)]
        free = [r for r in full if taken.isdisjoint(r.numbers)]
        if layout != best and len(free) >= 3 and len(free) == len(full):
            kept.extend(free)
            taken.update(i for record in free for i in record.numbers)
    kept.sort(key=lambda record: record.numbers[0])
    return kept


def _full(record: Record) -> bool:
    return record.names is not None and is_strong(record.names) and record.venue is not None


def _years_and_sections(lines: PageLines, records: list[Record]) -> list[Record]:
    """Papers under a `2024` heading are of 2024 (a year the paper prints itself wins); papers
    under a `Talks` heading are no papers. A heading counts only alone (a menu's `Teaching` or
    `News(current)` ends nothing)."""
    year, papers, r, kept = None, True, 0, []
    used = {i for record in records for i in record.numbers[1:]}  # a paper's own year line
    for i, line in enumerate(lines.items):
        while r < len(records) and records[r].numbers[0] < i:
            r += 1
        if i in used:
            continue
        if line.chrome == "heading" and (line.year or line.topic):
            year = line.year  # `2024` starts a year; `Preprints` ends it; `ICML` does neither
        if line.topic is not None and _alone(lines, i):
            papers = line.topic == "papers"
        elif r < len(records) and records[r].numbers[0] == i and papers:
            records[r].heading_year = year
            kept.append(records[r])
    return kept


def _alone(lines: PageLines, i: int) -> bool:
    after = i + 1 < len(lines) and lines.items[i + 1].chrome is None
    return after and (i == 0 or lines.items[i - 1].chrome is None or lines.gap[i])


def _skipped(lines: PageLines, records: list[Record]) -> list[tuple[int, str, str]]:
    used = {i for record in records for i in record.numbers}
    skipped = []
    for i, line in enumerate(lines.items):
        if line.chrome is not None and i not in used:
            alone = line.chrome == "navigation" and _alone(lines, i)
            skipped.append((line.number, line.raw, "heading" if alone else line.chrome))
        elif i not in used:
            skipped.append((line.number, line.raw, "not in the page's record layout"))
        skipped.extend(
            (label.number, label.raw, "link labels") for label in lines.labels.get(i, ())
        )
    return skipped


def _score(lines: PageLines, records: list[Record]) -> tuple[float, float, str | None]:
    """Confident only when several records of one layout make up a clear share of the page;
    the score, the share, and why it is low (for `parse --explain`)."""
    n = len(records)
    chrome = sum(1 for line in lines.items if line.chrome is not None)
    covered = sum(1 for r in records for i in r.numbers if lines.items[i].chrome is None)
    content = max(1, len(lines) - chrome)
    share = min(1.0, covered / content)
    if n < 3:
        return 0.15 * n, share, "fewer than 3 papers in one layout"
    # Records that carry evidence beyond their layout: two names or more, or a venue or year.
    firm = sum(1 for r in records if (r.names and is_strong(r.names)) or r.venue or r.heading_year)
    score = (0.62 + 0.23 * min(1.0, (n - 3) / 5)) * min(1.0, share / 0.5) * (0.6 + 0.4 * firm / n)
    foreign = sum(
        1 for line in lines.items if _FOREIGN.match(line.raw) or _FOREIGN.match(line.text)
    )
    if foreign * 4 >= n:
        return min(score, 0.25), share, f"{foreign} lines of an arXiv or Hugging Face page"
    low = "they hold too small a share of the page" if share < 0.5 else None
    return round(score, 3), share, low
