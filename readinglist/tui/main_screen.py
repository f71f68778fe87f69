"""The main screen: filter, paper table, detail pane, status line, footer.

Its jobs live in their own modules, mixed in here: filtering (and saved searches), arXiv
fetching, sharing (open, copy, export) and triage (every change, the selection). Each part
says what it changed with a `Changed` message; `on_changed` is the one place that turns a
change into repaints: the rows, the status line, the detail pane.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.widgets import Input, Static

from readinglist.arxiv import fill_from_arxiv
from readinglist.errors import UserError
from readinglist.papers.models import EMPTY_STATE
from readinglist.session import Session
from readinglist.tui.auto_exports import AutoExports
from readinglist.tui.detail import DetailPane
from readinglist.tui.fetching import ArxivFetching
from readinglist.tui.follow_focus import InOrder
from readinglist.tui.footer import MAIN_RANK, KeyFooter
from readinglist.tui.inbox import InboxScreen
from readinglist.tui.keys import main_bindings
from readinglist.tui.messages import Changed, CheckLibrary
from readinglist.tui.modals import HelpScreen
from readinglist.tui.pdfs import PdfDownloads, shown_pdf
from readinglist.tui.searches import SavedSearches
from readinglist.tui.sharing import Sharing
from readinglist.tui.status import StatusLine
from readinglist.tui.table import PaperTable
from readinglist.tui.text import clean_line
from readinglist.tui.triage import Triage, plural

# The filter line's hint, longest first: the longest that fits the width is shown (whole).
FILTER_PLACEHOLDERS = (
    "/ to filter: words, author:NAME, tag:TAG, is:unread, is:starred, year:>=2024, a OR b",
    "/ to filter: words, author:NAME, tag:TAG, is:unread, year:>=2024, a OR b",
    "/ to filter: words, author:NAME, tag:TAG, is:unread",
    "/ to filter: words, author:NAME",
    "/ to filter",
)


def filter_placeholder(width: int) -> str:
    return next((p for p in FILTER_PLACEHOLDERS if len(p) <= width), FILTER_PLACEHOLDERS[-1])


# How each sort reads in the status line, in its natural direction and reversed (R).
SORT_LABELS = {
    "date": ("date, newest first", "date, oldest first"),
    "upvotes": ("upvotes, most first", "upvotes, fewest first"),
    "title": ("title, A to Z", "title, Z to A"),
    "added": ("added, oldest first", "added, newest first"),
}


def sort_label(key: str, reverse: bool) -> str:
    natural, reversed_ = SORT_LABELS.get(key, (key, f"{key}, reversed"))
    return reversed_ if reverse else natural


class FilterInput(InOrder, Input):
    """The filter line: every key it binds (editing, enter, escape) acts in typing order."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.back_to_table", "Back to the table"),
        Binding("escape", "screen.escape", "Clear"),
        Binding("down", "screen.back_to_table", "Table", show=False),
    ]
    OUTER_KEYS = frozenset()  # the screen's letter keys are typed into the filter


