"""A publication list's lines, prepared once, and the field tests a layout asks of a line:
is it an author line, a title line, a venue line, an abstract, a whole paper on one line?"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from readinglist.parsing.pub_lines import Line, prepare
from readinglist.parsing.pub_names import Names, is_strong, split_names
from readinglist.parsing.pub_records import Fields, read_line
from readinglist.parsing.pub_venues import (
    looks_like_venue,
    paren_tail,
    plausible_title,
    strip_badges,
    venue_tail,
)
from readinglist.parsing.shape import looks_like_prose

T = TypeVar("T")
_LONGEST = 600  # a line longer than this is prose: no layout reads it


class LineTests:
    """Prepared lines by their raw text and field tests by their text: a line's tests depend
    on its text alone, so the tests made scoring a page's first megabyte serve reading it all,
    and a line a page repeats (`NeurIPS 2024`) is tested once."""

    def __init__(self) -> None:
        self.prepared: dict[str, Line] = {}
        self.names: dict[str, tuple[Names, str | None] | None] = {}
        self.titles: dict[str, tuple[str, str | None] | None] = {}
        self.ones: dict[str, Fields | None] = {}


class PageLines:
    """The page's non-blank lines, prepared, with each field test computed once."""

    def __init__(self, page_lines: list[str], tests: LineTests | None = None) -> None:
        self.tests = tests = tests or LineTests()
        prepared = tests.prepared
        self.items: list[Line] = []
        self.gap: list[bool] = []  # a blank line before it
        # Rows of link labels (`[PDF] [Code]`, `Download PDF`) belong to the line above them: kept
        # aside, they never break a title from its author line.
        self.labels: dict[int, list[Line]] = {}
        blank = False
        for number, raw in enumerate(page_lines, 1):
            if not raw:
                blank = True
                continue
            line = prepared.get(raw)
            if line is None:
                line = prepare(number, raw) if len(raw) <= _LONGEST else _long(number, raw)
                prepared[raw] = line
            elif line.number != number:
                line = line._replace(number=number)
            if line.chrome == "link labels" and self.items:
                self.labels.setdefault(len(self.items) - 1, []).append(line)
                continue
            self.items.append(line)
            self.gap.append(blank)
            blank = False
        # An HTML-to-text tool may put a blank line after every line: then blanks mean nothing.
        self.spaced = sum(self.gap) * 5 >= len(self.gap) * 4
        # each line's test results (False: not tested yet)
        self._names: list = [False] * len(self.items)
        self._titles: list = [False] * len(self.items)
        self._ones: list = [False] * len(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def names(self, i: int) -> tuple[Names, str | None] | None:
        """An author line: its names, and a venue printed after them."""
        if i >= len(self.items):
            return None
        found = self._names[i]
        if found is False:
            found = self._names[i] = _by_text(self.items[i], self.tests.names, _names_line)
        return found

    def title(self, i: int) -> tuple[str, str | None] | None:
        """A title line: the title, and a venue in parentheses after it."""
        if i >= len(self.items):
            return None
        found = self._titles[i]
        if found is False:
            found = self._titles[i] = _by_text(self.items[i], self.tests.titles, _title_line)
        return found

    def one(self, i: int) -> Fields | None:
        """A whole paper on one line (pub_records)."""
        found = self._ones[i]
        if found is False:
            found = self._ones[i] = _by_text(self.items[i], self.tests.ones, _one_line)
        return found

    def venue(self, i: int) -> bool:
        line = self.items[i]
        return line.chrome is None and looks_like_venue(line.text) and self.names(i) is None

    def prose(self, i: int) -> bool:
        line = self.items[i]
        return line.chrome is None and len(line.text) >= 60 and looks_like_prose(line.text)


def _by_text(line: Line, found: dict[str, T], test: Callable[[str], T]) -> T | None:
    """A field test of a line that is no chrome, looked up by its text (LineTests)."""
    if line.chrome is not None:
        return None
    text = line.text
    if text not in found:
        found[text] = test(text)
    return found[text]


def _one_line(text: str) -> Fields | None:
    return read_line(text) if len(text) <= _LONGEST else None


def _long(number: int, raw: str) -> Line:
    return Line(number, raw, raw, "", None, None, False, None, None, None, None)


def _names_line(text: str) -> tuple[Names, str | None] | None:
    if len(text) > _LONGEST:
        return None
    names = split_names(text)
    if names is not None:
        return names, None
    tail = venue_tail(text)
    if tail is not None:
        names = split_names(tail[0])
        if names is not None:
            return names, tail[1]
    return None


def _title_line(text: str) -> tuple[str, str | None] | None:
    if len(text) > 300 or text.endswith((",", ";")):
        return None
    venue = None
    tail = paren_tail(text)
    if tail is not None:
        text, venue = tail
    text = unquote(strip_badges(text).rstrip("."))
    if not plausible_title(text) or looks_like_prose(text):
        return None
    names = split_names(text)
    # A short title in Title Case (`Grokking Modular Arithmetic`) has a name's shape; two words
    # or a list of names is a person.
    if names is not None and (is_strong(names) or len(text.split()) <= 2):
        return None
    return text, venue


def unquote(text: str) -> str:
    if len(text) > 2 and text[0] in '"“' and text[-1] in '"”':
        return text[1:-1].strip()
    return text
