"""One library, opened once: what both faces, the CLI and the app, select and change through.

A `LibraryService` owns the library's parts, each opened on first use so a one-shot command
pays only for what it touches: the papers (`papers.json`), the user's state (`state.json`),
what arXiv said (`arxiv.json`) and the user's config. `select(query, sort)` is the one
query -> filter -> sort pipeline; `papers_for(ids, query)` the one way a command picks papers.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from readinglist.config import Config, load_config
from readinglist.errors import UserError
from readinglist.papers.library import Library
from readinglist.papers.models import ArxivRecord, Paper, PaperState
from readinglist.paths import arxiv_file, state_file
from readinglist.search.index import SearchIndex
from readinglist.search.planning import FlagSource
from readinglist.search.query import Query, parse_query
from readinglist.search.sorting import SORT_KEYS, Sorter, sort_indices
from readinglist.state.devices import has_state

if TYPE_CHECKING:
    from readinglist.arxiv.records import ArxivStore
    from readinglist.state.store import StateStore


@dataclass(frozen=True, slots=True)
class Selection:
    """The papers a query selected, in sort order (`indices` point into the library's papers)."""

    indices: list[int]
    papers: list[Paper]

    def __len__(self) -> int:
        return len(self.indices)


class LibraryService:
    """The papers, state, arXiv records and config of one library directory."""

    def __init__(
        self,
        directory: Path,
        *,
        library: Library | None = None,
        store: StateStore | None = None,
        arxiv: ArxivStore | None = None,
        config: Config | None = None,
    ) -> None:
        self.directory = Path(directory)
        # Parts handed in (the app opens them itself) stand in for the lazily opened ones.
        for name, part in (("library", library), ("store", store), ("arxiv", arxiv)):
            if part is not None:
                self.__dict__[name] = part
        if config is not None:
            self.__dict__["config"] = config
        self._index_lock = threading.Lock()

    # -- the parts, opened on first use ------------------------------------------------

    @cached_property
    def library(self) -> Library:
        return Library.open(self.directory)

    @property
    def papers(self) -> list[Paper]:
        return self.library.papers

    @cached_property
    def store(self) -> StateStore:
        """The state store, for changes (the file is made by the first change)."""
        from readinglist.state.store import StateStore

        return StateStore(state_file(self.directory))

    @cached_property
    def arxiv(self) -> ArxivStore:
        from readinglist.arxiv.records import ArxivStore

        return ArxivStore(arxiv_file(self.directory))

    @cached_property
    def config(self) -> Config:
        return load_config()

    def states(self) -> Mapping[str, PaperState]:
        """Every paper's state; reading never creates a state file."""
        if "store" not in self.__dict__ and not has_state(self.directory):
            return {}
        return self.store.all()

    def state(self, paper_id: str) -> PaperState:
        """One paper's state, with its change times; reading never creates a state file."""
        if "store" not in self.__dict__ and not has_state(self.directory):
            return PaperState()
        return self.store.get(paper_id)

    def records(self) -> Mapping[str, ArxivRecord]:
        """What arXiv said about each paper; reading never creates the records file."""
        if "arxiv" not in self.__dict__ and not arxiv_file(self.directory).exists():
            return {}
        return self.arxiv.all()

    def record(self, paper_id: str) -> ArxivRecord | None:
        return self.records().get(paper_id)

    @property
    def index(self) -> SearchIndex:
        """The search index, built on first use (safe from several threads)."""
        with self._index_lock:
            index = self.__dict__.get("_index")
            if index is None:
                index = self.__dict__["_index"] = SearchIndex(self.papers)
            return index

    @cached_property
    def sorter(self) -> Sorter:
        return Sorter(self.papers)

    def papers_changed(self) -> None:
        """After papers were added or re-read: indexes and orders are rebuilt on next use."""
        with self._index_lock:
            self.__dict__.pop("_index", None)
        self.__dict__.pop("sorter", None)

    # -- selecting ----------------------------------------------------------------------

    def filter(self, text: str, states: Mapping[str, PaperState] | None = None) -> list[int]:
        """Indices of the papers matching the query `text` (UserError when it does not parse),
        in library order."""
        if not text.strip():
            return list(range(len(self.papers)))
        query = self.parse(text)
        return self.index.filter(
            query, self.states() if states is None else states, flags=self.flags()
        )

    def parse(self, text: str) -> Query:
        """The query `text` with the saved searches; a one-line UserError when it is wrong."""
        return parse_query(text, self.config.searches)

    def flags(self) -> dict[str, FlagSource]:
        """What the query flags beyond the user's state select: `is:new` the papers the
        latest import added, `is:updated` / `is:pdf` (readinglist.arxiv.flags)."""
        from readinglist.arxiv.flags import arxiv_flags

        return {"new": self.library.is_new, **arxiv_flags(self.directory, self.records)}

    def sort(self, indices: Iterable[int], key: str = "date", reverse: bool = False) -> list[int]:
        """`indices` in sort order. A one-shot command sorts just its hits; the app, which
        sorts on every keystroke, keeps whole-library orders in `sorter` instead."""
        if key not in SORT_KEYS:
            raise UserError(f"unknown sort {key!r}; use one of {', '.join(SORT_KEYS)}")
        if "sorter" in self.__dict__:
            return self.sorter.sort(indices, key, reverse)
        return sort_indices(self.papers, indices, key, reverse=reverse)

    def select(
        self,
        text: str = "",
        sort: str = "date",
        reverse: bool = False,
        *,
        limit: int | None = None,
        states: Mapping[str, PaperState] | None = None,
    ) -> Selection:
        """The papers matching `text`, sorted: the one pipeline of `list`, `export`, the app..."""
        indices = self.sort(self.filter(text, states), sort, reverse)
        if limit is not None:
            indices = indices[: max(limit, 0)]
        papers = self.papers
        return Selection(indices, [papers[i] for i in indices])

    def resolve(self, ids: Sequence[str]) -> list[Paper]:
        """The papers with these ids or unique id prefixes (UserError naming an unknown one)."""
        return [self.library.resolve(paper_id) for paper_id in ids]

    def papers_for(self, ids: Sequence[str], query: str | None) -> list[Paper]:
        """What a command acts on: the papers named by id (an unknown id fails before
        anything is done), then every paper `query` selects, each once."""
        if not ids and query is None:
            raise UserError("give paper ids or --query QUERY; `readinglist list` shows the ids")
        chosen = {paper.id: paper for paper in self.resolve(ids)}
        if query is not None:
            for paper in self.select(query, "added").papers:
                chosen.setdefault(paper.id, paper)
        return list(chosen.values())

    # -- closing ------------------------------------------------------------------------

    def close(self) -> None:
        for name in ("store", "arxiv"):
            part = self.__dict__.get(name)
            if part is not None:
                part.close()

    def __enter__(self) -> LibraryService:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
