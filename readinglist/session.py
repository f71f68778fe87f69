"""The app's controller, free of any UI: the library, the user's state, the filter, the sort.

The Textual app renders a `Session`; every triage operation lives here so it can be tested
without a terminal. Each change goes through the StateStore and is on disk before the method
returns; the in-memory copy (`states`) is updated only from what the store returned.

Filtering is split in two so the app can run the slow half off the UI thread:
`compute_filter(text)` is pure (safe in a worker thread), `apply_filter(result)` installs it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from readinglist.arxiv import ArxivStore
from readinglist.errors import UserError
from readinglist.papers.library import ImportReport, Library, import_files, load_sample
from readinglist.papers.models import ArxivRecord, Paper, PaperState
from readinglist.search.index import SearchIndex
from readinglist.search.sorting import SORT_KEYS
from readinglist.service import LibraryService
from readinglist.state.records import ADD
from readinglist.state.store import StateStore
from readinglist.state.tags import normalize_tags
from readinglist.state.undo import UndoStep

EMPTY = PaperState()
UNDO_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class Counts:
    shown: int
    total: int
    unread: int
    starred: int


@dataclass(frozen=True, slots=True)
class FilterResult:
    """The outcome of one filter text: sorted indices, or the reason the query does not parse."""

    text: str
    indices: list[int] | None
    error: str | None = None
    sort: tuple[str, bool] = ("date", False)


@dataclass(frozen=True, slots=True)
class Change:
    """One state change: the paper, its state before, and per field what the action set
    (`step`): undo restores only the fields that still hold what it set."""

    paper_id: str
    before: PaperState
    what: str
    step: UndoStep | None = None


@dataclass(frozen=True, slots=True)
class BulkChange:
    """Several papers changed by one action (a selection, the inbox): one undo step."""

    changes: tuple[Change, ...]
    what: str
    step: UndoStep | None = None  # every field the action set, on every paper

    @property
    def paper_id(self) -> str:
        return self.changes[0].paper_id


class Session:
    """What the app shows and changes: papers, their state, the filtered and sorted view."""

    def __init__(
        self,
        service: LibraryService,
        *,
        reports: Sequence[ImportReport] = (),
        sample: bool = False,
    ) -> None:
        self.service = service
        self.library: Library = service.library
        self.papers: list[Paper] = self.library.papers
        self.store: StateStore = service.store
        self.arxiv: ArxivStore | None = service.arxiv
        self.reports = list(reports)
        self.sample_loaded = sample  # the library was empty: the bundled sample was imported
        self.states: dict[str, PaperState] = dict(self.store.all())
        self.position_of_id: dict[str, int] = {p.id: i for i, p in enumerate(self.papers)}
        self.version = 0  # bumped on every state change: the table's row cache key
        self.history: list[Change | BulkChange] = []
        self.undo_message: str | None = None  # what the last undo kept (changed elsewhere)
        self.selected: set[str] = set()  # paper ids the app's bulk actions act on
        self.sort_key = "date"
        self.sort_reverse = False
        self.query_text = ""
        self.query_error: str | None = None
        self._read, self._starred = self._count_states()
        self.shown: list[int] = list(self._order())

    # -- opening ------------------------------------------------------------------------

    @classmethod
    def open(cls, directory: Path, files: Sequence[str] = (), *, sample: bool = True) -> Session:
        """Open the library in `directory`: import `files` first; the sample when still empty."""
        service = LibraryService(Path(directory))
        library = service.library
        reports = []
        if files:  # a text of arXiv ids is filled from arXiv before it is imported
            from readinglist.arxiv.id_import import LazyIdFiller

            fill = LazyIdFiller(library)
            try:
                reports = import_files(library, files, prepare=fill)
            finally:
                fill.finish(Path(directory))
        loaded_sample = sample and not library.papers
        if loaded_sample:
            reports = load_sample(library)
        return cls(service, reports=reports, sample=loaded_sample)

    def reload_if_changed(self) -> bool:
        """Pick up papers, state and arXiv records another process wrote (the CLI, a second
        app, a sync tool); True when it did. Cheap when nothing changed: stats only."""
        papers_changed = self._reload_papers()
        arxiv_changed = self.arxiv is not None and bool(self.arxiv.refresh())
        states_changed = self._catch_up(recount=papers_changed)
        return states_changed or arxiv_changed or papers_changed

    def _reload_papers(self) -> bool:
        """Papers another process imported: the shown list is recomputed for the query."""
        if not self.library.reload_if_changed():
            return False
        self.papers = self.library.papers
        self.position_of_id = {p.id: i for i, p in enumerate(self.papers)}
        self.service.papers_changed()  # the index and sort orders follow the new list
        self.version += 1
        if not self.set_query(self.query_text):
            self.shown = list(self._order())
        return True

    def close(self) -> None:
        self.service.close()

    # -- looking things up --------------------------------------------------------------

    def paper(self, index: int) -> Paper:
        return self.papers[index]

    def state(self, index: int) -> PaperState:
        return self.states.get(self.papers[index].id, EMPTY)

    def arxiv_record(self, index: int) -> ArxivRecord | None:
        if self.arxiv is None:
            return None
        return self.arxiv.get(self.papers[index].id)

    def counts(self) -> Counts:
        total = len(self.papers)
        return Counts(len(self.shown), total, total - self._read, self._starred)

    @property
    def index(self) -> SearchIndex:
        """The search index, built on first use (the app warms it after the first paint)."""
        return self.service.index

    # -- filter and sort ----------------------------------------------------------------

    def compute_filter(self, text: str) -> FilterResult:
        """Filter and sort for `text` without changing anything: safe in a worker thread."""
        sort = (self.sort_key, self.sort_reverse)
        if not text.strip():
            return FilterResult(text, list(self._order(sort)), None, sort)
        try:
            hits = self.service.filter(text, dict(self.states))
        except UserError as error:
            return FilterResult(text, None, str(error), sort)
        return FilterResult(text, self._sorted(hits, sort), None, sort)

    def apply_filter(self, result: FilterResult) -> bool:
        """Install a computed result; a query that does not parse keeps the last good rows."""
        self.query_text = result.text
        self.query_error = result.error
        if result.indices is None:
            return False
        indices = result.indices
        if result.sort != (self.sort_key, self.sort_reverse):  # the sort changed meanwhile
            indices = self._sorted(indices, (self.sort_key, self.sort_reverse))
        self.shown = indices
        return True

    def set_query(self, text: str) -> bool:
        """Filter now; False (and `query_error` set) when the query does not parse."""
        return self.apply_filter(self.compute_filter(text))

    def set_sort(self, key: str, reverse: bool | None = None) -> None:
        if key not in SORT_KEYS:
            raise UserError(f"unknown sort {key!r}; use one of {', '.join(SORT_KEYS)}")
        self.sort_key = key
        if reverse is not None:
            self.sort_reverse = reverse
        self.shown = self._sorted(self.shown, (self.sort_key, self.sort_reverse))

    def cycle_sort(self) -> str:
        """The next sort key (date, upvotes, title, added), in its natural direction."""
        key = SORT_KEYS[(SORT_KEYS.index(self.sort_key) + 1) % len(SORT_KEYS)]
        self.set_sort(key, reverse=False)
        return key

    def reverse_sort(self) -> bool:
        self.set_sort(self.sort_key, reverse=not self.sort_reverse)
        return self.sort_reverse

    def _order(self, sort: tuple[str, bool] | None = None) -> list[int]:
        """Every paper in `sort` order, computed once per sort and kept."""
        key, reverse = sort or (self.sort_key, self.sort_reverse)
        return self.service.sorter.order(key, reverse)

    def _sorted(self, hits: Iterable[int], sort: tuple[str, bool]) -> list[int]:
        return self.service.sorter.sort(hits, *sort)

    # -- triage -------------------------------------------------------------------------

    def toggle_read(self, index: int) -> PaperState:
        paper_id = self.papers[index].id
        return self._change(paper_id, "read", lambda s: self.store.set_read(paper_id, not s.read))

    def toggle_star(self, index: int) -> PaperState:
        paper_id = self.papers[index].id
        return self._change(
            paper_id, "star", lambda s: self.store.set_starred(paper_id, not s.starred)
        )

    def set_notes(self, index: int, text: str) -> PaperState:
        paper_id = self.papers[index].id
        return self._change(paper_id, "notes", lambda _s: self.store.set_notes(paper_id, text))

    def set_tags(self, index: int, tags: Iterable[str]) -> PaperState:
        paper_id = self.papers[index].id
        tags = list(dict.fromkeys(t for t in tags if t))
        return self._change(paper_id, "tags", lambda _s: self.store.set_tags(paper_id, tags))

    def undo(self) -> int | None:
        """Restore the state before the last change; the paper's index, None when nothing left."""
        if not self.history:
            return None
        step = self.history[-1]
        report = self.store.undo(step.step or UndoStep())  # one write, even for a bulk step
        self.history.pop()  # only once the restore is on disk
        self.undo_message = report.message()  # what was kept: changed elsewhere since
        for paper_id in report.paper_ids:
            self._remember(paper_id, None)
        return self.position_of_id.get(step.paper_id)

    def change_many(
        self,
        indices: Iterable[int],
        what: str,
        *,
        read: bool | None = None,
        starred: bool | None = None,
        add_tags: Sequence[str] = (),
    ) -> int:
        """Set read/starred and add tags on every paper in `indices`: one write, one undo step.

        Papers that already hold the values are left alone; returns how many changed.
        """
        self._catch_up()
        tags = normalize_tags(add_tags)
        ops: dict[str, list[tuple[str, object]]] = {}
        changes, after = [], {}
        for index in dict.fromkeys(indices):
            paper_id = self.papers[index].id
            before = self.states.get(paper_id, EMPTY)
            wanted = {}
            if read is not None and before.read != read:
                wanted["read"] = read
            if starred is not None and before.starred != starred:
                wanted["starred"] = starred
            new_tags = [t for t in tags if t not in before.tags]
            if not (wanted or new_tags):
                continue
            ops[paper_id] = [*wanted.items(), *((ADD, t) for t in new_tags)]
            changes.append(Change(paper_id, before, what))
            # What the store now holds, without decoding each record back (10,000 at once).
            after[paper_id] = replace(before, tags=[*before.tags, *new_tags], **wanted)
        if changes:
            step = self.store.apply(ops, what)  # one journal line; raises, changing nothing
            self.history.append(BulkChange(tuple(changes), what, step))
            del self.history[:-UNDO_LIMIT]
            for paper_id, state in after.items():
                self._remember(paper_id, state)
        return len(changes)

    # -- the app's selection ------------------------------------------------------------

    def toggle_selected(self, index: int) -> bool:
        """Select or unselect one paper; True when it is now selected."""
        paper_id = self.papers[index].id
        if paper_id in self.selected:
            self.selected.discard(paper_id)
            return False
        self.selected.add(paper_id)
        return True

    def select_shown(self) -> int:
        self.selected.update(self.papers[i].id for i in self.shown)
        return len(self.selected)

    def selected_indices(self) -> list[int]:
        """The selected papers that are in the library, in the current sort order."""
        positions = self.position_of_id
        found = [positions[p] for p in self.selected if p in positions]
        return self._sorted(found, (self.sort_key, self.sort_reverse))

    def next_unread(self, row: int) -> int | None:
        """The row of the first unread paper after `row` in the shown list, wrapping around."""
        shown = self.shown
        count = len(shown)
        for step in range(1, count + 1):
            candidate = (row + step) % count
            if not self.state(shown[candidate]).read:
                return candidate
        return None

    def _catch_up(self, *, recount: bool = False) -> bool:
        """Take in what other processes wrote (before each write too: a write re-reads the
        files itself, and what it reads there would otherwise never reach `states`).

        Only the papers the store says changed are read again, and the counts move by their
        difference, so a star from the CLI costs the same at 100 or 100,000 records.
        `recount`: the paper list changed as well, so count every state again.
        """
        changed = self.store.refresh()
        known = self.position_of_id
        for paper_id in changed:
            before = self.states.get(paper_id, EMPTY)
            after = self.states[paper_id] = self.store.get(paper_id)
            if paper_id in known and not recount:
                self._read += int(after.read) - int(before.read)
                self._starred += int(after.starred) - int(before.starred)
        if recount:
            self._read, self._starred = self._count_states()
        if changed:
            self.version += 1
        return bool(changed)

    def _change(self, paper_id: str, what: str, write) -> PaperState:
        self._catch_up()
        before = self.states.get(paper_id, EMPTY)
        after = write(before)  # raises StoreError, leaving memory and history untouched
        self.history.append(Change(paper_id, before, what, self.store.last_step))
        del self.history[:-UNDO_LIMIT]
        self._remember(paper_id, after)
        return after

    def _remember(self, paper_id: str, state: PaperState | None) -> None:
        if state is None:
            state = self.store.get(paper_id)
        before = self.states.get(paper_id, EMPTY)
        self._read += int(state.read) - int(before.read)
        self._starred += int(state.starred) - int(before.starred)
        self.states[paper_id] = state
        self.version += 1

    def _count_states(self) -> tuple[int, int]:
        read = starred = 0
        known = self.position_of_id
        for paper_id, state in self.states.items():
            if paper_id in known:
                read += state.read
                starred += state.starred
        return read, starred

    def starred_indices(self) -> list[int]:
        """The starred papers in the current sort order (what `e` exports)."""
        return [i for i in self._order() if self.state(i).starred]
