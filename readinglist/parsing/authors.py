"""Splitting an author-list line: the author list is glued to the end of the title.

`...Language Supervision at ScaleFloris Weers, Vaishaal Shankar, Angelos Katharopoulos et al.`

The glue point is a capital that starts a given name (`Floris`, or an initial `J.`) right after a
non-space character of the title: a lower-case letter, a digit, punctuation or an acronym
(`R-CNNKaiming He`, `GPT-4Sam McCandlish`, `Plan Early!David Grangier`). Every such point is
tried from the left; the first whose remainder is a valid list of names wins. The first author
needs two words at least, so the capitals inside `McCandlish` or `LeCun` never split a name.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from readinglist.parsing.cleanup import collapse


def _letter_class(predicate) -> str:
    """A regex character class of the Latin, Greek and Cyrillic letters the predicate accepts."""
    ranges = [(0x41, 0x24F), (0x370, 0x52F), (0x1E00, 0x1FFF)]
    chars = [chr(c) for lo, hi in ranges for c in range(lo, hi + 1) if predicate(chr(c))]
    runs: list[list[str]] = []
    for ch in chars:
        if runs and ord(ch) == ord(runs[-1][1]) + 1:
            runs[-1][1] = ch
        else:
            runs.append([ch, ch])
    return "".join(re.escape(a) if a == b else f"{re.escape(a)}-{re.escape(b)}" for a, b in runs)


_UP = f"[{_letter_class(str.isupper)}]"
_LO = f"[{_letter_class(str.islower)}]"
_APOS = "['’]"

# Prefixes after which a surname carries a second capital: McCandlish, LeCun, DiGiorgi, O'Brien.
_PREFIX = rf"(?:Mc|Mac|Di|De|Da|Du|Le|La|Lo|Van|Von|Fitz|Del|Dal|Della|{_UP}{_APOS})"
_CAPWORD = rf"(?:{_PREFIX}?{_UP}{_LO}+(?:{_APOS}{_LO}+)?)"
_WORD = rf"(?:(?:al|el|ibn|bin)-)?{_CAPWORD}(?:-(?:{_CAPWORD}|{_LO}+))*"
_INITIAL = rf"{_UP}\.(?:-?{_UP}\.)*"
_PARTICLE = (
    r"(?:van|von|der|den|de|del|della|di|da|das|dos|du|la|le|ten|ter|zu|bin|binti|ibn|al|el|y)"
)
_SUFFIX = r"(?:Jr\.|Sr\.|II|III|IV)"
_LEAD = rf"(?:{_INITIAL}|{_WORD}|{_PARTICLE}|{_UP})"  # `Quoc V Le`: an initial without period
_LAST = rf"(?:{_WORD}|{_SUFFIX})"
# `KyungHyun Cho`: allowed after a comma only. At the glue point it would be indistinguishable
# from a title ending in `PyTorch` glued to `Adam Paszke`.
_CAMEL = rf"{_UP}{_LO}+{_UP}{_LO}+"

# Any author: up to six words, ending in a surname. The glued first author: two words or more,
# starting with a given name or an initial.
# A name in Chinese, Japanese or Korean script: two to four characters, no spaces needed
# (`张伟`, `山田 太郎`, `김민수`).
_CJK_CHAR = "[\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\u3040-\u30ff]"
_CJK = rf"{_CJK_CHAR}{{1,4}}(?: {_CJK_CHAR}{{1,4}})?"
_NAME = re.compile(rf"(?:(?:{_LEAD}|{_CAMEL}) ){{0,5}}(?:{_LAST}|{_CAMEL})|{_CJK}")
_FIRST_NAME = re.compile(
    rf"(?:{_INITIAL}|{_WORD}) (?:{_LEAD} ){{0,4}}{_LAST}|{_CJK_CHAR}{{2,4}}(?: {_CJK_CHAR}{{1,4}})?"
)
_SEPARATOR = re.compile(r" ?, ?(?:and )?")  # never a bare ` and `: titles are full of them
_ET_AL = re.compile(r",? ?(?:et\.? al\.?|…|\.\.\.)$")
_ET_AL_ENDS = ("al", "al.", "…", "...")
_FIRST_SCAN = 120  # a name is shorter than this: no need to look further for its end
# A capital starting a given name right after a non-space that is no hyphen or apostrophe.
# After an acronym a plural `s` is no name: `LLMs Learning` never splits as `Ms Learning`.
_GLUE = re.compile(
    rf"(?<=[^\s\-'’{_UP[1:-1]}])(?={_UP}(?:{_LO}|\.))"
    rf"|(?<={_UP})(?={_UP}(?:(?!s\b){_LO}|\.))"
    rf"|(?<=[^\s\-'’\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\u3040-\u30ff])(?={_CJK_CHAR})"
)


class TitleAuthors(NamedTuple):
    title: str
    authors: list[str]
    truncated: bool


def parse_name_list(text: str, *, glued: bool = False) -> list[str] | None:
    """The names of `A B, C D, E F` or None when any part is no name.

    `glued`: the first name starts at a glue point, so it must be a two-word name.
    """
    text = text.rstrip(",;")
    first = _FIRST_NAME if glued else _NAME
    # The first name alone rejects most texts (an abstract, a title's tail) before any split.
    separator = _SEPARATOR.search(text, 0, _FIRST_SCAN)
    head = text[: separator.start()] if separator is not None else text
    if first.fullmatch(head) is None:
        return None
    names = _SEPARATOR.split(text)
    for name in names[1:]:
        if _NAME.fullmatch(name) is None:
            return None
    return names


def strip_et_al(text: str) -> tuple[str, bool]:
    """The line without a trailing `et al.` and whether there was one."""
    if not text.endswith(_ET_AL_ENDS):
        return text, False
    match = _ET_AL.search(text, max(0, len(text) - 12))
    if match is None:
        return text, False
    return text[: match.start()].rstrip(), True


def split_title_authors(line: str) -> TitleAuthors | None:
    """Title and authors of a line with the author list glued to the title, or None."""
    return split_clean(collapse(line))


def split_clean(line: str) -> TitleAuthors | None:
    """`split_title_authors` of a line whose whitespace is already collapsed."""
    body, truncated = strip_et_al(line)
    for match in _GLUE.finditer(body):
        start = match.start()
        names = parse_name_list(body[start:], glued=True)
        if names is not None:
            title = body[:start].rstrip()
            if title:
                return TitleAuthors(title, names, truncated)
    return None


def split_spaced(line: str) -> TitleAuthors | None:
    """Title and authors of a line whose copy put a space where the glue was (`...Egocentric
    Depth Marco Hutter, Jemin Hwangbo et al.`). The names after the first comma are the list's;
    the first name is the two words before it (three after an initial or a particle: `Quoc V.
    Le`, `Rianne van den Berg`). Only for a line already known to hold both: on its own a
    title's `An Expressive, Efficient Attention` reads as names."""
    body, truncated = strip_et_al(line)
    head, comma, tail = body.partition(", ")
    rest = parse_name_list(tail) if comma else []
    if rest is None or not (rest or truncated):
        return None
    words = head.split(" ")
    # `J. Smith, A. Jones`: the names start with their initial, so `J.` starts the first one
    initials_first = bool(rest) and all(_STARTS_INITIAL.match(name) for name in rest)
    joins = _PARTICLE_WORD if initials_first else _JOINS_NEXT
    size = 2
    while size < min(len(words) - 1, 5) and joins.fullmatch(words[-size]):
        size += 1  # `V.` or `van` before the surname: the given name is one more word left
    first = " ".join(words[-size:])
    title = " ".join(words[:-size]).rstrip(" :–-")
    names = [first, *rest]
    if len(words) - size < 2 or _FIRST_NAME.fullmatch(first) is None:
        return None
    if not all(2 <= len(name.split()) <= 5 for name in names):
        return None
    return TitleAuthors(title, names, truncated)


_JOINS_NEXT = re.compile(rf"{_INITIAL}|{_PARTICLE}")
_PARTICLE_WORD = re.compile(_PARTICLE)
_STARTS_INITIAL = re.compile(rf"{_INITIAL} ")


def author_names(line: str) -> TitleAuthors | None:
    """A line that is only an author list (the page put it on its own line)."""
    return names_clean(collapse(line))


def names_clean(line: str) -> TitleAuthors | None:
    """`author_names` of a line whose whitespace is already collapsed."""
    body, truncated = strip_et_al(line)
    names = parse_name_list(body)
    if names is None:
        return None
    return TitleAuthors("", names, truncated)
