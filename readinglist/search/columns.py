"""The papers' searchable fields, folded once into lists ("columns") indexed like the papers.

A column is built on first use, so a one-shot `readinglist list` pays only for the fields its
query touches.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol

from readinglist.papers.models import Paper
from readinglist.textnorm import fold

SEPARATOR = "\x1f"  # between title, authors and abstract: no term spans two


class HasColumns(Protocol):
    papers: Sequence[Paper]

    def _column(self, name: str) -> list: ...


def folded_texts(heads: list[str], plain: list[str], odd: dict[int, str]) -> Iterator[str]:
    """Each paper's folded `title SEP people SEP abstract`, one at a time (for the word index)."""
    for i, head in enumerate(heads):
        folded = odd.get(i)
        yield f"{head}{SEPARATOR}{plain[i].lower() if folded is None else folded}"


def _people(paper: Paper) -> str:
    """Authors and organization, separated, so a term cannot span two."""
    names = paper.authors
    if paper.organization:
        names = [*names, paper.organization]
    return SEPARATOR.join(names)


_ASCII_OR_NOT = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")


def fast_fold(text: str) -> str:
    """textnorm.fold, fast on long text with a few accents: fold works char by char
    (casefold, decompose, drop marks), so folding the ASCII and other runs apart is the same,
    and only the short non-ASCII runs take the slow path."""
    if text.isascii():
        return text.lower()
    return "".join(
        run.lower() if run.isascii() else fold(run) for run in _ASCII_OR_NOT.findall(text)
    )


def _heads(index: HasColumns) -> list[str]:
    """Folded `title SEP people` per paper: short, so kept for every paper."""
    return [
        f"{fast_fold(p.title.replace(SEPARATOR, ' '))}{SEPARATOR}{fast_fold(_people(p))}"
        for p in index.papers
    ]


def _abstracts(index: HasColumns) -> dict[str, list | dict]:
    """Each ASCII abstract itself (lower() folds it), "" for the others; and the others
    folded, by index (a few: keeping them folded costs little)."""
    plain, odd = [], {}
    for i, p in enumerate(index.papers):
        abstract = p.abstract
        if abstract.isascii():
            plain.append(abstract)
        else:
            plain.append("")
            odd[i] = fast_fold(abstract)
    return {"ascii_abstracts": plain, "odd_abstracts": odd}


def _split_heads(index: HasColumns) -> dict[str, list]:
    titles, people = [], []
    for head in index._column("title_authors"):
        title, _, names = head.partition(SEPARATOR)
        titles.append(title)
        people.append(names)
    return {"titles": titles, "people": people}


def _dates(index: HasColumns) -> list[str | None]:
    return [p.date or None for p in index.papers]


def _years(index: HasColumns) -> list[int | None]:
    dates = [p.date for p in index.papers]
    year_of = {d: int(d[:4]) if d and d[:4].isdecimal() else None for d in set(dates)}
    return list(map(year_of.__getitem__, dates))


BUILDERS: dict[str, Callable[[HasColumns], list | dict[str, list | dict]]] = {
    "ids": lambda index: [p.id for p in index.papers],
    "title_authors": _heads,
    "ascii_abstracts": _abstracts,
    "odd_abstracts": _abstracts,
    "titles": _split_heads,
    "people": _split_heads,
    "orgs": lambda index: [fast_fold(p.organization or "") for p in index.papers],
    # a cross-listed paper is found under every category it is listed in
    "cats": lambda index: [
        fast_fold(SEPARATOR.join([p.category or "", *p.subjects])) for p in index.papers
    ],
    "venues": lambda index: [
        fast_fold(SEPARATOR.join(filter(None, (p.venue, p.journal_ref)))) for p in index.papers
    ],
    "arxiv_ids": lambda index: [p.arxiv_id or "" for p in index.papers],
    "sources": lambda index: [fast_fold(SEPARATOR.join(p.sources)) for p in index.papers],
    "date": _dates,
    "year": _years,
    "upvotes": lambda index: [p.upvotes for p in index.papers],
}

TEXT_COLUMNS = {
    "title": "titles",
    "author": "people",
    "org": "orgs",
    "cat": "cats",
    "source": "sources",
    "venue": "venues",
    "arxiv": "arxiv_ids",
}
LOWEST: dict[str, int | str] = {"year": -(10**9), "upvotes": -(10**18), "date": ""}
HIGHEST: dict[str, int | str] = {"year": 10**9, "upvotes": 10**18, "date": "\uffff"}
