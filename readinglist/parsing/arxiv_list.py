"""The reader of arXiv lists: /new (new, cross-lists, replacements), /recent, /pastweek, monthly.

Every entry starts at its id line (`[1]  arXiv:2407.14741 [pdf, other]`, or the number, the id,
the `(cross-list from cs.AI)` marker and the links on lines of their own) and holds labelled
fields: `Title:`, `Authors:` (the current layout prints the authors unlabelled, right after the
title), `Comments:`, `Journal-ref:`, `Subjects:`, then, on /new pages, the abstract. Only an
id with a title makes a paper; everything between entries (headings, counters, paging,
footers) is chrome, listed in `Reading.skipped`. Section headings and day headings set the
section and the listing date of the entries after them. One pass over the lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from readinglist.papers.arxiv_ids import abs_url
from readinglist.papers.models import ParsedPaper
from readinglist.parsing.arxiv_fields import (
    SUBJECTS_LINE,
    category_tokens,
    day_iso,
    find_doi,
    join_lines,
    joined_paragraphs,
    month_iso,
    subject_codes,
    title_and_authors,
)
from readinglist.parsing.arxiv_lines import (
    DATE_HEADING,
    DAY,
    ENTRY_NUMBER,
    LABEL,
    LINKS,
    LIST_ANCHOR,
    MARKER,
    MARKER_WORD,
    MONTH_YEAR,
    SECTION,
    anchor_id,
    arxiv_marks,
    has_arxiv_prefix,
    is_boundary,
    plain_lines,
)
from readinglist.parsing.readers import Page, Reader, Reading

FORMAT = "arxiv-list"
_YEAR = re.compile(r"(?:19|20)\d\d")
_ENDS = (".", "!", "?", ")", '"', "”", "]")
_SECTIONS = {"n": "new", "c": "cross-list", "r": "replacement"}
# The labels of a list entry, by their canonical name.
_LABELS = {
    "title": "title",
    "author": "authors",
    "authors": "authors",
    "comments": "comments",
    "journal-ref": "journal_ref",
    "journal ref": "journal_ref",
    "subjects": "subjects",
    "abstract": "abstract",
    "doi": "doi",
    "categories": "categories",
    "date": "date",
}


def score_arxiv_list(page: Page) -> float:
    marks = arxiv_marks(page.text, page.memo)
    if marks.list_anchors == 0 or marks.titles == 0:
        return 0.0
    if marks.submitted > marks.titles:  # search results quoting a list
        return 0.3
    labelled = min(marks.titles, marks.list_anchors)
    return 0.95 if labelled >= 2 or marks.subjects or marks.headings else 0.7


def list_marks(page: Page) -> list[str]:
    return arxiv_marks(page.text, page.memo).describe() if score_arxiv_list(page) else []


@dataclass
class _Entry:
    """One entry's lines, by field: each field a list of paragraphs (blank-line separated)."""

    line: int  # index of the id line
    arxiv_id: str
    markers: list[str]
    fields: dict[str, list[list[str]]] = field(default_factory=dict)
    abstract: list[str] = field(default_factory=list)
    abstract_at: list[int] = field(default_factory=list)  # the abstract lines' numbers


@dataclass
class _State:
    section: str | None = None
    date: str | None = None
    listing_date: str | None = None


def read_arxiv_list(page: Page) -> Reading:
    lines = plain_lines(page.lines)
    rows = [index for index, line in enumerate(lines) if line]  # blank lines are skipped over
    reading = Reading()
    state = _State()
    at, count = 0, len(rows)  # at: a position in rows
    anchor = None  # the next entry's id line, when the last entry ended at it
    while at < count:
        index = rows[at]
        line = lines[index]
        anchor = anchor or _anchor(line)
        if anchor is not None:
            markers = MARKER_WORD.findall(line) if "(" in line else []
            entry = _Entry(index, anchor[1], markers)
            at, anchor = _read_entry(lines, rows, at + 1, entry, reading)
            abstract = _drop_chrome_abstract(entry, reading)
            paper = _paper(entry, state, page.source, abstract)
            if paper is None:
                reading.warnings.append(
                    f"{page.source}: line {entry.line + 1}: arXiv:{entry.arxiv_id} without a "
                    "title, skipped"
                )
            else:
                reading.papers.append(paper)
            continue
        reason = "entry number" if ENTRY_NUMBER.fullmatch(line) else _heading(line, state)
        reading.skipped.append((index + 1, line, reason or "page chrome"))
        at += 1
    # as the page printed them (not as read: without Markdown marks), in page order
    reading.skipped = [(n, page.lines[n - 1], why) for n, _, why in sorted(reading.skipped)]
    return reading


