"""Recognizing the same paper on several pages and combining what each page printed."""

from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Mapping
from operator import attrgetter

from rapidfuzz import fuzz, process

from readinglist.papers.models import PRINTED_FIELDS, Paper, ParsedPaper
from readinglist.textnorm import normalize_title

# Near-identical titles (a typo, a dropped word) merge at this rapidfuzz ratio...
FUZZY_MERGE_RATIO = 95.0
# ...but only titles this long: short titles differ meaningfully by a character or two.
FUZZY_MIN_LENGTH = 24
SHORT_WORD = 3  # words this short (I, II, a, v2) change the meaning when they differ
ID_LENGTH = 10
_DIGITS = re.compile(r"\d+")
_YEAR_IN_TEXT = re.compile(r"\d{4}")


def new_paper_id(title: str, taken: Mapping[str, object]) -> str:
    """A short id derived from the normalized title, so re-imports in any order agree."""
    key = normalize_title(title) or title.strip()
    salt = 0
    while True:
        material = key if salt == 0 else f"{key}#{salt}"
        paper_id = hashlib.blake2b(material.encode(), digest_size=8).hexdigest()[:ID_LENGTH]
        if paper_id not in taken:
            return paper_id
        salt += 1


class TitleMatcher:
    """Finds the library paper a title belongs to: equal after normalizing, or near-identical.

    Fuzzy comparison only runs within blocks of titles sharing their first or last three
    words, and there only against titles of a length that could reach the ratio, which
    keeps importing 100k papers linear instead of quadratic.
    """

    def __init__(self) -> None:
        self._exact: dict[str, Paper] = {}
        # block key -> title length -> normalized titles
        self._blocks: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))

    def add(self, title: str, paper: Paper) -> None:
        key = normalize_title(title)
        if _unspaced(key) in self._exact:
            return
        self._exact[_unspaced(key)] = paper
        if len(key) >= FUZZY_MIN_LENGTH:
            for block in _block_keys(key):
                self._blocks[block][len(key)].append(key)

    def find(self, title: str) -> Paper | None:
        key = normalize_title(title)
        paper = self._exact.get(_unspaced(key))
        if paper is not None or len(key) < FUZZY_MIN_LENGTH:
            return paper
        digits = _DIGITS.findall(key)
        for block in _block_keys(key):
            by_length = self._blocks.get(block)
            if not by_length:
                continue
            candidates = _of_reachable_length(by_length, len(key))
            for candidate, _score, _ in process.extract_iter(
                key, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_MERGE_RATIO
            ):
                if _same_paper(key, candidate, digits):
                    return self._exact[_unspaced(candidate)]
        return None


def _of_reachable_length(by_length: dict[int, list[str]], length: int) -> list[str]:
    """Titles whose length allows the merge ratio: ratio = 200 M / (a + b) % with matches
    M <= min(a, b), so ratio >= r needs min(a, b) / max(a, b) >= r / (200 - r)."""
    low = math.ceil(length * FUZZY_MERGE_RATIO / (200 - FUZZY_MERGE_RATIO))
    high = math.floor(length * (200 - FUZZY_MERGE_RATIO) / FUZZY_MERGE_RATIO)
    return [key for size in range(low, high + 1) for key in by_length.get(size, ())]


def _unspaced(key: str) -> str:
    """Compare without spaces: "Pre-training" and "Pretraining" are one title."""
    return key.replace(" ", "")


def _same_paper(key: str, candidate: str, digits: list[str]) -> bool:
    """Near-identical strings that still name different papers are told apart here.

    "GPT-3 ..." vs "GPT-4 ..." and "DINOv2" vs "DINOv3" differ in a number; "Part I" vs
    "Part II" differ in a short word. A typo or a dropped hyphen in a long word does neither.
    """
    if _DIGITS.findall(candidate) != digits:
        return False
    ours, theirs = set(key.split()), set(candidate.split())
    return all(len(word) > SHORT_WORD for word in ours ^ theirs)


def _block_keys(key: str) -> tuple[str, str]:
    words = key.split()
    return "^" + " ".join(words[:3]), "$" + " ".join(words[-3:])


def paper_from_parsed(paper_id: str, item: ParsedPaper, *, added: int) -> Paper:
    values = _printed_of(item)  # one C-level call: this runs once per imported paper
    paper = Paper(*values, id=paper_id, sources=[item.source] if item.source else [], added=added)
    paper.authors = list(paper.authors)  # the page's lists are copied, not shared
    paper.subjects = list(paper.subjects)
    return paper


_printed_of = attrgetter(*PRINTED_FIELDS)


# Fields kept from the first page that printed them.
_FIRST_SEEN = (
    "organization",
    "category",
    "score",
    "listing_date",
    "arxiv_id",
    "venue",
    "doi",
    "url",
    "comments",
    "journal_ref",
    "section",
)


def merge_into(paper: Paper, item: ParsedPaper) -> bool:
    """Combine one page's view of a paper into the library's; True when anything changed."""
    before = paper.to_dict()
    if item.source and item.source not in paper.sources:
        paper.sources.append(item.source)
    _merge_authors(paper, item)
    if paper.organization is None:
        paper.organization = item.organization
    _merge_abstract(paper, item)
    _merge_date(paper, item)
    if item.upvotes is not None and (paper.upvotes is None or item.upvotes > paper.upvotes):
        paper.upvotes = item.upvotes
    for name in _FIRST_SEEN:
        if getattr(paper, name) is None:
            setattr(paper, name, getattr(item, name))
    for subject in item.subjects:
        if subject not in paper.subjects:
            paper.subjects.append(subject)
    other_id = new_paper_id(item.title, {})
    if other_id != paper.id and other_id not in paper.aliases:
        paper.aliases.append(other_id)  # an id printed for this title still finds the paper
    return paper.to_dict() != before


def _merge_abstract(paper: Paper, item: ParsedPaper) -> None:
    """A whole abstract beats a cut one; then the longer one wins."""
    ours = (not paper.abstract_truncated, len(paper.abstract))
    theirs = (not item.abstract_truncated, len(item.abstract))
    if item.abstract and theirs > ours:
        paper.abstract = item.abstract
        paper.abstract_truncated = item.abstract_truncated


def _merge_authors(paper: Paper, item: ParsedPaper) -> None:
    """A complete author list beats a truncated one, which beats none."""
    if item.authors and _author_rank(item.authors, item.authors_truncated) > _author_rank(
        paper.authors, paper.authors_truncated
    ):
        paper.authors = list(item.authors)
        paper.authors_truncated = item.authors_truncated
    if paper.author_count is None:
        paper.author_count = item.author_count
    if paper.authors and not paper.authors_truncated:
        paper.author_count = len(paper.authors)


def _author_rank(authors: list[str], truncated: bool) -> tuple[int, int]:
    if not authors:
        return (0, 0)
    return (1 if truncated else 2, len(authors))


def _merge_date(paper: Paper, item: ParsedPaper) -> None:
    """Keep a date; prefer one printed with its year over one whose year was inferred."""
    if item.date is None:
        return
    if paper.date is None or (
        not _YEAR_IN_TEXT.search(paper.date_text or "")
        and _YEAR_IN_TEXT.search(item.date_text or "")
    ):
        paper.date = item.date
        paper.date_text = item.date_text