class MainScreen(SavedSearches, ArxivFetching, PdfDownloads, Sharing, AutoExports, Triage):
    BINDINGS: ClassVar[list[BindingType]] = main_bindings()

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.init_filtering()
        self.init_fetching()

    def compose(self) -> ComposeResult:
        yield FilterInput(
            placeholder=FILTER_PLACEHOLDERS[0], id="filter", compact=True, select_on_focus=False
        )
        yield Static(id="query-error")
        with Container(id="body"):
            yield PaperTable(self.session, id="papers")
            yield DetailPane(id="detail")
        yield Static(id="welcome")
        yield StatusLine(id="status")
        yield KeyFooter(MAIN_RANK)

    def on_mount(self) -> None:
        self.filter_input.cursor_blink = False
        self.table.focus()
        self.show_changes(Changed(view=True))
        self.start_index_warming()
        if self.session.sample_loaded:
            self.show_welcome()

    def on_resize(self, event: events.Resize) -> None:
        self.filter_input.placeholder = filter_placeholder(event.size.width - 2)  # padding

    def on_unmount(self) -> None:
        self.stop_fetching()
        self.stop_pdfs()
        self.flush_auto_exports()

    def on_screen_resume(self) -> None:
        # Back from a dialog or the inbox, which may have changed papers' state.
        self.post_message(Changed(state=True))

    # -- what the screen shows -----------------------------------------------------------

    @on(Changed)
    def _changed(self, message: Changed) -> None:
        self.show_changes(message)

    def show_changes(self, change: Changed) -> None:
        """Repaint what `change` touches. The status line always follows; the detail pane
        follows the table's CursorMoved (a new paper under the cursor, a state change)."""
        table = self.table
        if change.view or change.keep_paper is not None:
            table.rows_changed(keep_paper=change.keep_paper)
        if change.records:
            table.records_changed()
        if change.state:
            table.states_changed()  # announces the cursor's paper again: the pane follows
        elif change.records:
            self.refresh_detail()  # authors or links arXiv just filled in
        self.refresh_status()
        self.schedule_auto_export(change)  # a timer at most: the files follow off this path
        if change.typed_at is not None:
            self.call_after_refresh(self.repainted, change.typed_at)

    def show_welcome(self) -> None:
        """A line above the status line for a first start on the sample; the first key hides it
        (ReadingListApp.on_event). A line of its own, so it covers neither table nor pane."""
        welcome = self.query_one("#welcome", Static)
        text = Text()
        text.append("Welcome! ", "bold")
        text.append(f"{len(self.session.papers)} sample papers to try. ")
        text.append("Add yours: readinglist FILE · ? every key")
        welcome.update(text)
        welcome.add_class("-visible")

    def hide_welcome(self) -> None:
        welcome = self.query_one("#welcome", Static)
        if welcome.has_class("-visible"):
            welcome.remove_class("-visible")

    @on(CheckLibrary)
    def _check_library(self) -> None:
        """Show papers, state and records other processes changed; the cursor keeps its paper."""
        session = self.session
        current = self.table.current
        paper_id = session.paper(current).id if current is not None else None
        try:
            changed = session.reload_if_changed()
        except UserError as error:  # another process left a damaged file: say so, keep going
            self.notify(str(error), title="Not reloaded", severity="error")
            return
        if changed:
            # Papers may have moved (new ones imported): find the cursor's paper again.
            keep = session.position_of_id.get(paper_id) if paper_id is not None else None
            self.show_changes(Changed(view=True, state=True, records=True, keep_paper=keep))

    def on_paper_table_cursor_moved(self, event: PaperTable.CursorMoved) -> None:
        self.refresh_detail(event.index)

    def refresh_detail(self, index: int | None = None) -> None:
        if index is None:
            index = self.table.current
        session = self.session
        if index is None:
            self.query_one(DetailPane).show(None, EMPTY_STATE, None)
            return
        record = session.arxiv_record(index)
        paper = fill_from_arxiv(session.paper(index), record)
        pdf = shown_pdf(session, index)
        self.query_one(DetailPane).show(paper, session.state(index), record, pdf)

    def refresh_status(self) -> None:
        # (rank, part) in the order shown; a narrow terminal drops the highest ranks first.
        counts = self.session.counts()
        parts = [(0, Text(f"{counts.shown:,}/{counts.total:,} shown", "bold"))]
        selected = len(self.session.selected)
        if selected:
            parts.append((1, Text(f"{selected:,} selected", "bold reverse")))
        parts.append((4, Text(f"{counts.unread:,} unread")))
        parts.append((5, Text(f"{counts.starred:,} starred")))
        sort = sort_label(self.session.sort_key, self.session.sort_reverse)
        parts.append((6, Text(f"sort {sort}")))
        search = self.active_search()
        if search is not None:
            parts.append((3, Text.assemble("search ", (clean_line(search), "bold italic"))))
        elif self.session.query_text.strip():
            query = clean_line(self.session.query_text)
            parts.append((3, Text.assemble("query ", (query, "italic"))))
        for progress in (self.progress, self.pdf_progress):
            if progress:
                parts.append((2, Text(progress, style="bold")))
        self.query_one("#status", StatusLine).show(parts)

    # -- focus, escape ---------------------------------------------------------------------

    def action_focus_filter(self) -> None:
        self.set_focus(self.filter_input)  # at once: "/abc" typed fast goes to the filter

    def action_back_to_table(self) -> None:
        self.flush_filter()
        # set_focus, not focus(): focus() is deferred, and a key typed right after enter
        # would still land in the filter.
        self.set_focus(self.table)

    def action_escape(self) -> None:
        if self.cancel_fetch() or self.cancel_pdfs():
            return
        if self.filter_input.has_focus or self.filter_input.value:
            self.set_filter("")
            self.set_focus(self.table)

    # -- inbox, sort, help, quit -----------------------------------------------------------

    def action_inbox(self) -> None:
        if not self.session.shown:
            self.no_paper()
            return
        self.set_focus(self.table)

        def back(index: int | None) -> None:
            self.show_changes(Changed(state=True, keep_paper=index))

        self.app.push_screen(InboxScreen(self.session, list(self.session.shown), back))

    def action_cycle_sort(self) -> None:
        current = self.table.current
        self.session.cycle_sort()
        self.post_message(Changed(view=True, keep_paper=current))

    def action_reverse_sort(self) -> None:
        current = self.table.current
        self.session.reverse_sort()
        self.post_message(Changed(view=True, keep_paper=current))

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(getattr(self.app, "config_keys", {})))

    async def action_quit(self) -> None:
        self.app.exit()

    def action_copy_or_quit(self) -> None:
        selection = self.get_selected_text()
        if selection:
            self.app.copy_to_clipboard(selection)
            self.notify("Copied the selected text.")
        else:
            self.app.exit()


__all__ = ["MainScreen", "plural", "sort_label"]
