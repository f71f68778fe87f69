"""The fields of a paper printed on one line, in the layouts publication lists use:

- `with`: `Title, with A. Author and B. Author. (Venue Year)`
- `names-first`: `A. Author, B. Author. Title. Venue, Year.` (also `Names: Title.`, APA's
  `Names (2020). Title.`, IEEE's `Names, "Title," Venue`)
- `title-first`: `Title. A. Author, B. Author. Venue Year.`
- `dash`: `Title – Author, Author and Author` (also ` — `, ` - `, ` by `)
- `title-venue`: `Title (Venue Year)` (the page's owner is the implied author)

A layout name ending in `?` marks a weak record (one name and no venue): pub_layout keeps it
only beside strong records of the same layout.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import NamedTuple

from readinglist.parsing.pub_names import Names, is_strong, split_names, surname_given
from readinglist.parsing.pub_venues import (
    has_firm_venue,
    looks_like_venue,
    paren_tail,
    plausible_title,
    venue_tail,
)


class Fields(NamedTuple):
    layout: str
    title: str
    names: Names | None
    venue: str | None  # venue text as printed, year included


_WITH = re.compile(r"(?:,\s+\(?|\s+\(|\s+[-–—]\s+|\.\s+)[Ww]ith\s+")
_DASH = re.compile(r"\s+(?:[–—]|-{1,2}|by)\s+")
_QUOTED = re.compile(r"[\"“]([^\"“”]{10,300})[\"”]")
# Where a name list ends and the title starts: `. `, `: `, ` (2020). `. Every branch starts
# with a character (the look-behind after the `.`), so the engine skips ahead to those.
_NAMES_END = re.compile(
    r"\.(?<=[^\s.][a-z\u00c0-\uffff]\.)\s+|:\s+"
    r"|\s+\((?:19|20)\d\d[a-z]?\)[.:,]?\s+|\((?:19|20)\d\d[a-z]?\)[.:,]?\s+"
)
_TITLE_END = re.compile(r"(?<=[^\sA-Z])[.?!]\s+")
_MAX_LINE = 600
# Fields split at the first few cut points only: a real record has few, and a line of many
# (`Ab. Cd. Ef. ...`) must not cost the square of its length.
_TRIES = 8


def read_line(text: str) -> Fields | None:
    """The first layout whose fields all have their shape, or None."""
    if not 12 <= len(text) <= _MAX_LINE:
        return None
    for layout in (_quoted, _with, _names_first, _title_first, _dash, _title_venue):
        fields = layout(text)
        if fields is not None:
            return fields
    return None


def _quoted(text: str) -> Fields | None:
    match = _QUOTED.search(text)
    if match is None:
        return None
    title = match.group(1).strip().rstrip(",.")
    before = text[: match.start()].strip().rstrip(",:")
    after = text[match.end() :].strip().lstrip(",.").strip()
    names = split_names(before) if before else None
    if not plausible_title(title) or names is None:
        return None
    return Fields("names-first", title, names, after or None)


def _with(text: str) -> Fields | None:
    if "ith " not in text:
        return None
    for match in islice(_WITH.finditer(text), _TRIES):
        title = text[: match.start()].strip().rstrip(",(")
        rest = text[match.end() :]
        venue = None
        tail = venue_tail(rest)
        if tail is not None:
            rest, venue = tail
        names = split_names(rest.rstrip(").,"))
        if names is not None and plausible_title(title):
            return Fields("with", title, names, venue)
    return None


def _names_first(text: str) -> Fields | None:
    best = None
    for cut in islice(_NAMES_END.finditer(text, 0, 400), _TRIES):
        names = split_names(text[: cut.start()])
        if names is None and cut.group(0).strip().startswith("("):
            names = surname_given(text[: cut.start()])  # `Okafor, Ada (2019) Title.`
        if names is not None:
            best = (names, cut)
    if best is None:
        return None
    names, cut = best
    year = re.search(r"(?:19|20)\d\d", cut.group(0))
    rest = text[cut.end() :].strip()
    # after `Names (2020). ` (APA) the venue need not look like one: it has no year of its own
    title, venue = _title_and_venue(rest, loose=year is not None)
    if year is not None:
        venue = f"{venue}, {year.group(0)}" if venue else year.group(0)
    if title is None:
        return None
    # one name and no venue: a paper only among others of this layout (`weak`, see pub_layout)
    return Fields(
        "names-first" if is_strong(names) or venue else "names-first?", title, names, venue
    )


def _title_and_venue(rest: str, *, loose: bool = False) -> tuple[str | None, str | None]:
    """`Title. Venue, Year.` -> both; a title alone -> (title, None)."""
    for cut in islice(_TITLE_END.finditer(rest), _TRIES):
        title, venue = rest[: cut.start() + 1], rest[cut.end() :]
        if looks_like_venue(venue) or (loose and venue[0].isupper() and venue.count(" ") < 20):
            title = title.rstrip(".")
            return (title if _title_not_names(title) else None), venue
    title = rest.rstrip(".")
    if looks_like_venue(title):
        return None, None
    return (title if _title_not_names(title) else None), None


def _title_not_names(title: str) -> bool:
    return plausible_title(title) and split_names(title) is None


def _title_first(text: str) -> Fields | None:
    for cut in islice(_TITLE_END.finditer(text, 0, 320), _TRIES):
        title = text[: cut.start() + 1].rstrip(".")
        if not plausible_title(title):
            continue
        rest = text[cut.end() :]
        venue = None
        tail = venue_tail(rest)
        if tail is not None:
            rest, venue = tail
        names = split_names(rest)
        if names is not None:
            weak = not (is_strong(names) or venue)
            return Fields("title-first?" if weak else "title-first", title, names, venue)
    return None


def _dash(text: str) -> Fields | None:
    matches = list(islice(_DASH.finditer(text), _TRIES))
    for match in reversed(matches):
        title = text[: match.start()].strip()
        rest = text[match.end() :]
        venue = None
        tail = venue_tail(rest)
        if tail is not None:
            rest, venue = tail
        names = split_names(rest)
        if names is not None and plausible_title(title):
            return Fields("dash", title, names, venue)
    return None


def _title_venue(text: str) -> Fields | None:
    tail = paren_tail(text) or venue_tail(text)
    if tail is None:
        return None
    title, venue = tail
    title = title.strip().rstrip(".,")
    if not has_firm_venue(venue) or not plausible_title(title) or len(title.split()) < 3:
        return None
    if not any(ch.isalpha() for ch in venue):
        return None  # `The Lord of the Rings (2001)`: a year alone names no venue
    if split_names(title) is not None:
        return None
    return Fields("title-venue", title, None, venue)
