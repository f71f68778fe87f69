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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from readinglist.papers.models import Paper, PaperState
from readinglist.search.query import FREE, FlagTerm, Query, RangeTerm, Term, TextTerm, parse_query
from readinglist.search.wordindex import WordIndex
from readinglist.textnorm import fold

FUZZY_MIN_LENGTH = 5
# A free word this short is a fragment being typed ("di" on the way to "diffusion"): as a
# substring it is in nearly every abstract, so it only searches titles and authors.
ABSTRACT_MIN_LENGTH = 3
CACHE_SIZE = 16
SCAN_BELOW = 2000  # candidates: fewer than this are scanned rather than looked up
PREFIX_LENGTHS = range(FUZZY_MIN_LENGTH - 1, 15)  # prepared by warm() for typo lookups
SEPARATOR = "\x1f"  # between title, authors and abstract: no term spans two
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
            self._cache: OrderedDict[tuple[Term, ...], list[int]] = OrderedDict()
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
            for name in _BUILDERS:
                self._column(name)
            for length in PREFIX_LENGTHS:
                self._prefixes_of_length(length)
            heads, plain = self._column("title_authors"), self._column("ascii_abstracts")
            texts = _folded_texts(heads, plain, self._odd_abstracts())
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
    ) -> list[int]:
        """Indices of the papers matching `query`, ascending. `states`: paper id -> state.

        `within` restricts the search to those indices (the result is the fresh result
        intersected with them); it is a plain restriction, the refinement cache is separate.
        """
        if isinstance(query, str):
            query = parse_query(query)
        paper_terms = tuple(t for t in query.terms if not _is_state_term(t))
        state_terms = [t for t in query.terms if _is_state_term(t)]
        with self._lock:
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
        _remember(self._cache, terms, result, CACHE_SIZE)
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
        extra: set[int] = set()
        for term in grown:
            extra |= self._fuzzy_matches(term.text)
        if len(base) == len(self.papers) and not extra:
            return None  # refining the empty query: scan everything, without the index list
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
        if term.field in (FREE, "abstract"):
            return self._apply_long_text(term, indices)
        values = self._column(_TEXT_COLUMNS[term.field])
        text, keep = term.text, not term.negated
        if indices is None:
            return [i for i, v in enumerate(values) if (text in v) is keep]
        return [i for i in indices if (text in values[i]) is keep]

    def _apply_range(self, term: RangeTerm, indices: list[int] | None) -> list[int]:
        values = self._column(term.field)
        low = _LOWEST[term.field] if term.low is None else term.low
        high = _HIGHEST[term.field] if term.high is None else term.high
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
        fuzzy = self._fuzzy_matches(text) if _may_be_fuzzy(term) else frozenset()
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

    def _odd_abstracts(self) -> dict[int, str]:
        """Folded abstracts of the papers whose abstract is not ASCII (a few), by index."""
        return self._column("odd_abstracts")  # type: ignore[return-value]

    def _column(self, name: str) -> list:
        column = self._columns.get(name)
        if column is None:
            built = _BUILDERS[name](self)
            if isinstance(built, dict):
                self._columns.update(built)
                column = built[name]
            else:
                column = self._columns[name] = built
        return column


def _folded_texts(heads: list[str], plain: list[str], odd: dict[int, str]) -> Iterator[str]:
    """Each paper's folded `title SEP people SEP abstract`, one at a time (for the word index)."""
    for i, head in enumerate(heads):
        folded = odd.get(i)
        yield f"{head}{SEPARATOR}{plain[i].lower() if folded is None else folded}"


def _remember(cache: OrderedDict, key, value, size: int) -> None:
    cache[key] = value
    if len(cache) > size:
        cache.popitem(last=False)


# --- column builders ------------------------------------------------------------------------


def _people(paper: Paper) -> str:
    """Authors and organization, separated, so a term cannot span two."""
    names = paper.authors
    if paper.organization:
        names = [*names, paper.organization]
    return SEPARATOR.join(names)


_ASCII_OR_NOT = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")


def _fold(text: str) -> str:
    """textnorm.fold, fast on long text with a few accents: fold works char by char
    (casefold, decompose, drop marks), so folding the ASCII and other runs apart is the same,
    and only the short non-ASCII runs take the slow path."""
    if text.isascii():
        return text.lower()
    return "".join(
        run.lower() if run.isascii() else fold(run) for run in _ASCII_OR_NOT.findall(text)
    )


def _heads(index: SearchIndex) -> list[str]:
    """Folded `title SEP people` per paper: short, so kept for every paper."""
    return [
        f"{_fold(p.title.replace(SEPARATOR, ' '))}{SEPARATOR}{_fold(_people(p))}"
        for p in index.papers
    ]


def _abstracts(index: SearchIndex) -> dict[str, list | dict]:
    """Each ASCII abstract itself (lower() folds it), "" for the others; and the others
    folded, by index (a few: keeping them folded costs little)."""
    plain, odd = [], {}
    for i, p in enumerate(index.papers):
        abstract = p.abstract
        if abstract.isascii():
            plain.append(abstract)
        else:
            plain.append("")
            odd[i] = _fold(abstract)
    return {"ascii_abstracts": plain, "odd_abstracts": odd}


def _split_heads(index: SearchIndex) -> dict[str, list]:
    titles, people = [], []
    for head in index._column("title_authors"):
        title, _, names = head.partition(SEPARATOR)
        titles.append(title)
        people.append(names)
    return {"titles": titles, "people": people}


def _dates(index: SearchIndex) -> list[str | None]:
    return [p.date or None for p in index.papers]


def _years(index: SearchIndex) -> list[int | None]:
    dates = [p.date for p in index.papers]
    year_of = {d: int(d[:4]) if d and d[:4].isdecimal() else None for d in set(dates)}
    return list(map(year_of.__getitem__, dates))


_BUILDERS: dict[str, Callable[[SearchIndex], list | dict[str, list | dict]]] = {
    "ids": lambda index: [p.id for p in index.papers],
    "title_authors": _heads,
    "ascii_abstracts": _abstracts,
    "odd_abstracts": _abstracts,
    "titles": _split_heads,
    "people": _split_heads,
    "orgs": lambda index: [_fold(p.organization or "") for p in index.papers],
    "cats": lambda index: [_fold(p.category or "") for p in index.papers],
    "sources": lambda index: [_fold(SEPARATOR.join(p.sources)) for p in index.papers],
    "date": _dates,
    "year": _years,
    "upvotes": lambda index: [p.upvotes for p in index.papers],
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
        # "di" searched titles only; "dif" searches abstracts too, so it is no narrowing.
        and (not _skips_abstracts(before) or _skips_abstracts(after))
    )


def _skips_abstracts(term: TextTerm) -> bool:
    return term.field == FREE and len(term.text) < ABSTRACT_MIN_LENGTH


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
