"""Open the full-screen app (placeholder until the TUI lands)."""

from __future__ import annotations

import argparse

from readinglist.errors import UserError


def run_app(args: argparse.Namespace) -> int:
    raise UserError("the full-screen app is not built yet; use the subcommands (--help)", 1)
