"""Filtering papers with a query, fast enough to run on every keystroke at 100,000 papers.

How it stays fast:
- Each field is folded once into a list of strings (a "column"), built on first use, so a
  one-shot `readinglist list` pays only for the fields its query touches.
- A term is one list comprehension of C-level substring tests over the candidate indices.
- Results of the paper-only terms are cached per query. A new query that refines a cached one
  (`transf` after `trans`, or an extra term) is evaluated only over that cached result, plus the
  fuzzy matches of the words that grew (fuzzy matching is not monotone, exact matching is).
  Backspacing finds the earlier query in the cache.
- State terms (`is:`, `tag:`) are never cached: they are re-applied to the cached result on
  every call, as the user's states change between calls.

Fuzzy words: a free word of 5+ letters and digits that occurs in no title or author name is
taken as a typo. It then also matches papers whose title or authors contain a word, or the
start of a word, within 1 edit of it (2 for words of 9+ letters; an edit is an insertion,
deletion, substitution or swap of neighbours). Words found as typed stay exact, so typing a
correct word never pays for rapidfuzz and never gets near-miss noise.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA

from readinglist.models import Paper, PaperState
from readinglist.query import FREE, FlagTerm, Query, RangeTerm, Term, TextTerm, parse_query
from readinglist.textnorm import fold

FUZZY_MIN_LENGTH = 5
CACHE_SIZE = 16
_WORD = re.compile(r"\w+")
_TA_SEPARATOR = "\x02"  # between papers in the joined title+authors text


class SearchIndex:
    """The papers' searchable text, prepared once; `filter` returns indices into `papers`."""

    def __init__(self, papers: Sequence[Paper]) -> None:
        self.update(papers)

    def update(self, papers: Sequence[Paper]) -> None:
        """Take a new or changed papers list (after an import); drops every prepared column."""
        self.papers = papers
        self._columns: dict[str, list] = {}
        self._cache: OrderedDict[tuple[Term, ...], list[int]] = OrderedDict()
        self._fuzzy_cache: OrderedDict[str, frozenset[int]] = OrderedDict()
        self._prefixes: dict[int, list[str]] = {}
        self._ta_blob: str | None = None
        self._ta_starts: list[int] = []
        self._vocabulary: list[str] | None = None

    def __len__(self) -> int:
        return len(self.papers)

    def warm(self) -> None:
        """Prepare every column now (the app calls this in a worker after the first paint)."""
        for name in _BUILDERS:
            self._column(name)

    def filter(
        self,
        query: Query | str,
        states: Mapping[str, PaperState],
        *,
        within: Iterable[int] | None = None,
    ) -> list[int]:
        """Indices of the papers matching `query`, ascending. `states`: paper id -> state.

        `within` restricts the search to those indices (the result is the fresh result
        intersected with them); it is a plain restriction, the refinement cache is separate.
        """
        if isinstance(query, str):
            query = parse_query(query)
        paper_terms = tuple(t for t in query.terms if not _is_state_term(t))
        state_terms = [t for t in query.terms if _is_state_term(t)]
        if within is not None:
            indices = self._evaluate(paper_terms, sorted(set(within)))
        else:
            indices = self._paper_matches(paper_terms)
        return self._apply_states(indices, state_terms, states)

    # --- paper-only terms, cached ---------------------------------------------------------

    def _paper_matches(self, terms: tuple[Term, ...]) -> list[int]:
        cached = self._cache.get(terms)
        if cached is not None:
            self._cache.move_to_end(terms)
            return cached
        result = self._evaluate(terms, self._candidates(terms))
        self._cache[terms] = result
        if len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return result

    def _candidates(self, terms: tuple[Term, ...]) -> list[int] | None:
        """The smallest cached result the query refines, plus fuzzy hits of grown words."""
        best: tuple[list[int], list[TextTerm]] | None = None
        for old_terms, old_result in self._cache.items():
            grown = _refinement(old_terms, terms)
            if grown is not None and (best is None or len(old_result) < len(best[0])):
                best = (old_result, grown)
        if best is None:
            return None
        base, grown = best
        if len(base) == len(self.papers) and not grown:
            return None  # refining the empty query: scan everything, without the index list
        extra: set[int] = set()
        for term in grown:
            extra |= self._fuzzy_matches(term.text)
        if not extra:
            return base
        return sorted(extra.union(base))

    def _evaluate(self, terms: tuple[Term, ...], candidates: list[int] | None) -> list[int]:
        """Apply terms cheapest first; None candidates means every paper."""
        indices = candidates
        for term in sorted(terms, key=_cost):
            indices = self._apply(term, indices)
        return list(range(len(self.papers))) if indices is None else indices

    def _apply(self, term: Term, indices: list[int] | None) -> list[int]:
        if isinstance(term, RangeTerm):
            return self._apply_range(term, indices)
        assert isinstance(term, TextTerm)
        return self._apply_text(term, indices)

    def _apply_range(self, term: RangeTerm, indices: list[int] | None) -> list[int]:
        values = self._column(term.field)
        low, high, negated = term.low, term.high, term.negated
        if indices is None:
            indices = range(len(values))  # type: ignore[assignment]
        if low is None:
            low = _LOWEST[term.field]
        if high is None:
            high = _HIGHEST[term.field]
        if negated:
            return [i for i in indices if (v := values[i]) is None or not low <= v <= high]
        return [i for i in indices if (v := values[i]) is not None and low <= v <= high]

    def _apply_text(self, term: TextTerm, indices: list[int] | None) -> list[int]:
        text, keep = term.text, not term.negated
        if term.field == FREE:
            return self._apply_free(term, indices)
        if term.field == "abstract":
            values, starts = self._column("hay"), self._column("abstract_start")
            if indices is None:
                indices = range(len(values))  # type: ignore[assignment]
            return [i for i in indices if (values[i].find(text, starts[i]) >= 0) is keep]
        values = self._column(_TEXT_COLUMNS[term.field])
        if indices is None:
            return [i for i, v in enumerate(values) if (text in v) is keep]
        return [i for i in indices if (text in values[i]) is keep]

    def _apply_free(self, term: TextTerm, indices: list[int] | None) -> list[int]:
        text, keep = term.text, not term.negated
        hay = self._column("hay")
        fuzzy = self._fuzzy_matches(text) if _may_be_fuzzy(term) else frozenset()
        if indices is None:
            if fuzzy:
                return [i for i, v in enumerate(hay) if (text in v or i in fuzzy) is keep]
            return [i for i, v in enumerate(hay) if (text in v) is keep]
        if fuzzy:
            return [i for i in indices if (text in hay[i] or i in fuzzy) is keep]
        return [i for i in indices if (text in hay[i]) is keep]

    # --- fuzzy words ----------------------------------------------------------------------

    def _fuzzy_matches(self, word: str) -> frozenset[int]:
        """Papers whose title/authors hold a word (or word start) near `word`; empty when
        `word` is too short or occurs as typed in some title or author name."""
        if len(word) < FUZZY_MIN_LENGTH or not word.isalnum():
            return frozenset()
        cached = self._fuzzy_cache.get(word)
        if cached is not None:
            return cached
        blob = self._title_author_blob()
        found: frozenset[int] = frozenset()
        if word not in blob:
            found = frozenset(self._papers_containing(self._near_words(word)))
        self._fuzzy_cache[word] = found
        if len(self._fuzzy_cache) > CACHE_SIZE * 4:
            self._fuzzy_cache.popitem(last=False)
        return found

    def _near_words(self, word: str) -> list[str]:
        edits = 1 if len(word) <= 8 else 2
        near: list[str] = []
        for length in range(len(word) - edits, len(word) + edits + 1):
            choices = self._prefixes_of_length(length)
            hits = process.extract(
                word, choices, scorer=OSA.distance, score_cutoff=edits, limit=None
            )
            near.extend(choice for choice, _score, _index in hits)
        return near

    def _prefixes_of_length(self, length: int) -> list[str]:
        """Distinct word starts of this length, whole words of this length included."""
        prefixes = self._prefixes.get(length)
        if prefixes is None:
            vocabulary = self._words()
            prefixes = sorted({w[:length] for w in vocabulary if len(w) >= length})
            self._prefixes[length] = prefixes
        return prefixes

    def _words(self) -> list[str]:
        if self._vocabulary is None:
            self._vocabulary = sorted(set(_WORD.findall(self._title_author_blob())))
        return self._vocabulary

    def _papers_containing(self, needles: list[str]) -> set[int]:
        """Indices whose title/authors contain any needle: C-speed find over one joined text."""
        blob, starts = self._title_author_blob(), self._ta_starts
        found: set[int] = set()
        for needle in needles:
            pos = blob.find(needle)
            while pos >= 0:
                index = bisect_right(starts, pos) - 1
                found.add(index)
                following = starts[index + 1] if index + 1 < len(starts) else len(blob)
                pos = blob.find(needle, following)
        return found

    def _title_author_blob(self) -> str:
        if self._ta_blob is None:
            texts = self._column("title_authors")
            starts, offset = [], 0
            for text in texts:
                starts.append(offset)
                offset += len(text) + 1
            self._ta_starts = starts
            self._ta_blob = _TA_SEPARATOR.join(texts)
        return self._ta_blob

    # --- state terms ----------------------------------------------------------------------

    def _apply_states(
        self, indices: list[int], terms: list[Term], states: Mapping[str, PaperState]
    ) -> list[int]:
        if not terms:
            return list(indices)
        ids = self._column("ids")
        for term in terms:
            chosen, keep = _state_selection(term, states)
            indices = [i for i in indices if (ids[i] in chosen) is keep]
        return indices

    # --- columns --------------------------------------------------------------------------

    def _column(self, name: str) -> list:
        column = self._columns.get(name)
        if column is None:
            built = _BUILDERS[name](self.papers)
            if isinstance(built, dict):
                self._columns.update(built)
                column = built[name]
            else:
                column = self._columns[name] = built
        return column


