"""A reading list as BibTeX: one `@misc` entry per paper, under its stable key (export.keys).

Every entry is `@misc`: arXiv gives at most a DOI, never the journal, and `@article` without
a `journal` field makes BibTeX warn and print a broken reference. The DOI still goes in.

Titles are wrapped in double braces so bibliography styles keep their capitals exactly as
printed (`{{GPT-4 Beats BERT}}`). Text is escaped for LaTeX (ligatures such as `--` broken up
with `{}`, so the text typesets as printed on the page); braces become
`\\textbraceleft{}`/`\\textbraceright{}`, because BibTeX counts `\\{` as a brace too and one
unbalanced brace in a title would swallow the rest of the file. Non-ASCII stays UTF-8.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from readinglist.export.keys import citation_keys
from readinglist.export.sources import source_label
from readinglist.papers.models import EMPTY_STATE, ArxivRecord, Paper, PaperState
from readinglist.papers.present import PaperView, one_line, view_of

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

_LATEX = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\textbraceleft{}",
        "}": r"\textbraceright{}",
        "%": r"\%",
        "&": r"\&",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
        "`": r"\textasciigrave{}",
    }
)
# `--`, `''`, `,,`, `<<`, `>>` are LaTeX ligatures (dash, quotes, guillemets): an empty group
# between the two characters keeps the text as printed on the page.
_LIGATURE = re.compile(r"([-',<>])(?=\1)")
_AND = re.compile(r"(^|\s)and(\s|$)", re.IGNORECASE)


def latex_escape(text: str) -> str:
    """`text` on one line, with every BibTeX/LaTeX special character escaped."""
    return _LIGATURE.sub(r"\1{}", one_line(text).translate(_LATEX))


def render_bibtex(
    papers: Sequence[Paper],
    arxiv: Mapping[str, ArxivRecord],
    *,
    abstracts: bool = False,
    states: Mapping[str, PaperState] | None = None,
    keys: Mapping[str, str] | None = None,
) -> str:
    """One entry per paper, in the given order. `keys` (from `citation_keys` over the whole
    library) keep each paper's key the same in every export; without them the keys are
    unique among `papers` only. Tags go in `keywords` when `states` are given."""
    keys = keys if keys is not None else citation_keys(papers, arxiv)
    states = states or {}
    return "\n".join(
        _entry(
            view_of(paper, arxiv.get(paper.id)),
            keys[paper.id],
            states.get(paper.id, EMPTY_STATE),
            abstracts,
        )
        for paper in papers
    )


def _entry(view: PaperView, key: str, state: PaperState, abstracts: bool) -> str:
    paper = view.paper
    fields = [
        ("author", _author_field(paper)),
        ("title", "{" + latex_escape(paper.title) + "}"),
        ("year", view.year),
        ("month", MONTHS[view.month - 1] if view.month else None),
        ("howpublished", latex_escape(paper.journal_ref or paper.venue or "")),
    ]
    if view.arxiv_id:
        fields += [("eprint", view.arxiv_id), ("archivePrefix", "arXiv")]
        fields.append(("primaryClass", view.primary_category))
    fields.append(("doi", view.doi))
    fields.append(("url", view.abs_url))
    tags = [latex_escape(t) for t in state.tags if one_line(t)]
    fields.append(("keywords", ", ".join(tags)))
    sources = [latex_escape(source_label(s)) for s in paper.sources if s.strip()]
    fields.append(("note", "Listed in " + "; ".join(sources) if sources else None))
    if abstracts:
        fields.append(("abstract", latex_escape(paper.abstract)))
    lines = [f"@misc{{{key},"]
    for name, value in fields:
        if not value:
            continue
        # Month names are BibTeX's predefined macros: unbraced, so styles can localize them.
        shown = value if name == "month" else "{" + value + "}"
        lines.append(f"  {name} = {shown},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _author_field(paper: Paper) -> str | None:
    """`A and B and others`; an organization as one braced corporate name; None for a count."""
    names = [_person(a) for a in paper.authors if one_line(a)]
    if names:
        if paper.authors_truncated:
            names.append("others")
        return " and ".join(names)
    organization = latex_escape(paper.organization or "")
    return "{" + organization + "}" if organization else None


def _person(name: str) -> str:
    escaped = latex_escape(name)
    # A name containing the word "and" would split into two authors, and a lone "others"
    # means "et al." to BibTeX; braces keep them one literal name. So does a name starting
    # with an escape, which bibtexparser's name splitter misreads.
    literal = _AND.search(escaped) or escaped.lower() == "others" or escaped.startswith("\\")
    return "{" + escaped + "}" if literal else escaped
