"""A reading list as CSV: one row per paper under a header row, for a spreadsheet.

Quoting is the csv module's (RFC 4180, CRLF rows), so commas, quotes and the line breaks of a
note survive. The file starts with a byte-order mark, so Excel reads it as UTF-8 rather than
mangling `Łukasz`. A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first)
gets a leading `'`, which spreadsheets show as text: a title must never run a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from readinglist.papers.models import EMPTY_STATE, ArxivRecord, Paper, PaperState
from readinglist.papers.present import clean_text, one_line, view_of

HEADER = ("id", "title", "authors", "date", "arXiv id", "links", "starred", "read", "tags", "notes")
BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@")


def render_csv(
    papers: Sequence[Paper], states: Mapping[str, PaperState], arxiv: Mapping[str, ArxivRecord]
) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for paper in papers:
        view = view_of(paper, arxiv.get(paper.id))
        state = states.get(paper.id, EMPTY_STATE)
        filled = view.paper
        authors = [one_line(a) for a in filled.authors if one_line(a)]
        if filled.authors_truncated:
            authors.append("et al.")
        if not authors and filled.organization:
            authors = [one_line(filled.organization)]
        links = [u for u in (view.abs_url, view.pdf_url) if u]
        row = [
            paper.id,
            one_line(filled.title),
            "; ".join(authors),
            view.date or one_line(filled.date_text or ""),
            view.arxiv_id or "",
            " ".join(links),
            "yes" if state.starred else "no",
            "yes" if state.read else "no",
            "; ".join(one_line(t) for t in state.tags if one_line(t)),
            clean_text(state.notes).strip("\n"),
        ]
        writer.writerow([_text_cell(cell) for cell in row])
    return BOM + out.getvalue()


def _text_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value
