"""Untrusted text made safe for the screen, and the table's cells and column widths."""

from __future__ import annotations

from rich.cells import cell_len

from readinglist.models import Paper
from readinglist.tui.columns import authors_cell, layout
from readinglist.tui.text import clean, clean_line, fit


def test_control_bytes_are_dropped_and_markup_kept_as_text() -> None:
    assert clean_line("\x1b[31mred\x07 [b]x[/b]\r\nnext\tcol") == "[31mred [b]x[/b] next col"
    assert clean("a\r\nb\u202eevil\x9b") == "a\nbevil"
    assert clean(None) == "" and clean_line("") == ""


def test_fit_counts_cells_and_marks_cuts() -> None:
    assert fit("abc", 5) == "abc  "
    assert fit("abcdef", 4) == "abc…"
    wide = fit("論文のタイトルです", 7)
    assert cell_len(wide) == 7 and wide.endswith("…")
    assert fit("x", 0) == ""


def test_authors_cell() -> None:
    assert authors_cell(Paper(id="a", title="t", authors=["Ada", "Bob", "Cy"])) == "Ada +2"
    truncated = Paper(id="a", title="t", authors=["Ada"], authors_truncated=True)
    assert authors_cell(truncated) == "Ada et al."
    assert authors_cell(Paper(id="a", title="t", author_count=1)) == "1 author"
    assert authors_cell(Paper(id="a", title="t", author_count=7)) == "7 authors"
    assert authors_cell(Paper(id="a", title="t", organization="Lab\x1b")) == "Lab"


def test_layout_fills_the_width() -> None:
    for width in (60, 80, 100, 120, 200):
        columns = layout(width)
        assert sum(c.width + 1 for c in columns) <= max(width, 60) + 1
        assert [c.name for c in columns][:3] == ["star", "read", "title"]
    assert "source" in [c.name for c in layout(140)]
    assert "source" not in [c.name for c in layout(80)]
