"""The keys that reach outside the app: open in a browser, copy, export in a chosen format."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual import on, work

from readinglist.errors import UserError
from readinglist.export import ExportFormat
from readinglist.papers.models import Paper, PaperState
from readinglist.tui import links
from readinglist.tui.export_choice import ExportChoiceScreen
from readinglist.tui.messages import Notice
from readinglist.tui.paper_screen import PaperScreen
from readinglist.tui.pdfs import kept_pdf
from readinglist.tui.text import clean_line
from readinglist.tui.triage import plural


@dataclass(frozen=True, slots=True)
class ExportJob:
    """What one export writes: the papers and what is known of them, copied at `e`."""

    papers: list[Paper]
    states: dict[str, PaperState]
    fmt: ExportFormat
    what: str  # "selected" or "starred": the file's name says which
    query: str  # the Markdown list's title


class Sharing(PaperScreen):
    """Mixed into the main screen."""

    def _link(self, kind: str) -> str | None:
        index = self.current_paper()
        if index is None:
            return None
        record = self.session.arxiv_record(index)
        url = links.arxiv_link(record, kind)
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
        """The PDF kept in the library (d downloads it) when there is one, else arXiv's."""
        index = self.table.current
        if index is not None and self._open_kept_pdf(index):
            return
        self._open(self._link("pdf"))

    def _open_kept_pdf(self, index: int) -> bool:
        path = kept_pdf(self.session, index)
        if path is None:
            return False
        if not links.browser_available():
            self.notify(f"No viewer found here; the PDF is at {path}", severity="warning")
        else:
            self.app.open_url(path.resolve().as_uri())
            self.notify(f"Opening {path}")
        return True

    def _open(self, url: str | None) -> None:
        if url is None:
            return
        if not links.browser_available():
            self.notify(f"No web browser found here; y copies the link: {url}", severity="warning")
            return
        self.app.open_url(url)
        self.notify(f"Opening {url}")

    def action_copy(self) -> None:
        index = self.current_paper()
        if index is None:
            return
        title = clean_line(self.session.paper(index).title)
        url = links.arxiv_link(self.session.arxiv_record(index), "abs")
        self.app.copy_to_clipboard(f"{title}\n{url}" if url else title)
        self.notify("Copied the title and link." if url else "Copied the title (no link yet).")

    def action_export(self) -> None:
        """The selection when there is one, else every starred paper, in a format the user
        picks (Markdown unless they choose another)."""
        selected = self.session.selected_indices()
        indices = selected or self.session.starred_indices()
        if not indices:
            self.notify("Nothing starred yet: s stars the paper under the cursor.")
            return
        what = "selected" if selected else "starred"
        question = f"Export the {plural(len(indices), what + ' paper')} as"

        def chosen(fmt: ExportFormat | None) -> None:
            if fmt is not None:
                self._start_export(indices, what, fmt)

        self.app.push_screen(ExportChoiceScreen(question), chosen)

    def _start_export(self, indices: list[int], what: str, fmt: ExportFormat) -> None:
        session = self.session
        papers = [session.paper(i) for i in indices]
        config = getattr(self.app, "config", None)
        directory = (config and config.export_dir) or Path.cwd()
        query = "is:starred" if what == "starred" else f"{len(papers)} selected papers"
        # Copies: the worker renders while keys go on changing the session.
        job = ExportJob(papers, dict(session.states), fmt, what, query)
        self._export(job, list(session.library.papers), directory)

    @work(thread=True, group="export", exit_on_error=False)
    def _export(self, job: ExportJob, library: list[Paper], directory: Path) -> None:
        from readinglist.export import default_export_name, export_papers, write_export

        today = date.today()
        try:
            # Every record, read here off the UI thread: citation keys are made unique over
            # the whole library, the same keys `readinglist export` gives.
            store = self.session.arxiv
            arxiv = store.all() if store is not None else {}
            data = export_papers(
                job.papers,
                job.states,
                arxiv,
                job.fmt.name,
                library=library,
                query=job.query,
                today=today,
            )
            name = default_export_name(today, job.fmt.name, directory, label=job.what)
            path = write_export(data, name)
        except Exception as error:  # UserError says what to do; anything else still reports
            message = str(error) if isinstance(error, UserError) else f"export failed: {error!r}"
            self.post_message(Notice(message, "Export", "error"))
            return
        count = plural(len(job.papers), f"{job.what} paper")
        self.post_message(Notice(f"{count} written to {path} ({job.fmt.label})", "Export"))

    @on(Notice)
    def _notice(self, message: Notice) -> None:
        self.notify(message.text, title=message.title, severity=message.severity)
