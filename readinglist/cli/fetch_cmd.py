"""`readinglist fetch`: find papers on arXiv and keep their ids and links."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from readinglist.cli.common import library_dir_of, printable, warn
from readinglist.errors import UserError
from readinglist.papers.models import Paper

if TYPE_CHECKING:
    from readinglist.arxiv import ArxivStore, FetchEvent

EPILOG = """\
examples:
  readinglist fetch e765a20d30 9712d58b91     ids as `readinglist list` prints them
  readinglist fetch --query is:starred      every starred paper
  readinglist fetch --query 'year:>=2024 -is:read' --refresh

Titles are searched on arXiv ten at a time and a hit is kept only when its title matches;
papers with a known arXiv id are asked by id, a hundred per request. Papers already found,
and misses from the last 14 days, are skipped; --refresh asks again and lists on stdout the
papers arXiv now has a newer version of (`v3 (v4 available)`; `is:updated` finds them).
arXiv is asked at most once every 3 seconds ($READINGLIST_ARXIV_INTERVAL); each answer must
be complete within $READINGLIST_ARXIV_DEADLINE seconds (120); the API address is
$READINGLIST_ARXIV_URL (default https://export.arxiv.org/api/query). Progress goes to stderr,
one line per paper, then a summary line; each wait before a retry is printed with its reason.
After 3 server failures in a row, or a Retry-After longer than $READINGLIST_ARXIV_MAX_WAIT
seconds (60), the batch stops; running the same command again resumes it. Exit status 1 when
no lookup succeeded.
"""


def register(sub: argparse._SubParsersAction, add_library: Callable) -> None:
    parser = sub.add_parser(
        "fetch",
        help="find papers on arXiv and keep their links",
        description="Look papers up on arXiv by title (or by their known arXiv id) and keep\n"
        "the arXiv id, abs and PDF links, category, date, full author list and DOI.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("ids", nargs="*", metavar="ID", help="paper ids (or unique prefixes)")
    parser.add_argument("--query", metavar="QUERY", help="every paper matching QUERY")
    parser.add_argument(
        "--refresh", action="store_true", help="ask again for papers found or missed before"
    )
    add_library(parser)
    parser.set_defaults(func=run_fetch)


def run_fetch(args: argparse.Namespace) -> int:
    from readinglist.service import LibraryService

    with LibraryService(library_dir_of(args)) as service:
        papers = service.papers_for(args.ids, args.query)
        if not papers:
            warn("no papers match")
        return _fetch(args, papers, service.arxiv)


def _fetch(args: argparse.Namespace, papers: list[Paper], store: ArxivStore) -> int:
    from readinglist.arxiv import ArxivClient, FetchSummary, fetch_papers

    so_far = FetchSummary()

    newer: list[FetchEvent] = []

    def report(event: FetchEvent) -> None:
        so_far.count(event.outcome)
        if event.newer_version:
            newer.append(event)
        line = f"[{event.index}/{event.total}] {event.paper.id}: {event.describe()}"
        if event.outcome == "failed":  # name the paper, not only its id
            line += f' ("{event.paper.title[:60]}")'
        print(printable(line), file=sys.stderr, flush=True)

    with ArxivClient(notify=warn_line) as client:
        try:
            summary = fetch_papers(client, papers, store, refresh=args.refresh, progress=report)
        except KeyboardInterrupt:
            # What was found is already stored; say so before the CLI reports the interrupt.
            print(f"{so_far.line()} (interrupted; the rest not asked)", file=sys.stderr)
            raise
    if summary.unreachable:
        raise UserError(summary.stopped or "cannot reach arXiv", exit_code=1)
    print(summary.line(), file=sys.stderr)
    if summary.stopped:
        warn(f"{summary.stopped} ({summary.not_asked} not asked)")
    print_newer_versions(newer)
    return 1 if summary.nothing_succeeded else 0


def warn_line(message: str) -> None:
    """A wait or a retry, as it happens: nothing goes quiet for minutes without a word."""
    print(printable(f"readinglist: {message}"), file=sys.stderr, flush=True)


def print_newer_versions(events: list[FetchEvent]) -> None:
    from readinglist.arxiv.records import version_text

    if not events:
        return
    print(f"{len(events)} with a newer version on arXiv:")
    for event in events:
        line = f"{event.paper.id}  {version_text(event.record)}  {event.paper.title}"
        print(printable(line))
