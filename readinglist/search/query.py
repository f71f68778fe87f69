"""The filter language shared by `readinglist list QUERY` and the app's filter box.

A query is whitespace-separated terms, all of which must hold (AND):

- `word`, `"a phrase"`: found in the title, authors, organization or abstract. A free word of
  5+ letters that occurs in no title or author name is taken as a typo and also matches
  near spellings (see readinglist.search.index).
- `title:`, `author:`, `abstract:`, `cat:`, `source:`, `org:`, `tag:` + a word or a quoted
  phrase: a substring of that field (`author:` looks at every author and the organization).
- `is:starred`, `is:read`, `is:unread`, `is:noted` (has notes).
- `year:2024`, `date:2025-06-01`, `upvotes:10`, each also with `>`, `>=`, `<`, `<=`, `=`, or a
  range `a..b` (either end may be left open: `date:2025-06-01..`). A date may be given as
  YYYY-MM-DD, YYYY-MM or YYYY; a month or a year stands for all of its days.
- `-` before any term negates it: `-is:read`, `-author:smith`, `-"large language"`.

Text is compared case- and accent-insensitively (readinglist.textnorm.fold). A word with an
unknown `name:` prefix is an error rather than a free word: it is far more often a mistyped
field (`autor:smith`) than text with a colon, and the error says to quote such text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from readinglist.errors import UserError
from readinglist.textnorm import fold

TEXT_FIELDS = ("title", "author", "abstract", "cat", "source", "org", "tag")
RANGE_FIELDS = ("year", "date", "upvotes")
FLAGS = ("starred", "read", "unread", "noted")
FIELDS = (*TEXT_FIELDS, "is", *RANGE_FIELDS)
ALIASES = {"authors": "author", "category": "cat", "tags": "tag", "sources": "source"}
FREE = "any"  # the field of free words and phrases

_FIELD_PREFIX = re.compile(r"([A-Za-z]+):")
_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class QueryError(UserError):
    """A query that does not parse; the message is one line saying what is allowed."""

    def __init__(self, message: str) -> None:
        super().__init__(f"bad query: {message}", exit_code=2)


@dataclass(frozen=True, slots=True)
class TextTerm:
    """A substring test on one field (`any` = title, authors, organization and abstract)."""

    field: str
    text: str  # folded, whitespace collapsed
    phrase: bool = False
    negated: bool = False


@dataclass(frozen=True, slots=True)
class FlagTerm:
    """`is:<flag>`: a test on the user's state of a paper."""

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
class Query:
    terms: tuple[Term, ...] = ()
    text: str = ""

    def is_empty(self) -> bool:
        return not self.terms


def parse_query(text: str) -> Query:
    """Parse a query; raises QueryError with a one-line reason when it is malformed."""
    terms = tuple(_term(neg, prefix, value, quoted) for neg, prefix, value, quoted in _tokens(text))
    return Query(terms=terms, text=text)


# --- tokenizing ---------------------------------------------------------------------------


def _tokens(text: str) -> list[tuple[bool, str | None, str, bool]]:
    """Split into (negated, field prefix or None, value, quoted) tuples."""
    tokens = []
    pos, end = 0, len(text)
    while pos < end:
        if text[pos].isspace():
            pos += 1
            continue
        negated = text[pos] == "-"
        if negated:
            pos += 1
        prefix = None
        match = _FIELD_PREFIX.match(text, pos)
        if match:
            prefix = match.group(1)
            pos = match.end()
        value, quoted, pos = _read_value(text, pos)
        if prefix is None and not value and not quoted:
            continue  # a lone "-", as while typing "-is:read"
        tokens.append((negated, prefix, value, quoted))
    return tokens


def _read_value(text: str, pos: int) -> tuple[str, bool, int]:
    """Read up to the next whitespace outside quotes; quotes are dropped, spaces kept inside."""
    parts: list[str] = []
    quoted = False
    end = len(text)
    while pos < end and not text[pos].isspace():
        if text[pos] == '"':
            close = text.find('"', pos + 1)
            if close < 0:
                raise QueryError(f'unclosed quote in {text[pos:].strip()!r}; end the phrase with "')
            parts.append(text[pos + 1 : close])
            quoted = True
            pos = close + 1
        else:
            start = pos
            while pos < end and not text[pos].isspace() and text[pos] != '"':
                pos += 1
            parts.append(text[start:pos])
    return "".join(parts), quoted, pos


