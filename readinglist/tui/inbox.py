"""The inbox: the shown papers one at a time, whole abstract and details, a key for each verdict.

`s` stars and marks read, `space`/`r` marks read, `l` tags `later`, `j` skips; each goes on to
the next paper and is one undo step: `u` undoes the last verdict and goes back to its paper.
A progress line (`12 / 57`) on top, a summary at the end; escape returns to the table with
the cursor on the paper last shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from readinglist.arxiv import fill_from_arxiv
from readinglist.errors import UserError
from readinglist.session import Session
from readinglist.tui.detail import detail_text
from readinglist.tui.follow_focus import InOrder
from readinglist.tui.footer import KeyFooter
from readinglist.tui.pdfs import shown_pdf
from readinglist.tui.status import StatusLine
from readinglist.tui.text import clean_line

LATER = "later"
VERDICTS = {"star": "starred", "read": "read", "later": "for later", "skip": "skipped"}


class InboxBody(InOrder, VerticalScroll, can_focus=True):
    """The paper's details; the inbox's keys act in order even when typed in a burst."""


class InboxScreen(Screen[int | None]):
    """Triage `indices` (papers, in the table's order); dismisses with the paper last shown."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "verdict('star')", "Star + read", id="inbox_star"),
        Binding("space,r", "verdict('read')", "Read", id="inbox_read"),
        Binding("l", "verdict('later')", "Later", id="inbox_later"),
        Binding("j,n", "verdict('skip')", "Skip", id="inbox_skip"),
        Binding("u", "undo", "Undo", id="inbox_undo"),
        Binding("escape,q,i", "close", "Back to the table", id="inbox_close"),
    ]

    def __init__(
        self, session: Session, indices: list[int], on_close: Callable[[int | None], None]
    ) -> None:
        super().__init__()
        self.session = session
        self.indices = indices
        # Called at once on escape (not later, as a dismiss callback is): keys typed right
        # after escape find the table's cursor already on the paper last shown.
        self.on_close = on_close
        self.position = 0
        self.done: list[tuple[int, str, bool]] = []  # (position, verdict, wrote a change)

    def compose(self) -> ComposeResult:
        yield StatusLine(id="inbox-progress")
        with InboxBody(id="inbox-body"):
            yield Static(id="inbox-paper")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(InboxBody).focus()
        self.show()

    @property
    def counts(self) -> Counter[str]:
        return Counter(verdict for _, verdict, _ in self.done)

    def show(self) -> None:
        total = len(self.indices)
        progress = self.query_one("#inbox-progress", StatusLine)
        body = self.query_one("#inbox-paper", Static)
        if self.position >= total:
            progress.show([(0, Text(f"Inbox: {total} / {total} · done", "bold"))])
            body.update(self.summary())
            return
        index = self.indices[self.position]
        # The keys' hints go, last first, where the terminal is too narrow for them all.
        hints = ("s star+read", "space read", "l later", "j skip", "u undo", "escape back")
        line = [(0, Text(f"Inbox: {self.position + 1} / {total}", "bold"))]
        progress.show([*line, *((n, Text(hint, "dim")) for n, hint in enumerate(hints, 1))])
        record = self.session.arxiv_record(index)
        paper = fill_from_arxiv(self.session.paper(index), record)
        pdf = shown_pdf(self.session, index)
        body.update(detail_text(paper, self.session.state(index), record, pdf))
        self.query_one(InboxBody).scroll_home(animate=False)

    def summary(self) -> Text:
        counts = self.counts
        text = Text("Inbox done\n\n", "bold")
        text.append(f"{len(self.indices)} papers: ")
        text.append(", ".join(f"{counts[v]} {name}" for v, name in VERDICTS.items()))
        text.append("\n\nu undoes the last verdict · escape returns to the table", "dim")
        return text

    def action_verdict(self, verdict: str) -> None:
        if self.position >= len(self.indices):
            self.notify("That was the last paper: u goes back, escape returns to the table.")
            return
        index = self.indices[self.position]
        values = {
            "star": {"starred": True, "read": True},
            "read": {"read": True},
            "later": {"add_tags": [LATER]},
            "skip": {},
        }[verdict]
        wrote = False
        if values:
            try:
                wrote = self.session.change_many([index], verdict, **values) > 0
            except UserError as error:
                self.notify(str(error), title="Not saved", severity="error")
                return
        self.done.append((self.position, verdict, wrote))
        self.position += 1
        self.show()

    def action_undo(self) -> None:
        if not self.done:
            self.notify("Nothing to undo in this inbox.")
            return
        position, verdict, wrote = self.done[-1]
        if wrote:
            try:
                self.session.undo()
            except UserError as error:
                self.notify(str(error), title="Not undone", severity="error")
                return
        self.done.pop()
        self.position = position
        self.show()
        title = clean_line(self.session.paper(self.indices[position]).title)[:50]
        self.notify(f"Undid {VERDICTS[verdict]}: {title}")

    def action_close(self) -> None:
        last = self.indices[min(self.position, len(self.indices) - 1)] if self.indices else None
        self.on_close(last)
        self.dismiss(last)
