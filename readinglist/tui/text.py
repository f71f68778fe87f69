"""Untrusted text made safe to show: control bytes removed, never read as markup.

Titles, authors, abstracts and notes come from copied web pages, arXiv and the user. They
are put on screen as plain `rich.text.Text` or segments, never as markup strings, and
every control character (ESC, BEL, C1 codes, bidi overrides) is dropped first so a title
cannot move the cursor, recolour the terminal or reorder what is shown.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, set_cell_size

# C0 (except tab/newline, handled per use), DEL, C1, and the bidi embedding/isolate controls.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile(r"[\t\n]+")


def clean(text: str | None) -> str:
    """Text without control characters; line breaks and tabs kept (for notes, abstracts)."""
    if not text:
        return ""
    return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def clean_line(text: str | None) -> str:
    """One line of text: control characters dropped, line breaks and tabs turned to spaces."""
    if not text:
        return ""
    return _LINE_BREAKS.sub(" ", clean(text))


def fit(text: str, width: int) -> str:
    """`text` cut or padded to exactly `width` cells, with an ellipsis when cut."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"
