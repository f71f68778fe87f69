"""The filter language shared by `readinglist list QUERY`, every `--query` and the app's filter.

A query is terms, all of which must hold (AND), unless joined by `OR`:

- `word`, `"a phrase"`: found in the title, authors, organization or abstract. A free word of
  5+ letters that occurs in no title or author name is taken as a typo and also matches
  near spellings (see readinglist.search.index). Punctuation typed at the edge of a word
  (`quantization,` `DINOv3.` `diffusion?` `"gan"`) is not part of it; a quoted phrase is
  taken literally.
- `title:`, `author:`, `abstract:`, `cat:`, `source:`, `org:`, `tag:`, `venue:`, `arxiv:` + a word
  or a quoted phrase: a substring of that field (`author:` looks at every author and the
  organization).
- `is:starred`, `is:read`, `is:unread`, `is:noted` (has notes), `is:new` (added by the most
  recent import), `is:updated` (a newer arXiv version), `is:pdf` (a local PDF). The last
  three are sets the caller supplies (readinglist.search.index.SearchIndex.filter `flags`).
- `year:2024`, `date:2025-06-01`, `upvotes:10`, each also with `>`, `>=`, `<`, `<=`, `=`, or a
  range `a..b` (either end may be left open: `date:2025-06-01..`). A date may be given as
  YYYY-MM-DD, YYYY-MM or YYYY; a month or a year stands for all of its days.
- `a OR b`: either holds. AND (implicit, or written `AND`) binds tighter than OR, so
  `a b OR c` is `(a b) OR c`; parentheses group: `(diffusion OR "flow matching") year:2024`.
- `-` before any term or group negates it: `-is:read`, `-author:smith`, `-(gan OR vae)`.
- `@name` stands for the saved search `name` (the config file's `[searches]`), as if its
  query were written there in parentheses.

Text is compared case- and accent-insensitively (readinglist.textnorm.fold). A word with an
unknown `name:` prefix is an error rather than a free word: it is far more often a mistyped
field (`autor:smith`) than text with a colon, and the error says to quote such text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from readinglist.search.ranges import RANGE_HELP, range_bounds
from readinglist.search.tokens import QueryError, Token, tokenize
from readinglist.textnorm import fold

__all__ = ["FlagTerm", "Group", "Query", "QueryError", "RangeTerm", "TextTerm", "parse_query"]

TEXT_FIELDS = ("title", "author", "abstract", "cat", "source", "org", "tag", "venue", "arxiv")
RANGE_FIELDS = ("year", "date", "upvotes")
STATE_FLAGS = ("starred", "read", "unread", "noted")
SUPPLIED_FLAGS = ("new", "updated", "pdf")  # sets of papers the caller supplies
FLAGS = (*STATE_FLAGS, *SUPPLIED_FLAGS)
FIELDS = (*TEXT_FIELDS, "is", *RANGE_FIELDS)
ALIASES = {"authors": "author", "category": "cat", "tags": "tag", "sources": "source"}
FREE = "any"  # the field of free words and phrases
# Fields whose unquoted words lose the punctuation typed at their edges.
_WORD_FIELDS = (FREE, "title", "author", "abstract", "org")
_LEADING = "\"'«“‘¿¡"
_TRAILING = "\"'»”’.,;:!?…"
_BRACKETS = {"(": ")", "[": "]", "{": "}"}

_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class TextTerm:
    """A substring test on one field (`any` = title, authors, organization and abstract)."""

    field: str
    text: str  # folded, whitespace collapsed
    phrase: bool = False
    negated: bool = False


@dataclass(frozen=True, slots=True)
class FlagTerm:
    """`is:<flag>`: a test on the user's state of a paper, or on a set the caller supplies."""

    flag: str
    negated: bool = False


@dataclass(frozen=True, slots=True)
class RangeTerm:
    """`year:`, `date:`, `upvotes:` as an inclusive range; None is an open end.

    Years and upvotes are ints, dates ISO strings (which compare like dates). A paper
    without the value never matches, so it does match the negated term.
    """

    field: str
    low: int | str | None
    high: int | str | None
    negated: bool = False


Term = TextTerm | FlagTerm | RangeTerm


