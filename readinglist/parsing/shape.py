"""Telling a title from an abstract by its shape, for when the page's structure is unclear.

Titles are short single lines that do not end a sentence; abstracts are long prose.
"""

from __future__ import annotations

import re

# A sentence ends: a period after a lower-case word or a digit, then a capital or the end.
_SENTENCE_END = re.compile(r"[a-z0-9)\]%][.!?](?:\s+[A-Z(]|$)")
_PROSE_LENGTH = 320
_TITLE_LENGTH = 300


def looks_like_prose(line: str) -> bool:
    """Long, or several sentences: an abstract (or any text that is no title)."""
    n = len(line)
    if n >= _PROSE_LENGTH:
        return True
    if n < 25:
        return False
    return line.endswith(".") and _SENTENCE_END.search(line) is not None


def looks_like_title(line: str) -> bool:
    """A short line that does not end like a sentence or a list item."""
    if not line or len(line) > _TITLE_LENGTH or line.endswith((",", ";", ":")):
        return False
    if line[0] in "•·∙-*#>|":  # bullets, Markdown headings, quotes and tables
        return False
    if line.endswith(".") and len(line) > 2 and line[-2].islower() and line[-3:-1].isalpha():
        return False  # "... some text." ends a sentence; "Towards A.I." does not
    return not looks_like_prose(line)
