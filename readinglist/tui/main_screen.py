"""The main screen: filter, paper table, detail pane, status line, footer; every triage key."""

from __future__ import annotations

import contextlib
import threading
import time
from collections import deque
from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from readinglist.arxiv import FetchEvent, FetchSummary, fill_from_arxiv
from readinglist.errors import UserError
from readinglist.papers.models import EMPTY_STATE, Paper
from readinglist.session import FilterResult, Session
from readinglist.tui.detail import DetailPane
from readinglist.tui.follow_focus import InOrder
from readinglist.tui.keys import main_bindings
from readinglist.tui.links import arxiv_link, browser_available
from readinglist.tui.modals import HelpScreen, NotesScreen, TagsScreen
from readinglist.tui.table import PaperTable
from readinglist.tui.text import clean_line

# A filter that took longer than this moves the next ones off the keystroke path, into a
# thread, so the app keeps painting while a slow query (fuzzy typos at 100k papers) runs.
SLOW_FILTER_MS = 60.0
WARM_INDEX_FROM = 20_000  # papers; smaller libraries filter fast enough cold
WARM_INDEX_AFTER_S = 0.5

FILTER_PLACEHOLDER = "/ to filter: words, author:NAME, tag:TAG, is:unread, is:starred, year:>=2024"


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


def fetch_message(summary: FetchSummary, last: FetchEvent | None, total: int) -> str:
    """What a finished arXiv fetch says: the one paper's outcome, or the batch's counts."""
    if summary.stopped:
        if summary.unreachable or not (summary.found or summary.not_found or summary.failed):
            return summary.stopped  # nothing was asked: the counts would be all zeros
        return f"{summary.stopped} ({summary.line()})"
    if total == 1 and last is not None:
        return f"{clean_line(last.paper.title)[:60]}: {last.describe()}"
    return summary.line()


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


UNDO_NAMES = {"read": "read", "star": "star", "notes": "notes", "tags": "tags"}


