"""Splitting a query into tokens: terms, `(`, `)`, `OR`, `AND` and `@name` references."""

from __future__ import annotations

import re
from dataclasses import dataclass

from readinglist.errors import UserError

_FIELD_PREFIX = re.compile(r"([A-Za-z]+):")
_SAVED_NAME = re.compile(r'[^\s()"]*')
OPERATORS = ("OR", "AND")  # upper case only: a lower-case "or" is a word like any other


class QueryError(UserError):
    """A query that does not parse; the message is one line saying what is allowed.

    `reason` is the message without the "bad query: " prefix (for nesting in another).
    """

    def __init__(self, message: str) -> None:
        super().__init__(f"bad query: {message}", exit_code=2)
        self.reason = message


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # "term", "open", "close", "or", "and", "saved"
    negated: bool = False
    prefix: str | None = None  # a term's field name as typed
    value: str = ""  # a term's text (quotes dropped) or a saved search's name
    quoted: bool = False


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    pos, end = 0, len(text)
    while pos < end:
        char = text[pos]
        if char.isspace():
            pos += 1
            continue
        if char == ")":
            tokens.append(Token("close"))
            pos += 1
            continue
        negated = char == "-"
        if negated:
            pos += 1
            if pos == end or text[pos].isspace() or text[pos] == ")":
                continue  # a lone "-", as while typing "-is:read"
        if text[pos] == "(":
            tokens.append(Token("open", negated))
            pos += 1
            continue
        if text[pos] == "@":
            name = _SAVED_NAME.match(text, pos + 1).group()  # type: ignore[union-attr]
            pos += 1 + len(name)
            if name:  # a lone "@" while typing a name
                tokens.append(Token("saved", negated, value=name))
            continue
        prefix = None
        match = _FIELD_PREFIX.match(text, pos)
        if match:
            prefix = match.group(1)
            pos = match.end()
            if pos < end and text[pos] == "(":
                raise QueryError(
                    f"{prefix}:( is not supported; write each term with its field, "
                    f"as in ({prefix}:a OR {prefix}:b)"
                )
        value, quoted, pos = _read_value(text, pos)
        if prefix is None and not quoted and value in OPERATORS and not negated:
            tokens.append(Token(value.lower()))
        elif prefix is not None or value or quoted:
            tokens.append(Token("term", negated, prefix, value, quoted))
    return tokens


def _read_value(text: str, pos: int) -> tuple[str, bool, int]:
    """Read up to the next whitespace (or a `)` closing a group) outside quotes; quotes are
    dropped, spaces kept inside. A word's own brackets (`f(x)`) stay part of the word."""
    parts: list[str] = []
    quoted = False
    depth = 0  # brackets opened inside this word
    end = len(text)
    while pos < end and not text[pos].isspace():
        char = text[pos]
        if char == '"':
            close = text.find('"', pos + 1)
            if close < 0:
                raise QueryError(f'unclosed quote in {text[pos:].strip()!r}; end the phrase with "')
            parts.append(text[pos + 1 : close])
            quoted = True
            pos = close + 1
            continue
        if char == ")":
            if depth == 0:
                break
            depth -= 1
        elif char == "(":
            depth += 1
        parts.append(char)
        pos += 1
    return "".join(parts), quoted, pos
