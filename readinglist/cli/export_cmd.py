"""`readinglist export`: a query's papers as Markdown or BibTeX, to stdout or a file."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from readinglist import paths
from readinglist.cli.common import library_dir_of, warn
from readinglist.papers.models import ArxivRecord, Paper, PaperState

FORMATS = ("md", "bibtex")
SORT_KEYS = ("date", "upvotes", "title", "added")  # readinglist.search.sorting.SORT_KEYS
DEFAULT_QUERY = "is:starred"

EPILOG = """\
examples:
  readinglist export                               starred papers as Markdown on stdout
  readinglist export 'tag:survey' -o survey.md --abstracts --group-by tag
  readinglist export --format bibtex -o starred.bib
  readinglist export 'year:2024 is:read' --sort upvotes --format bibtex

Markdown: a title line, then one list item per paper (title linked to its arXiv page when
known, authors, date, upvotes, tags, PDF link, your notes). BibTeX: one @misc entry per
paper, keyed surname+year+title word, with eprint/archivePrefix when the arXiv id is known.
An -o file is replaced atomically: a failed export never leaves half a file.
"""


def register(sub: argparse._SubParsersAction, add_library: Callable) -> None:
    p = sub.add_parser(
        "export",
        help="export papers as Markdown or BibTeX",
        description="Export the papers a query selects (default: starred) as Markdown or BibTeX.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "query", nargs="?", default=DEFAULT_QUERY, metavar="QUERY", help="default: is:starred"
    )
    p.add_argument("--format", choices=FORMATS, default="md", help="default: md (Markdown)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--abstracts", action="store_true", help="include each paper's abstract")
    p.add_argument(
        "--group-by", choices=("tag", "source"), help="Markdown: one heading per tag or source"
    )
    p.add_argument("--sort", choices=SORT_KEYS, default="date", help="default: date, newest first")
    p.add_argument("--reverse", action="store_true", help="reverse the sort order")
    add_library(p)
    p.set_defaults(func=run_export)


def run_export(args: argparse.Namespace) -> int:
    from readinglist.export import render_bibtex, render_markdown, write_export
    from readinglist.papers.library import Library
    from readinglist.search.index import SearchIndex
    from readinglist.search.query import parse_query
    from readinglist.search.sorting import sort_indices

    query = parse_query(args.query)  # a typo fails before anything is read
    directory = library_dir_of(args)
    library = Library.open(directory)
    states = _states(directory)
    arxiv = _arxiv_records(directory)
    indices = SearchIndex(library.papers).filter(query, states)
    indices = sort_indices(library.papers, indices, args.sort, args.reverse)
    papers: list[Paper] = [library.papers[i] for i in indices]

    if args.format == "bibtex":
        if args.group_by:
            warn("--group-by applies to Markdown only; ignored for BibTeX")
        text = render_bibtex(papers, arxiv, abstracts=args.abstracts)
    else:
        text = render_markdown(
            papers,
            states,
            arxiv,
            query=args.query,
            today=date.today(),
            abstracts=args.abstracts,
            group_by=args.group_by,
        )

    if args.output and args.output != "-":
        path = write_export(text, Path(args.output))
        warn(f"wrote {_count(len(papers))} to {path}")
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    if not papers:
        warn(f"no papers match {args.query!r}; the export is an empty list")
    return 0


def _count(n: int) -> str:
    return "1 paper" if n == 1 else f"{n} papers"


def _states(directory: Path) -> dict[str, PaperState]:
    path = paths.state_file(directory)
    if not path.exists():
        return {}  # nothing starred yet: do not create a state file just to export
    from readinglist.state.store import StateStore

    store = StateStore(path)
    try:
        return store.all()
    finally:
        store.close()


def _arxiv_records(directory: Path) -> dict[str, ArxivRecord]:
    path = paths.arxiv_file(directory)
    if not path.exists():
        return {}  # never fetched: no links, and no file created
    from readinglist.arxiv.records import ArxivStore

    store = ArxivStore(path)
    try:
        return store.all()
    finally:
        store.close()