class FilterInput(InOrder, Input):
    """The filter line; its footer hints say how to get back to the table."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.back_to_table", "Back to the table"),
        Binding("escape", "screen.escape", "Clear"),
        Binding("down", "screen.back_to_table", "Table", show=False),
    ]
    ORDERED_KEYS = frozenset(("enter", "escape", "down"))  # the next key goes to the table


class MainScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = main_bindings()

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.progress: str | None = None  # what a running arXiv fetch says in the status line
        self._filter_running = False
        self._filter_pending: str | None = None
        self._filter_text = ""  # the text the running filter worker is computing
        self._filter_ms = 0.0  # how long the last filter took
        self._fetch_cancel: threading.Event | None = None
        self._fetch_total = 0
        self._fetch_last: FetchEvent | None = None
        self._typed_at = 0.0
        self.filter_latencies: deque[float] = deque(maxlen=1000)  # ms, keystroke to repaint
        self.index_warm = threading.Event()  # set once the search index is fully prepared

    def compose(self) -> ComposeResult:
        yield FilterInput(
            placeholder=FILTER_PLACEHOLDER, id="filter", compact=True, select_on_focus=False
        )
        yield Static(id="query-error")
        with Container(id="body"):
            yield PaperTable(self.session, id="papers")
            yield DetailPane(id="detail")
        yield Static(id="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#filter", Input).cursor_blink = False
        self.table.focus()
        self.table.rows_changed()
        self.refresh_status()
        if len(self.session.papers) >= WARM_INDEX_FROM:
            # Shortly after the first paint, so the index build does not compete with it.
            self.set_timer(WARM_INDEX_AFTER_S, self._warm_index)
        else:
            self.index_warm.set()  # small libraries filter fast enough cold

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications carry titles, paths and errors: plain text, never markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    @property
    def table(self) -> PaperTable:
        return self.query_one(PaperTable)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#filter", Input)

    # -- what the screen shows -----------------------------------------------------------

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
        self.query_one(DetailPane).show(paper, session.state(index), record)

    def refresh_status(self) -> None:
        counts = self.session.counts()
        text = Text()
        text.append(f" {counts.shown:,}/{counts.total:,} shown", "bold")
        text.append(f" · {counts.unread:,} unread · {counts.starred:,} starred")
        text.append(f" · sort {sort_label(self.session.sort_key, self.session.sort_reverse)}")
        if self.session.query_text.strip():
            text.append(" · query ")
            text.append(clean_line(self.session.query_text), "italic")
        if self.progress:
            text.append(" · ")
            text.append(self.progress, "bold")
        self.query_one("#status", Static).update(text, layout=False)  # one line, fixed

    def after_state_change(self) -> None:
        self.table.states_changed()
        self.refresh_status()

    # -- filter --------------------------------------------------------------------------

    def action_focus_filter(self) -> None:
        self.set_focus(self.filter_input)  # at once: "/abc" typed fast goes to the filter

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        # The input's value now, not the event's: events queued behind a burst of keys
        # carry older texts, and re-filtering for those would only flicker.
        text = self.filter_input.value
        if text == self.session.query_text and text == self._filter_pending_or_running():
            return
        self._typed_at = event.time
        if self._filter_ms < SLOW_FILTER_MS and not self._filter_running:
            # Fast enough to run right here: no thread hand-off to wait for. Keys typed
            # meanwhile queue up, and their events are skipped above once the value is shown.
            self.show_filter(self._timed_filter(text))
            return
        # Latest text wins: while one filter runs, later keystrokes only replace the pending
        # text, so a fast typist never queues work and each repaint shows the newest query.
        self._filter_pending = text
        if not self._filter_running:
            self._next_filter()

    def _filter_pending_or_running(self) -> str:
        if self._filter_pending is not None:
            return self._filter_pending
        return self._filter_text if self._filter_running else self.session.query_text

    def flush_filter(self) -> None:
        """Show the result for the text in the filter now (enter: what follows acts on it)."""
        text = self.filter_input.value
        if text != self.session.query_text or self._filter_running:
            self._filter_pending = None
            self.show_filter(self.session.compute_filter(text))

    def _next_filter(self) -> None:
        text, self._filter_pending = self._filter_pending, None
        if text is None:
            return
        self._filter_running = True
        self._filter_text = text
        self._run_filter(text)

    def _timed_filter(self, text: str) -> FilterResult:
        started = time.perf_counter()
        result = self.session.compute_filter(text)
        self._filter_ms = (time.perf_counter() - started) * 1000
        return result

    @work(thread=True, group="filter")
    def _run_filter(self, text: str) -> None:
        result = self._timed_filter(text)
        self._from_thread(self._filter_done, result)

    def _filter_done(self, result: FilterResult) -> None:
        self._filter_running = False
        if self._filter_pending is not None:
            self._next_filter()
        elif result.text == self.filter_input.value:  # else enter already showed a newer one
            self.show_filter(result)

    def _warm_index(self) -> None:
        # A plain daemon thread: the filter never waits for it (the index is usable, only
        # slower, until it is warm), and quitting never waits for it either.
        def warm() -> None:
            self.session.index.warm()
            self.index_warm.set()

        threading.Thread(target=warm, name="warm-index", daemon=True).start()

    def show_filter(self, result: FilterResult) -> None:
        current = self.table.current
        ok = self.session.apply_filter(result)
        error = self.query_one("#query-error", Static)
        if ok:
            if error.has_class("-visible"):  # a relayout only when the error line goes
                error.remove_class("-visible")
            self.table.rows_changed(keep_paper=current)
            self.call_after_refresh(self._repainted, self._typed_at)
        else:
            error.update(Text(f"⚠ {result.error} (showing the last good result)"))
            error.add_class("-visible")
        self.refresh_status()

    def _repainted(self, typed_at: float) -> None:
        # Keystroke to repaint, for the benchmark (python -m bench).
        self.filter_latencies.append((time.monotonic() - typed_at) * 1000)

    def action_back_to_table(self) -> None:
        self.flush_filter()
        # set_focus, not focus(): focus() is deferred, and a key typed right after enter
        # would still land in the filter.
        self.set_focus(self.table)

    def action_escape(self) -> None:
        if self.cancel_fetch():
            return
        if self.filter_input.has_focus or self.filter_input.value:
            self.filter_input.value = ""
            self.flush_filter()
            self.set_focus(self.table)

    # -- arXiv ---------------------------------------------------------------------------

    def action_fetch_one(self) -> None:
        index = self.current_paper()
        if index is not None:
            self._start_fetch([index])

    def action_fetch_all(self) -> None:
        if self.cancel_fetch():  # `A` again cancels the batch
            return
        self._start_fetch(list(self.session.shown))

    def cancel_fetch(self) -> bool:
        if self._fetch_cancel is None:
            return False
        self._fetch_cancel.set()
        self.progress = "arXiv: cancelling…"
        self.refresh_status()
        return True

    def _start_fetch(self, indices: list[int]) -> None:
        if self._fetch_cancel is not None:
            self.notify("An arXiv fetch is running; escape cancels it.", severity="warning")
            return
        if self.session.arxiv is None or not indices:
            return
        self._fetch_cancel = threading.Event()
        self._fetch_total, self._fetch_last = len(indices), None
        self.progress = f"arXiv 0/{len(indices)} (escape cancels)"
        self.refresh_status()
        papers = [self.session.paper(i) for i in indices]
        self._fetch(papers, self._fetch_cancel)

    @work(thread=True, group="fetch", exit_on_error=False)
    def _fetch(self, papers: list[Paper], cancel: threading.Event) -> None:
        def report(event: FetchEvent) -> None:
            self._from_thread(self._fetch_progress, event)

        try:
            summary = self.app.fetcher(papers, self.session.arxiv, progress=report, cancel=cancel)
        except UserError as error:
            self._from_thread(self._fetch_done, None, str(error))
        except Exception as error:  # a bug or an odd failure must not leave a fetch "running"
            self._from_thread(self._fetch_done, None, f"arXiv fetch failed: {error!r}")
        else:
            self._from_thread(self._fetch_done, summary, None)

    def _from_thread(self, callback, *args, **kwargs) -> None:
        with contextlib.suppress(RuntimeError):  # the app closed meanwhile
            self.app.call_from_thread(callback, *args, **kwargs)

    def _fetch_progress(self, event: FetchEvent) -> None:
        self._fetch_last = event
        title = clean_line(event.paper.title)[:40]
        self.progress = f"arXiv {event.index}/{event.total} {event.describe()}: {title}"
        self.refresh_status()
        self.table.records_changed()  # the row may show authors arXiv just filled
        current = self.table.current
        if current is not None and self.session.paper(current).id == event.paper.id:
            self.refresh_detail(current)

    def _fetch_done(self, summary: FetchSummary | None, error: str | None) -> None:
        self._fetch_cancel = None
        self.progress = None
        self.refresh_status()
        self.refresh_detail()
        if summary is None:
            self.notify(error or "arXiv fetch failed", title="arXiv", severity="error")
        elif summary.cancelled and not summary.stopped:
            self.notify(f"cancelled: {summary.line()}", title="arXiv", severity="warning")
        else:
            message = fetch_message(summary, self._fetch_last, self._fetch_total)
            severity = "error" if summary.stopped else "information"
            self.notify(message, title="arXiv", severity=severity)

    def on_unmount(self) -> None:
        if self._fetch_cancel is not None:
            self._fetch_cancel.set()

    # -- open, copy, export ----------------------------------------------------------

    def _link(self, kind: str) -> str | None:
        index = self.current_paper()
        if index is None:
            return None
        record = self.session.arxiv_record(index)
        url = arxiv_link(record, kind)
        if url is not None:
            return url
        if record is None:
            message = "No arXiv link for this paper yet: press a to look it up on arXiv."
        elif record.status == "found":
            message = "The arXiv record has no usable http(s) arXiv link; nothing opened."
        else:
            checked = clean_line(record.checked_at)[:10]
            message = f"arXiv had no match for this paper (checked {checked}); nothing to open."
        self.notify(message, severity="warning")
        return None

    def action_open_abs(self) -> None:
        self._open(self._link("abs"))

    def action_open_pdf(self) -> None:
        self._open(self._link("pdf"))

    def _open(self, url: str | None) -> None:
        if url is None:
            return
        if not browser_available():
            self.notify(f"No web browser found here; y copies the link: {url}", severity="warning")
            return
        self.app.open_url(url)
        self.notify(f"Opening {url}")

    def action_copy(self) -> None:
        index = self.current_paper()
        if index is None:
            return
        title = clean_line(self.session.paper(index).title)
        url = arxiv_link(self.session.arxiv_record(index), "abs")
        self.app.copy_to_clipboard(f"{title}\n{url}" if url else title)
        self.notify("Copied the title and link." if url else "Copied the title (no link yet).")

    def action_export(self) -> None:
        indices = self.session.starred_indices()
        if not indices:
            self.notify("Nothing starred yet: s stars the paper under the cursor.")
            return
        papers = [self.session.paper(i) for i in indices]
        arxiv = self.session.arxiv.all() if self.session.arxiv is not None else {}
        self._export(papers, dict(self.session.states), arxiv, Path.cwd())

    @work(thread=True, group="export", exit_on_error=False)
    def _export(self, papers: list[Paper], states, arxiv, directory: Path) -> None:
        from readinglist.export import default_export_name, render_markdown, write_export

        today = date.today()
        try:
            text = render_markdown(papers, states, arxiv, query="is:starred", today=today)
            path = write_export(text, default_export_name(today, "md", directory))
        except Exception as error:  # UserError says what to do; anything else still reports
            message = str(error) if isinstance(error, UserError) else f"export failed: {error!r}"
            self._from_thread(self.notify, message, title="Export", severity="error")
            return
        message = f"{plural(len(papers), 'starred paper')} written to {path}"
        self._from_thread(self.notify, message, title="Export")

    def current_paper(self) -> int | None:
        """The paper under the cursor; None, said in a notification, when there is none."""
        index = self.table.current
        if index is None:
            self.no_paper()
        return index

    def no_paper(self) -> None:
        if self.session.query_text.strip():
            message = "No paper matches the filter; escape clears it."
        else:
            message = "No paper under the cursor."
        self.notify(message, severity="warning")

    # -- triage --------------------------------------------------------------------------

    def _change(self, index: int | None, operation, *args) -> bool:
        """Run one store write; the row shows it only once it is on disk, a failure notifies."""
        if index is None:
            self.no_paper()
            return False
        try:
            operation(index, *args)
        except UserError as error:
            self.notify(str(error), title="Not saved", severity="error")
            return False
        self.after_state_change()
        return True

    def action_toggle_read(self) -> None:
        self._change(self.table.current, self.session.toggle_read)

    def action_toggle_star(self) -> None:
        self._change(self.table.current, self.session.toggle_star)

    def action_undo(self) -> None:
        last = self.session.history[-1] if self.session.history else None
        try:
            index = self.session.undo()
        except UserError as error:
            self.notify(str(error), title="Not undone", severity="error")
            return
        if index is None or last is None:
            self.notify("Nothing to undo.")
            return
        self.table.rows_changed(keep_paper=index)
        self.after_state_change()
        title = clean_line(self.session.paper(index).title)[:60]
        self.notify(f"Undid the {UNDO_NAMES.get(last.what, last.what)} change: {title}")

    def action_next_unread(self) -> None:
        row = self.session.next_unread(self.table.cursor)
        if row is None:
            self.notify("No unread papers in this view.")
            return
        if row <= self.table.cursor:
            self.notify("Wrapped around to the top.")
        self.table.move_cursor(row)

    def action_edit_notes(self) -> None:
        index = self.current_paper()
        if index is None:
            return
        paper, state = self.session.paper(index), self.session.state(index)

        def done(text: str | None) -> None:
            changed = text is not None and text != state.notes
            if changed and self._change(index, self.session.set_notes, text):
                self.notify("Notes saved." if text.strip() else "Notes cleared.")

        self.app.push_screen(NotesScreen(paper.title, state.notes), done)

    def action_edit_tags(self) -> None:
        index = self.current_paper()
        if index is None:
            return
        paper, state = self.session.paper(index), self.session.state(index)

        def done(tags: list[str] | None) -> None:
            changed = tags is not None and tags != state.tags
            if changed and self._change(index, self.session.set_tags, tags):
                shown = ", ".join(clean_line(t) for t in tags)
                self.notify(f"Tags saved: {shown}" if tags else "Tags cleared.")

        self.app.push_screen(TagsScreen(paper.title, state.tags), done)

    # -- sort, help, quit ----------------------------------------------------------------

    def action_cycle_sort(self) -> None:
        current = self.table.current
        self.session.cycle_sort()
        self.table.rows_changed(keep_paper=current)
        self.refresh_status()

    def action_reverse_sort(self) -> None:
        current = self.table.current
        self.session.reverse_sort()
        self.table.rows_changed(keep_paper=current)
        self.refresh_status()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        self.app.exit()

    def action_copy_or_quit(self) -> None:
        selection = self.get_selected_text()
        if selection:
            self.app.copy_to_clipboard(selection)
            self.notify("Copied the selected text.")
        else:
            self.app.exit()
