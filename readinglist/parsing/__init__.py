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
from readinglist.parsing.readers import Page, choose, reader_named
from readinglist.parsing.render import render_page

__all__ = [
    "FORMATS",
    "ParseResult",
    "detect_format",
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
    name = display_name(source)
    if fmt is not None and fmt not in FORMATS:
        raise UserError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    page = Page(text, source, as_of)
    if not any(page.lines):
        raise UserError(f"{name} is empty: copy a listing page's text into it")
    if fmt is None:
        choice = choose(page)
        reader, scores = choice.reader, choice.scores
    else:
        reader, scores = reader_named(fmt), []
    reading = reader.read(page) if reader is not None else None
    if reading is None or not reading.papers:
        raise UserError(
            f"{name} holds no paper listing"
            + (f" in the {fmt} format" if fmt else "")
            + f": readinglist reads {_KINDS}; copy one of those into it"
        )
    return ParseResult(
        reading.papers, reading.warnings, reader.name, tuple(reading.skipped), tuple(scores)
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
