"""The reader of arXiv search results (arxiv.org/search, simple and advanced).

Each result: `1. arXiv:2407.04686  [pdf, other]`, the categories (`cs.DS math.NA`) and maybe a
DOI, the title, `Authors: ...`, `Abstract: ...` cut with `… ▽ More` or whole and ending
`△ Less` (a tool that keeps hidden text prints both: the whole one wins), `Submitted 5 July,
2024; originally announced July 2024.`, then optional `Comments:`, `Journal ref:`, `MSC Class:`
lines. Only an id with a title and authors or an abstract makes a paper; the rest is chrome.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from readinglist.papers.arxiv_ids import abs_url
from readinglist.papers.models import ParsedPaper
from readinglist.parsing.arxiv_fields import (
    SUBMITTED,
    category_tokens,
    day_iso,
    find_doi,
    join_lines,
    split_authors,
)
from readinglist.parsing.arxiv_lines import (
    DAY,
    LABEL,
    LINKS,
    SEARCH_ANCHOR,
    anchor_id,
    arxiv_marks,
    has_arxiv_prefix,
    is_stop,
    plain_lines,
)
from readinglist.parsing.readers import Page, Reader, Reading

FORMAT = "arxiv-search"
# Found from the mark (a search for a literal is fast; a leading `\s*` would be tried at every
# character): the space before the mark is stripped off the abstract anyway.
_MORE = re.compile(r"(?:▽|&#9661;)\s*More\b\s*")
_LESS = re.compile(r"(?:△|&#9651;)\s*Less\b\s*")
_DOI_ONLY = re.compile(r"(?:doi\s*:?\s*)?(10\.\d{4,9}/\S+\s*)+", re.IGNORECASE)
_LABELS = {
    "authors": "authors",
    "author": "authors",
    "abstract": "abstract",
    "comments": "comments",
    "journal ref": "journal_ref",
    "journal-ref": "journal_ref",
    "doi": "doi",
}
_WRAPPING = ("authors", "abstract")
_DATE_LABELS = ("submitted", "v1 submitted")
# Labels with a one-line value: after it, what comes next (comments end in chrome).
_SINGLE = {"comments": "after", "journal_ref": "after", "doi": "after"}
_PAGING = re.compile(r"\d{1,4}|…|\.\.\.|previous|next|go", re.IGNORECASE)


def score_arxiv_search(page: Page) -> float:
    marks = arxiv_marks(page.text, page.memo)
    anchors = max(marks.search_anchors, marks.list_anchors)
    if anchors == 0 or not (marks.submitted or marks.authors):
        return 0.0
    if marks.titles >= max(1, marks.submitted):  # `Title:` labels: an arXiv list
        return 0.2
    return 0.95 if marks.submitted else 0.65


def search_marks(page: Page) -> list[str]:
    return arxiv_marks(page.text, page.memo).describe() if score_arxiv_search(page) else []


@dataclass
class _Result:
    line: int
    arxiv_id: str
    categories: list[str] = field(default_factory=list)
    doi: str | None = None
    fields: dict[str, list[str]] = field(default_factory=dict)
    submitted: str | None = None


def read_arxiv_search(page: Page) -> Reading:
    lines = plain_lines(page.lines)
    reading = Reading()
    index, count = 0, len(lines)
    result_id = None  # the next result's id, when the last result ended at its line
    while index < count:
        line = lines[index]
        if not line:
            index += 1
            continue
        result_id = result_id or _anchor_id(line)
        if result_id is None:
            reading.skipped.append((index + 1, line, "page chrome"))
            index += 1
            continue
        result = _Result(index, result_id)
        index, result_id = _read_result(lines, index + 1, result, reading)
        paper = _paper(result, page.source)
        if paper is None:
            reading.warnings.append(
                f"{page.source}: line {result.line + 1}: arXiv:{result.arxiv_id} without a title "
                "and authors, skipped"
            )
        else:
            reading.papers.append(paper)
    # as the page printed them (not as read: without Markdown marks)
    reading.skipped = [(n, page.lines[n - 1], why) for n, _, why in reading.skipped]
    return reading


def _anchor_id(line: str) -> str | None:
    if not has_arxiv_prefix(line):
        return None
    match = SEARCH_ANCHOR.fullmatch(line)
    return anchor_id(match) if match is not None else None


def _read_result(
    lines: list[str], index: int, result: _Result, reading: Reading
) -> tuple[int, str | None]:
    """File the result's lines from `index` on. Returns the index of the first line after it,
    and the next result's id when that is what ended it."""
    current = "header"  # before the title: links, categories, DOI
    dated: str | None = None  # a `Submitted` label alone: the next date is the paper's
    count = len(lines)
    while index < count:
        line = lines[index]
        if not line:
            index += 1
            continue
        if "iv:" in line or "IV:" in line:
            next_id = _anchor_id(line)
            if next_id is not None:
                return index, next_id
        if len(line) < 120 and is_stop(line):
            break
        index += 1
        submitted = SUBMITTED.match(line) if line[0] in "Ss" else None
        if submitted is not None:
            first = submitted.group("first") or submitted.group("date")
            result.submitted = first
            current = "after"
            continue
        lowered = line.lower() if len(line) < 14 else ""
        if lowered in _DATE_LABELS:  # `Submitted` / `v1 submitted` alone: the date follows
            current = "after"
            dated = lowered
            continue
        if dated and (day := DAY.search(line)) is not None:
            if dated == "v1 submitted" or result.submitted is None:
                result.submitted = day.group(0).rstrip(";")
            dated = None
            continue
        if lowered == "abstract" and current in ("title", "authors"):  # `Abstract` + `: text`
            current = "abstract"
            continue
        if current == "abstract" and line.startswith(":") and not result.fields.get("abstract"):
            line = line[1:].strip()
        label = LABEL.fullmatch(line) if ":" in line else None
        if label is not None and current != "header":
            name = _LABELS.get(label.group("label").lower(), "after")  # MSC Class, ...: unkept
            value = label.group("value").strip()
            result.fields.setdefault(name, []).append(value)
            # Title, authors and abstract may wrap; a line after the others' values is chrome.
            current = name if name in _WRAPPING or not value else _SINGLE.get(name, "after")
            continue
        if current in _SINGLE:  # the value of a label alone on its line
            result.fields.setdefault(current, []).append(line)
            current = _SINGLE[current]
            continue
        if current == "header":
            if _header_line(line, result):
                continue
            current = "title"
        if current == "after" or (current == "title" and _PAGING.fullmatch(line)):
            reading.skipped.append((index, line, "page chrome"))
            continue
        result.fields.setdefault(current, []).append(line)
    return index, None


