"""A reading list as RIS, the tagged format Zotero, EndNote, Mendeley and rispy read.

Every value sits on its one `XX  - ` line: RIS has no escaping, and a line break inside a value
would let the next line pass for a tag (`ER  - ` ends the record). So titles and abstracts are
one line, a note gives one `N1` per line, and `;` in a URL is percent-encoded (readers split
`UR` on it). Unicode stays UTF-8; control characters and bidi overrides are gone.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from readinglist.export.names import split_name
from readinglist.papers.models import EMPTY_STATE, ArxivRecord, Paper, PaperState
from readinglist.papers.present import PaperView, clean_text, one_line, view_of


def render_ris(
    papers: Sequence[Paper],
    states: Mapping[str, PaperState],
    arxiv: Mapping[str, ArxivRecord],
    *,
    keys: Mapping[str, str],
    abstracts: bool = True,
) -> str:
    records = []
    for paper in papers:
        view = view_of(paper, arxiv.get(paper.id))
        state = states.get(paper.id, EMPTY_STATE)
        lines = [
            f"{tag}  - {value}" for tag, value in _fields(view, keys[paper.id], state, abstracts)
        ]
        records.append("\n".join([*lines, "ER  - ", ""]))
    return "\n".join(records)


def _fields(
    view: PaperView, key: str, state: PaperState, abstracts: bool
) -> Iterator[tuple[str, str]]:
    paper = view.paper
    if paper.journal_ref:
        yield "TY", "JOUR"
    elif paper.venue and not view.arxiv_id:
        yield "TY", "CONF"
    else:
        yield "TY", "UNPB"  # a preprint: "unpublished work"
    yield "ID", key
    yield "TI", one_line(paper.title)
    for name in paper.authors:
        if one_line(name):
            yield "AU", _author(name)
    if not paper.authors and one_line(paper.organization or ""):
        yield "AU", one_line(paper.organization or "")
    parts = view.date_parts
    if parts:
        yield "PY", f"{parts[0]:04d}"
        yield "DA", "/".join(f"{p:02d}" for p in parts) + "/" * (4 - len(parts))
    container = one_line(paper.journal_ref or paper.venue or "")
    if container:
        yield "T2", container
    if abstracts and one_line(paper.abstract):
        yield "AB", one_line(paper.abstract)
    if view.abs_url:
        yield "UR", view.abs_url.replace(";", "%3B")
    if view.pdf_url:
        yield "L1", view.pdf_url.replace(";", "%3B")
    if view.doi:
        yield "DO", view.doi
    if view.arxiv_id:
        yield "PB", "arXiv"
        yield "AN", f"arXiv:{view.arxiv_id}"
    for tag in state.tags:
        if one_line(tag):
            yield "KW", one_line(tag)
    for line in clean_text(state.notes).split("\n"):
        if line.strip():
            yield "N1", " ".join(line.split())


def _author(name: str) -> str:
    """`Family, Given[, Suffix]`: the form every RIS reader splits correctly."""
    person = split_name(name)
    parts = [person.family_with_particle, person.given, person.suffix]
    while len(parts) > 1 and not parts[-1]:
        parts.pop()
    return ", ".join(parts)
