"""`readinglist parse FILE...`: print the papers of listing pages as one JSON array."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable

from readinglist.cli.common import print_json, warn
from readinglist.errors import UserError
from readinglist.papers.models import FORMATS, ParsedPaper

DESCRIPTION = """\
Parse copied listing pages (Hugging Face Daily Papers, collections, paper search, or an
author's publication list) and print their papers as one JSON array, in file order.
The format is detected from each page's text; --format overrides it. Warnings about
malformed entries go to standard error with the file and line number."""

EPILOG = """\
examples:
  readinglist parse daily.txt
  readinglist parse daily.txt search.txt --as-of 2025-10-30
  pbpaste | readinglist parse - --format hf-search
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