# --- terms --------------------------------------------------------------------------------


def _term(negated: bool, prefix: str | None, value: str, quoted: bool) -> Term:
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
    "author": "author:kingma",
    "abstract": "abstract:diffusion",
    "cat": "cat:LG",
    "source": "source:daily",
    "org": "org:meta",
    "tag": "tag:toread",
    "is": "is:unread",
    "year": "year:>=2023",
    "date": "date:2025-06-01..2025-06-30",
    "upvotes": "upvotes:>10",
}


def _text_term(field: str, value: str, quoted: bool, negated: bool) -> TextTerm:
    text = _SPACES.sub(" ", _CONTROL.sub(" ", fold(value))).strip()
    if not text and field != FREE:
        raise QueryError(f"{field}: needs a value, e.g. {_EXAMPLES[field]}")
    return TextTerm(field=field, text=text, phrase=quoted or " " in text, negated=negated)


def _flag_term(value: str, negated: bool) -> FlagTerm:
    flag = value.strip().lower()
    if flag not in FLAGS:
        raise QueryError(
            f"is:{value} is not a state; use is:starred, is:read, is:unread or is:noted"
        )
    return FlagTerm(flag=flag, negated=negated)


# --- ranges -------------------------------------------------------------------------------

_COMPARISON = re.compile(r"(>=|<=|>|<|=)?(.*)")

_RANGE_HELP = {
    "year": "a year is YYYY, >=YYYY, >YYYY, <YYYY, <=YYYY or YYYY..YYYY (either end optional)",
    "date": (
        "a date is YYYY-MM-DD (or YYYY-MM, YYYY), with >=, >, <, <= or a range"
        " a..b (either end optional)"
    ),
    "upvotes": "upvotes take N, >N, >=N, <N, <=N, =N or N..M (either end optional)",
}


def _range_term(field: str, value: str, negated: bool) -> RangeTerm:
    def bad() -> QueryError:
        return QueryError(f"{field}:{value}: {_RANGE_HELP[field]}")

    if ".." in value:
        left, _, right = value.partition("..")
        if not left and not right:
            raise bad()
        low = _interval(field, left, bad)[0] if left else None
        high = _interval(field, right, bad)[1] if right else None
        if field == "date":
            low, high = _iso(low), _iso(high)
        if low is not None and high is not None and low > high:
            raise QueryError(f"{field}:{value} is an empty range; put the smaller end first")
    else:
        op, operand = _COMPARISON.fullmatch(value).groups()  # type: ignore[union-attr]
        first, last = _interval(field, operand, bad)
        try:
            low, high = _bounds(field, op or "=", first, last)
        except OverflowError:
            raise bad() from None
    return RangeTerm(field=field, low=low, high=high, negated=negated)


def _interval(field: str, text: str, bad) -> tuple:
    """The first and last value a written value stands for (a year: all of its days)."""
    text = text.strip()
    if field == "upvotes":
        if not text.isdecimal():
            raise bad()
        return int(text), int(text)
    if field == "year":
        if not (len(text) == 4 and text.isdecimal()):
            raise bad()
        return int(text), int(text)
    return _date_interval(text, bad)


def _date_interval(text: str, bad) -> tuple[date, date]:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            day = date.fromisoformat(text)
            return day, day
        if re.fullmatch(r"\d{4}-\d{2}", text):
            first = date.fromisoformat(text + "-01")
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - timedelta(days=1)
        if re.fullmatch(r"\d{4}", text):
            return date(int(text), 1, 1), date(int(text), 12, 31)
    except ValueError:
        pass
    raise bad()


def _bounds(field: str, op: str, first, last) -> tuple:
    """Turn `op value` into inclusive bounds: `>` starts after the value's last day/number."""
    step = timedelta(days=1) if field == "date" else 1
    low, high = {
        "=": (first, last),
        ">=": (first, None),
        ">": (last + step, None),
        "<=": (None, last),
        "<": (None, first - step),
    }[op]
    if field == "date":
        return _iso(low), _iso(high)
    return low, high


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
