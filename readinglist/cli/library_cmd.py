"""`readinglist import` and `readinglist list`: filling the library and reading it back."""

from __future__ import annotations

import argparse
import datetime
import shutil
import sys
from collections.abc import Callable, Mapping

from readinglist.cli.common import library_dir_of, print_json, printable, warn
from readinglist.papers.library import Library, import_files
from readinglist.papers.models import EMPTY_STATE, FORMATS, ArxivRecord, Paper, PaperState

IMPORT_EPILOG = """\
examples:
  readinglist import ~/Downloads/daily-papers.txt
  xclip -o | readinglist import -          # a page pasted on standard input
  readinglist import old-page.txt --as-of 2024-03-01
  readinglist import *.txt                  a file that is no listing is named and skipped;
                                            the others are imported (exit status 2 then)
"""

LIST_EPILOG = """\
examples:
  readinglist list                          every paper, newest first
  readinglist list 'author:fleuret -is:read' --sort upvotes
  readinglist list '(diffusion OR "flow matching") year:>=2024' --json
  readinglist list is:new                   what the latest import added
  readinglist list '@thesis author:kim'     a saved search ([searches] in the config file)

QUERY: free words match fuzzily over title, authors and abstract; field terms author:,
title:, abstract:, cat:, source:, org:, tag:, is:starred|read|unread|noted|new, year:2024,
year:>=2023, date:2025-06-01..2025-06-30, upvotes:>10; -TERM negates; "quoted phrases";
a OR b (AND binds tighter); (groups); -(groups); @name for a saved search.
"""


def register(sub: argparse._SubParsersAction, add_library: Callable) -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    imp = sub.add_parser(
        "import",
        help="import listing pages into the library",
        description="Parse listing pages and merge their papers into the library. "
        "Importing the same page again changes nothing.",
        epilog=IMPORT_EPILOG,
        formatter_class=formatter,
    )
    imp.add_argument("files", nargs="+", metavar="FILE", help="a listing page; - reads stdin")
    imp.add_argument("--as-of", type=_parse_day, metavar="YYYY-MM-DD", default=None,
                     help="the day the page was copied (dates without a year resolve to it; "
                     "default: the file's modification date)")  # fmt: skip
    imp.add_argument("--format", choices=FORMATS, default=None, help="skip format detection")
    add_library(imp)
    imp.set_defaults(func=run_import)

    lst = sub.add_parser(
        "list",
        help="list papers, optionally filtered by a query",
        description="List the library's papers matching QUERY, sorted.",
        epilog=LIST_EPILOG,
        formatter_class=formatter,
    )
    lst.add_argument("query", nargs="*", metavar="QUERY", help="filter (see below)")
    lst.add_argument("--json", action="store_true", help="print a JSON array with every field")
    lst.add_argument(
        "--sort",
        default="date",
        choices=("date", "upvotes", "title", "added"),
        help="sort key (date)",
    )
    lst.add_argument("--reverse", action="store_true", help="reverse the sort")
    lst.add_argument("--limit", type=int, default=None, metavar="N", help="print at most N")
    add_library(lst)
    lst.set_defaults(func=run_list)


def _parse_day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2025-06-30") from None


def run_import(args: argparse.Namespace) -> int:
    from readinglist.arxiv.id_import import LazyIdFiller
    from readinglist.cli.fetch_cmd import warn_line

    directory = library_dir_of(args)
    library = Library.open(directory)
    fill = LazyIdFiller(library, notify=warn_line)  # papers known only by an arXiv id
    refused: list[str] = []  # one line per file that could not be imported
    try:
        reports = import_files(
            library, args.files, as_of=args.as_of, fmt=args.format, prepare=fill, refused=refused
        )
    finally:
        fill.finish(directory)
    for message in refused:
        warn(message)
    for report in reports:
        for warning in report.warnings:
            warn(warning)
        print(report.summary())
    print(f"library: {len(library)} papers in {library.directory}")
    if not refused:
        return 1 if fill.refused else 0  # papers known only by an id waited on arXiv
    total = len(args.files)
    imported = f"imported the other {total - len(refused)}" if reports else "nothing imported"
    warn(f"refused {len(refused)} of {total} files (each named above); {imported}")
    return 2


def run_list(args: argparse.Namespace) -> int:
    from readinglist.service import LibraryService

    with LibraryService(library_dir_of(args)) as service:
        states = service.states()
        shown = service.select(
            " ".join(args.query), args.sort, args.reverse, limit=args.limit, states=states
        ).papers
        if args.json:
            records = service.records()
            print_json(
                [paper_json(p, states.get(p.id, EMPTY_STATE), records.get(p.id)) for p in shown]
            )
        else:
            _print_table(shown, states)
    return 0


def paper_json(paper: Paper, state: PaperState, arxiv: ArxivRecord | None = None) -> dict:
    """One paper as `list --json` prints it: its fields, its sources and the user's state."""
    from readinglist.papers.present import found

    data = paper.to_dict()
    data.update(read=state.read, starred=state.starred, notes=state.notes, tags=list(state.tags))
    data["arxiv"] = arxiv.to_dict() if arxiv is not None else None
    if data["arxiv_id"] is None and found(arxiv) is not None:
        data["arxiv_id"] = arxiv.arxiv_id  # known from a lookup when no page printed it
    return data


def _print_table(papers: list[Paper], states: Mapping[str, PaperState]) -> None:
    width = shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 200
    for paper in papers:
        state = states.get(paper.id, EMPTY_STATE)
        marks = ("*" if state.starred else " ") + ("x" if state.read else " ")
        upvotes = "" if paper.upvotes is None else str(paper.upvotes)
        line = f"{paper.id}  {marks} {paper.date or '':10}  {upvotes:>4}  {paper.title}"
        print(printable(line)[:width])
    if not papers:
        warn("no papers match")
