"""LaTeX in BibTeX values made plain text: accents decoded (`{\\L}ukasz` is Łukasz), protective
braces, markup and math delimiters dropped, white space collapsed to single spaces."""

from __future__ import annotations

import logging
import re
from functools import cache, lru_cache

from pylatexenc.latex2text import LatexNodes2Text

# pylatexenc logs what it finds odd in a value; a page's LaTeX is the user's, not our log's.
logging.getLogger("pylatexenc").addHandler(logging.NullHandler())
logging.getLogger("pylatexenc").propagate = False

# Values without any of these are plain text already: the common case skips pylatexenc.
_NEEDS_DECODING = re.compile(r"[\\{}$~%^_]|--|``|''")
# `%` starts a LaTeX comment, but in a title or abstract `50%` means per cent.
_BARE_PERCENT = re.compile(r"(?<!\\)%")
_PLAIN_GROUP = re.compile(r"\{([^{}\\$%~^_`']*)\}")
_MACRO_END = re.compile(r"\\(?:[A-Za-z]+\s*|[^A-Za-z\s])$")
_MARKUP = re.compile(r"\\[A-Za-z]+\*?|\\.|[{}$]")


@cache
def _converter() -> LatexNodes2Text:
    return LatexNodes2Text(math_mode="text", strict_latex_spaces=True)


# What pylatexenc drops or turns into styled letters (`\texttt{X}` -> "", `\mathbf{x}` -> 𝐱,
# `\TeX` -> ""): a title keeps the plain words, which is also what searching and matching need.
_PLAIN_ARGUMENT = re.compile(
    r"\\(?:texttt|textsf|textup|textmd|mbox|math(?:bf|cal|it|sf|tt|bb|frak|scr|normal))"
    r"\s*\{([^{}\\]*)\}"
)
_LOGO = re.compile(
    r"\\(LaTeXe|LaTeX|BibTeX|TeX|XeLaTeX|XeTeX|LuaLaTeX|LuaTeX|ConTeXt)(?![A-Za-z])(?:\{\})?"
)


def _logo(match: re.Match[str]) -> str:
    return "LaTeX2e" if match.group(1) == "LaTeXe" else match.group(1)


def latex_to_text(value: str) -> str:
    """The plain text a LaTeX value reads as, on one line."""
    if "\\" in value:
        value = _LOGO.sub(_logo, _PLAIN_ARGUMENT.sub(r"\1", value))
    if _NEEDS_DECODING.search(value):
        # Protective braces around plain words (`{Deep} {Learning}`) are most of the LaTeX in
        # a .bib, and far cheaper to drop here than through pylatexenc.
        while "{" in value:
            plain = _PLAIN_GROUP.sub(_unbraced, value)
            if plain == value:
                break
            value = plain
        if _NEEDS_DECODING.search(value):
            value = _decode(_BARE_PERCENT.sub(r"\\%", value))
    return " ".join(value.split())


def _unbraced(group: re.Match[str]) -> str:
    """A brace group's words, unless the group is a macro's argument (`\\c{c}`, `\\emph{X}`)."""
    before = group.string[max(0, group.start() - 40) : group.start()]
    return group.group(0) if _MACRO_END.search(before) else group.group(1)


@lru_cache(maxsize=4096)  # names and venues repeat down a .bib
def _decode(value: str) -> str:
    try:
        return _converter().latex_to_text(value)
    except Exception:  # pylatexenc on malformed input: keep the words, drop the markup
        return _MARKUP.sub("", value)


def unescape_link(value: str) -> str:
    """A URL or DOI as BibTeX writes it (`\\url{...}`, `\\_`, `\\%`), as a link."""
    value = value.strip()
    match = re.fullmatch(r"\\(?:url|href)\s*\{([^{}]*)\}.*", value, re.DOTALL)
    if match:
        value = match.group(1)
    value = re.sub(r"\\([_%&#~$])", r"\1", value).replace("{", "").replace("}", "")
    return value.split()[0] if value.split() else ""
