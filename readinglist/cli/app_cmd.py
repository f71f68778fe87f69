"""Open the full-screen app: `readinglist [FILE...]` imports the files first, then opens."""

from __future__ import annotations

import argparse
import sys

from readinglist.cli.common import library_dir_of
from readinglist.errors import UserError


def has_terminal() -> bool:
    """Both ends are a terminal: without one the app would draw into a pipe and never end."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def run_app(args: argparse.Namespace) -> int:
    """Import FILEs (a bad one is a one-line error, exit 2, before anything opens), then run."""
    if not has_terminal():
        raise UserError(
            "the app needs a terminal; in scripts use `readinglist import FILE` "
            "and `readinglist list QUERY`"
        )
    from readinglist.tui.app import create_app  # textual is imported only to open the app

    app = create_app(library_dir_of(args), list(getattr(args, "files", []) or []))
    app.run()
    return app.return_code or 0
