"""arXiv lookups from the app: `a` (this paper or the selection), `A` (every shown paper).

The batch runs in a thread worker (arXiv allows one request every 3 seconds); each answer
comes back as a `FetchProgress` message (a flood collapses to the newest) and the end as
`FetchDone`. Escape or `A` again cancels through the fetcher's cancel event.
"""

from __future__ import annotations

import threading

from textual import on, work

from readinglist.arxiv import FetchEvent, FetchSummary
from readinglist.errors import UserError
from readinglist.papers.models import Paper
from readinglist.tui.messages import Changed, FetchDone, FetchProgress
from readinglist.tui.paper_screen import PaperScreen
from readinglist.tui.text import clean_line
from readinglist.tui.triage import plural


def fetch_message(summary: FetchSummary, last: FetchEvent | None, total: int) -> str:
    """What a finished arXiv fetch says: the one paper's outcome, or the batch's counts and
    how many papers arXiv now has a newer version of."""
    if summary.stopped:
        if summary.unreachable or not (summary.found or summary.not_found or summary.failed):
            return summary.stopped  # nothing was asked: the counts would be all zeros
        return f"{summary.stopped} ({summary.line()})"
    if total == 1 and last is not None:
        return f"{clean_line(last.paper.title)[:60]}: {last.describe()}"
    if summary.updated:
        have = "has" if summary.updated == 1 else "have"
        newer = f"{plural(summary.updated, 'paper')} {have} a newer version on arXiv"
        return f"{summary.line()}\n{newer}: is:updated lists them, d gets the new PDF"
    return summary.line()


class ArxivFetching(PaperScreen):
    """Mixed into the main screen."""

    def init_fetching(self) -> None:
        self.progress: str | None = None  # what a running arXiv fetch says in the status line
        self._fetch_cancel: threading.Event | None = None  # set while a batch runs
        self._fetch_total = 0
        self._fetch_last: FetchEvent | None = None

    def action_fetch_one(self) -> None:
        indices = self.targets()
        if indices:
            self._start_fetch(indices)

    def action_fetch_all(self) -> None:
        """Every shown paper; those found before are asked again (by id, a hundred per
        request) so the summary names the ones with a newer version."""
        if self.cancel_fetch():  # `A` again cancels the batch
            return
        self._start_fetch(list(self.session.shown), refresh=True)

    def cancel_fetch(self) -> bool:
        if self._fetch_cancel is None:
            return False
        self._fetch_cancel.set()
        self.progress = "arXiv: cancelling…"
        self.post_message(Changed())
        return True

    def _start_fetch(self, indices: list[int], *, refresh: bool = False) -> None:
        if self._fetch_cancel is not None:
            self.notify("An arXiv fetch is running; escape cancels it.", severity="warning")
            return
        if self.session.arxiv is None or not indices:
            return
        self._fetch_cancel = threading.Event()
        self._fetch_total, self._fetch_last = len(indices), None
        self.progress = f"arXiv 0/{len(indices)} (escape cancels)"
        self.post_message(Changed())
        self._fetch([self.session.paper(i) for i in indices], self._fetch_cancel, refresh)

    @work(thread=True, group="fetch", exit_on_error=False)
    def _fetch(self, papers: list[Paper], cancel: threading.Event, refresh: bool) -> None:
        def report(event: FetchEvent) -> None:
            self.post_message(FetchProgress(event))

        try:
            # `refresh` only when asked: a fetcher made before it existed still serves `a`.
            options = {"refresh": True} if refresh else {}
            summary = self.app.fetcher(
                papers, self.session.arxiv, progress=report, cancel=cancel, **options
            )
        except UserError as error:
            done = FetchDone(None, str(error))
        except Exception as error:  # a bug or an odd failure must not leave a fetch "running"
            done = FetchDone(None, f"arXiv fetch failed: {error!r}")
        else:
            done = FetchDone(summary)
        self.post_message(done)

    @on(FetchProgress)
    def _fetch_progress(self, message: FetchProgress) -> None:
        event = self._fetch_last = message.event
        title = clean_line(event.paper.title)[:40]
        self.progress = f"arXiv {event.index}/{event.total} {event.describe()}: {title}"
        self.post_message(Changed(records=True))

    @on(FetchDone)
    def _fetch_done(self, message: FetchDone) -> None:
        self._fetch_cancel = None
        self.progress = None
        self.post_message(Changed(records=True))
        summary = message.summary
        if summary is None:
            self.notify(message.error or "arXiv fetch failed", title="arXiv", severity="error")
        elif summary.cancelled and not summary.stopped:
            self.notify(f"cancelled: {summary.line()}", title="arXiv", severity="warning")
        else:
            text = fetch_message(summary, self._fetch_last, self._fetch_total)
            severity = "error" if summary.stopped else "information"
            self.notify(text, title="arXiv", severity=severity)

    def stop_fetching(self) -> None:
        if self._fetch_cancel is not None:
            self._fetch_cancel.set()
