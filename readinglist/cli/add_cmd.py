"""`readinglist add ID|URL...`: papers added by arXiv id, filled in from arXiv (the same
step `import` runs on a text of arXiv ids: readinglist.arxiv.id_import)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from urllib.parse import urlsplit

from readinglist.arxiv.id_import import LazyIdFiller
from readinglist.cli.common import library_dir_of, printable, warn
from readinglist.cli.fetch_cmd import warn_line
from readinglist.errors import UserError
from readinglist.papers.arxiv_ids import ARXIV_HOSTS, find_arxiv_ids, parse_arxiv_id
from readinglist.papers.library import Library
from readinglist.papers.models import ParsedPaper

EPILOG = """\
examples:
  readinglist add 2407.14741 hep-th/9901001
  readinglist add https://arxiv.org/abs/2007.04825v2 arXiv:2006.16236

Each id (new-style 2407.14741, old-style hep-th/9901001, with or without a version) or link
on arxiv.org is looked up on arXiv, a hundred per request, and the paper is added with its
title, authors, abstract, date and category, linked to arXiv at once. An id arXiv does not
know is named and not added; a paper already in the library is left as it is. Exit status 1
when nothing could be added.
"""


def register(sub: argparse._SubParsersAction, add_library: Callable) -> None:
    parser = sub.add_parser(
        "add",
        help="add papers by arXiv id or link",
        description="Add papers to the library by arXiv id or arxiv.org link.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("refs", nargs="+", metavar="ID|URL", help="an arXiv id or arxiv.org link")
    add_library(parser)
    parser.set_defaults(func=run_add)


def arxiv_ref(text: str) -> str:
    """The arXiv id (without version) that `text` names; UserError when it names none.

    Accepts a bare id, `arXiv:ID`, and http(s) links on arXiv's own hosts only."""
    text = text.strip()
    parsed = parse_arxiv_id(text.removeprefix("arXiv:").removeprefix("arxiv:"))
    if parsed is not None:
        return parsed.id
    if text.lower().startswith(("http://", "https://")):
        try:
            host = urlsplit(text).hostname
        except ValueError:
            host = None
        found = find_arxiv_ids(text)
        if host in ARXIV_HOSTS and len(found) == 1:
            return found[0].id
    raise UserError(
        f"{text!r} is not an arXiv id or an arxiv.org link "
        "(e.g. 2407.14741, hep-th/9901001 or https://arxiv.org/abs/2407.14741)"
    )


def run_add(args: argparse.Namespace) -> int:
    ids = list(dict.fromkeys(arxiv_ref(ref) for ref in args.refs))  # bad input: nothing asked
    directory = library_dir_of(args)
    library = Library.open(directory)
    papers = [
        ParsedPaper(title="", arxiv_id=i, format="arxiv-ids", source=f"arXiv:{i}") for i in ids
    ]
    filler = LazyIdFiller(library, notify=warn_line)
    try:
        ready, messages = filler(papers)
        for message in messages:
            warn(printable(message))
        known = [i for i in ids if library.by_arxiv_id(i) is not None]
        before = {paper.id for paper in library.papers}
        with library.locked():
            report = library.import_papers(ready, source="add")
            library.save()
    finally:
        filler.finish(directory)
    for arxiv_id in ids:
        paper = library.by_arxiv_id(arxiv_id)
        if paper is None:
            continue
        if arxiv_id in known:
            state = "already in the library"
        elif paper.id in before:  # the same title was there without its arXiv id
            state = "merged into a paper already there"
        else:
            state = "added"
        print(printable(f"{paper.id}  {arxiv_id}  {state}: {paper.title}"))
    print(f"library: {len(library)} papers in {library.directory}", file=sys.stderr)
    return 0 if report.added or report.merged or known else 1
