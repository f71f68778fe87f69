"""The paper library: every paper ever imported, merged across pages, stored in one JSON file.

The library file holds only what pages printed (plus ids and sources); the user's own work
lives in the state store, so a star toggle never rewrites the (large) library.
"""

from __future__ import annotations

import bisect
import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import orjson

from readinglist.atomicfile import atomic_write_chunks, remove_stale_temp_files
from readinglist.errors import UserError
from readinglist.papers.copies import merge_copies
from readinglist.papers.gc_pause import paused_gc
from readinglist.papers.library_file import (
    FIELDS,
    SCHEMA_VERSION,
    damage_message,
    read_papers,
    warn_once,
)
from readinglist.papers.models import Paper, ParsedPaper
from readinglist.paths import papers_file

if TYPE_CHECKING:
    from readinglist.papers.merge import TitleMatcher

_row_of = attrgetter(*FIELDS)


def _line_of(row: tuple) -> bytes:
    return orjson.dumps(row, option=orjson.OPT_APPEND_NEWLINE)


LOCK_TIMEOUT_S = 30


@dataclass
class ImportReport:
    """What one import did: papers added, merged into existing ones, and skipped as known."""

    source: str = ""
    added: int = 0
    merged: int = 0
    skipped: int = 0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"{self.source}: {self.added} added, {self.merged} merged, {self.skipped} skipped"


