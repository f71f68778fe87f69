"""The export formats by name, and one call that renders papers in any of them.

Both faces use this: `readinglist export --format NAME` and the app's format choice behind `e`
(`formats()` lists what to offer, `export_papers()` gives the bytes to write).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from readinglist.errors import UserError
from readinglist.export.bibtex import render_bibtex
from readinglist.export.csl_json import render_csl_json
from readinglist.export.csv_export import render_csv
from readinglist.export.keys import citation_keys
from readinglist.export.markdown import render_markdown
from readinglist.export.ris import render_ris
from readinglist.papers.models import ArxivRecord, Paper, PaperState


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str  # what --format and the config's `format` take
    extension: str  # without the dot
    label: str  # for a menu


FORMATS = (
    ExportFormat("md", "md", "Markdown reading list"),
    ExportFormat("bibtex", "bib", "BibTeX (LaTeX)"),
    ExportFormat("csl-json", "json", "CSL-JSON (pandoc, Typst, Zotero)"),
    ExportFormat("ris", "ris", "RIS (Zotero, EndNote, Mendeley)"),
    ExportFormat("csv", "csv", "CSV (spreadsheets)"),
)
ALIASES = {"markdown": "md", "bib": "bibtex", "csl": "csl-json", "csljson": "csl-json"}
_BY_NAME = {f.name: f for f in FORMATS}


def formats() -> tuple[ExportFormat, ...]:
    return FORMATS


def format_names() -> list[str]:
    return [f.name for f in FORMATS] + list(ALIASES)


def format_of(name: str) -> ExportFormat:
    """The format called `name` (or an alias: markdown, bib, csl); UserError for anything else."""
    key = name.strip().lower()
    found = _BY_NAME.get(ALIASES.get(key, key))
    if found is None:
        known = ", ".join(f.name for f in FORMATS)
        raise UserError(f"unknown export format {name!r}: use one of {known}")
    return found


def export_papers(
    papers: Sequence[Paper],
    states: Mapping[str, PaperState],
    arxiv: Mapping[str, ArxivRecord],
    fmt: str,
    *,
    library: Sequence[Paper] | None = None,
    query: str = "",
    today: date | None = None,
    abstracts: bool | None = None,
    group_by: str | None = None,
) -> bytes:
    """`papers` (filtered and sorted already) in format `fmt`, as UTF-8 bytes to write.

    `library` is every paper of the library: citation keys are made unique over it, so a
    paper's key is the same whatever else is exported. `abstracts` defaults to off for
    Markdown and BibTeX (a list to read, a .bib to cite) and on for the reference-manager
    formats. `query`, `today` and `group_by` shape the Markdown title and headings.
    """
    name = format_of(fmt).name
    if name == "md":
        text = render_markdown(
            papers,
            states,
            arxiv,
            query=query,
            today=today or date.today(),
            abstracts=bool(abstracts),
            group_by=group_by,
        )
        return text.encode("utf-8")
    if name == "csv":
        return render_csv(papers, states, arxiv).encode("utf-8")
    keys = citation_keys(library if library is not None else papers, arxiv)
    if name == "bibtex":
        text = render_bibtex(papers, arxiv, abstracts=bool(abstracts), states=states, keys=keys)
    elif name == "csl-json":
        text = render_csl_json(papers, states, arxiv, keys=keys, abstracts=abstracts is not False)
    else:
        text = render_ris(papers, states, arxiv, keys=keys, abstracts=abstracts is not False)
    return text.encode("utf-8")
