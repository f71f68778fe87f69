"""`readinglist parse FILE...`: print the papers of listing pages as one JSON array."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from readinglist.cli.common import print_json, printable, warn
from readinglist.errors import UserError
from readinglist.papers.models import FORMATS, ParsedPaper

if TYPE_CHECKING:
    from readinglist.parsing import Explanation

DESCRIPTION = """\
Parse copied listing pages (arXiv lists and search results, Hugging Face Daily Papers,
collections and paper search, publication lists, BibTeX files, text naming arXiv ids) and
print their papers as one JSON array, in file order.
The format is detected from each page's text; --format overrides it. Warnings about
malformed entries go to standard error with the file and line number. --explain prints
instead how each page was read: the shape chosen, every reader's score and what it
recognised, and the lines skipped as page chrome."""

EPILOG = """\
examples:
  readinglist parse daily.txt
  readinglist parse daily.txt search.txt --as-of 2025-10-30
  pbpaste | readinglist parse - --format hf-search
  readinglist parse --explain arxiv-new.txt
"""


def register(sub: argparse._SubParsersAction, add_library: Callable) -> None:
    parser = sub.add_parser(
        "parse",
        help="print the papers of listing pages as JSON",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="a listing page; - reads stdin")
    parser.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="the day the pages were copied: dates without a year resolve to the latest such "
        "date not after it (default: each file's modification date)",
    )
    parser.add_argument(
        "--format",
        metavar="FMT",
        help=f"parse every file as this format: {', '.join(FORMATS)} (default: detected)",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="say how each page was read (shape, scores, marks, skipped lines) instead of JSON",
    )
    add_library(parser)
    parser.set_defaults(func=run_parse)


def parse_as_of(text: str | None) -> dt.date | None:
    """The --as-of date; a one-line UserError when it is no YYYY-MM-DD date."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(
            f"--as-of {text!r} is not a date: use YYYY-MM-DD, e.g. 2025-10-30"
        ) from None


def run_parse(args: argparse.Namespace) -> int:
    from readinglist.parsing import parse_file  # imported when used: keeps `--help` fast

    as_of = parse_as_of(args.as_of)
    if args.format is not None and args.format not in FORMATS:
        raise UserError(f"--format {args.format!r} is unknown: use one of {', '.join(FORMATS)}")
    if args.explain:
        return run_explain(args.files, as_of, args.format)
    papers: list[ParsedPaper] = []
    warnings: list[str] = []
    for path in args.files:
        result = parse_file(path, as_of=as_of, fmt=args.format)
        papers.extend(result.papers)
        warnings.extend(result.warnings)
    # Only when every file parsed: a bad file means nothing on stdout and one error line.
    for message in warnings:
        warn(f"warning: {message}")
    print_json(papers)
    return 0


def run_explain(paths: list[str], as_of: dt.date | None, fmt: str | None) -> int:
    """Print how each page was read; a page that gave no paper is refused after its report."""
    from readinglist.parsing import explain_file

    refusals = []
    for number, path in enumerate(paths):
        explanation = explain_file(path, as_of=as_of, fmt=fmt)
        if number:
            print()
        for line in explanation_lines(explanation):
            print(line)
        if explanation.refusal:
            refusals.append(explanation.refusal)
    if refusals:
        raise UserError(refusals[0])
    return 0


_SHOWN = 100  # longest line text shown in a report


def explanation_lines(explanation: Explanation) -> list[str]:
    """The human-readable report of how one page was read (page text made printable)."""
    from readinglist.parsing.cleanup import display_name
    from readinglist.parsing.readers import CONFIDENT

    name = printable(display_name(explanation.source))
    chosen = explanation.chosen
    if explanation.refusal is not None:
        head = f"{name}: refused, no paper read" + (
            f" (the most confident reader, {chosen.name}, found none)" if chosen else ""
        )
    else:
        count = len(explanation.papers)
        head = f"{name}: read as {chosen.name} ({chosen.describe}): {count} paper" + (
            "" if count == 1 else "s"
        )
    lines = [head, f"reader scores (a reader needs {CONFIDENT} to be chosen):"]
    width = max(len(row.name) for row in explanation.scores)
    for row in explanation.scores:
        tag = "  chosen" if chosen is not None and row.name == chosen.name else ""
        lines.append(f"  {row.name:<{width}}  {row.score:.2f}{tag}")
        lines.extend(f"  {'':<{width}}    - {printable(mark)}" for mark in row.marks)
    for message in explanation.warnings:
        lines.append(f"warning: {printable(message)}")
    skipped = explanation.skipped
    lines.append(f"lines skipped as page chrome: {len(skipped)}")
    digits = len(str(skipped[-1][0])) if skipped else 1
    for number, text, why in skipped:
        shown = text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
        lines.append(f"  line {number:>{digits}}: {printable(shown)}  [{why}]")
    return lines
