"""A listing page as an export names it."""

from __future__ import annotations

import re

from readinglist.papers.present import one_line


def source_label(source: str) -> str:
    """A listing page's file name without its directory: exports get shared, home paths not."""
    name = re.split(r"[\\/]", one_line(source))[-1]
    return name or one_line(source)