def _header_line(line: str, result: _Result) -> bool:
    """Links, categories and DOIs before the title: filed, True; anything else False."""
    if LINKS.fullmatch(line) or line.lower() == "doi":
        return True
    doi_at = line.lower().find(" doi ")
    head = line[:doi_at] if doi_at > 0 else line
    codes = category_tokens(head)
    if codes is not None:
        result.categories.extend(c for c in codes if c not in result.categories)
        if doi_at > 0:
            result.doi = result.doi or find_doi(line[doi_at:])
        return True
    if _DOI_ONLY.fullmatch(line):
        result.doi = result.doi or find_doi(line)
        return True
    return False


def _abstract(text: str) -> tuple[str, bool]:
    """The abstract without `▽ More` / `△ Less`, and whether the page cut it."""
    more = _MORE.search(text) if "More" in text else None
    less = _LESS.search(text) if "Less" in text else None
    if less is not None:
        start = more.end() if more is not None and more.start() < less.start() else 0
        return text[start : less.start()].strip(), False
    if more is not None:
        return text[: more.start()].strip(), True
    return text.strip(), False


def _joined(parts: list[str] | None) -> str:
    return join_lines(parts or [])


def _paper(result: _Result, source: str) -> ParsedPaper | None:
    title = _joined(result.fields.get("title"))
    authors = split_authors(_joined(result.fields.get("authors")))
    abstract, cut = _abstract(_joined(result.fields.get("abstract")))
    if not title or not (authors or abstract):
        return None
    date = day_iso(result.submitted) if result.submitted else None
    doi = result.doi or (
        find_doi(_joined(result.fields["doi"])) if "doi" in result.fields else None
    )
    return ParsedPaper(
        title=title,
        authors=authors,
        author_count=len(authors) or None,
        abstract=abstract,
        date=date,
        date_text=result.submitted,
        category=result.categories[0] if result.categories else None,
        arxiv_id=result.arxiv_id,
        doi=doi,
        url=abs_url(result.arxiv_id),
        comments=_joined(result.fields.get("comments")) or None,
        journal_ref=_joined(result.fields.get("journal_ref")) or None,
        subjects=list(result.categories),
        abstract_truncated=cut,
        format=FORMAT,
        source=source,
    )


ARXIV_SEARCH_READER = Reader(
    FORMAT, "arXiv search results", score_arxiv_search, read_arxiv_search, search_marks
)
