"""Open the full-screen app: `readinglist [FILE...]` imports the files first, then opens."""

from __future__ import annotations

import argparse

from readinglist.cli.common import library_dir_of


def run_app(args: argparse.Namespace) -> int:
    """Import FILEs (a bad one is a one-line error, exit 2, before anything opens), then run."""
    from readinglist.tui.app import create_app  # textual is imported only to open the app

    app = create_app(library_dir_of(args), list(getattr(args, "files", []) or []))
    app.run()
    return app.return_code or 0
