"""`readinglist pdf`: download arXiv PDFs into the library's `pdfs/` directory."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from readinglist.cli.common import library_dir_of, printable, warn

EPILOG = """\
examples:
  readinglist pdf e765a20d30 9712d58b91      ids as `readinglist list` prints them
  readinglist pdf --query is:starred         every starred paper
  readinglist list is:pdf                    the papers whose PDF is kept

Each PDF is saved as pdfs/ARXIVID.pdf in the library directory (old-style ids with `_` for
`/`), the newest version, from the host of the paper's pdf link ($READINGLIST_ARXIV_PDF_URL
replaces it). A PDF already there is kept unless --force. Papers without an arXiv id are
named; `readinglist fetch ID` finds theirs. Downloads follow arXiv's rules like `fetch`: one
request every 3 seconds, retries with backoff, each file complete within
$READINGLIST_ARXIV_DEADLINE seconds (600). A file is renamed into place only when all of it
came and it is a PDF, so a failed or interrupted download leaves nothing half-written.
Progress goes to stderr, the saved paths to stdout. Exit status 1 when any download failed.
"""


def register(sub: argparse._SubParsersAction, add_library: Callable) -> None:
    parser = sub.add_parser(
        "pdf",
        help="download papers' PDFs from arXiv into the library",
        description="Download the arXiv PDF of each paper into the library's pdfs/ directory.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("ids", nargs="*", metavar="ID", help="paper ids (or unique prefixes)")
    parser.add_argument("--query", metavar="QUERY", help="every paper matching QUERY")
    parser.add_argument("--force", action="store_true", help="download again PDFs already kept")
    add_library(parser)
    parser.set_defaults(func=run_pdf)


def run_pdf(args: argparse.Namespace) -> int:
    from readinglist.service import LibraryService

    directory = library_dir_of(args)
    with LibraryService(directory) as service:
        papers = service.papers_for(args.ids, args.query)
        store = service.arxiv
        return _download(args, directory, papers, store)


def _download(args: argparse.Namespace, directory, papers: list, store) -> int:
    from readinglist.arxiv.pdf import PdfDownloader, PdfProgress, download_pdfs, pdf_requests
    from readinglist.cli.fetch_cmd import warn_line

    requests, without = pdf_requests(papers, store.all())
    for paper in without:
        warn(printable(f"{paper.id}: no arXiv id; `readinglist fetch {paper.id}` looks it up"))
    if not papers:
        warn("no papers match")
    live = sys.stderr.isatty()

    def report(step: PdfProgress) -> None:
        head = f"[{step.index}/{step.total}] {step.request.arxiv_id}"
        if step.outcome is None:
            if live:  # one line rewritten in place while the file streams in
                print(f"\r{head}: {_size(step.received, step.size)}", end="", file=sys.stderr)
            return
        end = "\r\x1b[K" if live else ""
        if step.outcome == "failed":
            line = f"{head}: failed: {step.reason}"
        elif step.outcome == "present":
            line = f"{head}: already there"
        else:
            line = f"{head}: saved ({_size(step.received, None)})"
        print(end + printable(line), file=sys.stderr, flush=True)
        if step.outcome in ("saved", "present") and step.path is not None:
            print(step.path)

    with PdfDownloader(directory, notify=warn_line) as downloader:
        summary = download_pdfs(
            directory, requests, downloader=downloader, store=store, force=args.force,
            progress=report,
        )  # fmt: skip
    print(summary.line(), file=sys.stderr)
    if summary.stopped:
        warn(f"{summary.stopped}; {summary.not_asked} not downloaded; run the same command again")
    failed = summary.failed or summary.stopped or (without and not requests)
    return 1 if failed else 0


def _size(received: int, size: int | None) -> str:
    done = f"{received / 1e6:.1f} MB"
    return f"{done} of {size / 1e6:.1f} MB" if size else done
