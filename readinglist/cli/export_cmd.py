"""`readinglist export`: a query's papers as Markdown, BibTeX, CSL-JSON, RIS or CSV; and the
auto-export files rewritten after every command that changes the library."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from readinglist.cli.common import library_dir_of, warn
from readinglist.errors import UserError

FORMATS = ("md", "markdown", "bibtex", "csl-json", "ris", "csv")  # export.formats.FORMATS
SORT_KEYS = ("date", "upvotes", "title", "added")  # readinglist.search.sorting.SORT_KEYS
DEFAULT_QUERY = "is:starred"
# Commands after which the auto-export files are brought up to date (`state` only on import).
CHANGING_COMMANDS = frozenset(
    {"star", "unstar", "read", "unread", "tag", "untag", "note", "import", "add", "fetch", "doctor"}
)

EPILOG = """\
examples:
  readinglist export                               starred papers as Markdown on stdout
  readinglist export 'tag:survey' -o survey.md --abstracts --group-by tag
  readinglist export --format bibtex -o starred.bib
  readinglist export 'tag:thesis' --format csl-json -o thesis.json   (pandoc, Typst, Zotero)
  readinglist export --format ris -o starred.ris                     (Zotero, EndNote)
  readinglist export '' --format csv -o library.csv                  (a spreadsheet)

Markdown: a title line, then one list item per paper (title linked to its arXiv page when
known, authors, date, upvotes, tags, PDF link, your notes). BibTeX: one @misc entry per paper
with eprint/archivePrefix/primaryClass when the arXiv id is known. Citation keys (BibTeX,
CSL-JSON, RIS) are surname+year+title word and stay the same in every export: a clash
within the library gets a, b, ... in the order the papers were added. CSL-JSON and RIS
include abstracts unless --no-abstracts; CSV has a header row and your notes.
An -o file is replaced atomically: a failed export never leaves half a file.
Files listed as [[auto_export]] in the config file are rewritten after every change.
"""


def register(sub: argparse._SubParsersAction, add_library: Callable) -> None:
    p = sub.add_parser(
        "export",
        help="export papers as Markdown, BibTeX, CSL-JSON, RIS or CSV",
        description="Export the papers a query selects (default: starred) as Markdown, "
        "BibTeX, CSL-JSON, RIS or CSV.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "query", nargs="?", default=DEFAULT_QUERY, metavar="QUERY", help="default: is:starred"
    )
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="md",
        metavar="FMT",
        help="md (default), bibtex, csl-json, ris or csv",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument(
        "--abstracts",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="include each paper's abstract (default: yes for csl-json and ris, else no)",
    )
    p.add_argument(
        "--group-by", choices=("tag", "source"), help="Markdown: one heading per tag or source"
    )
    p.add_argument("--sort", choices=SORT_KEYS, default="date", help="default: date, newest first")
    p.add_argument("--reverse", action="store_true", help="reverse the sort order")
    add_library(p)
    p.set_defaults(func=run_export)


def run_export(args: argparse.Namespace) -> int:
    from readinglist.export import export_papers, format_of, write_export
    from readinglist.service import LibraryService

    fmt = format_of(args.format).name
    with LibraryService(library_dir_of(args)) as service:
        service.parse(args.query)  # a typo fails before anything is read
        states = service.states()
        papers = service.select(args.query, args.sort, args.reverse, states=states).papers
        arxiv = service.records()
        library = service.library
    if args.group_by and fmt != "md":
        warn(f"--group-by applies to Markdown only; ignored for {fmt}")
    data = export_papers(
        papers,
        states,
        arxiv,
        fmt,
        library=library.papers,
        query=args.query,
        today=date.today(),
        abstracts=args.abstracts,
        group_by=args.group_by if fmt == "md" else None,
    )
    if args.output and args.output != "-":
        path = write_export(data, Path(args.output))
        warn(f"wrote {_count(len(papers))} to {path}")
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    if not papers:
        warn(f"no papers match {args.query!r}; the export is an empty list")
    return 0


def refresh_after_command(args: argparse.Namespace) -> None:
    """Bring the config's auto-export files up to date after a command that succeeded.

    Never fails the command: a file that cannot be written is one line on stderr."""
    command = getattr(args, "command", None)
    changed = command in CHANGING_COMMANDS or (
        command == "state" and getattr(args, "state_action", None) == "import"
    )
    if not changed:
        return
    try:
        lines = refresh_auto_exports(library_dir_of(args))
    except (UserError, OSError) as error:  # the change is made; only the files lag behind
        lines = [f"auto-exports not updated: {getattr(error, 'message', None) or error}"]
    for line in lines:
        warn(line)


def refresh_auto_exports(directory: Path) -> list[str]:
    """Rewrite the auto-export files whose content changed; one line per file that failed."""
    from readinglist.config import load_config

    config = load_config()
    if not config.auto_exports:
        return []
    from readinglist.export.auto_export import problems, refresh
    from readinglist.service import LibraryService

    try:
        with LibraryService(directory, config=config) as service:
            states, arxiv = service.states(), service.records()
            results = refresh(
                config.auto_exports,
                lambda query: service.select(query, "date", states=states).papers,
                service.papers,
                states,
                arxiv,
                relative_to=config.path.parent,
            )
    except UserError as error:
        return [f"auto-exports not updated: {error.message}"]
    return problems(results)


def _count(n: int) -> str:
    return "1 paper" if n == 1 else f"{n} papers"
