"""Parse speed of every page shape at size: pages of several MB made from the test fixtures.

Each shape's page is its fixture's head, its entries repeated with fresh arXiv ids, entry
numbers, BibTeX keys and (BibTeX, publication lists) a word that keeps titles and names
distinct, and its footer. Every page is timed two ways: read by its own reader (`--format`)
and as an import sees it (the reader chosen by scoring, then reading). CPU time
(time.process_time) is reported beside wall time: on a shared, loaded machine it is the
steadier figure. Each is the best of REPEATS runs.
"""

from __future__ import annotations

import datetime
import re
import string
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from readinglist.errors import UserError
from readinglist.parsing import parse_text

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "pages"
AS_OF = datetime.date(2025, 10, 30)
TARGET_MB_S = 20


@dataclass(frozen=True)
class Shape:
    label: str
    fmt: str
    files: tuple[str, ...]
    start: str  # the first line of the repeated part matches this (None: from the top)
    end: str | None  # the first line after it matching this starts the footer (None: to the end)


SHAPES = (
    Shape(
        "arxiv-list /new, current layout",
        "arxiv-list",
        ("arxiv-list-new-browser.txt",),
        r"New submissions \(showing",
        r"Total of \d+ entries",
    ),
    Shape(
        "arxiv-list /new, older layout",
        "arxiv-list",
        ("arxiv-list-new-old.txt",),
        r"New submissions for",
        r"\[ showing up to",
    ),
    Shape(
        "arxiv-list /recent, HTML-to-text tool",
        "arxiv-list",
        ("arxiv-list-recent-tool.txt",),
        r"\[1\]",
        r"\[ showing|Total of|Showing up to",
    ),
    Shape(
        "arxiv-search", "arxiv-search", ("arxiv-search-browser.txt",), r"1\. arXiv:", r"Previous"
    ),
    Shape(
        "bibtex",
        "bibtex",
        ("bib-zotero.bib", "bib-dblp.bib", "bib-scholar.bib", "bib-betterbiblatex.bib"),
        r"",
        None,
    ),
    Shape(
        "text with arXiv links",
        "arxiv-ids",
        ("ids-chat.txt", "ids-email.txt", "ids-list.md"),
        r"",
        None,
    ),
    Shape(
        "pub-list, homepage by year", "pub-list", ("pub-homepage-years.txt",), r"2024$", r"Service$"
    ),
    Shape(
        "pub-list, accepted papers",
        "pub-list",
        ("pub-neurips-accepted.txt",),
        r"Oral presentations",
        r"Do not remove",
    ),
)

_NEW_ID = re.compile(r"(?<![\d.])\d{2}(?:0[1-9]|1[0-2])\.\d{4,5}(?![\d])")
_LIST_NUMBER = re.compile(r"(?m)^(\s*)\[\d{1,5}\]")
_SEARCH_NUMBER = re.compile(r"(?m)^(\s*)\d{1,5}\.(?=\s*arXiv:)")
_BIB_KEY = re.compile(r"(?m)^(@\w+\s*[{(]\s*)([^,\s]+),")
_BIB_FIELD = re.compile(r"(?im)^(\s*(?:title|author)\s*=\s*[{\"])")
_PUB_LINE = re.compile(r"(?m)^[A-Z][^\n]{29,}")


