"""Which kind of listing page a text is, from its lines; None when it is no listing at all."""

from __future__ import annotations

import itertools

from readinglist.parsing.author_list import count_glued_entries, count_strong_anchors
from readinglist.parsing.hf_lines import Item, Kind, has_metadata, header_style
from readinglist.parsing.shape import looks_like_prose, looks_like_title


def is_author_list(lines: list[str]) -> bool:
    """Date lines with a category (`LGFeb 2, 2024`) make up a fair share of the lines, or
    most date lines are followed by a title glued to its authors."""
    nonblank = sum(1 for line in lines if line)
    anchors = count_strong_anchors(lines)
    if anchors > 0 and anchors * 6 >= nonblank:
        return True
    if "·" in lines:
        return False  # Hugging Face metadata blocks
    anchors, glued = count_glued_entries(lines)
    return glued * 2 >= anchors > 0 and (glued >= 2 or nonblank <= 4)


def detect_hf(lines: list[str], items: list[Item]) -> str | None:
    """Which Hugging Face page the items are, or None when they hold no listing."""
    if has_metadata(items):
        return "hf-daily"
    style = header_style(lines)
    if style is not None:
        return style
    return _style_from_pairs(items)


def _style_from_pairs(items: list[Item]) -> str | None:
    """Without page chrome: a listing is mostly titles each followed by an abstract; search
    pages put the abstract on the very next line, collection pages leave a blank line between.
    Two such pairs at least, so a note with a heading and a paragraph is no listing."""
    adjacent = spaced = 0
    texts = sum(1 for item in items if item.kind is Kind.TEXT)
    for first, second in itertools.pairwise(items):
        if _is_pair(first, second):
            if second.number == first.number + 1:
                adjacent += 1
            else:
                spaced += 1
    pairs = adjacent + spaced
    if pairs < 2 or pairs * 2 < texts * 0.6:
        return None
    return "hf-search" if adjacent > spaced else "hf-daily"


def _is_pair(first: Item, second: Item) -> bool:
    """A title of two words or more, then an abstract of some length."""
    return (
        first.kind is Kind.TEXT
        and second.kind is Kind.TEXT
        and " " in first.text
        and len(second.text) >= _SHORTEST_ABSTRACT
        and looks_like_title(first.text)
        and looks_like_prose(second.text)
    )


_SHORTEST_ABSTRACT = 60
