"""Untrusted text made safe for the screen, and the table's cells and column widths."""

from __future__ import annotations

from rich.cells import cell_len

from readinglist.papers.models import Paper, PaperState
from readinglist.tui.columns import authors_cell, layout
from readinglist.tui.detail import state_line
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


def test_state_line_keeps_its_parts_apart() -> None:
    assert state_line(PaperState(starred=True)) == "★ starred · ● unread"
    assert state_line(PaperState(read=True)) == "☆ not starred · ✓ read"


def test_source_column_from_the_common_side_by_side_width() -> None:
    # 160 columns with the detail pane beside the table leave the table ~96 cells.
    by_name = {c.name: c for c in layout(96)}
    assert by_name["source"].width == 10
    assert by_name["title"].width >= 40
    assert {c.name: c for c in layout(140)}["source"].width == 14
    assert "source" not in [c.name for c in layout(89)]