def _anchor(line: str) -> tuple[re.Match[str], str] | None:
    """The id line's match and its id, or None when the line is no entry's id line."""
    if not has_arxiv_prefix(line):
        return None
    match = LIST_ANCHOR.fullmatch(line)
    arxiv_id = anchor_id(match) if match is not None else None
    return (match, arxiv_id) if arxiv_id else None


def _heading(line: str, state: _State) -> str | None:
    """Update the section and listing date from a heading; say what the heading was."""
    if len(line) > 120:
        return None
    section = SECTION.fullmatch(line)
    if section is not None:
        state.section = _SECTIONS[section.group("name")[0].lower()]
        if section.group("day") and _set_day(state, section.group("day")):
            return f"section heading ({state.section}, listed {state.date})"
        return f"section heading ({state.section})"
    heading = DATE_HEADING.fullmatch(line)
    if heading is None:
        return None
    if heading.group("month") is not None:
        month = MONTH_YEAR.search(heading.group("month"))
        year = _YEAR.fullmatch(heading.group("month").strip())
        if month is not None:
            state.date, state.listing_date = month_iso(month.group(0)), month.group(0)
        elif year is not None:  # `Authors and titles for 2024`
            state.date = state.listing_date = year.group(0)
        else:
            return "listing heading"
    elif not _set_day(state, heading.group("when") or heading.group("heading")):
        return "listing heading"
    return f"listing date ({state.date})"


def _set_day(state: _State, text: str) -> bool:
    iso = day_iso(text)
    if iso is None:
        return False
    state.date, state.listing_date = iso, text.strip()
    return True


def _read_entry(
    lines: list[str], rows: list[int], at: int, entry: _Entry, reading: Reading
) -> tuple[int, tuple[re.Match[str], str] | None]:
    """Collect the entry's fields from the text line `rows[at]` on. Returns the position (in
    rows) of the first line after it, and the next entry's id line when that is what ended
    it. An entry ends at the next entry or its number, a heading, a counter, paging, a footer."""
    current: str | None = None
    blank = False  # a blank line since the last text line
    closed = False  # the abstract's paragraph has ended
    count = len(rows)
    last = entry.line  # the line before: blank lines lie between it and the next row
    while at < count:
        index = rows[at]
        if index > last + 1:
            blank = True
            # a blank ends the abstract, unless it broke a sentence (one-space lines of a tool)
            closed = closed or (bool(entry.abstract) and entry.abstract[-1].endswith(_ENDS))
        last = index
        line = lines[index]
        label = None
        if ":" in line:
            if "iv:" in line or "IV:" in line:
                anchor = _anchor(line)
                if anchor is not None:
                    return at, anchor
                label = LABEL.fullmatch(line)
            else:
                label = LABEL.fullmatch(line)
                # a label line is never a boundary: only other lines are tried
                if label is None and is_boundary(line):
                    break
        elif line[0] == "[" and LINKS.fullmatch(line):  # never a boundary
            at += 1
            reading.skipped.append((index + 1, line, "download links"))
            continue
        elif is_boundary(line):
            break
        at += 1
        index += 1  # from here on the line's 1-based number
        first = line[0]
        if first == "[" and LINKS.fullmatch(line):
            reading.skipped.append((index, line, "download links"))
            continue
        if first == "(" and current is None and MARKER.fullmatch(line):
            entry.markers.extend(MARKER_WORD.findall(line))
            continue
        if first == "\\":  # arXiv's e-mail: `\\` opens the abstract, `\\ ( URL , 812kb)` ends all
            if (
                not line.strip("\\")
                and "title" in entry.fields
                and not entry.abstract
                and not closed
            ):
                current, blank = "abstract", False
            else:
                closed = True
                reading.skipped.append((index, line, "page chrome"))
            continue
        if current is None and line.startswith("replaced with revised version"):
            entry.markers.append("replaced")  # the e-mail's replacements
        if closed:
            pass
        elif label is not None:
            # MSC-class, ACM-class, Report-no: read (so they end the field before), not kept
            current = _LABELS.get(label.group("label").lower(), "other")
            value = label.group("value").strip()
            entry.fields.setdefault(current, []).append([value] if value else [])
            blank = False
            continue
        elif current == "abstract":  # the common cases of _add_value, without the call
            entry.abstract.append(line)
            entry.abstract_at.append(index)
            blank = False
            continue
        elif current == "title" or current == "authors":
            paragraphs = entry.fields[current]
            if blank and paragraphs[-1]:
                paragraphs.append([])
            paragraphs[-1].append(line)
            blank = False
            continue
        current, closed = _add_value(entry, current, line, blank, closed, reading, index)
        blank = False
    return at, None


