"""arXiv PDFs kept in the library's `pdfs/` directory, one `ARXIVID.pdf` per paper.

Downloads go through transport.PoliteHttp (the same interval, retries, deadline and host rules
as the query API), streamed to a temp file beside the final one and renamed only when the
whole file is in and looks like a PDF (`Content-Type` not HTML, the body starting `%PDF`).
So a failed, cut-off or cancelled download leaves nothing under the final name.

For the app: `download_pdfs(directory, requests, cancel=event, progress=callback)` in a worker
thread; `pdf_path(directory, arxiv_id)` / `local_pdf_ids(directory)` tell what is on disk.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from readinglist.arxiv.batching import FailureStreak, TooManyFailures
from readinglist.arxiv.client import (
    ENV_DEADLINE,
    ENV_MAX_WAIT,
    default_interval,
    env_seconds,
    http_url,
    positive_seconds,
)
from readinglist.arxiv.feed import on_arxiv
from readinglist.arxiv.pdf_files import (
    PDF_DIR,
    local_pdf_ids,
    paper_arxiv_id,
    papers_with_pdf,
    pdf_name,
    pdf_path,
)
from readinglist.arxiv.ratelimit import shared_limiter
from readinglist.arxiv.records import FOUND, ArxivStore, version_seen
from readinglist.arxiv.transport import (
    MAX_RETRY_WAIT,
    ArxivCancelled,
    ArxivError,
    ArxivUnreachable,
    Notify,
    PoliteHttp,
)
from readinglist.atomicfile import fsync_directory
from readinglist.papers.arxiv_ids import parse_arxiv_id
from readinglist.papers.models import ArxivRecord, Paper

__all__ = [
    "PDF_DIR",
    "PdfDownloader",
    "PdfProgress",
    "PdfRequest",
    "PdfSummary",
    "download_pdfs",
    "local_pdf_ids",
    "paper_arxiv_id",
    "papers_with_pdf",
    "pdf_name",
    "pdf_path",
    "pdf_requests",
    "pdf_url",
]

ENV_PDF_URL = "READINGLIST_ARXIV_PDF_URL"
DEFAULT_PDF_HOST = "https://arxiv.org"
PDF_TIMEOUT = 30.0
PDF_DEADLINE = 600.0  # a whole PDF; $READINGLIST_ARXIV_DEADLINE when set
MAX_PDF_BYTES = 300_000_000  # arXiv caps submissions far below this
PROGRESS_EVERY = 0.1  # seconds between progress calls while a file streams in


def pdf_url(arxiv_id: str, record_url: str | None = None) -> str:
    """The address to download from: the host of the paper's own pdf link when it is on
    arXiv (else arxiv.org), or $READINGLIST_ARXIV_PDF_URL in its place; always the latest
    version (`/pdf/ID`)."""
    override = os.environ.get(ENV_PDF_URL)
    if override:
        base = http_url(override, ENV_PDF_URL).rstrip("/")
    elif record_url and on_arxiv(record_url) and record_url.startswith(("https://", "http://")):
        parts = urlsplit(record_url)
        base = f"{parts.scheme}://{parts.netloc}"
    else:
        base = DEFAULT_PDF_HOST
    return f"{base}/pdf/{arxiv_id}"


@dataclass(slots=True)
class PdfRequest:
    """One PDF to fetch for one paper."""

    paper: Paper
    arxiv_id: str
    url: str


def pdf_requests(
    papers: Iterable[Paper], records: Mapping[str, ArxivRecord]
) -> tuple[list[PdfRequest], list[Paper]]:
    """The downloads for these papers, and the papers without an arXiv id (fetch them first)."""
    wanted, without = [], []
    for paper in papers:
        record = records.get(paper.id)
        arxiv_id = paper_arxiv_id(paper, record)
        if arxiv_id is None or parse_arxiv_id(arxiv_id) is None:
            without.append(paper)
            continue
        wanted.append(PdfRequest(paper, arxiv_id, pdf_url(arxiv_id, record and record.pdf_url)))
    return wanted, without


@dataclass(slots=True)
class PdfProgress:
    """How far one download is: `received` bytes of `size` (None when not announced)."""

    request: PdfRequest
    index: int
    total: int
    received: int = 0
    size: int | None = None
    outcome: str | None = None  # set on the last call: "saved", "present", "failed"
    path: Path | None = None
    reason: str = ""


@dataclass(slots=True)
class PdfSummary:
    saved: int = 0
    present: int = 0  # already on disk, not downloaded again
    failed: int = 0
    not_asked: int = 0
    cancelled: bool = False
    stopped: str | None = None

    def line(self) -> str:
        return f"saved {self.saved}, already there {self.present}, failed {self.failed}"


class PdfDownloader:
    """Downloads one PDF at a time into `library_dir/pdfs`, politely (see transport)."""

    def __init__(
        self,
        library_dir: str | os.PathLike[str],
        *,
        interval: float | None = None,
        timeout: float = PDF_TIMEOUT,
        deadline: float | None = None,
        retries: int = 3,
        backoff: float = 2.0,
        max_retry_wait: float | None = None,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
        notify: Notify | None = None,
    ) -> None:
        self.folder = Path(library_dir) / PDF_DIR
        if interval is None:
            interval = default_interval()
        if max_retry_wait is None:
            max_retry_wait = env_seconds(ENV_MAX_WAIT, MAX_RETRY_WAIT)
        override = os.environ.get(ENV_PDF_URL)
        self.http = PoliteHttp(
            limiter=shared_limiter(interval),  # the same 3 s as the query API
            timeout=timeout,
            deadline=positive_seconds(deadline, ENV_DEADLINE, PDF_DEADLINE),
            retries=retries,
            backoff=backoff,
            max_retry_wait=max_retry_wait,
            sleep=sleep,
            transport=transport,
            extra_hosts=(urlsplit(override).hostname or "",) if override else (),
            notify=notify,
            service="arXiv PDFs",
        )

    def __enter__(self) -> PdfDownloader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.http.close()

    def download(self, request: PdfRequest, report: Callable[[int, int | None], None]) -> Path:
        """Fetch one PDF to its final path; `report(received, size)` as bytes arrive."""
        final = self.folder / pdf_name(request.arxiv_id)
        what = f"{request.arxiv_id}.pdf"

        def save(response: httpx.Response, chunks: Iterator[bytes]) -> Path:
            _check_type(response, what)
            size = _content_length(response)
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".part", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as out:
                    received = _stream(chunks, out, what, size, report)
                    out.flush()
                    os.fsync(out.fileno())
                if size is not None and received < size:
                    raise ArxivError(f"{what}: cut off at {received} of {size} bytes")
                os.replace(temp, final)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise
            fsync_directory(self.folder)
            return final

        return self.http.fetch(request.url, None, save, what)


def _check_type(response: httpx.Response, what: str) -> None:
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if "html" in kind or "xml" in kind or kind.startswith("text/"):
        raise ArxivError(
            f"{what}: the server sent a page ({kind}), not a PDF; arXiv may still be "
            "preparing it, try again later"
        )


def _content_length(response: httpx.Response) -> int | None:
    try:
        return int(response.headers["content-length"])
    except (KeyError, ValueError):
        return None


def _stream(chunks, out, what: str, size: int | None, report) -> int:
    received, head, last = 0, b"", 0.0
    for chunk in chunks:
        if len(head) < 5:
            head += chunk[:5]
            if len(head) >= 5 and not head.startswith(b"%PDF-"):
                raise ArxivError(f"{what}: the server sent something that is not a PDF")
        received += len(chunk)
        if received > MAX_PDF_BYTES:
            raise ArxivError(f"{what}: larger than {MAX_PDF_BYTES} bytes; not kept")
        out.write(chunk)
        now = time.monotonic()
        if now - last >= PROGRESS_EVERY:
            last = now
            report(received, size)
    if not head.startswith(b"%PDF-"):
        raise ArxivError(f"{what}: the server sent something that is not a PDF")
    return received


Progress = Callable[[PdfProgress], None]


def download_pdfs(
    library_dir: str | os.PathLike[str],
    requests: Iterable[PdfRequest],
    *,
    downloader: PdfDownloader | None = None,
    store: ArxivStore | None = None,
    force: bool = False,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> PdfSummary:
    """Download each PDF not on disk yet (all of them with `force`), one at a time.

    Call it from a worker thread in the app:

        cancel = threading.Event()
        summary = download_pdfs(directory, requests, store=arxiv, progress=report, cancel=cancel)

    - `progress(PdfProgress)` is called in the calling thread as bytes arrive (at most every
      0.1 s) and once at the end of each file with `outcome` set.
    - Setting `cancel` stops the file being received (nothing is left of it) and the batch.
    - A saved PDF is the newest version: with `store`, its record's version becomes the newest
      (the paper no longer shows as updated).
    - The batch stops when arXiv cannot be reached or fails several files in a row.
    """
    requests = list(requests)
    total = len(requests)
    summary = PdfSummary()
    own = downloader is None
    downloader = downloader or PdfDownloader(library_dir)
    streak = FailureStreak()
    done = 0
    try:
        with downloader.http.cancellable(cancel):
            for index, request in enumerate(requests, start=1):
                step = PdfProgress(request, index, total)
                _one(downloader, request, step, force, progress, streak, store)
                summary.saved += step.outcome == "saved"
                summary.present += step.outcome == "present"
                summary.failed += step.outcome == "failed"
                done = index
    except ArxivCancelled:
        summary.cancelled = True
    except (ArxivUnreachable, TooManyFailures) as error:
        summary.stopped = str(error)
    finally:
        if own:
            downloader.http.close()
    summary.not_asked = total - done
    return summary


def _one(downloader, request, step, force, progress, streak, store) -> None:
    final = downloader.folder / pdf_name(request.arxiv_id)

    def report(received: int, size: int | None) -> None:
        step.received, step.size = received, size
        if progress is not None:
            progress(step)

    if final.exists() and not force:
        step.outcome, step.path = "present", final
    else:
        try:
            step.path = downloader.download(request, report)
        except (ArxivCancelled, ArxivUnreachable):
            raise
        except ArxivError as error:
            streak.failed(error)
            step.outcome, step.reason = "failed", str(error)
        else:
            streak.succeeded()
            step.outcome = "saved"
            step.received = step.path.stat().st_size
            _mark_seen(store, request.paper.id)
    if progress is not None:
        progress(step)


def _mark_seen(store: ArxivStore | None, paper_id: str) -> None:
    if store is None:
        return
    record = store.get(paper_id)
    if record is not None and record.status == FOUND:
        seen = version_seen(record)
        if seen != record:
            store.put(paper_id, seen)
