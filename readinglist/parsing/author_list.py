"""A researcher's publication list: per paper a date line, a title+authors line, an abstract.

    81.7CLMar 19
    Optimal Splitting of Language Models ...DomainsSkyler Seto, Pierre Ablin et al.
    Language models achieve impressive performance ...

The date line (`[score]CATEGORYMon D[, YYYY]`) anchors every entry; whatever precedes the first
one is page chrome. An entry's lines up to the next date line are its title line and abstract.
"""

from __future__ import annotations

import datetime as dt
import re

from readinglist.papers.models import ParsedPaper
from readinglist.parsing.authors import (
    TitleAuthors,
    names_clean,
    split_clean,
    split_spaced,
    strip_et_al,
)
from readinglist.parsing.dates import DATE, resolve_date
from readinglist.parsing.shape import looks_like_prose

FORMAT = "author-list"
_SCORE = r"(?P<score>\d{1,4}(?:\.\d+)?)"
_CATEGORY = r"(?P<category>(?:[a-z][a-z-]*\.)?[A-Z]{1,6}(?:\.[A-Z]{1,6})?)"
# The score and category may be missing, or separated by a space when the copy kept one.
ANCHOR = re.compile(rf"(?:{_SCORE} ?)?(?:{_CATEGORY} ?)?{DATE}")
_ANCHOR_MAX = 40  # anchors are short; longer lines are never tried


def match_anchor(line: str) -> re.Match[str] | None:
    if len(line) > _ANCHOR_MAX or not line:
        return None
    return ANCHOR.fullmatch(line)


def count_strong_anchors(lines: list[str]) -> int:
    """Date lines carrying a category or score: what tells an author list from other pages."""
    count = 0
    for line in lines:
        match = match_anchor(line)
        if match is not None and (match.group("category") or match.group("score")):
            count += 1
    return count


def count_glued_entries(lines: list[str], limit: int = 200) -> tuple[int, int]:
    """(date lines, those followed by a title+authors line), over the first `limit` date lines.

    Tells an author list whose date lines carry no category from a page with dates."""
    anchors = glued = 0
    pending = False
    for line in lines:
        if not line:
            continue
        if pending:
            pending = False
            glued += _is_title_line(line)
        if match_anchor(line) is not None:
            anchors += 1
            pending = anchors <= limit
            if anchors > limit:
                break
    return anchors, glued


def parse_author_list(
    lines: list[str], source: str, as_of: dt.date
) -> tuple[list[ParsedPaper], list[str]]:
    """Papers and warnings (`source: line N: ...`) of an author-list page's cleaned lines."""
    papers: list[ParsedPaper] = []
    warnings: list[str] = []
    entries = _entries(lines)
    if entries and entries[0][0] is None:
        _check_preamble(entries.pop(0)[1], source, warnings)
    for anchor, body in entries:
        paper = _paper(anchor, body, source, as_of, warnings)
        if paper is not None:
            papers.append(paper)
    return papers, warnings


Line = tuple[int, str]  # (1-based line number, text)


def _entries(lines: list[str]) -> list[tuple[tuple[int, re.Match[str]] | None, list[Line]]]:
    """Date lines with the non-blank lines that follow each; lines before the first come first."""
    entries: list[tuple[tuple[int, re.Match[str]] | None, list[Line]]] = [(None, [])]
    for number, line in enumerate(lines, 1):
        if not line:
            continue
        match = match_anchor(line)
        if match is not None:
            body = entries[-1][1]
            if not match.group("category") and body and (joined := _split_anchor(body, line)):
                match = joined  # `92.4` and `CV` on lines of their own above `Dec 12, 2024`
            entries.append(((number, match), []))
        else:
            entries[-1][1].append((number, line))
    if not entries[0][1]:
        entries.pop(0)
    return entries


_LONE_PART = re.compile(rf"{_SCORE}|{_CATEGORY}")


def _split_anchor(body: list[Line], date_line: str) -> re.Match[str] | None:
    """The anchor of a copy that put its score and category on lines of their own: those lines
    leave the previous entry's body, which they would otherwise end."""
    parts = 0
    while parts < min(2, len(body)) and _LONE_PART.fullmatch(body[-1 - parts][1]):
        parts += 1
    if not parts:
        return None
    joined = " ".join([line for _, line in body[len(body) - parts :]] + [date_line])
    match = ANCHOR.fullmatch(joined)
    if match is not None:
        del body[len(body) - parts :]
    return match


def _check_preamble(body: list[Line], source: str, warnings: list[str]) -> None:
    """Page chrome before the first entry is skipped; a paper there has lost its date line."""
    for number, line in body:
        if _is_title_line(line):
            warnings.append(f"{source}: line {number}: paper without a date line, skipped")


def _paper(
    anchor: tuple[int, re.Match[str]],
    body: list[Line],
    source: str,
    as_of: dt.date,
    warnings: list[str],
) -> ParsedPaper | None:
    number, match = anchor
    if not body:
        warnings.append(f"{source}: line {number}: date line without a paper after it, skipped")
        return None
    title_number, title_line = body[0]
    if _prose(title_line):
        warnings.append(
            f"{source}: line {title_number}: expected a title and authors after the date line, "
            "found prose; entry skipped"
        )
        return None
    rest = body[1:]
    split = split_clean(title_line)
    if rest and (own_line := names_clean(rest[0][1])) is not None:
        # The copy put the authors on their own line: the title line is all title.
        split = TitleAuthors(title_line, own_line.authors, own_line.truncated)
        rest = rest[1:]
    if split is None:
        split = split_spaced(title_line)
    if split is None:
        warnings.append(
            f"{source}: line {title_number}: could not tell the title from the authors; "
            "kept the whole line as the title"
        )
        split = TitleAuthors(title_line, [], False)
    abstract_lines = _abstract_lines(rest, source, warnings)
    month, day, year = match.group("month", "day", "year")
    score = match.group("score")
    return ParsedPaper(
        title=split.title,
        authors=split.authors,
        authors_truncated=split.truncated,
        author_count=len(split.authors) if split.authors and not split.truncated else None,
        abstract=" ".join(abstract_lines),  # cleaned lines are already collapsed
        date=resolve_date(month, day, year, as_of),
        date_text=match.group(0)[match.start("month") :],
        category=match.group("category"),
        score=float(score) if score is not None else None,
        format=FORMAT,
        source=source,
    )


def _abstract_lines(rest: list[Line], source: str, warnings: list[str]) -> list[str]:
    """The abstract's lines; a title+authors line among them is a paper that lost its date."""
    for index, (number, line) in enumerate(rest):
        if _is_title_line(line):
            warnings.append(f"{source}: line {number}: paper without a date line, skipped")
            return [text for _, text in rest[:index]]
    return [text for _, text in rest]


def _prose(line: str) -> bool:
    return looks_like_prose(strip_et_al(line)[0])


def _is_title_line(line: str) -> bool:
    return not _prose(line) and split_clean(line) is not None
