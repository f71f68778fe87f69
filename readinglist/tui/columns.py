"""What each table column shows for a paper, and how wide each column is at a given width."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath

from readinglist.papers.models import Paper, PaperState
from readinglist.tui.text import clean_line


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    label: str
    width: int
    right: bool = False


STAR, READ = "★", "✓"
SOURCE_FROM = 90  # table width from which the source column is shown (80x24 keeps the title)


def authors_cell(paper: Paper) -> str:
    """First author and how many more, else the author count, else the organization."""
    if paper.authors:
        first = clean_line(paper.authors[0])
        total = max(len(paper.authors), paper.author_count or 0)
        if total > 1:
            return f"{first} +{total - 1}"
        if paper.authors_truncated:
            return f"{first} et al."
        return first
    if paper.author_count:
        return "1 author" if paper.author_count == 1 else f"{paper.author_count} authors"
    return clean_line(paper.organization)


def date_cell(paper: Paper) -> str:
    return clean_line(paper.date or paper.date_text)


def upvotes_cell(paper: Paper) -> str:
    return "" if paper.upvotes is None else str(paper.upvotes)


def source_cell(paper: Paper) -> str:
    if not paper.sources:
        return ""
    return clean_line(PurePath(paper.sources[0]).stem)


def cells(paper: Paper, state: PaperState) -> dict[str, str]:
    return {
        "star": STAR if state.starred else " ",
        "read": READ if state.read else " ",
        "title": clean_line(paper.title),
        "authors": authors_cell(paper),
        "date": date_cell(paper),
        "upvotes": upvotes_cell(paper),
        "source": source_cell(paper),
    }


TITLE_MIN = 22  # cells the title keeps before another column is let in


def optional_columns(width: int) -> list[Column]:
    """The columns besides the title, most useful first: each shows only if the title keeps
    TITLE_MIN cells. A date is shown whole or not at all."""
    columns = [
        Column("date", "Date", 10),
        Column("authors", "Authors", 22 if width >= 115 else 16 if width >= 70 else 12),
        Column("upvotes", "▲", 4, right=True),
    ]
    if width >= SOURCE_FROM:
        # Beside the detail pane a 160-cell terminal leaves ~96 cells: a narrow source still fits.
        columns.append(Column("source", "Source", 14 if width >= 110 else 10))
    return columns


DISPLAY_ORDER = ("star", "read", "title", "authors", "date", "upvotes", "source")


@lru_cache(maxsize=16)
def layout(width: int) -> tuple[Column, ...]:
    """Columns for a table `width` cells wide: the title takes what the others leave, and a
    column that would squeeze the title under TITLE_MIN cells is left out."""
    fixed = [Column("star", "★", 1), Column("read", "✓", 1)]
    room = width - sum(c.width + 1 for c in fixed) - 1  # the title's trailing space
    chosen = []
    for column in optional_columns(width):
        if room - (column.width + 1) < TITLE_MIN:
            break  # a less useful column never shows where a more useful one did not fit
        chosen.append(column)
        room -= column.width + 1
    title = Column("title", "Title", max(1, room))
    columns = {c.name: c for c in (*fixed, title, *chosen)}
    return tuple(columns[name] for name in DISPLAY_ORDER if name in columns)