def _split(text: str, shape: Shape) -> tuple[str, str, str]:
    """The page's head, its repeated part and its footer."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if re.match(shape.start, line.strip()))
    end = len(lines)
    if shape.end is not None:
        end = next(i for i in range(start + 1, len(lines)) if re.match(shape.end, lines[i].strip()))
    return "\n".join(lines[:start]), "\n".join(lines[start:end]), "\n".join(lines[end:])


def _tag(number: int) -> str:
    """A distinct letters-only word per copy: names and titles must not repeat (caches)."""
    letters = string.ascii_lowercase
    word = ""
    while True:
        number, digit = divmod(number, 26)
        word = letters[digit] + word
        if number == 0:
            return "Q" + word


class _Renumber:
    def __init__(self) -> None:
        self.ids = 0
        self.entries = 0

    def new_id(self, _match: re.Match[str]) -> str:
        self.ids += 1
        serial = self.ids
        year, month = 15 + serial // (90_000 * 12), 1 + (serial // 90_000) % 12
        return f"{year:02d}{month:02d}.{10_000 + serial % 90_000:05d}"

    def copy(self, body: str, copy: int, fmt: str) -> str:
        ids: dict[str, str] = {}  # one id named twice in a copy stays one id
        body = _NEW_ID.sub(lambda m: ids.get(m[0]) or ids.setdefault(m[0], self.new_id(m)), body)
        body = _LIST_NUMBER.sub(self._list_number, body)
        body = _SEARCH_NUMBER.sub(self._search_number, body)
        if fmt == "bibtex":
            tag = _tag(copy)
            body = _BIB_KEY.sub(lambda m: f"{m.group(1)}{m.group(2)}-{tag},", body)
            body = _BIB_FIELD.sub(lambda m: f"{m.group(1)}{tag} ", body)
        elif fmt == "pub-list":  # titles (and first authors) of their own: no duplicates
            tag = _tag(copy)
            body = _PUB_LINE.sub(lambda m: f"{tag} {m.group(0)}", body)
        return body

    def _list_number(self, match: re.Match[str]) -> str:
        self.entries += 1
        return f"{match.group(1)}[{self.entries}]"

    def _search_number(self, match: re.Match[str]) -> str:
        self.entries += 1
        return f"{match.group(1)}{self.entries}."


def synthetic_page(shape: Shape, megabytes: float) -> str:
    """A page of the shape of about `megabytes` MB."""
    heads, bodies, feet = [], [], []
    for name in shape.files:
        head, body, foot = _split((FIXTURES / name).read_text(encoding="utf-8"), shape)
        heads.append(head)
        bodies.append(body)
        feet.append(foot)
    body = "\n\n".join(bodies)
    renumber = _Renumber()
    parts, size, copy = [heads[0]], len(heads[0]), 0
    while size < megabytes * 1e6:
        part = renumber.copy(body, copy, shape.fmt)
        parts.append(part)
        size += len(part.encode()) + 1
        copy += 1
    parts.append(feet[0])
    return "\n".join(parts) + "\n"


# Each figure is the best of a few runs: on a shared machine the slower runs measure the
# other processes.
REPEATS = 3


def _timed(step: Callable[[], object]) -> tuple[object, float, float]:
    """The step's result and its least CPU and wall seconds over REPEATS runs."""
    cpu_best = wall_best = float("inf")
    for _ in range(REPEATS):
        wall, cpu = time.perf_counter(), time.process_time()
        result = step()
        cpu_best = min(cpu_best, time.process_time() - cpu)
        wall_best = min(wall_best, time.perf_counter() - wall)
    return result, cpu_best, wall_best


def measure_page(label: str, text: str, fmt: str) -> dict[str, object]:
    """MB/s reading `text` with its reader, and choosing its reader then reading it."""
    megabytes = len(text.encode()) / 1e6
    with suppress(UserError):  # imports and regexes warm, untimed
        parse_text(text[:20_000], label, as_of=AS_OF, fmt=fmt)
    forced, read_cpu, read_wall = _timed(lambda: parse_text(text, label, as_of=AS_OF, fmt=fmt))
    auto, auto_cpu, auto_wall = _timed(lambda: parse_text(text, label, as_of=AS_OF))
    return {
        "mb": round(megabytes, 2),
        "papers": len(forced.papers),
        "read_mb_s_cpu": round(megabytes / read_cpu, 1),
        "read_mb_s_wall": round(megabytes / read_wall, 1),
        "auto_mb_s_cpu": round(megabytes / auto_cpu, 1),
        "auto_mb_s_wall": round(megabytes / auto_wall, 1),
        "auto_format": auto.format,
        "auto_papers": len(auto.papers),
    }


def measure_shapes(
    megabytes: float, pages: dict[str, tuple[str, str]] | None = None, only: str | None = None
) -> dict[str, dict[str, object]]:
    """Every shape's figures; `pages` adds pages made elsewhere (label: (text, format))."""
    figures: dict[str, dict[str, object]] = {}
    for label, (text, fmt) in (pages or {}).items():
        if only is None or only in label:
            figures[label] = measure_page(label, text, fmt)
    for shape in SHAPES:
        if only is None or only in shape.label:
            figures[shape.label] = measure_page(
                shape.label, synthetic_page(shape, megabytes), shape.fmt
            )
    return figures


def table(figures: dict[str, dict[str, object]]) -> str:
    """The figures as a Markdown table (MB/s: CPU / wall), for the README."""
    rows = [
        f"| parse MB/s, CPU / wall (target >= {TARGET_MB_S}) | MB | papers | read by its reader "
        "| chosen + read |",
        "|---|---|---|---|---|",
    ]
    for label, row in figures.items():
        rows.append(
            f"| {label} | {row['mb']} | {row['papers']} | {row['read_mb_s_cpu']} / "
            f"{row['read_mb_s_wall']} | {row['auto_mb_s_cpu']} / {row['auto_mb_s_wall']} |"
        )
    return "\n".join(rows)