@dataclass(frozen=True, slots=True)
class Group:
    """Items that must all hold (`any_of` False) or of which one must hold (`any_of` True).

    Groups are kept flat: an AND never directly holds an un-negated AND, nor an OR an OR.
    """

    items: tuple[Term | Group, ...]
    any_of: bool
    negated: bool = False


Node = Term | Group


@dataclass(frozen=True, slots=True)
class Query:
    """Every one of `terms` and of `groups` must hold.

    A query without OR, parentheses or saved searches has only `terms`: the fast, cached path
    of the filter. `groups` holds the ORs and negated groups at the top level.
    """

    terms: tuple[Term, ...] = ()
    text: str = ""
    groups: tuple[Group, ...] = ()

    def is_empty(self) -> bool:
        return not self.terms and not self.groups


def parse_query(text: str, searches: Mapping[str, str] | None = None) -> Query:
    """Parse a query; raises QueryError with a one-line reason when it is malformed.

    `searches`: saved search name -> query, for `@name` (none when not given).
    """
    node = _Parser(tokenize(text), searches or {}, ()).parse()
    if node is None:
        return Query(text=text)
    if isinstance(node, Group) and not node.any_of and not node.negated:
        terms = tuple(item for item in node.items if not isinstance(item, Group))
        groups = tuple(item for item in node.items if isinstance(item, Group))
        return Query(terms, text, groups)
    if isinstance(node, Group):
        return Query((), text, (node,))
    return Query((node,), text)


# --- grammar --------------------------------------------------------------------------------


class _Parser:
    """query := or; or := and (OR and)*; and := unary+;
    unary := [-] ( "(" or ")" | @name | term )"""

    def __init__(self, tokens: list[Token], searches: Mapping[str, str], using: tuple[str, ...]):
        self.tokens, self.at = tokens, 0
        self.searches, self.using = searches, using

    def parse(self) -> Node | None:
        node = self._or()
        if self._peek() is not None:  # only a ")" stops _or early
            raise QueryError("unbalanced parentheses: a ) has no ( before it; remove it")
        return node

    def _peek(self) -> Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def _or(self) -> Node | None:
        parts = [self._and()]
        while (token := self._peek()) is not None and token.kind == "or":
            self.at += 1
            parts.append(self._and())
        if len(parts) > 1 and any(part is None for part in parts):
            raise QueryError("OR needs a term on each side, as in: diffusion OR gan")
        return _joined(parts, any_of=True)  # type: ignore[arg-type]

    def _and(self) -> Node | None:
        items: list[Node] = []
        while (token := self._peek()) is not None and token.kind not in ("or", "close"):
            self.at += 1
            if token.kind == "and":
                following = self._peek()
                if not items or following is None or following.kind in ("or", "and", "close"):
                    raise QueryError("AND needs a term on each side, as in: diffusion AND gan")
                continue
            item = self._unary(token)
            if item is not None:
                items.append(item)
        return _joined(items, any_of=False)

    def _unary(self, token: Token) -> Node | None:
        if token.kind == "open":
            inner = self._or()
            closing = self._peek()
            if closing is None:
                raise QueryError("unbalanced parentheses: a ( is never closed; add a )")
            self.at += 1
            if inner is None:
                raise QueryError("() holds nothing; put terms inside or remove it")
            return _negated(inner) if token.negated else inner
        if token.kind == "saved":
            inner = self._saved(token.value)
            return _negated(inner) if token.negated and inner is not None else inner
        return _term(token.negated, token.prefix, token.value, token.quoted)

    def _saved(self, name: str) -> Node | None:
        key = _saved_key(self.searches, name)
        if key is None:
            known = ", ".join(f"@{n}" for n in self.searches)
            if not known:
                raise QueryError(
                    f"@{name}: there are no saved searches; add one under [searches] in the "
                    "config file (`readinglist config` prints its path)"
                )
            raise QueryError(f"@{name} is not a saved search; saved searches: {known}")
        if key in self.using:
            chain = " -> ".join(f"@{n}" for n in (*self.using, key))
            raise QueryError(f"saved search @{key} uses itself ({chain}); change one of them")
        try:
            return _Parser(tokenize(self.searches[key]), self.searches, (*self.using, key)).parse()
        except QueryError as error:
            if self.using or error.reason.startswith("in saved search"):
                raise
            raise QueryError(f"in saved search @{key}: {error.reason}") from None


