"""The `readinglist` command: subcommands for scripts, the full-screen app without one."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence

from readinglist import __version__
from readinglist.cli import (
    add_cmd,
    config_cmd,
    export_cmd,
    fetch_cmd,
    library_cmd,
    parse_cmd,
    pdf_cmd,
    state_cmd,
)
from readinglist.errors import UserError

# Each module adds its subcommands; `func` on the parsed args runs one and returns the exit code.
COMMAND_MODULES = (
    parse_cmd,
    library_cmd,
    add_cmd,
    state_cmd,
    fetch_cmd,
    pdf_cmd,
    export_cmd,
    config_cmd,
)

EPILOG = """\
examples:
  readinglist                         open the app on your library (the bundled sample when empty)
  readinglist ~/papers/daily.txt      import a copied listing page, then open the app
  readinglist list 'author:kingma is:unread'
  readinglist export --format bibtex -o starred.bib

Run `readinglist COMMAND --help` for one command. The library lives in the user data
directory; --library DIR or $READINGLIST_HOME moves it.
"""


def _add_library_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--library",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="library directory (default: $READINGLIST_HOME or the user data directory)",
    )


def _base_parser(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="readinglist",
        description=description,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"readinglist {__version__}")
    _add_library_option(parser)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _base_parser("A terminal reading list for research papers copied from listing pages.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub, _add_library_option)
    return parser


def build_app_parser() -> argparse.ArgumentParser:
    parser = _base_parser("Open the reading list app; with FILEs, import those pages first.")
    parser.add_argument("files", nargs="*", metavar="FILE", help="listing pages to import first")
    return parser


def _command_names(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def _first_positional(argv: Sequence[str]) -> str | None:
    skip_next = False
    for arg in argv:
        if skip_next:
            skip_next = False
            continue
        if arg == "--library":
            skip_next = True
            continue
        if arg.startswith("-") and arg != "-":
            continue
        return arg
    return None


# `readinglist list -is:read diffusion`: a negated query term looks like an option to argparse.
_NEGATED_TERM = re.compile(r"^-(?:[A-Za-z][\w.-]*:|[A-Za-z]{2,}|[(\"@])")
_NEGATION_MARK = "\x00-"
QUERY_COMMANDS = ("list", "export")


def _parse_command(parser: argparse.ArgumentParser, argv: list[str], command: str):
    """Parse a subcommand's arguments; for commands that take a query, negated terms typed
    without quotes stay query terms, in the order typed."""
    if command not in QUERY_COMMANDS:
        return parser.parse_args(argv)
    options = _option_strings(parser, command)
    marked = [
        _NEGATION_MARK + arg[1:] if _NEGATED_TERM.match(arg) and arg not in options else arg
        for arg in argv
    ]
    args = parser.parse_args(marked)
    query = getattr(args, "query", None)
    if isinstance(query, list):
        args.query = [_unmark(word) for word in query]
    elif isinstance(query, str):
        args.query = _unmark(query)
    return args


def _unmark(word: str) -> str:
    return "-" + word[len(_NEGATION_MARK) :] if word.startswith(_NEGATION_MARK) else word


def _option_strings(parser: argparse.ArgumentParser, command: str) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            sub = action.choices[command]
            return {o for a in sub._actions for o in a.option_strings}
    return set()


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    first = _first_positional(argv)
    wants_help = any(a in ("-h", "--help") for a in argv)
    try:
        if first is not None and first in _command_names(parser):
            args = _parse_command(parser, argv, first)
            code = int(args.func(args) or 0)
            if code == 0:  # the [[auto_export]] files follow every change; never fail it
                export_cmd.refresh_after_command(args)
            return code
        if wants_help and first is None:
            parser.print_help()
            return 0
        args = build_app_parser().parse_args(argv)
        from readinglist.cli.app_cmd import run_app  # the UI is imported only when opened

        return run_app(args)
    except UserError as error:
        from readinglist.cli.common import warn  # one printable line, whatever it quotes

        warn(error.message)
        return error.exit_code
    except KeyboardInterrupt:
        print("readinglist: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `readinglist list | head`: the reader left; that is not an error of ours.
        sys.stderr.close()
        return 0
