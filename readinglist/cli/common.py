"""What every subcommand shares: the library directory and JSON output."""

from __future__ import annotations

import argparse
import re
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
    sys.stdout.buffer.write(json_bytes(value) + b"\n")
    sys.stdout.flush()


# Characters a terminal may act on that JSON allows raw in a string: DEL, the C1 controls
# (CSI U+009B, OSC U+009D, ST U+009C...) and the bidirectional overrides, isolates and marks
# (text that reads differently from what it holds). As UTF-8 they occur only inside strings.
_TERMINAL_ACTIVE = re.compile(
    rb"\x7f|\xc2[\x80-\x9f]|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xd8\x9c"
)


def json_bytes(value: Any) -> bytes:
    """Indented JSON in which those characters are written as `\\u009b` escapes: the same
    document to a JSON reader, inert in a terminal."""
    data = orjson.dumps(value, option=orjson.OPT_INDENT_2)
    return _TERMINAL_ACTIVE.sub(_escaped, data)


def _escaped(match: re.Match[bytes]) -> bytes:
    return b"\\u%04x" % ord(match.group().decode("utf-8"))


def printable(text: str) -> str:
    """One printable line for the terminal: control characters (terminal escapes, C0, DEL,
    C1), format characters (bidirectional overrides) and line breaks from pages, arXiv or
    file names become spaces, so a hostile title cannot drive or disguise the terminal.
    Every printer of untrusted text goes through here."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else " " for c in text)


def warn(message: str) -> None:
    print(f"readinglist: {printable(message)}", file=sys.stderr)
