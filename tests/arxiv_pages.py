"""What the arXiv list and search tests share: the pages' folder, their capture day, and a
paper reduced to the fields they compare."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

PAGES = Path(__file__).parent / "fixtures" / "pages"
CAPTURED = dt.date(2026, 9, 9)
# The fields compared; `abstract` holds the abstract's first 40 characters.
FIELDS = (
    "arxiv_id",
    "title",
    "authors",
    "section",
    "date",
    "listing_date",
    "category",
    "subjects",
    "comments",
    "journal_ref",
    "doi",
    "abstract_truncated",
)


def summary(paper) -> dict:
    found = {name: getattr(paper, name) for name in FIELDS}
    found = {name: value for name, value in found.items() if value not in (None, False, [])}
    found["abstract"] = paper.abstract[:40]
    return found
