"""The config's `[[auto_export]]` files, kept up to date by the running app.

A change (a star, a tag, an undo, arXiv records, another process's change picked up) starts a
short timer; each further change restarts it, so a burst of keys is one refresh. The refresh
runs in an exclusive thread worker, never on the keystroke path, and rewrites only the files
whose content changed. A file that cannot be written is one notification, once, until it
works again; the change itself is already saved. Quitting with a refresh pending runs it.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from textual import on, work
from textual.message import Message
from textual.timer import Timer
from textual.worker import get_current_worker

from readinglist.config import Config
from readinglist.papers.models import Paper, PaperState
from readinglist.tui.messages import Changed
from readinglist.tui.paper_screen import PaperScreen

AUTO_EXPORT_DELAY_S = 1.5


@dataclass
class AutoExportDone(Message):
    """One refresh ended: its problems, one line per file that could not be written."""

    problems: list[str]


class AutoExports(PaperScreen):
    """Mixed into the main screen; `schedule_auto_export` is called on every change shown."""

    auto_export_delay = AUTO_EXPORT_DELAY_S
    _auto_timer: Timer | None = None
    _auto_seen: tuple[int, int] | None = None  # (state version, records changes) last planned
    _auto_records = 0
    _auto_problems: frozenset[str] = frozenset()  # said already, still failing
    _auto_lock = threading.Lock()  # one refresh writes at a time: never an older one last

    @property
    def _auto_config(self) -> Config | None:
        config = getattr(self.app, "config", None)
        return config if config is not None and config.auto_exports else None

    def schedule_auto_export(self, change: Changed) -> None:
        """(Re)start the timer when `change` may alter an export: a state or record change."""
        if not (change.state or change.records) or self._auto_config is None:
            return
        self._auto_records += change.records
        seen = (self.session.version, self._auto_records)
        if seen == self._auto_seen:
            return  # the selection moved, the screen came back: nothing an export shows
        self._auto_seen = seen
        if self._auto_timer is not None:
            self._auto_timer.stop()
        self._auto_timer = self.set_timer(self.auto_export_delay, self._start_auto_export)

    def _start_auto_export(self) -> None:
        self._auto_timer = None
        papers, states = list(self.session.papers), dict(self.session.states)
        self._auto_export(papers, states)

    def flush_auto_exports(self) -> None:
        """At quit: a refresh still waiting for its timer runs now, so no change is left out."""
        if self._auto_timer is None:
            return
        self._auto_timer.stop()
        self._auto_timer = None
        self._refresh(list(self.session.papers), dict(self.session.states))

    @work(thread=True, exclusive=True, group="auto-export", exit_on_error=False)
    def _auto_export(self, papers: list[Paper], states: dict[str, PaperState]) -> None:
        with self._auto_lock:
            if get_current_worker().is_cancelled:
                return  # a newer refresh was asked for: it writes
            lines = self._refresh(papers, states)
        self.post_message(AutoExportDone(lines))

    def _refresh(self, papers: Sequence[Paper], states: dict[str, PaperState]) -> list[str]:
        from readinglist.export.auto_export import problems, refresh

        config = self._auto_config
        if config is None:
            return []
        service = self.session.service

        def select(query: str) -> Sequence[Paper]:
            return service.select(query, "date", states=states).papers

        try:
            store = self.session.arxiv
            arxiv = store.all() if store is not None else {}
            results = refresh(
                config.auto_exports,
                select,
                papers,
                states,
                arxiv,
                relative_to=config.path.parent,
            )
        except Exception as error:  # the change is saved; only the files lag behind
            return [f"auto-exports not updated: {error}"]
        return problems(results)

    @on(AutoExportDone)
    def _auto_export_done(self, message: AutoExportDone) -> None:
        lines = frozenset(message.problems)
        for line in message.problems:
            if line not in self._auto_problems:  # said once, until it works again
                self.notify(line, title="Auto-export", severity="warning", timeout=10)
        self._auto_problems = lines