def _add_value(
    entry: _Entry,
    current: str | None,
    line: str,
    blank: bool,
    closed: bool,
    reading: Reading,
    number: int,
) -> tuple[str | None, bool]:
    """File a text line under the field it continues; the field and whether the abstract ended."""
    if current is None or closed:
        reading.skipped.append((number, line, "page chrome" if current else "before the title"))
        return current, closed
    paragraphs = entry.fields.get(current)
    if current == "abstract":
        _add_abstract(entry, line, number)
        return current, closed
    if current == "subjects":
        value = paragraphs[-1]
        complete = bool(value) and value[-1].endswith(")")
        if not value or (
            (not blank or not complete) and len(line) < 200 and SUBJECTS_LINE.fullmatch(line)
        ):
            value.append(line)
            return current, closed
        _add_abstract(entry, line, number)
        return "abstract", closed
    if current in ("title", "authors"):
        if blank and paragraphs[-1]:
            paragraphs.append([])
        paragraphs[-1].append(line)
        return current, closed
    # Comments, Journal-ref, DOI: wrapped values continue; after a blank line, the abstract.
    if blank and paragraphs[-1]:
        _add_abstract(entry, line, number)
        return "abstract", closed
    paragraphs[-1].append(line)
    return current, closed


def _add_abstract(entry: _Entry, line: str, number: int) -> None:
    entry.abstract.append(line)
    entry.abstract_at.append(number)


def _drop_chrome_abstract(entry: _Entry, reading: Reading) -> str:
    """The entry's abstract. Lists without abstracts: text after an entry that is no prose is
    chrome. An abstract is long, or ends a sentence (`This paper has been withdrawn.`)."""
    text = join_lines(entry.abstract)
    if not text or len(text) >= 200:
        return text
    if text.endswith((".", "!", "?", ")")) and text.count(" ") >= 3:
        return text
    reading.skipped.extend(
        (n, line, "page chrome") for n, line in zip(entry.abstract_at, entry.abstract, strict=True)
    )
    entry.abstract.clear()
    return ""


def _paper(entry: _Entry, state: _State, source: str, abstract: str) -> ParsedPaper | None:
    title, authors = title_and_authors(entry.fields)
    if not title:
        return None
    fields = entry.fields
    subjects = subject_codes(joined_paragraphs(fields["subjects"])) if "subjects" in fields else []
    if not subjects and "categories" in fields:  # `cs.CL cs.AI`
        subjects = category_tokens(joined_paragraphs(fields["categories"])) or []
    date, printed = state.date, state.listing_date
    if date is None and "date" in fields:  # the e-mail's `Date: Mon, 17 Nov 2025 ...`
        day = DAY.search(joined_paragraphs(fields["date"]))
        date, printed = (day_iso(day.group(0)), day.group(0)) if day else (None, None)
    section = state.section
    if entry.markers:
        markers = {m.lower()[:5] for m in entry.markers}
        if "repla" in markers:
            section = "replacement"
        elif "cross" in markers:
            section = "cross-list"
    return ParsedPaper(
        title=title,
        authors=authors,
        author_count=len(authors) or None,
        abstract=abstract,
        date=date,
        date_text=printed,
        category=subjects[0] if subjects else None,
        listing_date=state.listing_date,
        arxiv_id=entry.arxiv_id,
        doi=find_doi(joined_paragraphs(fields["doi"])) if "doi" in fields else None,
        url=abs_url(entry.arxiv_id),
        comments=_optional(fields, "comments"),
        journal_ref=_optional(fields, "journal_ref"),
        subjects=subjects,
        section=section,
        format=FORMAT,
        source=source,
    )


def _optional(fields: dict[str, list[list[str]]], name: str) -> str | None:
    return (joined_paragraphs(fields[name]) or None) if name in fields else None


ARXIV_LIST_READER = Reader(
    FORMAT,
    "an arXiv list: new, recent, past week or monthly",
    score_arxiv_list,
    read_arxiv_list,
    list_marks,
)