class Library:
    """All papers, in the order they entered the library, with lookup by id, alias or prefix."""

    def __init__(self, directory: Path, papers: list[Paper] | None = None, next_added: int = 0):
        self.directory = Path(directory)
        self.papers: list[Paper] = papers or []
        self._next_added = next_added or (max((p.added for p in self.papers), default=-1) + 1)
        self._by_id: dict[str, Paper] = {}
        self._prefix_index: tuple[tuple[int, int], list[str]] | None = None
        self._by_arxiv: dict[str, Paper] = {}
        self._title_matcher: TitleMatcher | None = None
        self._signature: tuple[int, int, int] | None = None
        # The `added` numbers [start, end) of the latest import that added papers (`is:new`).
        self.last_import: tuple[int, int] | None = None
        # Lines of the file that could not be read as papers: (line number, what is wrong).
        self.damaged_lines: list[tuple[int, str]] = []
        self._quiet = False  # damaged lines are said on stderr (not when doctor reports them)
        self._reindex()

    # -- opening and saving -------------------------------------------------------------

    @property
    def path(self) -> Path:
        return papers_file(self.directory)

    @classmethod
    def open(cls, directory: Path, *, quiet: bool = False) -> Library:
        """The library in `directory` (no file: empty); `quiet`: damaged lines unsaid."""
        library = cls(directory)
        library._quiet = quiet
        library._load()
        return library

    def _load(self) -> None:
        path = self.path
        try:
            with open(path, "rb") as file:
                self._signature = _signature_of(os.fstat(file.fileno()))
                with paused_gc():
                    contents = read_papers(file, path)
            self.papers, self._next_added = merge_copies(
                self.directory, contents.papers, contents.next_added, read_papers
            )  # a sync tool's conflict copies of papers.json, read back in
            self.last_import, self.damaged_lines = contents.last_import, contents.damaged
            if contents.damaged and not self._quiet:
                warn_once(damage_message(path, [n for n, _ in contents.damaged]))
        except FileNotFoundError:
            self.papers, self._next_added, self._signature = [], 0, None
            self.last_import, self.damaged_lines = None, []
        except NotADirectoryError:
            raise UserError(
                f"the library {self.directory} is not a directory (a file is in its way); "
                "pass --library DIR (or set READINGLIST_HOME) to a directory"
            ) from None
        except OSError as error:
            raise UserError(
                f"cannot read the library file {path}: {error.strerror}; "
                "check its permissions or pass --library DIR"
            ) from None
        self._reindex()

    def reload_if_changed(self) -> bool:
        """Re-read the file when another process saved it since we read it."""
        if _signature(self.path) == self._signature:
            return False
        self._load()
        return True

    def save(self) -> None:
        """Write every paper, one JSON line each (an older one-document file is migrated)."""
        header = {"schema": SCHEMA_VERSION, "next_added": self._next_added, "fields": FIELDS}
        if self.last_import is not None:
            header["last_import"] = list(self.last_import)
        lines = map(_line_of, map(_row_of, self.papers))  # written as made, never joined
        try:
            if self.damaged_lines:  # the lines skipped on reading stay in a kept copy
                from readinglist.state.salvage import keep_aside

                warn_once(f"kept the damaged library file as {keep_aside(self.path)}")
                self.damaged_lines = []
            atomic_write_chunks(self.path, chain([orjson.dumps(header) + b"\n"], lines))
        except OSError as error:
            raise UserError(
                f"cannot write the library file {self.path}: {error.strerror}; "
                "check that the directory is writable (or pass --library DIR)",
                exit_code=1,
            ) from None
        self._signature = _signature(self.path)

    @contextlib.contextmanager
    def locked(self) -> Iterator[Library]:
        """Hold the library's lock for a read-merge-save, re-reading what others saved."""
        from filelock import FileLock, Timeout  # only writers lock: `list` never pays for it

        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            lock = FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT_S)
            lock.acquire()
        except Timeout:
            raise UserError(
                f"the library {self.directory} is busy (another readinglist is importing); "
                "try again in a moment",
                exit_code=1,
            ) from None
        except OSError as error:
            raise UserError(
                f"cannot use the library directory {self.directory}: {error.strerror}; "
                "pass --library DIR to use another one",
                exit_code=1,
            ) from None
        try:
            remove_stale_temp_files(self.path)
            self.reload_if_changed()
            yield self
        finally:
            lock.release()

    # -- lookup ---------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.papers)

    def get(self, paper_id: str) -> Paper | None:
        return self._by_id.get(paper_id)

    def resolve(self, id_or_prefix: str) -> Paper:
        """The paper with this id, alias, or unique id prefix; a one-line error otherwise."""
        key = id_or_prefix.strip().lower()
        paper = self._by_id.get(key)
        if paper is not None:
            return paper
        if len(key) >= 4:
            matches = self._with_prefix(key)
            if len(matches) == 1:
                return next(iter(matches.values()))
            if len(matches) > 1:
                raise UserError(
                    f"paper id {id_or_prefix!r} is ambiguous ({len(matches)} papers start "
                    "with it); type more of the id"
                )
        raise UserError(
            f"no paper with id {id_or_prefix!r} in the library {self.directory}; "
            "`readinglist list` shows the ids"
        )

    def _with_prefix(self, prefix: str) -> dict[str, Paper]:
        """Papers whose id or alias starts with `prefix`: a binary search in the sorted keys
        (5,000 prefixes over 100,000 papers in milliseconds, not a scan each)."""
        stamp = (id(self._by_id), len(self._by_id))  # ids are only ever added, or reindexed
        if self._prefix_index is None or self._prefix_index[0] != stamp:
            self._prefix_index = (stamp, sorted(self._by_id))
        keys = self._prefix_index[1]
        matches: dict[str, Paper] = {}
        for position in range(bisect.bisect_left(keys, prefix), len(keys)):
            if not keys[position].startswith(prefix):
                break
            paper = self._by_id[keys[position]]
            matches[paper.id] = paper
        return matches

    # -- importing ------------------------------------------------------------------------

    def import_papers(self, parsed: Iterable[ParsedPaper], source: str = "") -> ImportReport:
        """Merge parsed papers in: a paper already known gains the new page's fields."""
        from readinglist.papers import merge  # with rapidfuzz: loaded for importing only

        merge_into = merge.merge_into
        report = ImportReport(source=source)
        for item in parsed:
            if not item.title.strip():
                report.skipped += 1  # never stored untitled: id-only papers are filled first
                continue
            existing = self._by_arxiv.get(item.arxiv_id) if item.arxiv_id else None
            if existing is None:
                existing = self._matcher.find(item.title)
            if existing is None:
                self._add(item, merge)
                report.added += 1
            elif merge_into(existing, item):
                report.merged += 1
                self._remember_variant(existing, item.title)
                if existing.arxiv_id:
                    self._by_arxiv.setdefault(existing.arxiv_id, existing)
            else:
                report.skipped += 1
        return report

    def _add(self, item: ParsedPaper, merge: ModuleType) -> Paper:
        paper_id = merge.new_paper_id(item.title, self._by_id)
        paper = merge.paper_from_parsed(paper_id, item, added=self._next_added)
        self._next_added += 1
        self.papers.append(paper)
        self._by_id[paper.id] = paper
        if paper.arxiv_id:
            self._by_arxiv.setdefault(paper.arxiv_id, paper)
        self._matcher.add(paper.title, paper)
        return paper

    @property
    def _matcher(self) -> TitleMatcher:
        """Built on the first import only: opening the library for reading never pays for it."""
        if self._title_matcher is None:
            from readinglist.papers.merge import TitleMatcher

            self._title_matcher = TitleMatcher()
            for paper in self.papers:
                self._title_matcher.add(paper.title, paper)
        return self._title_matcher

    def _remember_variant(self, paper: Paper, title: str) -> None:
        for alias in paper.aliases:
            self._by_id.setdefault(alias, paper)
        self._matcher.add(title, paper)

    def mark_import(self, first_added: int) -> None:
        """The papers added since `first_added` are the latest import (`is:new`), if any."""
        if self._next_added > first_added:
            self.last_import = (first_added, self._next_added)

    def is_new(self, paper: Paper) -> bool:
        """Whether the latest import added `paper` (`is:new`)."""
        span = self.last_import
        return span is not None and span[0] <= paper.added < span[1]

    def by_arxiv_id(self, arxiv_id: str) -> Paper | None:
        """The paper a page or a lookup tied to this arXiv id (without version)."""
        return self._by_arxiv.get(arxiv_id)

    def _reindex(self) -> None:
        self._by_id = {paper.id: paper for paper in self.papers}
        self._by_arxiv = {p.arxiv_id: p for p in reversed(self.papers) if p.arxiv_id}
        self._title_matcher = None
        for paper in self.papers:
            for alias in paper.aliases:
                self._by_id.setdefault(alias, paper)


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        return _signature_of(os.stat(path))
    except OSError:
        return None


