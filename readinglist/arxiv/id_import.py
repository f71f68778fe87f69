"""The import step that fills papers known only by an arXiv id, for every importer.

`import_files(library, paths, prepare=filler)` hands each file's papers to the filler before
the library is locked; `filler.finish(directory)` keeps arXiv's answers in arxiv.json once
they are imported. The arXiv client (and httpx) is imported only when a file holds such a
paper, so importing ordinary pages costs nothing and asks nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from readinglist.papers.library import Library
from readinglist.papers.models import ParsedPaper
from readinglist.paths import arxiv_file

if TYPE_CHECKING:
    from readinglist.arxiv.by_id import IdFiller


class LazyIdFiller:
    """`filler(papers) -> (papers, messages)`: see readinglist.arxiv.by_id.IdFiller.

    `notify(line)` hears each wait before a retry (the CLI prints it)."""

    def __init__(self, library: Library, notify: Callable[[str], None] | None = None) -> None:
        self.library = library
        self.notify = notify
        self.filler: IdFiller | None = None

    def __call__(self, papers: list[ParsedPaper]) -> tuple[list[ParsedPaper], list[str]]:
        if all(p.title.strip() for p in papers):
            return papers, []
        if self.filler is None:
            from readinglist.arxiv.by_id import IdFiller
            from readinglist.arxiv.client import ArxivClient

            self.filler = IdFiller(self.library, lambda: ArxivClient(notify=self.notify))
        return self.filler(papers)

    @property
    def refused(self) -> bool:
        """Papers known only by an id were left out because arXiv could not be asked."""
        return self.filler is not None and self.filler.unreachable is not None

    def finish(self, directory: Path) -> None:
        """Store arXiv's answers for the papers now imported, and let the client go."""
        if self.filler is None:
            return
        from readinglist.arxiv.records import ArxivStore

        try:
            store = ArxivStore(arxiv_file(directory))
            try:
                self.filler.store_records(store)
            finally:
                store.close()
        finally:
            self.filler.close()
