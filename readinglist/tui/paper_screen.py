"""What every part of the main screen builds on: the session, the table, the current paper."""

from __future__ import annotations

from textual.notifications import SeverityLevel
from textual.screen import Screen

from readinglist.session import Session
from readinglist.tui.messages import Changed
from readinglist.tui.table import PaperTable


class PaperScreen(Screen[None]):
    """The base of the main screen and of its parts (filtering, fetching, sharing, triage)."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def show_changes(self, change: Changed) -> None:
        """Repaint what `change` touches: the main screen's one refresh (a `Changed` message
        arrives there too; the filter's keystroke path calls it directly)."""
        raise NotImplementedError

    @property
    def table(self) -> PaperTable:
        return self.query_one(PaperTable)

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

    def current_paper(self) -> int | None:
        """The paper under the cursor; None, said in a notification, when there is none."""
        index = self.table.current
        if index is None:
            self.no_paper()
        return index

    def targets(self) -> list[int]:
        """What a key acts on: the selected papers, else the one under the cursor."""
        selected = self.session.selected_indices()
        if selected:
            return selected
        index = self.current_paper()
        return [] if index is None else [index]

    def no_paper(self) -> None:
        if self.session.query_text.strip():
            message = "No paper matches the filter; escape clears it."
        else:
            message = "No paper under the cursor."
        self.notify(message, severity="warning")
