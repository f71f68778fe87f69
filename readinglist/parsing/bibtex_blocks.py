"""Where a text holds BibTeX: `@type{key, ...}` blocks found line by line, whether their braces
close, and how much of the page they make up (a `.bib` file, or an e-mail quoting one entry).

A block starts on a line that begins with `@type{` or `@type(` and ends where its delimiter
closes; one that has not closed when the next block starts is malformed, and ends there, so
one broken entry never swallows the rest of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_START = re.compile(r"@[ \t]*([A-Za-z]\w*)[ \t]*([{(])")
_KEY = re.compile(r"\s*([^\s,{}()\"#%'=\\]+)\s*,")
_DELIMITERS = re.compile(r'[{}"()]')
NOT_ENTRIES = frozenset({"string", "comment", "preamble"})


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # the type, lower case: "article", "string", "comment"
    key: str | None  # the citation key, when `@type{key,` gives one
    first: int  # index of its first line
    last: int  # index of its last line (inclusive)
    closed: bool  # its braces (or parentheses) close

    @property
    def is_entry(self) -> bool:
        return self.kind not in NOT_ENTRIES

    @property
    def well_formed(self) -> bool:
        return self.closed and (self.key is not None or not self.is_entry)


def find_blocks(lines: list[str]) -> list[Block]:
    """Every BibTeX block of the page's (stripped) lines, in order."""
    starts = [i for i, line in enumerate(lines) if line.startswith("@") and _START.match(line)]
    blocks = []
    for n, first in enumerate(starts):
        limit = starts[n + 1] if n + 1 < len(starts) else len(lines)
        blocks.append(_block(lines, first, limit))
    return blocks


def _block(lines: list[str], first: int, limit: int) -> Block:
    start = _START.match(lines[first])
    assert start is not None
    kind = start.group(1).lower()
    key_match = _KEY.match(lines[first], start.end()) if kind not in NOT_ENTRIES else None
    key = key_match.group(1) if key_match else None
    end = _closing_line(lines, first, start.end(), limit, start.group(2))
    if end is not None:
        return Block(kind, key, first, end, True)
    last = limit - 1
    while last > first and not lines[last]:
        last -= 1
    return Block(kind, key, first, last, False)


def _closing_line(lines: list[str], first: int, offset: int, limit: int, opener: str) -> int | None:
    """The index of the line where the block's delimiter closes, None when it does not."""
    depth = 0  # braces open inside the block
    quoted = False  # inside a "..." value (at brace depth 0)
    for index in range(first, limit):
        for match in _DELIMITERS.finditer(lines[index], offset if index == first else 0):
            char = match.group()
            if char == "{":
                depth += 1
            elif char == "}":
                if depth == 0:
                    if opener == "{" and not quoted:
                        return index
                    continue
                depth -= 1
            elif char == '"' and depth == 0:
                quoted = not quoted
            elif char == ")" and opener == "(" and depth == 0 and not quoted:
                return index
    return None


def bibtex_share(lines: list[str], blocks: list[Block]) -> float:
    """The share of the page's non-blank lines that are BibTeX (blocks and `%` comments)."""
    inside = set()
    for block in blocks:
        inside.update(range(block.first, block.last + 1))
    text_lines = 0
    bibtex_lines = 0
    for index, line in enumerate(lines):
        if not line:
            continue
        text_lines += 1
        if index in inside or line.startswith("%"):
            bibtex_lines += 1
    return bibtex_lines / text_lines if text_lines else 0.0
