"""Placeholder: subcommands of this module are being written."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def register(sub: argparse._SubParsersAction, add_library: Callable) -> None:
    return None
