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
from readinglist.papers.present import fill_from_arxiv
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

_WORD_BREAK = re.compile(r"[\s\-/:]+")
_NON_LETTER = re.compile(r"[^a-z]+")
_YEAR = re.compile(r"^\d{4}(?:-|$)")
_SUFFIX_LIKE = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "phd"})


def citation_keys(library: Sequence[Paper], arxiv: Mapping[str, ArxivRecord]) -> dict[str, str]:
    """paper id -> key, unique over `library` (pass every paper, not only those exported)."""
    by_base: dict[str, list[Paper]] = {}
    for paper in library:
        by_base.setdefault(base_key(paper, arxiv.get(paper.id)), []).append(paper)
    keys: dict[str, str] = {}
    taken = set(by_base)
    for base, papers in by_base.items():
        if len(papers) == 1:
            keys[papers[0].id] = base
            continue
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


def base_key(paper: Paper, record: ArxivRecord | None = None) -> str:
    """First author's family name + year + first significant title word, ASCII letters only.

    The author and year are the ones an export shows (arXiv's when the page had none); this
    runs over the whole library on every export, so it reads only what it needs."""
    authors = paper.authors
    if (not authors or paper.authors_truncated) and record is not None:
        authors = fill_from_arxiv(paper, record).authors
    first = next((a for a in authors if a.strip()), None)
    if first is not None:
        who = _letters(_family(first))
    else:
        who = _letters(paper.organization.split()[0]) if paper.organization else ""
    date = paper.date or (record.published if record is not None else None)
    year = date[:4] if isinstance(date, str) and _YEAR.match(date) else "nd"
    words = _WORD_BREAK.split(fold(paper.title))
    letters = [_NON_LETTER.sub("", w) for w in words]
    word = next((w for w in letters if w and w not in _STOPWORDS), "") or next(
        (w for w in letters if w), "untitled"
    )
    return f"{who or 'anon'}{year}{word}"


def _family(name: str) -> str:
    words = name.split()
    if "," in name or len(words) < 2 or words[-1].strip(".").lower() in _SUFFIX_LIKE:
        return surname(name)
    return words[-1]


def _letters(text: str) -> str:
    return _NON_LETTER.sub("", fold(text))


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
