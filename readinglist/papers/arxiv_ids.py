"""arXiv identifiers: telling a well-formed one from anything else, and finding them in text.

New-style ids are `YYMM.NNNN` (2007 to 2014) or `YYMM.NNNNN` (2015 on), optionally with a
version (`2407.14741v2`); old-style ids are `archive[.SUBJ]/YYMMNNN` (`math/0510544`,
`math.GT/0309136`, `hep-th/9901001`). Only these shapes are ever stored: anything a page or a
server says is checked here first, so `../1234567` or a link to another host is never an id.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_NEW = r"(?:0[7-9]|1\d|2\d|3\d)(?:0[1-9]|1[0-2])\.\d{4,5}"
_OLD_ARCHIVES = (
    "acc-phys|adap-org|alg-geom|ao-sci|astro-ph|atom-ph|bayes-an|chao-dyn|chem-ph|cmp-lg|"
    "comp-gas|cond-mat|cs|dg-ga|funct-an|gr-qc|hep-ex|hep-lat|hep-ph|hep-th|math-ph|math|"
    "mtrl-th|nlin|nucl-ex|nucl-th|patt-sol|physics|plasm-ph|q-alg|q-bio|quant-ph|solv-int|"
    "supr-con"
)
_OLD = rf"(?:{_OLD_ARCHIVES})(?:\.[A-Z]{{2}})?/(?:9[1-9]|0\d)(?:0[1-9]|1[0-2])\d{{3}}"
_ID = rf"(?P<id>{_NEW}|{_OLD})(?:v(?P<version>[1-9]\d{{0,2}}))?"
_WHOLE = re.compile(rf"^{_ID}$")

# Hosts whose links name an arXiv paper in their path (arXiv itself and common mirrors).
ARXIV_HOSTS = ("arxiv.org", "www.arxiv.org", "export.arxiv.org", "browse.arxiv.org")
_LINK_HOSTS = (
    r"(?:www\.|export\.|browse\.)?arxiv\.org/(?:abs|pdf|html|format)"
    r"|(?:www\.)?alphaxiv\.org/(?:abs|overview|pdf)"
    r"|(?:www\.)?huggingface\.co/papers"
    r"|(?:www\.)?arxiv-sanity(?:-lite)?\.com/abs"
    r"|(?:www\.)?semanticscholar\.org/arxiv"
    r"|(?:www\.)?paperswithcode\.com/paper/arxiv"
    r"|ar5iv(?:\.labs\.arxiv)?\.org/(?:abs|html)"
)
# An id in text: in a link, after `arXiv:` / `arxiv.org/abs/`, or a bare new-style id.
_IN_TEXT = re.compile(
    rf"(?:(?:https?://)?(?:{_LINK_HOSTS})/|\barXiv:\s?|(?<![\w./-]))"
    rf"{_ID}(?:\.pdf)?(?![\w/-]|\.\d)",
    re.IGNORECASE,
)


_NAMED = re.compile(r"arxiv|/abs/|/pdf/|/papers/", re.IGNORECASE)


class ArxivId(NamedTuple):
    id: str  # without version
    version: int | None

    def __str__(self) -> str:
        return self.id if self.version is None else f"{self.id}v{self.version}"


def parse_arxiv_id(text: str) -> ArxivId | None:
    """The id (and version) when `text` is exactly a well-formed arXiv id, else None."""
    match = _WHOLE.match(text.strip())
    if match is None:
        return None
    version = match.group("version")
    return ArxivId(match.group("id"), int(version) if version else None)


def is_arxiv_id(text: str) -> bool:
    return parse_arxiv_id(text) is not None


def find_arxiv_ids(text: str) -> list[ArxivId]:
    """Every arXiv id in free text (links, `arXiv:ID`, bare new-style ids), first seen first,
    each once (the highest version seen wins)."""
    found: dict[str, ArxivId] = {}
    for match in _IN_TEXT.finditer(text):
        raw = match.group("id")
        # an old-style id only from a link or after `arXiv:`: a bare `cs/0101001` may be a path
        if "/" in raw and not _NAMED.search(match.group(0)):
            continue
        version = match.group("version")
        item = ArxivId(raw, int(version) if version else None)
        earlier = found.get(raw)
        if earlier is None or (item.version or 0) > (earlier.version or 0):
            found[raw] = item if earlier is None else ArxivId(raw, item.version)
    return list(found.values())


def abs_url(arxiv_id: str) -> str:
    return f"https://arxiv.org/abs/{arxiv_id}"


def pdf_url(arxiv_id: str) -> str:
    return f"https://arxiv.org/pdf/{arxiv_id}"
