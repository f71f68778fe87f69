"""The paper table: a virtual list that renders only the rows on screen.

Textual's DataTable builds and measures every cell up front (~30 s for 100k rows). This is a
ScrollView on the Line API instead: `render_line(y)` turns the y-th visible row into a
Strip from the session's shown indices, so the cost of a repaint is the screen's height, not
the library's size. Rendered rows are cached by (paper, state version, width, cursor).
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from readinglist.arxiv import fill_from_arxiv
from readinglist.session import Session
from readinglist.tui.columns import Column, cells, layout
from readinglist.tui.follow_focus import InOrder
from readinglist.tui.text import fit

HEADER_LINES = 1
SELECTED_MARK = "▸"


class PaperTable(InOrder, ScrollView, can_focus=True):
    """Rows of papers (`session.shown`) with a cursor; one header line that does not scroll."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False),
        Binding("k,up", "cursor_up", "Up", show=False),
        Binding("g,home", "cursor_first", "First", show=False),
        Binding("G,end", "cursor_last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "paper-table--header",
        "paper-table--unread",
        "paper-table--read",
        "paper-table--cursor",
        "paper-table--star",
        "paper-table--selected",
    }

    class CursorMoved(Message):
        """The cursor is on another paper (`index` into the papers; None when no rows)."""

        def __init__(self, index: int | None) -> None:
            super().__init__()
            self.index = index

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.cursor = 0
        self._rows: LRUCache[tuple, Strip] = LRUCache(1024)
        self._announced: int | None = -1

    # -- what is shown ------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.session.shown)

    @property
    def current(self) -> int | None:
        """The paper index under the cursor."""
        shown = self.session.shown
        return shown[self.cursor] if 0 <= self.cursor < len(shown) else None

    def rows_changed(self, keep_paper: int | None = None) -> None:
        """The shown list changed: resize, keep the cursor on `keep_paper` when still shown."""
        shown = self.session.shown
        if keep_paper is not None and self.current != keep_paper:
            # Only scan when the paper moved; a plain refresh keeps the same position.
            try:
                self.cursor = shown.index(keep_paper)
            except ValueError:  # the paper is filtered out: start from the top
                self.cursor = 0
        self.cursor = max(0, min(self.cursor, len(shown) - 1))
        self._update_virtual_size()
        self.scroll_cursor_visible()
        self.refresh()
        self._announce()

    def records_changed(self) -> None:
        """arXiv records changed (they are not in the state version): re-render every row."""
        self._rows.clear()
        self.refresh()

    def states_changed(self) -> None:
        """A paper's state changed: the visible rows re-render (the cache key has the version)."""
        self.refresh()
        self._announce(force=True)

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(
            self.scrollable_content_region.width, self.row_count + HEADER_LINES
        )

    def on_resize(self, event: events.Resize) -> None:
        self._update_virtual_size()
        self.scroll_cursor_visible()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rows.clear()

    # -- cursor -------------------------------------------------------------------------

    def move_cursor(self, row: int) -> None:
        if not self.row_count:
            return
        row = max(0, min(row, self.row_count - 1))
        if row != self.cursor:
            self.cursor = row
            self.refresh()
        self.scroll_cursor_visible()
        self._announce()

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - HEADER_LINES)

    def scroll_cursor_visible(self) -> None:
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + self._page:
            self.scroll_to(y=self.cursor - self._page + 1, animate=False)

    def _announce(self, force: bool = False) -> None:
        current = self.current
        if force or current != self._announced:
            self._announced = current
            self.post_message(self.CursorMoved(current))

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor - 1)

    def action_cursor_first(self) -> None:
        self.move_cursor(0)

    def action_cursor_last(self) -> None:
        self.move_cursor(self.row_count - 1)

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor + self._page)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor - self._page)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and offset.y >= HEADER_LINES:
            self.move_cursor(round(self.scroll_y) + offset.y - HEADER_LINES)

    # -- rendering ----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        columns = layout(width)
        if y < HEADER_LINES:
            return self._header(columns, width)
        row = round(self.scroll_y) + y - HEADER_LINES
        shown = self.session.shown
        if row >= len(shown):
            return Strip.blank(width, self.rich_style)
        index = shown[row]
        is_cursor = row == self.cursor
        selected = (
            bool(self.session.selected) and self.session.paper(index).id in self.session.selected
        )
        key = (index, self.session.version, width, is_cursor, self.has_focus, selected)
        strip = self._rows.get(key)
        if strip is None:
            strip = self._render_row(index, columns, width, is_cursor, selected)
            self._rows[key] = strip
        return strip

    def _header(self, columns: tuple[Column, ...], width: int) -> Strip:
        style = self.get_component_rich_style("paper-table--header")
        text = " ".join(_align(c.label, c) for c in columns)
        return Strip([Segment(fit(text, width), style)], width)

    def _render_row(
        self, index: int, columns: tuple[Column, ...], width: int, cursor: bool, selected: bool
    ) -> Strip:
        state = self.session.state(index)
        # The same view as the detail pane: authors and dates filled from arXiv once known.
        paper = fill_from_arxiv(self.session.paper(index), self.session.arxiv_record(index))
        values = cells(paper, state)
        row_style = self.get_component_rich_style(
            "paper-table--read" if state.read else "paper-table--unread"
        )
        if selected:
            row_style += self.get_component_rich_style("paper-table--selected")
        if cursor:
            row_style += self.get_component_rich_style("paper-table--cursor")
        star_style = row_style + _foreground(self.get_component_rich_style("paper-table--star"))
        segments = []
        for column in columns:
            style = star_style if column.name == "star" else row_style
            segments.append(Segment(_align(values[column.name], column), style))
            # A selected row is marked in the text too, not only by colour.
            mark = SELECTED_MARK if selected and column.name == "read" else " "
            segments.append(Segment(mark, row_style))
        used = sum(c.width + 1 for c in columns)
        if used < width:
            segments.append(Segment(" " * (width - used), row_style))
        return Strip(segments).crop(0, width)


def _align(value: str, column: Column) -> str:
    if column.right:
        return fit(value, column.width).rstrip().rjust(column.width)
    return fit(value, column.width)


def _foreground(style: Style) -> Style:
    return Style(color=style.color)
