"""A reading list as CSL-JSON: the items pandoc, Typst, citeproc processors and Zotero read.

One item per paper, `id` = its BibTeX key (export.keys), so `@kingma2014adam` cites the same
paper from a .bib or a .json. arXiv preprints follow Zotero's mapping for preprints: type
`article`, `publisher` "arXiv", `number` "arXiv:ID". Unicode is kept as is (JSON is UTF-8);
control characters and bidi overrides are gone, as in every export.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from readinglist.export.names import split_name
from readinglist.papers.models import EMPTY_STATE, ArxivRecord, Paper, PaperState
from readinglist.papers.present import PaperView, one_line, view_of


def render_csl_json(
    papers: Sequence[Paper],
    states: Mapping[str, PaperState],
    arxiv: Mapping[str, ArxivRecord],
    *,
    keys: Mapping[str, str],
    abstracts: bool = True,
) -> str:
    items = [
        csl_item(view_of(p, arxiv.get(p.id)), keys[p.id], states.get(p.id, EMPTY_STATE), abstracts)
        for p in papers
    ]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def csl_item(view: PaperView, key: str, state: PaperState, abstracts: bool) -> dict[str, Any]:
    paper = view.paper
    container = one_line(paper.journal_ref or paper.venue or "")
    item: dict[str, Any] = {
        "id": key,
        "type": "article-journal" if paper.journal_ref and not view.arxiv_id else "article",
        "title": one_line(paper.title),
    }
    authors = _authors(paper)
    if authors:
        item["author"] = authors
    if view.date_parts:
        item["issued"] = {"date-parts": [view.date_parts]}
    if abstracts and one_line(paper.abstract):
        item["abstract"] = one_line(paper.abstract)
    if container:
        item["container-title"] = container
    if view.arxiv_id:
        item["publisher"] = "arXiv"
        item["number"] = f"arXiv:{view.arxiv_id}"
        item["archive"] = "arXiv"
    if view.doi:
        item["DOI"] = view.doi
    if view.abs_url:
        item["URL"] = view.abs_url
    tags = [one_line(t) for t in state.tags if one_line(t)]
    if tags:
        item["keyword"] = ", ".join(tags)
    return item


def _authors(paper: Paper) -> list[dict[str, str]]:
    names = []
    for name in paper.authors:
        if not one_line(name):
            continue
        person = split_name(name)
        entry = {"family": person.family, "given": person.given}
        if person.particle:
            entry["non-dropping-particle"] = person.particle
        if person.suffix:
            entry["suffix"] = person.suffix
        names.append({k: v for k, v in entry.items() if v})
    if not names and one_line(paper.organization or ""):
        names.append({"literal": one_line(paper.organization or "")})
    return names