def _signature_of(stat: os.stat_result) -> tuple[int, int, int]:
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


# -- importing pages ------------------------------------------------------------------------

SAMPLE_FOLDER = "sample_pages"
SAMPLE_PREFIX = "sample/"


def source_name(path: str) -> str:
    """How a page is remembered among a paper's sources: stdin, or the file's absolute path."""
    return "stdin" if path == "-" else os.path.abspath(path)


def import_files(
    library: Library,
    paths: Iterable[str],
    *,
    as_of=None,
    fmt: str | None = None,
    prepare: Callable[[list[ParsedPaper]], tuple[list[ParsedPaper], list[str]]] | None = None,
    refused: list[str] | None = None,
) -> list[ImportReport]:
    """Parse every file first (a bad file stops the import before anything changes), then merge.

    With `refused` given, a file that cannot be read or holds no listing does not stop the
    others: its one-line reason is added to `refused` and the good files are imported.
    `prepare(papers) -> (papers, warnings)` runs on each file's papers before the library is
    locked: the CLI fills papers known only by their arXiv id there (arxiv.by_id).
    """
    from readinglist.parsing import parse_file

    parsed = []
    with paused_gc():
        for path in paths:
            try:
                parsed.append((path, parse_file(path, as_of=as_of, fmt=fmt)))
            except UserError as error:
                if refused is None:
                    raise
                refused.append(error.message)
    if not parsed:
        return []
    if prepare is not None:
        parsed = [(path, _prepared(result, prepare)) for path, result in parsed]
    reports = []
    with library.locked(), paused_gc():
        first_added = library._next_added
        for path, result in parsed:
            source = source_name(path)
            for item in result.papers:
                item.source = source
            report = library.import_papers(result.papers, source=path)
            report.warnings = list(result.warnings)
            reports.append(report)
        library.mark_import(first_added)
        library.save()
    return reports


def _prepared(result, prepare):
    papers, notes = prepare(result.papers)
    return result._replace(papers=papers, warnings=[*result.warnings, *notes])


def sample_pages() -> list[tuple[str, str, str]]:
    """The bundled sample pages: (name, text, capture date) for each."""
    import datetime
    from importlib import resources

    folder = resources.files("readinglist").joinpath(SAMPLE_FOLDER)
    captured = orjson.loads(folder.joinpath("captured.json").read_bytes())
    pages = []
    for name in sorted(k for k in captured if not k.startswith("_")):
        text = folder.joinpath(name).read_text(encoding="utf-8")
        pages.append((name, text, datetime.date.fromisoformat(captured[name])))
    return pages


def load_sample(library: Library) -> list[ImportReport]:
    """Import the bundled sample pages, each with the year it was captured in."""
    from readinglist.parsing import parse_text

    reports = []
    with library.locked():
        first_added = library._next_added
        for name, text, captured in sample_pages():
            source = SAMPLE_PREFIX + name
            result = parse_text(text, source, as_of=captured)
            reports.append(library.import_papers(result.papers, source=source))
        library.mark_import(first_added)
        library.save()
    return reports