# --- column builders ------------------------------------------------------------------------


def _people(paper: Paper) -> str:
    """Authors and organization, one per \\x00-separated slot, so a term cannot span two."""
    names = paper.authors
    if paper.organization:
        names = [*names, paper.organization]
    return "\x00".join(names)


def _build_hay(papers: Sequence[Paper]) -> dict[str, list]:
    """Folded `title \\x01 people \\x01 abstract` per paper, and where its abstract starts."""
    hay, starts = [], []
    for p in papers:
        head = fold(f"{p.title}\x01{_people(p)}\x01")
        hay.append(head + fold(p.abstract))
        starts.append(len(head))
    return {"hay": hay, "abstract_start": starts}


def _dates(papers: Sequence[Paper]) -> list[str | None]:
    return [p.date or None for p in papers]


def _years(papers: Sequence[Paper]) -> list[int | None]:
    return [int(p.date[:4]) if p.date and p.date[:4].isdecimal() else None for p in papers]


_BUILDERS: dict[str, Callable[[Sequence[Paper]], list | dict[str, list]]] = {
    "ids": lambda papers: [p.id for p in papers],
    "titles": lambda papers: [fold(p.title) for p in papers],
    "people": lambda papers: [fold(_people(p)) for p in papers],
    "title_authors": lambda papers: [fold(f"{p.title}\x01{_people(p)}") for p in papers],
    "orgs": lambda papers: [fold(p.organization or "") for p in papers],
    "cats": lambda papers: [fold(p.category or "") for p in papers],
    "sources": lambda papers: [fold("\x00".join(p.sources)) for p in papers],
    "hay": _build_hay,
    "abstract_start": _build_hay,
    "date": _dates,
    "year": _years,
    "upvotes": lambda papers: [p.upvotes for p in papers],
}

