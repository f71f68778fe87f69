"""arXiv identifiers: telling a well-formed one from anything else, and finding them in text.

New-style ids are `YYMM.NNNN` (April 2007 to December 2014) or `YYMM.NNNNN` (January 2015 on),
optionally with a version (`2407.14741v2`); old-style ids are `archive[.SC]/YYMMNNN`
(`math/0510544`, `math.GT/0309136`, `hep-th/9901001`, up to March 2007). Only these shapes are
ever stored: anything a page or a server says is checked here first, so `../1234567`, a phone
number like `1234.56789` or a link to another host is never an id.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import NamedTuple

_MONTH = r"(?:0[1-9]|1[0-2])"
# The number has 5 digits from 1501 (`2401.1234` is no id); arXiv gave 4 up to 1412, but 5
# are let through there too: an id padded to 5 (`1408.06652`) still names one paper.
_NEW = (
    rf"(?:07(?:0[4-9]|1[0-2])|0[89]{_MONTH}|1[0-4]{_MONTH})\.\d{{4,5}}"
    rf"|(?:1[5-9]|[23]\d){_MONTH}\.\d{{5}}"
)
_OLD_ARCHIVES = (
    "acc-phys|adap-org|alg-geom|ao-sci|astro-ph|atom-ph|bayes-an|chao-dyn|chem-ph|cmp-lg|"
    "comp-gas|cond-mat|cs|dg-ga|funct-an|gr-qc|hep-ex|hep-lat|hep-ph|hep-th|math-ph|math|"
    "mtrl-th|nlin|nucl-ex|nucl-th|patt-sol|physics|plasm-ph|q-alg|q-bio|quant-ph|solv-int|"
    "supr-con"
)
_OLD = rf"(?:{_OLD_ARCHIVES})(?:\.[A-Z]{{2}})?/(?:9[1-9]{_MONTH}|0[0-6]{_MONTH}|070[1-3])\d{{3}}"
_ID = rf"(?P<id>{_NEW}|{_OLD})(?:v(?P<version>[1-9]\d{{0,2}}))?"
_WHOLE = re.compile(rf"^{_ID}$")

# Hosts whose links name an arXiv paper in their path (arXiv itself and common mirrors).
ARXIV_HOSTS = ("arxiv.org", "www.arxiv.org", "export.arxiv.org", "browse.arxiv.org")
_LINK_HOSTS = (
    r"(?:www\.|export\.|browse\.)?arxiv\.org/(?:abs|pdf|html|format|ps)/"
    r"|(?:www\.)?alphaxiv\.org/(?:abs|overview|pdf)/"
    r"|(?:www\.)?huggingface\.co/papers/"
    r"|(?:www\.)?arxiv-sanity(?:-lite)?\.com/abs/"
    r"|(?:www\.)?semanticscholar\.org/arxiv/"
    r"|(?:www\.)?paperswithcode\.com/paper/arxiv/"
    r"|(?:www\.)?scirate\.com/arxiv/"
    r"|papers\.cool/arxiv/"
    r"|(?:www\.)?emergentmind\.com/papers/"
    r"|ar5iv(?:\.labs\.arxiv)?\.org/(?:abs|html)/"
    r"|(?:dx\.)?doi\.org/10\.48550/arxiv\."
)
# Characters a link ends before: space, quotes, brackets, Markdown/Slack/HTML delimiters.
_URL_CHAR = r"[^\s<>\"'()\[\]{}|`]"
# One pass over the text finds, at each place, the first of: a link naming an id; a link to
# anything else (skipped whole, so `example.com/?id=2407.14741` is no id); `arXiv:ID` (or a
# `10.48550/arXiv.ID` DOI); an id standing alone in prose (not inside a path, number or word).
_IN_TEXT = re.compile(
    rf"(?:(?P<link>(?:(?i:https?)://)?(?i:{_LINK_HOSTS}))"
    rf"|(?P<prefix>(?i:\barxiv)(?::\s?|\.|\s)(?:(?i:abs)/)?)"
    rf"|(?<![\w./\\\-=#?&%$€£+@]))"
    # a link may go on past the id (`html/ID/#S2`); an id in prose may not run into a path
    rf"{_ID}(?P<pdf>\.pdf)?(?(link)(?![\w\-]|[.,]\d)|(?![\w/\-]|[.,]\d|%))"
    rf"|(?P<other>(?i:https?://|www\.|arxiv\.org/){_URL_CHAR}+)"
)
_HINT_NEW = re.compile(r"\.\d{4}")
_HINT_OLD = re.compile(r"/\d{7}")
# A link on an arXiv host to a paper that names no well-formed id: worth a warning.
_BROKEN_LINK = re.compile(r"(?i)^(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/\S")


class ArxivId(NamedTuple):
    id: str  # without version
    version: int | None

    def __str__(self) -> str:
        return self.id if self.version is None else f"{self.id}v{self.version}"


class Mention(NamedTuple):
    """One place in a text naming an arXiv id: where, which, and the link when it was one."""

    arxiv_id: ArxivId
    start: int
    end: int
    url: str | None  # the link as given (with `https://` added when it had no scheme)


def canonical_id(arxiv_id: str) -> str:
    """One id per paper: `math.GT/0309136` is an old alias of `math/0309136` (the subject
    class is no part of the id, as arXiv's own lists print it)."""
    return _SUBJECT_CLASS.sub("/", arxiv_id, count=1) if "/" in arxiv_id else arxiv_id


_SUBJECT_CLASS = re.compile(r"\.[A-Z]{2}/")


def parse_arxiv_id(text: str) -> ArxivId | None:
    """The id (and version) when `text` is exactly a well-formed arXiv id, else None."""
    match = _WHOLE.match(text.strip())
    if match is None:
        return None
    version = match.group("version")
    return ArxivId(canonical_id(match.group("id")), int(version) if version else None)


def is_arxiv_id(text: str) -> bool:
    return parse_arxiv_id(text) is not None


def find_mentions(text: str) -> tuple[list[Mention], list[tuple[int, str]]]:
    """Every place `text` names an arXiv id, in order, and the arXiv paper links in it that
    name none (start offset, link), so a reader can say which it skipped."""
    mentions: list[Mention] = []
    broken: list[tuple[int, str]] = []
    for match in _matches(text):
        other, link, arxiv_id, version = match.group("other", "link", "id", "version")
        if other is not None:
            if _BROKEN_LINK.match(other):
                broken.append((match.start(), other))
            continue
        if "/" in arxiv_id:
            arxiv_id = canonical_id(arxiv_id)
        item = ArxivId(arxiv_id, int(version) if version else None)
        url = None
        start, end = match.span()
        if link is not None:
            url = match.group(0)
            if "://" not in url[:8]:
                url = "https://" + url
        mentions.append(Mention(item, start, end, url))
    return mentions, broken


def _matches(text: str) -> Iterator[re.Match[str]]:
    """`_IN_TEXT.finditer`'s matches on the lines where an id can be (every id holds `.NNNN` or
    `/NNNNNNN`, found by a literal search). Trying the big pattern at every character of such a
    line is slow; it is tried only where a match can start: where an id begins (four digits
    before `.NNNN`, an archive before `/NNNNNNN`), or a link or an `arXiv` prefix (`_STARTS`).
    On each line, the first of those places it matches at is the next match `finditer` gives."""
    new = [m.start() for m in _HINT_NEW.finditer(text)]
    old = [m.start() for m in _HINT_OLD.finditer(text)]
    if not new and not old:
        return
    hints = sorted(new + old) if old else new
    places = _link_starts(text)
    places.extend(place - 4 for place in new)
    for hint in old:
        places.extend(_archive_starts(text, hint))
    places.sort()
    done = -1  # the end of the last line searched
    count, at, size = len(places), 0, len(text)
    rfind, find, match_at = text.rfind, text.find, _IN_TEXT.match  # (the loop's hot calls)
    for position in hints:
        if position < done:
            continue
        start = rfind("\n", 0, position) + 1
        end = find("\n", position)
        done = size if end < 0 else end
        at = bisect.bisect_left(places, start, at)
        after = start  # where the last match ended: finditer goes on from there
        while at < count:
            place = places[at]
            if place >= done:
                break
            at += 1
            if place >= after:
                match = match_at(text, place, done)
                if match is not None:
                    yield match
                    after = match.end()


# Where a link may begin (scheme, `www.` or a host of _LINK_HOSTS), or an `arXiv` prefix: each a
# one-character match (so none hides the next), tried on the lowered text.
_STARTS = re.compile(
    r"h(?=ttps?://|uggingface)|w(?=ww\.)|a(?=rxiv|lphaxiv|r5iv)|e(?=xport\.|mergentmind)"
    r"|b(?=rowse\.)|s(?=emanticscholar|cirate)|p(?=aperswithcode|apers\.cool)|d(?=oi\.org/|x\.doi)"
)
_STARTS_ANY_CASE = re.compile(_STARTS.pattern, re.IGNORECASE)


def _link_starts(text: str) -> list[int]:
    """`_STARTS`'s places, case-insensitive as `_IN_TEXT`'s links and prefix are: the lowered
    text keeps every place when lowering keeps its length (only `İ` grows) and the two letters
    the pattern engine also takes for ASCII ones (`ı` for `i`, `ſ` for `s`) are made ASCII."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return [m.start() for m in _STARTS_ANY_CASE.finditer(text)]
    if not lowered.isascii():
        lowered = lowered.replace("ı", "i").replace("ſ", "s")
    return [m.start() for m in _STARTS.finditer(lowered)]


_OLD_ARCHIVE_SET = frozenset(_OLD_ARCHIVES.split("|"))
_LONGEST_ARCHIVE = max(len(name) for name in _OLD_ARCHIVE_SET) + len(".XX")


def _archive_starts(text: str, slash: int) -> list[int]:
    """Where an old-style id (`archive[.SC]/YYMMNNN`) whose slash is at `slash` may begin."""
    places: list[int] = []
    if not text[slash - 1 : slash].isalpha():  # an archive ends in a letter (`math`, `.GT`)
        return places
    for length in range(2, _LONGEST_ARCHIVE + 1):
        if length > slash:
            break
        name = text[slash - length : slash]
        if name in _OLD_ARCHIVE_SET or (name[-3:-2] == "." and name[:-3] in _OLD_ARCHIVE_SET):
            places.append(slash - length)
    return places


def find_arxiv_ids(text: str) -> list[ArxivId]:
    """Every arXiv id in free text (links, `arXiv:ID`, ids standing alone), first seen first,
    each once (the highest version seen wins)."""
    found: dict[str, ArxivId] = {}
    for mention in find_mentions(text)[0]:
        item = mention.arxiv_id
        earlier = found.get(item.id)
        if earlier is None or (item.version or 0) > (earlier.version or 0):
            found[item.id] = item
    return list(found.values())


def abs_url(arxiv_id: str) -> str:
    return f"https://arxiv.org/abs/{arxiv_id}"


def pdf_url(arxiv_id: str) -> str:
    return f"https://arxiv.org/pdf/{arxiv_id}"
