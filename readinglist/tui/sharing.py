"""The keys that reach outside the app: open in a browser, copy, export to Markdown."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import on, work

from readinglist.errors import UserError
from readinglist.papers.models import Paper
from readinglist.tui import links
from readinglist.tui.messages import Notice
from readinglist.tui.paper_screen import PaperScreen
from readinglist.tui.pdfs import kept_pdf
from readinglist.tui.text import clean_line


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
        """The selection when there is one, else every starred paper, to Markdown."""
        selected = self.session.selected_indices()
        indices = selected or self.session.starred_indices()
        if not indices:
            self.notify("Nothing starred yet: s stars the paper under the cursor.")
            return
        papers = [self.session.paper(i) for i in indices]
        arxiv = self.session.arxiv.all() if self.session.arxiv is not None else {}
        config = getattr(self.app, "config", None)
        directory = (config and config.export_dir) or Path.cwd()
        what = "selected" if selected else "starred"
        self._export(papers, dict(self.session.states), arxiv, directory, what)

    @work(thread=True, group="export", exit_on_error=False)
    def _export(self, papers: list[Paper], states, arxiv, directory: Path, what: str) -> None:
        from readinglist.export import default_export_name, render_markdown, write_export

        today = date.today()
        query = "is:starred" if what == "starred" else f"{len(papers)} selected papers"
        try:
            text = render_markdown(papers, states, arxiv, query=query, today=today)
            path = write_export(text, default_export_name(today, "md", directory, label=what))
        except Exception as error:  # UserError says what to do; anything else still reports
            message = str(error) if isinstance(error, UserError) else f"export failed: {error!r}"
            self.post_message(Notice(message, "Export", "error"))
            return
        noun = f"{what} paper" if len(papers) == 1 else f"{what} papers"
        self.post_message(Notice(f"{len(papers)} {noun} written to {path}", "Export"))

    @on(Notice)
    def _notice(self, message: Notice) -> None:
        self.notify(message.text, title=message.title, severity=message.severity)