_TEXT_COLUMNS = {
    "title": "titles",
    "author": "people",
    "org": "orgs",
    "cat": "cats",
    "source": "sources",
}
_LOWEST: dict[str, int | str] = {"year": -(10**9), "upvotes": -(10**18), "date": ""}
_HIGHEST: dict[str, int | str] = {"year": 10**9, "upvotes": 10**18, "date": "\uffff"}


# --- term helpers ---------------------------------------------------------------------------


def _is_state_term(term: Term) -> bool:
    return isinstance(term, FlagTerm) or (isinstance(term, TextTerm) and term.field == "tag")


def _may_be_fuzzy(term: TextTerm) -> bool:
    return term.field == FREE and not term.phrase and len(term.text) >= FUZZY_MIN_LENGTH


def _cost(term: Term) -> tuple[int, int]:
    """Sort key: numeric tests and short fields first, abstract scans last, longest word first."""
    if isinstance(term, RangeTerm):
        return (0, 0)
    assert isinstance(term, TextTerm)
    if term.field in ("any", "abstract"):
        return (2, -len(term.text))
    return (1, -len(term.text))


def _refinement(old: tuple[Term, ...], new: tuple[Term, ...]) -> list[TextTerm] | None:
    """None unless every match of `new` is a match of `old` or a fuzzy match of a grown word;
    then the grown words whose fuzzy matches must be added to the candidates."""
    grown: list[TextTerm] = []
    for before in old:
        if before in new:
            continue
        after = next((t for t in new if _extends(t, before)), None)
        if after is None:
            return None
        if _may_be_fuzzy(after):
            grown.append(after)
    return grown


def _extends(after: Term, before: Term) -> bool:
    """True when `after` matching exactly implies `before` matching: a longer substring."""
    return (
        isinstance(after, TextTerm)
        and isinstance(before, TextTerm)
        and after.field == before.field
        and not after.negated
        and not before.negated
        and before.text in after.text
    )


def _state_selection(term: Term, states: Mapping[str, PaperState]) -> tuple[set[str], bool]:
    """The ids a state term selects (from the states given), and whether to keep or drop them.

    Papers without a state have the default one: unread, unstarred, no notes, no tags.
    """
    if isinstance(term, FlagTerm):
        flag = term.flag
        if flag == "noted":
            chosen = {pid for pid, s in states.items() if s.notes.strip()}
        elif flag == "starred":
            chosen = {pid for pid, s in states.items() if s.starred}
        else:  # read, and unread as "not read"
            chosen = {pid for pid, s in states.items() if s.read}
        keep = (flag != "unread") is not term.negated
        return chosen, keep
    assert isinstance(term, TextTerm)
    text = term.text
    chosen = {pid for pid, s in states.items() if any(text in fold(tag) for tag in s.tags)}
    return chosen, not term.negated
