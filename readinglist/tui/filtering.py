"""Filtering as you type: on the keystroke while it is fast, in a worker once it was slow.

A filter that took longer than SLOW_FILTER_MS moves the next ones off the keystroke path,
into a thread worker, so the app keeps painting while a slow query (fuzzy typos at 100k
papers) runs. One filter worker at a time: keys typed meanwhile only change the input's
value, and when the worker's result arrives a newer text starts the next one, so a fast
typist never queues work and each repaint shows the newest query.
"""

from __future__ import annotations

import threading
import time
from collections import deque

from rich.text import Text
from textual import on, work
from textual.widgets import Input, Static
from textual.worker import WorkerState, get_current_worker

from readinglist.session import FilterResult
from readinglist.tui.messages import Changed, FilterDone
from readinglist.tui.paper_screen import PaperScreen

SLOW_FILTER_MS = 60.0
WARM_INDEX_FROM = 20_000  # papers; smaller libraries filter fast enough cold
WARM_INDEX_AFTER_S = 0.5


class FilterScheduling(PaperScreen):
    """Mixed into the main screen: the filter line drives `session.shown`."""

    def init_filtering(self) -> None:
        self._filter_ms = 0.0  # how long the last filter took
        self._typed_at = 0.0
        self.filter_latencies: deque[float] = deque(maxlen=1000)  # ms, keystroke to repaint
        self.index_warm = threading.Event()  # set once the search index is fully prepared

    @property
    def filter_input(self) -> Input:
        return self.query_one("#filter", Input)

    def start_index_warming(self) -> None:
        if len(self.session.papers) >= WARM_INDEX_FROM:
            # Shortly after the first paint, so the index build does not compete with it.
            self.set_timer(WARM_INDEX_AFTER_S, self._warm_index)
        else:
            self.index_warm.set()  # small libraries filter fast enough cold

    @work(thread=True, group="warm-index", exit_on_error=False)
    def _warm_index(self) -> None:
        # The filter never waits for it: the index is usable, only slower, until it is warm.
        self.session.index.warm()
        self.index_warm.set()

    def _filter_running(self) -> bool:
        return any(
            worker.group == "filter" and worker.state in (WorkerState.PENDING, WorkerState.RUNNING)
            for worker in self.workers
        )

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        # The input's value now, not the event's: events queued behind a burst of keys
        # carry older texts, and re-filtering for those would only flicker.
        text = self.filter_input.value
        if text == self.session.query_text:
            return
        self._typed_at = event.time
        if self._filter_running():
            return  # the running worker's result starts the next filter for the newest text
        if self._filter_ms < SLOW_FILTER_MS:
            # Fast enough to run right here: no thread hand-off to wait for.
            self.show_filter(self._timed_filter(text))
        else:
            self._run_filter(text, self._typed_at)

    def flush_filter(self) -> None:
        """Show the result for the text in the filter now (enter: what follows acts on it)."""
        text = self.filter_input.value
        if text != self.session.query_text or self._filter_running():
            self.show_filter(self.session.compute_filter(text))

    def set_filter(self, text: str) -> None:
        """Put `text` in the filter line and show its result at once (saved searches)."""
        with self.filter_input.prevent(Input.Changed):
            self.filter_input.value = text
        self.flush_filter()

    def _timed_filter(self, text: str) -> FilterResult:
        started = time.perf_counter()
        result = self.session.compute_filter(text)
        self._filter_ms = (time.perf_counter() - started) * 1000
        return result

    @work(thread=True, exclusive=True, group="filter", exit_on_error=False)
    def _run_filter(self, text: str, typed_at: float) -> None:
        result = self._timed_filter(text)
        if not get_current_worker().is_cancelled:
            self.post_message(FilterDone(result, typed_at))

    @on(FilterDone)
    def _filter_done(self, message: FilterDone) -> None:
        text = self.filter_input.value
        if message.result.text == text:
            self.show_filter(message.result)
        elif text != self.session.query_text:  # typed on meanwhile: filter the newest text
            self._run_filter(text, self._typed_at)

    def show_filter(self, result: FilterResult) -> None:
        current = self.table.current
        ok = self.session.apply_filter(result)
        error = self.query_one("#query-error", Static)
        if ok:
            if error.has_class("-visible"):  # a relayout only when the error line goes
                error.remove_class("-visible")
            # Straight to the one refresh, not through the queue: this is the keystroke path.
            self.show_changes(Changed(view=True, keep_paper=current, typed_at=self._typed_at))
        else:
            error.update(Text(f"⚠ {result.error} (showing the last good result)"))
            error.add_class("-visible")
            self.show_changes(Changed())

    def repainted(self, typed_at: float) -> None:
        # Keystroke to repaint, for the benchmark (python -m bench).
        self.filter_latencies.append((time.monotonic() - typed_at) * 1000)
