"""A reading list as BibTeX: one `@misc` entry per paper, keyed `surname` + year + title word.

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
from collections.abc import Iterable, Mapping, Sequence

from readinglist.export.details import PaperDetails, details_of, source_label
from readinglist.papers.models import ArxivRecord, Paper
from readinglist.textnorm import fold

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
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_ARXIV_ID = re.compile(r"^(\d{4}\.\d{4,5}|[a-z][a-z.-]*/\d{7})$", re.IGNORECASE)
_CATEGORY = re.compile(r"^[a-z-]+(\.[a-z-]+)?$", re.IGNORECASE)
_DOI = re.compile(r"^10\.\d{4,9}/[^\s{}\\\"]+$")
_AND = re.compile(r"(^|\s)and(\s|$)", re.IGNORECASE)
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd"})
# Words a title often starts with that say nothing about the paper.
_STOPWORDS = frozenset(
    re.findall(
        r"\w+",
        "a an the on of in for to and or with from by at as is are be do does can via towards"
        " toward how what when why where which who your our we you it its this that these those"
        " not",
    )
)


def latex_escape(text: str) -> str:
    """`text` on one line, with every BibTeX/LaTeX special character escaped."""
    escaped = " ".join(_CONTROL.sub(" ", text).split()).translate(_LATEX)
    return _LIGATURE.sub(r"\1{}", escaped)


def render_bibtex(
    papers: Sequence[Paper], arxiv: Mapping[str, ArxivRecord], *, abstracts: bool = False
) -> str:
    """One entry per paper, in the given order; keys unique within the export."""
    keys = citation_keys(papers, arxiv)
    entries = [
        _entry(paper, keys[paper.id], details_of(paper, arxiv), abstracts) for paper in papers
    ]
    return "\n".join(entries)


def citation_keys(papers: Sequence[Paper], arxiv: Mapping[str, ArxivRecord]) -> dict[str, str]:
    """paper id -> key. Papers sharing a base key get a, b, c... in order of their stable id,
    so the keys do not depend on how the export was sorted."""
    by_base: dict[str, list[str]] = {}
    for paper in papers:
        base = base_key(paper, details_of(paper, arxiv))
        ids = by_base.setdefault(base, [])
        if paper.id not in ids:
            ids.append(paper.id)
    keys: dict[str, str] = {}
    taken = {base for base, ids in by_base.items() if len(ids) == 1}
    for base, ids in by_base.items():
        if len(ids) == 1:
            keys[ids[0]] = base
            continue
        suffixes = _suffixes()
        for paper_id in sorted(ids):
            key = base + next(suffixes)
            while key in taken:
                key = base + next(suffixes)
            taken.add(key)
            keys[paper_id] = key
    return keys


def base_key(paper: Paper, details: PaperDetails) -> str:
    """First author's surname + year + first significant title word, ASCII letters only."""
    if details.authors:
        who = _letters(surname(details.authors[0]))
    else:
        who = _letters((paper.organization or "").split()[0] if paper.organization else "")
    words = [_letters(w) for w in re.split(r"[\s\-/:]+", paper.title)]
    word = next((w for w in words if w and w not in _STOPWORDS), "") or next(
        (w for w in words if w), "untitled"
    )
    return f"{who or 'anon'}{details.year or 'nd'}{word}"


def surname(name: str) -> str:
    """`Last, First` -> Last; `First von Last Jr.` -> Last."""
    name = name.strip()
    if "," in name:
        return name.split(",", 1)[0]
    parts = name.split()
    while len(parts) > 1 and parts[-1].strip(".").lower() in _NAME_SUFFIXES:
        parts.pop()
    return parts[-1] if parts else ""


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", fold(text))


def _suffixes() -> Iterable[str]:
    """a, b, ..., z, aa, ab, ...: as many as a key needs."""
    length = 1
    while True:
        for n in range(26**length):
            digits = []
            for _ in range(length):
                n, d = divmod(n, 26)
                digits.append(chr(ord("a") + d))
            yield "".join(reversed(digits))
        length += 1


def _entry(paper: Paper, key: str, details: PaperDetails, abstracts: bool) -> str:
    fields = [
        ("author", _author_field(paper, details)),
        ("title", "{" + latex_escape(paper.title) + "}"),
        ("year", details.year),
        ("month", MONTHS[details.month - 1] if details.month else None),
    ]
    if details.arxiv_id and _ARXIV_ID.match(details.arxiv_id):
        fields += [("eprint", details.arxiv_id), ("archivePrefix", "arXiv")]
        if details.primary_category and _CATEGORY.match(details.primary_category):
            fields.append(("primaryClass", details.primary_category))
    if details.doi and _DOI.match(details.doi):
        fields.append(("doi", details.doi))
    fields.append(("url", details.abs_url))
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


def _author_field(paper: Paper, details: PaperDetails) -> str | None:
    """`A and B and others`; an organization as one braced corporate name; None for a count."""
    names = [_person(a) for a in details.authors if a.strip()]
    if names:
        if details.authors_truncated:
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
