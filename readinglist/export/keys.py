"""Citation keys that stay put: `kingma2014adam`, the same for a paper in every export.

A key is the first author's family name, the year and the first significant title word, folded
to ASCII letters. Papers sharing that base are told apart among the WHOLE library, never just
the exported few: the one that entered the library first keeps the bare key, later ones get
`a`, `b`, ... in the order they were added. Importing or exporting other papers therefore never
changes a key a LaTeX document already cites.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from readinglist.export.names import surname
from readinglist.papers.models import ArxivRecord, Paper
from readinglist.papers.present import PaperView, view_of
from readinglist.textnorm import fold

# Words a title often starts with that say nothing about the paper.
_STOPWORDS = frozenset(
    re.findall(
        r"\w+",
        "a an the on of in for to and or with from by at as is are be do does can via towards"
        " toward how what when why where which who your our we you it its this that these those"
        " not",
    )
)


def citation_keys(library: Sequence[Paper], arxiv: Mapping[str, ArxivRecord]) -> dict[str, str]:
    """paper id -> key, unique over `library` (pass every paper, not only those exported)."""
    by_base: dict[str, list[Paper]] = {}
    for paper in library:
        base = base_key(view_of(paper, arxiv.get(paper.id)))
        by_base.setdefault(base, []).append(paper)
    keys: dict[str, str] = {}
    taken = set(by_base)
    for base, papers in by_base.items():
        papers = sorted({p.id: p for p in papers}.values(), key=lambda p: (p.added, p.id))
        keys[papers[0].id] = base
        suffixes = _suffixes()
        for paper in papers[1:]:
            key = base + next(suffixes)
            while key in taken:  # `smith2024deepa` may be another paper's bare key
                key = base + next(suffixes)
            taken.add(key)
            keys[paper.id] = key
    return keys


def base_key(view: PaperView) -> str:
    """First author's family name + year + first significant title word, ASCII letters only."""
    paper = view.paper
    if paper.authors:
        who = _letters(surname(paper.authors[0]))
    else:
        who = _letters((paper.organization or "").split()[0] if paper.organization else "")
    words = [_letters(w) for w in re.split(r"[\s\-/:]+", paper.title)]
    word = next((w for w in words if w and w not in _STOPWORDS), "") or next(
        (w for w in words if w), "untitled"
    )
    return f"{who or 'anon'}{view.year or 'nd'}{word}"


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", fold(text))


def _suffixes() -> Iterator[str]:
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
