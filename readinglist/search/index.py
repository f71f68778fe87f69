"""Filtering papers with a query, fast enough to run on every keystroke at 100,000 papers.

How it stays fast:
- Each short field is folded once into a list of strings (a "column"), built on first use, so
  a one-shot `readinglist list` pays only for the fields its query touches. Abstracts are
  folded per test instead (lower() on an ASCII abstract is cheap; only the few non-ASCII ones
  are kept folded): a folded copy of every abstract would double the papers' memory.
- A term is one list comprehension of C-level substring tests over the candidate indices.
- Results of the paper-only terms are cached per query. A new query that refines a cached one
  (`transf` after `trans`, or an extra term) is evaluated only over that cached result, plus the
  fuzzy matches of the words that grew (fuzzy matching is not monotone, exact matching is).
  Backspacing finds the earlier query in the cache.
- State terms (`is:`, `tag:`) are never cached: they are re-applied to the cached result on
  every call, as the user's states change between calls.
- A query with OR or parentheses keeps this path for its top-level AND terms; its groups are
  then evaluated over that (already narrowed) result, each OR branch only over the papers no
  earlier branch matched. Groups without state terms are part of the cache key.
- Once `warm()` has run (the app runs it in a worker after the first paint), a word is looked
  up in an FTS5 word index (readinglist.search.wordindex) instead of scanning every abstract; the
  answer is the same, only faster. Until then, and for small candidate sets, it scans.

Fuzzy words: a free word of 5+ ASCII letters and digits that occurs in no title or author
name is taken as a typo. It then also matches papers whose title or authors hold a word, or
the start of a word, within 1 edit of it (2 for words of 9+ letters; an edit is an insertion,
deletion, substitution or swap of neighbours), so `trasformer` finds Transformer papers and
`trasfo` already does while typing. Words found as typed stay exact: typing a correct word
never pays for rapidfuzz and never gets near-miss noise. Abstracts are not searched fuzzily:
near misses among their many words would be mostly noise.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from readinglist.papers.models import Paper, PaperState
from readinglist.search.columns import BUILDERS, HIGHEST, LOWEST, TEXT_COLUMNS, folded_texts
from readinglist.search.planning import (
    ABSTRACT_MIN_LENGTH,
    FUZZY_MIN_LENGTH,
    FlagSource,
    cost,
    group_order,
    has_state_term,
    is_state_term,
    may_be_fuzzy,
    refinement,
    state_selection,
)
from readinglist.search.query import FREE, Group, Query, RangeTerm, Term, TextTerm, parse_query
from readinglist.search.wordindex import WordIndex

CACHE_SIZE = 16
SCAN_BELOW = 2000  # candidates: fewer than this are scanned rather than looked up
PREFIX_LENGTHS = range(FUZZY_MIN_LENGTH - 1, 15)  # prepared by warm() for typo lookups
Node = Term | Group
CacheKey = tuple[tuple[Term, ...], tuple[Group, ...]]
_PIECE = re.compile(r"[a-z0-9]{2,}")


class SearchIndex:
    """The papers' searchable text, prepared once; `filter` returns indices into `papers`.

    Safe to use from several threads (the app filters and warms in workers).
    """

    def __init__(self, papers: Sequence[Paper]) -> None:
        self._lock = threading.RLock()
        self._generation = 0
        self.scan_below = SCAN_BELOW  # 0: look every word up (tests use it to cover lookups)
        self.update(papers)

    def update(self, papers: Sequence[Paper]) -> None:
        """Take a new or changed papers list (after an import); drops everything prepared."""
        with self._lock:
            self._generation += 1
            self.papers = papers
            self._columns: dict[str, list] = {}
            self._cache: OrderedDict[CacheKey, list[int]] = OrderedDict()
            self._fuzzy_cache: OrderedDict[str, frozenset[int]] = OrderedDict()
            self._piece_cache: OrderedDict[str, set[int]] = OrderedDict()
            self._prefixes: dict[int, list[str]] = {}
            self._title_words: WordIndex | None = None
            self._text_words: WordIndex | None = None

    def clear_cache(self) -> None:
        """Forget earlier results (prepared text stays); the benchmark times cold words."""
        with self._lock:
            self._cache.clear()
            self._fuzzy_cache.clear()
            self._piece_cache.clear()

    def __len__(self) -> int:
        return len(self.papers)

    def warm(self) -> None:
        """Prepare everything now: columns, typo lookups and the word index (seconds at
        100,000 papers; the FTS5 build runs in C without holding the GIL)."""
        with self._lock:
            generation = self._generation
            for name in BUILDERS:
                self._column(name)
            for length in PREFIX_LENGTHS:
                self._prefixes_of_length(length)
            heads, plain = self._column("title_authors"), self._column("ascii_abstracts")
            texts = folded_texts(heads, plain, self._odd_abstracts())
        text_words = WordIndex(texts)  # outside the lock: filtering goes on meanwhile
        with self._lock:
            if generation == self._generation:
                self._text_words = text_words
                self._piece_cache.clear()

    def filter(
        self,
        query: Query | str,
        states: Mapping[str, PaperState],
        *,
        within: Iterable[int] | None = None,
        flags: Mapping[str, FlagSource] | None = None,
    ) -> list[int]:
        """Indices of the papers matching `query`, ascending. `states`: paper id -> state.

        `within` restricts the search to those indices (the result is the fresh result
        intersected with them); it is a plain restriction, the refinement cache is separate.
        `flags`: what `is:new`, `is:updated` and `is:pdf` select (paper ids, or a test on a
        paper); a flag not given selects nothing.
        """
        if isinstance(query, str):
            query = parse_query(query)
        paper_terms = tuple(t for t in query.terms if not is_state_term(t))
        paper_groups = tuple(g for g in query.groups if not has_state_term(g))
        late: list[Node] = [t for t in query.terms if is_state_term(t)]
        late += [g for g in query.groups if has_state_term(g)]
        context = _Context(states, flags or {})
        with self._lock:
            if within is not None:
                indices = self._evaluate((paper_terms, paper_groups), sorted(set(within)))
            else:
                indices = self._paper_matches((paper_terms, paper_groups))
            for node in late:
                indices = self._node(node, indices, context)
            return list(indices)

    # --- paper-only terms, cached ---------------------------------------------------------

    def _paper_matches(self, key: CacheKey) -> list[int]:
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        result = self._evaluate(key, self._candidates(key))
        _remember(self._cache, key, result, CACHE_SIZE)
        return result

    def _candidates(self, key: CacheKey) -> list[int] | None:
        """The smallest cached result the query refines, plus fuzzy hits of grown words."""
        terms, groups = key
        best: tuple[list[int], list[TextTerm]] | None = None
        for (old_terms, old_groups), old_result in self._cache.items():
            if old_groups and not set(old_groups) <= set(groups):
                continue
            grown = refinement(old_terms, terms)
            if grown is not None and (best is None or len(old_result) < len(best[0])):
                best = (old_result, grown)
        if best is None:
            return None
        base, grown = best
        extra: set[int] = set()
        for term in grown:
            extra |= self._fuzzy_matches(term.text)
        if len(base) == len(self.papers) and not extra:
            return None  # refining the empty query: scan everything, without the index list
        if not extra:
            return base
        return sorted(extra.union(base))

    def _evaluate(self, key: CacheKey, candidates: list[int] | None) -> list[int]:
        """Apply terms cheapest first, then groups; None candidates means every paper."""
        terms, groups = key
        indices = candidates
        for term in sorted(terms, key=cost):
            indices = self._apply(term, indices)
        for group in groups:
            indices = self._node(group, indices, _NO_STATE)
        return list(range(len(self.papers))) if indices is None else indices

    # --- groups (OR, parentheses, saved searches) -----------------------------------------

    def _node(self, node: Node, indices: list[int] | None, context: _Context) -> list[int]:
        """The indices (all papers when None) that `node` holds for, ascending."""
        if not isinstance(node, Group):
            if is_state_term(node):
                return self._apply_state(node, indices, context)
            return self._apply(node, indices)
        if node.any_of:
            found: set[int] = set()
            rest = indices
            for item in node.items:  # each branch only where no earlier one matched
                hits = self._node(item, rest, context)
                if hits:
                    found.update(hits)
                    pool = range(len(self.papers)) if rest is None else rest
                    rest = [i for i in pool if i not in found]
            result = sorted(found) if indices is None else [i for i in indices if i in found]
        else:
            result = indices  # type: ignore[assignment]
            for item in sorted(node.items, key=group_order):
                result = self._node(item, result, context)
        if not node.negated:
            return list(range(len(self.papers))) if result is None else result
        held = set(result)
        pool = range(len(self.papers)) if indices is None else indices
        return [i for i in pool if i not in held]

    def _apply(self, term: Term, indices: list[int] | None) -> list[int]:
        if isinstance(term, RangeTerm):
            return self._apply_range(term, indices)
        assert isinstance(term, TextTerm)
        if term.field in (FREE, "abstract"):
            return self._apply_long_text(term, indices)
        values = self._column(TEXT_COLUMNS[term.field])
        text, keep = term.text, not term.negated
        if indices is None:
            return [i for i, v in enumerate(values) if (text in v) is keep]
        return [i for i in indices if (text in values[i]) is keep]

    def _apply_range(self, term: RangeTerm, indices: list[int] | None) -> list[int]:
        values = self._column(term.field)
        low = LOWEST[term.field] if term.low is None else term.low
        high = HIGHEST[term.field] if term.high is None else term.high
        if indices is None:
            indices = range(len(values))  # type: ignore[assignment]
        if term.negated:
            return [i for i in indices if (v := values[i]) is None or not low <= v <= high]
        return [i for i in indices if (v := values[i]) is not None and low <= v <= high]

    def _apply_long_text(self, term: TextTerm, indices: list[int] | None) -> list[int]:
        """Free words and `abstract:`: looked up in the word index when that pays, else scanned."""
        text, keep = term.text, not term.negated
        total = len(self.papers)
        if term.field == FREE and len(text) < ABSTRACT_MIN_LENGTH:
            heads = self._column("title_authors")
            return [i for i in (range(total) if indices is None else indices)
                    if (text in heads[i]) is keep]  # fmt: skip
        fuzzy = self._fuzzy_matches(text) if may_be_fuzzy(term) else frozenset()
        found = self._papers_with(text, total if indices is None else len(indices))
        if found is None:  # scan
            if indices is None:
                indices = range(total)  # type: ignore[assignment]
            return self._scan(text, indices, keep, term.field == "abstract", fuzzy)
        if term.field == "abstract":
            found = set(self._scan(text, found, True, True, frozenset()))
        found = found | fuzzy
        if indices is None:
            if keep:
                return sorted(found)
            return [i for i in range(total) if i not in found]
        return [i for i in indices if (i in found) is keep]

    def _scan(
        self, text: str, indices: Iterable[int], keep: bool, abstract_only: bool, fuzzy=()
    ) -> list[int]:
        """The indices whose abstract (and, unless `abstract_only`, title or people) contains
        `text`, or the others when not `keep`. Abstracts are folded here, per test: keeping a
        folded copy of every abstract would double the memory the papers take."""
        heads = self._column("title_authors")
        plain, odd = self._column("ascii_abstracts"), self._odd_abstracts()
        get = odd.get
        if abstract_only:
            return [i for i in indices if (text in plain[i].lower() or text in get(i, "")) is keep]
        return [
            i
            for i in indices
            if (text in heads[i] or text in plain[i].lower() or text in get(i, "") or i in fuzzy)
            is keep
        ]

    def _papers_with(self, text: str, candidates: int) -> set[int] | None:
        """Papers whose folded text contains `text`, from the word index; None when scanning
        `candidates` papers is cheaper (the word is common) or there is no index yet."""
        words = self._text_words
        if words is None or candidates < self.scan_below:
            return None
        cached = self._piece_cache.get(text)
        if cached is not None:
            return cached
        # A lookup costs about what scanning as many papers as it finds costs.
        limit = candidates if self.scan_below else len(self.papers)
        pieces = _PIECE.findall(text)
        found = words.papers_with(max(pieces, key=len), limit) if pieces else None
        if found is not None and pieces != [text]:  # a piece of the text: confirm the rest
            found = set(self._scan(text, found, True, False))
        if found is not None:
            _remember(self._piece_cache, text, found, CACHE_SIZE * 4)
        return found

    # --- fuzzy words ----------------------------------------------------------------------

    def _fuzzy_matches(self, word: str) -> frozenset[int]:
        """Papers whose title/authors hold a word (or word start) near `word`; empty when
        `word` is too short or occurs as typed in some title or author name."""
        if len(word) < FUZZY_MIN_LENGTH or not (word.isascii() and word.isalnum()):
            return frozenset()
        cached = self._fuzzy_cache.get(word)
        if cached is not None:
            return cached
        found: frozenset[int] = frozenset()
        # For an ASCII word this is exactly "no title/author word contains it", and it is
        # cheaper than building the title word index when the word is there (it usually is).
        if not any(word in head for head in self._column("title_authors")):
            near = self._near_words(word)
            found = frozenset(self._title_word_index().papers_with_words(near, prefixes=True))
        _remember(self._fuzzy_cache, word, found, CACHE_SIZE * 4)
        return found

    def _near_words(self, word: str) -> list[str]:
        from rapidfuzz import process  # typos only: a one-shot `list` rarely needs it
        from rapidfuzz.distance import OSA

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
        """Distinct title/author word starts of this length, whole words of this length
        included (ASCII words only: typos are looked for among those)."""
        prefixes = self._prefixes.get(length)
        if prefixes is None:
            words = self._title_word_index().words
            prefixes = sorted({w[:length] for w in words if len(w) >= length and w.isascii()})
            self._prefixes[length] = prefixes
        return prefixes

    def _title_word_index(self) -> WordIndex:
        if self._title_words is None:
            self._title_words = WordIndex(self._column("title_authors"))
        return self._title_words

    # --- state terms ----------------------------------------------------------------------

    def _apply_state(self, term: Term, indices: list[int] | None, context: _Context) -> list[int]:
        chosen, keep = state_selection(term, context.states, context.flags)
        pool = range(len(self.papers)) if indices is None else indices
        if callable(chosen):
            papers = self.papers
            return [i for i in pool if bool(chosen(papers[i])) is keep]
        ids = self._column("ids")
        return [i for i in pool if (ids[i] in chosen) is keep]

    # --- columns --------------------------------------------------------------------------

    def _odd_abstracts(self) -> dict[int, str]:
        """Folded abstracts of the papers whose abstract is not ASCII (a few), by index."""
        return self._column("odd_abstracts")  # type: ignore[return-value]

    def _column(self, name: str) -> list:
        column = self._columns.get(name)
        if column is None:
            built = BUILDERS[name](self)
            if isinstance(built, dict):
                self._columns.update(built)
                column = built[name]
            else:
                column = self._columns[name] = built
        return column


@dataclass(frozen=True, slots=True)
class _Context:
    """What state terms are tested against in one filter call."""

    states: Mapping[str, PaperState]
    flags: Mapping[str, FlagSource]


_NO_STATE = _Context({}, {})  # cached groups hold no state term


def _remember(cache: OrderedDict, key, value, size: int) -> None:
    cache[key] = value
    if len(cache) > size:
        cache.popitem(last=False)
