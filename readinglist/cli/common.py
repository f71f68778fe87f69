"""What every subcommand shares: the library directory and JSON output."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import orjson

from readinglist.paths import library_dir


def library_dir_of(args: argparse.Namespace) -> Path:
    """The library directory chosen by --library, $READINGLIST_HOME or the platform default."""
    return library_dir(getattr(args, "library", None))


def print_json(value: Any) -> None:
    """Write JSON to stdout, UTF-8, indented for people and still one parseable document."""
    sys.stdout.buffer.write(orjson.dumps(value, option=orjson.OPT_INDENT_2) + b"\n")
    sys.stdout.flush()


def printable(text: str) -> str:
    """One printable line: control characters (terminal escapes) from pages or arXiv become
    spaces, so a hostile title cannot drive the terminal."""
    return "".join(c if c.isprintable() else " " for c in text)


def warn(message: str) -> None:
    print(f"readinglist: {message}", file=sys.stderr)
