"""The readers of page shapes, and choosing the one that fits a page best.

Every shape has one reader: `score` says how sure it is that a page is of its shape (0 to 1,
from the page's lines alone), `read` turns the page into papers. The most confident reader at
or above `CONFIDENT` wins; a page no reader is confident about is refused, never guessed at.
A reader lists the lines it skipped as page chrome, so `parse --explain` can show them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from readinglist.papers.models import ParsedPaper
from readinglist.parsing.cleanup import clean_lines

CONFIDENT = 0.5


@dataclass
class Page:
    """One page's text and its cleaned lines, made once and shared by every reader."""

    text: str
    source: str
    as_of: dt.date
    memo: dict = field(default_factory=dict)  # what one reader derived and another may reuse

    @cached_property
    def lines(self) -> list[str]:
        return clean_lines(self.text)


@dataclass
class Reading:
    """What a reader made of a page: papers, warnings, and the lines it skipped as chrome."""

    papers: list[ParsedPaper] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # (1-based line number, the line, why it was skipped) for `parse --explain`
    skipped: list[tuple[int, str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Reader:
    name: str  # the format name: `--format NAME`, ParsedPaper.format
    describe: str  # the kind of page, for messages: "an arXiv listing"
    score: Callable[[Page], float]
    read: Callable[[Page], Reading]
    # What the reader recognised on the page (for `parse --explain`): "11 `Title:` labels".
    marks: Callable[[Page], list[str]] | None = None


@dataclass
class Choice:
    """The chosen reader (None: no reader was confident) and every reader's score, best first."""

    reader: Reader | None
    scores: list[tuple[str, float]]


_READERS: list[Reader] = []


def register(reader: Reader) -> Reader:
    _READERS.append(reader)
    return reader


def readers() -> list[Reader]:
    _load_builtin_readers()
    return list(_READERS)


def reader_named(name: str) -> Reader | None:
    return next((r for r in readers() if r.name == name), None)


def choose(page: Page) -> Choice:
    """Score the page with every reader; the best at or above CONFIDENT wins (ties: first)."""
    sample = scoring_sample(page)
    scored = [(reader, reader.score(sample)) for reader in readers()]
    ranked = sorted(scored, key=lambda pair: -pair[1])  # stable: registration order breaks ties
    best = ranked[0] if ranked and ranked[0][1] >= CONFIDENT else None
    return Choice(best[0] if best else None, [(r.name, round(s, 3)) for r, s in ranked])


# A page's shape shows in its first megabyte: scoring only that keeps a huge page's choice as
# cheap as a normal one's (the chosen reader still reads the whole page).
_SCORING_SAMPLE = 1 << 20


def scoring_sample(page: Page) -> Page:
    """The page the readers score: the page itself, or its first megabyte of whole lines."""
    if len(page.text) <= _SCORING_SAMPLE:
        return page
    sample = page.memo.get("scoring_sample")
    if sample is None:
        cut = page.text.rfind("\n", 0, _SCORING_SAMPLE)
        sample = Page(page.text[: cut if cut > 0 else _SCORING_SAMPLE], page.source, page.as_of)
        page.memo["scoring_sample"] = sample
    return sample


def _load_builtin_readers() -> None:
    """Import the reader modules once; each registers itself at import."""
    if _READERS:
        return
    from readinglist.parsing import builtin_readers  # noqa: F401
