"""arXiv PDFs from the app: `d` keeps the PDF of this paper (or of the selection) in the
library's `pdfs/` directory; `p` opens the kept file, else the PDF link.

The batch runs in a thread worker through the core's `download_pdfs` (the same politeness
as every arXiv request); progress comes back as `PdfProgressed` messages (a flood collapses
to the newest) and the end as one `PdfsDone`. Escape or `d` again cancels; nothing half
downloaded is ever left under a PDF's name.
"""

from __future__ import annotations

import threading
from pathlib import Path

from textual import on, work

from readinglist.arxiv import (
    PdfProgress,
    PdfRequest,
    PdfSummary,
    download_pdfs,
    paper_arxiv_id,
    pdf_path,
    pdf_requests,
)
from readinglist.errors import UserError
from readinglist.papers.arxiv_ids import parse_arxiv_id
from readinglist.session import Session
from readinglist.tui.messages import Changed, PdfProgressed, PdfsDone
from readinglist.tui.paper_screen import PaperScreen
from readinglist.tui.text import clean_line
from readinglist.tui.triage import plural


def kept_pdf(session: Session, index: int) -> Path | None:
    """The paper's PDF in the library's `pdfs/` when it is there (one stat), else None."""
    arxiv_id = paper_arxiv_id(session.paper(index), session.arxiv_record(index))
    if not arxiv_id or parse_arxiv_id(arxiv_id) is None:
        return None
    path = pdf_path(session.library.directory, arxiv_id)
    return path if path.is_file() else None


def shown_pdf(session: Session, index: int) -> str | None:
    """How the detail pane names a kept PDF: relative to the library (`pdfs/ID.pdf`)."""
    path = kept_pdf(session, index)
    if path is None:
        return None
    return path.relative_to(session.library.directory).as_posix()


def size_text(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 100_000 else f"{count / 1000:.0f} kB"


def progress_text(step: PdfProgress) -> str:
    """`PDF 2/5 2007.04825: 1.2 of 3.4 MB`: the status line while a batch runs."""
    where = f"PDF {step.index}/{step.total} {step.request.arxiv_id}"
    if step.outcome is not None:
        return f"{where}: {step.outcome}"
    if step.size:
        return f"{where}: {size_text(step.received)} of {size_text(step.size)}"
    return f"{where}: {size_text(step.received)}" if step.received else f"{where}: asking"


def done_text(summary: PdfSummary, failures: list[str]) -> str:
    """The one notification a finished batch gives."""
    text = summary.line()
    if summary.not_asked and (summary.cancelled or summary.stopped):
        text += f", not asked {summary.not_asked}"
    if summary.stopped:
        text = f"{summary.stopped} ({text})"
    elif summary.cancelled:
        text = f"cancelled: {text}"
    if failures:
        more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
        text += f"\n{clean_line(failures[0])}{more}"
    return text


class PdfDownloads(PaperScreen):
    """Mixed into the main screen."""

    pdf_progress: str | None = None  # what a running PDF batch says in the status line
    _pdf_cancel: threading.Event | None = None  # set while a batch runs

    def action_download_pdfs(self) -> None:
        if self.cancel_pdfs():  # `d` again cancels the batch
            return
        indices = self.targets()
        if not indices:
            return
        session = self.session
        papers = [session.paper(i) for i in indices]
        records = {}
        for index in indices:
            record = session.arxiv_record(index)
            if record is not None:
                records[session.paper(index).id] = record
        requests, without = pdf_requests(papers, records)
        if without:
            if len(papers) == 1:
                message = "No arXiv id for this paper yet: a looks it up on arXiv, then d."
            else:
                count = plural(len(without), "paper")
                message = f"{count} without an arXiv id skipped: a looks them up on arXiv."
            self.notify(message, title="PDF", severity="warning")
        if requests:
            self._start_pdfs(requests)

    def _start_pdfs(self, requests: list[PdfRequest]) -> None:
        self._pdf_cancel = threading.Event()
        self.pdf_progress = f"PDF 0/{len(requests)} (d or escape cancels)"
        self.post_message(Changed())
        self._download(requests, self._pdf_cancel)

    def cancel_pdfs(self) -> bool:
        if self._pdf_cancel is None:
            return False
        self._pdf_cancel.set()
        self.pdf_progress = "PDF: cancelling…"
        self.post_message(Changed())
        return True

    def stop_pdfs(self) -> None:
        if self._pdf_cancel is not None:
            self._pdf_cancel.set()

    @work(thread=True, group="pdfs", exit_on_error=False)
    def _download(self, requests: list[PdfRequest], cancel: threading.Event) -> None:
        failures: list[str] = []

        def report(step: PdfProgress) -> None:
            if step.outcome == "failed":
                failures.append(step.reason or f"{step.request.arxiv_id}: failed")
            # The text now: the core reuses `step` for the next call.
            self.post_message(PdfProgressed(progress_text(step)))

        directory = self.session.library.directory
        try:
            summary = download_pdfs(
                directory, requests, store=self.session.arxiv, progress=report, cancel=cancel
            )
        except UserError as error:
            done = PdfsDone(None, failures, str(error))
        except Exception as error:  # a bug or an odd failure must not leave a batch "running"
            done = PdfsDone(None, failures, f"PDF download failed: {error!r}")
        else:
            done = PdfsDone(summary, failures)
        self.post_message(done)

    @on(PdfProgressed)
    def _pdf_progressed(self, message: PdfProgressed) -> None:
        if self._pdf_cancel is not None and not self._pdf_cancel.is_set():
            self.pdf_progress = f"{message.text} (d or escape cancels)"
            self.post_message(Changed())

    @on(PdfsDone)
    def _pdfs_done(self, message: PdfsDone) -> None:
        self._pdf_cancel = None
        self.pdf_progress = None
        self.post_message(Changed(records=True))  # the pane names the kept file
        summary = message.summary
        if summary is None:
            self.notify(message.error or "PDF download failed", title="PDF", severity="error")
            return
        text = done_text(summary, message.failures)
        bad = summary.stopped or summary.failed
        severity = "error" if bad else "warning" if summary.cancelled else "information"
        self.notify(text, title="PDF", severity=severity)
