"""Reading copied listing pages into papers: `parse_text`, `parse_file`, `render_page`.

Each page shape has a reader (readinglist.parsing.readers); the most confident one reads the
page, and a page no reader is confident about is refused in one line.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from typing import NamedTuple

from readinglist.errors import UserError
from readinglist.papers.models import FORMATS, ParsedPaper
from readinglist.parsing.cleanup import decode_bytes, display_name
from readinglist.parsing.readers import (
    Page,
    Reader,
    choose,
    reader_named,
    readers,
    scoring_sample,
)
from readinglist.parsing.render import render_page

__all__ = [
    "FORMATS",
    "Explanation",
    "ParseResult",
    "ReaderScore",
    "detect_format",
    "explain_file",
    "explain_text",
    "parse_bytes",
    "parse_file",
    "parse_text",
    "render_page",
]


class ParseResult(NamedTuple):
    papers: list[ParsedPaper]
    warnings: list[str]
    format: str
    skipped: tuple[tuple[int, str, str], ...] = ()  # (line number, line, why), for --explain
    scores: tuple[tuple[str, float], ...] = ()  # every reader's confidence, best first


def detect_format(text: str) -> str | None:
    """The listing format of a page's text, or None when it is no listing."""
    reader = choose(Page(text, "", dt.date.today())).reader
    return reader.name if reader else None


def parse_text(text: str, source: str, *, as_of: dt.date, fmt: str | None = None) -> ParseResult:
    """The papers of one page's text. UserError naming `source` when it holds no listing."""
    page = _page(text, source, as_of, fmt)
    reader, scores = _choose(page, fmt)
    reading = reader.read(page) if reader is not None else None
    if reading is None or not reading.papers:
        raise UserError(_refusal(source, fmt))
    return ParseResult(
        reading.papers, reading.warnings, reader.name, tuple(reading.skipped), tuple(scores)
    )


class ReaderScore(NamedTuple):
    name: str
    score: float
    describe: str
    marks: tuple[str, ...]  # what the reader recognised on the page


class Explanation(NamedTuple):
    """How a page was read, for `parse --explain`: every reader's score and marks, the chosen
    reader (None: refused), the papers and the lines skipped as chrome."""

    source: str
    chosen: ReaderScore | None
    scores: tuple[ReaderScore, ...]
    papers: tuple[ParsedPaper, ...]
    skipped: tuple[tuple[int, str, str], ...]
    warnings: tuple[str, ...]
    refusal: str | None  # the one-line refusal when the page gave no paper


def explain_text(text: str, source: str, *, as_of: dt.date, fmt: str | None = None) -> Explanation:
    page = _page(text, source, as_of, fmt)
    choice = choose(page)  # every reader's score, shown even when --format forces one
    sample = scoring_sample(page)
    reader = reader_named(fmt) if fmt is not None else choice.reader
    score_of = dict(choice.scores)
    rows = tuple(
        ReaderScore(
            r.name, score_of.get(r.name, 0.0), r.describe, tuple(r.marks(sample)) if r.marks else ()
        )
        for r in sorted(readers(), key=lambda r: -score_of.get(r.name, 0.0))
    )
    reading = reader.read(page) if reader is not None else None
    chosen = next((row for row in rows if reader is not None and row.name == reader.name), None)
    if reading is None or not reading.papers:
        skipped = tuple(reading.skipped) if reading else ()
        return Explanation(source, chosen, rows, (), skipped, (), _refusal(source, fmt))
    return Explanation(
        source,
        chosen,
        rows,
        tuple(reading.papers),
        tuple(reading.skipped),
        tuple(reading.warnings),
        None,
    )


def explain_file(path: str, *, as_of: dt.date | None = None, fmt: str | None = None) -> Explanation:
    """`explain_text` of a file (`-`: standard input); UserError when it cannot be read."""
    if path == "-":
        text = decode_bytes(sys.stdin.buffer.read(), path)
        return explain_text(text, path, as_of=as_of or dt.date.today(), fmt=fmt)
    data, modified = _read(path)
    return explain_text(decode_bytes(data, path), path, as_of=as_of or modified, fmt=fmt)


def _page(text: str, source: str, as_of: dt.date, fmt: str | None) -> Page:
    if fmt is not None and fmt not in FORMATS:
        raise UserError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    page = Page(text, source, as_of)
    if not any(page.lines):
        raise UserError(f"{display_name(source)} is empty: copy a listing page's text into it")
    return page


def _choose(page: Page, fmt: str | None) -> tuple[Reader | None, list[tuple[str, float]]]:
    if fmt is None:
        choice = choose(page)
        return choice.reader, choice.scores
    return reader_named(fmt), []


def _refusal(source: str, fmt: str | None) -> str:
    return (
        f"{display_name(source)} holds no paper listing"
        + (f" in the {fmt} format" if fmt else "")
        + f": readinglist reads {_KINDS}; copy one of those into it"
    )


_KINDS = (
    "arXiv lists and searches, Hugging Face papers pages, publication lists, "
    "BibTeX files and text with arXiv ids or links"
)


def parse_bytes(data: bytes, source: str, *, as_of: dt.date, fmt: str | None = None) -> ParseResult:
    """`parse_text` of a file's bytes: UserError when they are binary or not UTF-8."""
    return parse_text(decode_bytes(data, source), source, as_of=as_of, fmt=fmt)


def parse_file(path: str, *, as_of: dt.date | None = None, fmt: str | None = None) -> ParseResult:
    """Parse a listing file (`-`: standard input). Years default to the file's modification date."""
    if path == "-":
        data = sys.stdin.buffer.read()
        return parse_bytes(data, path, as_of=as_of or dt.date.today(), fmt=fmt)
    data, modified = _read(path)
    return parse_bytes(data, path, as_of=as_of or modified, fmt=fmt)


def _modification_date(mtime: float) -> dt.date:
    try:
        return dt.date.fromtimestamp(mtime)
    except (OverflowError, ValueError, OSError):
        return dt.date.today()  # a nonsense timestamp: today is the best guess


def _read(path: str) -> tuple[bytes, dt.date]:
    try:
        with open(path, "rb") as handle:
            modified = _modification_date(os.fstat(handle.fileno()).st_mtime)
            return handle.read(), modified
    except FileNotFoundError:
        raise UserError(f"{path}: no such file: check the path") from None
    except IsADirectoryError:
        raise UserError(f"{path} is a directory: give the listing text file inside it") from None
    except PermissionError:
        raise UserError(f"cannot read {path}: permission denied") from None
    except OSError as error:
        raise UserError(f"cannot read {path}: {error.strerror or error}") from None