def _saved_key(searches: Mapping[str, str], name: str) -> str | None:
    if name in searches:
        return name
    folded = name.casefold()
    return next((key for key in searches if key.casefold() == folded), None)


def _joined(items: Sequence[Node], any_of: bool) -> Node | None:
    """The items as one node: flat (an OR in an OR is spliced in), a single item as itself."""
    flat: list[Node] = []
    for item in items:
        if isinstance(item, Group) and item.any_of == any_of and not item.negated:
            flat.extend(item.items)
        else:
            flat.append(item)
    if not flat:
        return None
    return flat[0] if len(flat) == 1 else Group(tuple(flat), any_of)


def _negated(node: Node) -> Node:
    return replace(node, negated=not node.negated)


# --- terms --------------------------------------------------------------------------------


def _term(negated: bool, prefix: str | None, value: str, quoted: bool) -> Term | None:
    if prefix is None:
        return _text_term(FREE, value, quoted, negated)
    field = ALIASES.get(prefix.lower(), prefix.lower())
    if field not in FIELDS:
        raise QueryError(
            f"unknown field {prefix}:; use one of {', '.join(f + ':' for f in FIELDS)}"
            f' (quote text with a colon: "{prefix}:{value}")'
        )
    if not value.strip():
        raise QueryError(f"{field}: needs a value, e.g. {_EXAMPLES[field]}")
    if field == "is":
        return _flag_term(value, negated)
    if field in RANGE_FIELDS:
        return _range_term(field, value.strip(), negated)
    return _text_term(field, value, quoted, negated)


_EXAMPLES = {
    "title": 'title:"plan early"',
    "author": "author:fleuret",
    "abstract": "abstract:diffusion",
    "cat": "cat:LG",
    "source": "source:daily",
    "org": "org:meta",
    "tag": "tag:toread",
    "venue": "venue:neurips",
    "arxiv": "arxiv:2407.14741",
    "is": "is:unread",
    "year": "year:>=2023",
    "date": "date:2025-06-01..2025-06-30",
    "upvotes": "upvotes:>10",
}


def _text_term(field: str, value: str, quoted: bool, negated: bool) -> TextTerm:
    text = _SPACES.sub(" ", _CONTROL.sub(" ", fold(value))).strip()
    if not quoted and field in _WORD_FIELDS:
        text = _trimmed(text) or text  # a word of punctuation only (`?`) is looked for as is
    if not text and field != FREE:
        raise QueryError(f"{field}: needs a value, e.g. {_EXAMPLES[field]}")
    return TextTerm(field=field, text=text, phrase=quoted or " " in text, negated=negated)


def _trimmed(word: str) -> str:
    """A word without the punctuation typed at its edges: `diffusion?` `DINOv3.` `[gan]`;
    brackets that belong to it (`f(x)`, `(2b)-form`) stay."""
    while True:
        before = word
        word = word.lstrip(_LEADING).rstrip(_TRAILING)
        if len(word) >= 2 and _BRACKETS.get(word[0]) == word[-1]:
            word = word[1:-1]
        if word[:1] in _BRACKETS and _BRACKETS[word[0]] not in word:
            word = word[1:]
        if word[-1:] in _BRACKETS.values() and not any(
            o in word for o, c in _BRACKETS.items() if c == word[-1]
        ):
            word = word[:-1]
        if word == before:
            return word


def _flag_term(value: str, negated: bool) -> FlagTerm:
    flag = value.strip().lower()
    if flag not in FLAGS:
        names = ", ".join(f"is:{f}" for f in FLAGS)
        raise QueryError(f"is:{value} is not a state; use one of {names}")
    return FlagTerm(flag=flag, negated=negated)


def _range_term(field: str, value: str, negated: bool) -> RangeTerm:
    low, high = range_bounds(
        field,
        value,
        lambda: QueryError(f"{field}:{value}: {RANGE_HELP[field]}"),
        lambda: QueryError(f"{field}:{value} is an empty range; put the smaller end first"),
    )
    return RangeTerm(field=field, low=low, high=high, negated=negated)
