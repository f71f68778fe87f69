"""Files that keep themselves up to date: the config's `[[auto_export]]` tables.

    [[auto_export]]
    query = "is:starred"
    format = "bibtex"
    path = "~/thesis/starred.bib"

After a change (a star, a tag, a note, an import, a fetch) each file is rendered again and
replaced atomically, only when its content changed, so a LaTeX build or a Zotero folder watch
sees a new file exactly when there is something new. The CLI calls `refresh` after every
command that changes the library; the app calls it from a worker, debounced, never on the
keystroke path. A file that cannot be written is one line in the result; the change that
triggered it has happened all the same.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from readinglist.atomicfile import atomic_write_bytes
from readinglist.config import AutoExport
from readinglist.errors import UserError
from readinglist.export.formats import export_papers, format_of
from readinglist.papers.models import ArxivRecord, Paper, PaperState


@dataclass(frozen=True, slots=True)
class AutoExportResult:
    path: Path
    written: bool  # False: unchanged, or failed (then `problem` says why)
    problem: str | None = None


# select(query) -> the papers it matches, in export order: the service's one pipeline.
Select = Callable[[str], Sequence[Paper]]


def refresh(
    exports: Sequence[AutoExport],
    select: Select,
    papers: Sequence[Paper],
    states: Mapping[str, PaperState],
    arxiv: Mapping[str, ArxivRecord],
    *,
    today: date | None = None,
    relative_to: Path | None = None,
) -> list[AutoExportResult]:
    """Rewrite each auto-export whose content changed; never raises for one bad entry.

    `select` picks an export's papers by its query (LibraryService.select: saved searches and
    every flag work as in `readinglist export`); `papers` is the whole library (keys are unique
    over it). A relative `path` is taken from `relative_to` (the config file's directory),
    not from wherever the command happens to run.
    """
    results = []
    for export in exports:
        if relative_to is not None and not export.path.is_absolute():
            export = replace(export, path=relative_to / export.path)
        try:
            results.append(_refresh_one(export, select, papers, states, arxiv, today))
        except UserError as error:
            results.append(AutoExportResult(export.path, False, _problem(export, error.message)))
    return results


def problems(results: Sequence[AutoExportResult]) -> list[str]:
    return [r.problem for r in results if r.problem]


def _refresh_one(
    export: AutoExport,
    select: Select,
    papers: Sequence[Paper],
    states: Mapping[str, PaperState],
    arxiv: Mapping[str, ArxivRecord],
    today: date | None,
) -> AutoExportResult:
    fmt = format_of(export.format).name
    chosen = select(export.query)  # a bad query is a QueryError (a UserError)
    data = export_papers(
        list(chosen),
        states,
        arxiv,
        fmt,
        library=papers,
        query=export.query,
        today=today,
    )
    path = Path(export.path)
    try:
        if path.read_bytes() == data:
            return AutoExportResult(path, False)
    except OSError:
        pass  # missing or unreadable: write it
    if path.is_dir():
        raise UserError("it is a directory; give a file name")
    if not path.parent.is_dir():
        raise UserError(f"directory {path.parent} does not exist; create it")
    try:
        atomic_write_bytes(path, data, public=True)
    except OSError as error:
        raise UserError(error.strerror or str(error)) from error
    return AutoExportResult(path, True)


def _problem(export: AutoExport, reason: str) -> str:
    return (
        f"auto-export {export.path} not updated: {reason}; "
        "fix the [[auto_export]] entry in the config file or the path"
    )
