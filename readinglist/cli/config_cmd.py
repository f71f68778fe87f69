"""`readinglist config`: where the settings file is and what is in force."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from readinglist.cli.common import print_json, warn

EPILOG = """\
examples:
  readinglist config              the file's path and the settings in force, as JSON
  readinglist config --path       only the path (e.g. `$EDITOR "$(readinglist config --path)"`)
"""


def register(sub: argparse._SubParsersAction, add_library: Callable) -> None:
    parser = sub.add_parser(
        "config",
        help="show the config file's path and the settings in force",
        description="Show the config file (saved searches, keys, export directory, arXiv "
        "interval, auto-exports) and the settings in force. READINGLIST_CONFIG=FILE moves it.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--path", action="store_true", help="print only the file's path")
    add_library(parser)
    parser.set_defaults(func=run_config)


def run_config(args: argparse.Namespace) -> int:
    from readinglist.config import load_config

    config = load_config()
    if args.path:
        print(config.path)
        return 0
    for problem in config.problems:
        warn(problem)
    print_json(config.effective())
    return 1 if config.problems else 0
