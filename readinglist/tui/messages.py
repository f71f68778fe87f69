"""What the app's parts tell each other: results of workers and changes to show, as messages.

Workers (threads) post these; `MainScreen` handles them on the UI thread. A change says what
it changed, never what to repaint: the screen's one `Changed` handler knows what each touches.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.notifications import SeverityLevel

from readinglist.arxiv import FetchEvent, FetchSummary, PdfSummary
from readinglist.session import FilterResult


@dataclass
class Changed(Message):
    """The library or the view changed; `keep_paper` is where the cursor should stay."""

    view: bool = False  # which papers are shown, or their order (filter, sort, new papers)
    state: bool = False  # read, starred, notes, tags, the selection
    records: bool = False  # what arXiv said (links, authors filled in)
    keep_paper: int | None = None
    typed_at: float | None = None  # the keystroke a filter answers, for the benchmark

    def can_replace(self, message: Message) -> bool:
        # Textual drops this change when the one queued after it covers it: a flood (fetch
        # progress, reloads) collapses to one repaint. A cursor target is never dropped.
        return (
            isinstance(message, Changed)
            and self.keep_paper is None
            and self.typed_at is None
            and message.view >= self.view
            and message.state >= self.state
            and message.records >= self.records
        )


@dataclass
class FilterDone(Message):
    """A filter worker finished `result` for text typed at `typed_at` (monotonic seconds)."""

    result: FilterResult
    typed_at: float


@dataclass
class FetchProgress(Message):
    """One paper of an arXiv batch was looked up; only the newest matters for the status line."""

    event: FetchEvent

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, FetchProgress)


@dataclass
class FetchDone(Message):
    """An arXiv batch ended: its summary, or the one line saying why it failed."""

    summary: FetchSummary | None
    error: str | None = None


@dataclass
class PdfProgressed(Message):
    """How far a PDF batch is, as one status line; only the newest matters."""

    text: str

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, PdfProgressed)


@dataclass
class PdfsDone(Message):
    """A PDF batch ended: its summary and the failures' reasons, or why it failed whole."""

    summary: PdfSummary | None
    failures: list[str]
    error: str | None = None


@dataclass
class Notice(Message):
    """A line for the user from a worker (an export written, a write that failed)."""

    text: str
    title: str = ""
    severity: SeverityLevel = "information"


@dataclass
class BulkSaved(Message):
    """A bulk change is on disk: how many papers it changed, and what to say."""

    changed: int
    text: str


@dataclass
class CheckLibrary(Message):
    """Time to look for what other processes changed (a timer, the terminal regaining focus)."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, CheckLibrary)
