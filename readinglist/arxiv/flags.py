"""What the query flags `is:updated` and `is:pdf` select, for the search engine.

Both are tests on a paper that look at arXiv's records / the `pdfs/` directory only when a
query uses them, so a query without them costs nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

from readinglist.arxiv.pdf_files import local_pdf_ids, paper_arxiv_id
from readinglist.arxiv.records import has_newer_version
from readinglist.papers.models import ArxivRecord, Paper

Records = Callable[[], Mapping[str, ArxivRecord]]


class _OnFirstUse:
    """A test on a paper whose data is gathered on the first paper asked about."""

    def __init__(self, test: Callable[[], Callable[[Paper], bool]]) -> None:
        self._make = test
        self._test: Callable[[Paper], bool] | None = None

    def __call__(self, paper: Paper) -> bool:
        if self._test is None:
            self._test = self._make()
        return self._test(paper)


def updated_test(records: Records) -> Callable[[Paper], bool]:
    """`is:updated`: arXiv has a newer version than the one the paper was read at."""

    def make() -> Callable[[Paper], bool]:
        updated = {pid for pid, record in records().items() if has_newer_version(record)}
        return lambda paper: paper.id in updated

    return _OnFirstUse(make)


def pdf_test(library_dir: str | os.PathLike[str], records: Records) -> Callable[[Paper], bool]:
    """`is:pdf`: the paper's PDF is in the library's `pdfs/` directory."""

    def make() -> Callable[[Paper], bool]:
        local = local_pdf_ids(Path(library_dir))
        if not local:
            return lambda paper: False
        known = records()
        return lambda paper: paper_arxiv_id(paper, known.get(paper.id)) in local

    return _OnFirstUse(make)


def arxiv_flags(library_dir: str | os.PathLike[str], records: Records) -> dict[str, Callable]:
    """{"updated": test, "pdf": test} for SearchIndex.filter(..., flags=...)."""
    return {"updated": updated_test(records), "pdf": pdf_test(library_dir, records)}
