"""Venues and years as publication lists print them, and telling a title from a venue.

A venue is a known conference or journal name (`NeurIPS 2024`, `ICML`, `arXiv preprint`), a
phrase of proceedings (`Proc. of`, `In ...`, `Journal of`, `Vol. 3, pp. 1-10`), or a short text
ending in a year.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice
from typing import NamedTuple

from readinglist.parsing.dates import MONTH
from readinglist.parsing.pub_names import clean_name, is_name, mostly_names, split_names, word_set

# Each pattern below starts with one character class, then looks behind it: the engine then
# skips to the characters a match can start with instead of trying every position (3x faster).
# A year, not a page (`1929-1958`) nor a number's tail: `(?<![\d.\-–−])(?:19[5-9]\d|20[0-4]\d)`.
YEAR = re.compile(r"[12](?<![\d.\-–−][12])(?:(?<=1)9[5-9]\d|(?<=2)0[0-4]\d)(?!\d)")
_VENUE_NAMES = (
    r"NeurIPS|NIPS|ICML|ICLR|CVPR|ICCV|ECCV|ACL|EMNLP|NAACL|EACL|AACL|COLING|AAAI|IJCAI|"
    r"KDD|WWW|WSDM|SIGIR|SIGGRAPH|SIGMOD|VLDB|CHI|UIST|UAI|AISTATS|COLT|TMLR|JMLR|TPAMI|PAMI|"
    r"IJCV|TACL|CoRL|RSS|ICRA|IROS|MICCAI|ISBI|Interspeech|INTERSPEECH|ICASSP|LREC|FAccT|STOC|"
    r"FOCS|SODA|ICALP|POPL|PLDI|OSDI|SOSP|NSDI|USENIX|CCS|Nature|Science|PNAS|Cell|Lancet|PRL|"
    r"arXiv|bioRxiv|medRxiv|CoNLL|ICDE|ICDM|CIKM|RecSys|WACV|BMVC|3DV|ACCV|MLSys|ISCA|ASPLOS|"
    r"ICSE|FSE|ECML|PKDD|AAMAS|ICAPS|CogSci|TOG|TVCG|JAIR|NeurIPS\s+Datasets|ICLR\s+Workshop|"
    r"SSRN|Physical\s+Review|Phys\.\s*Rev\."
)


def _whole_words(alternatives: str) -> str:
    r"""`\b(?:A|B|...)\b` for alternatives (`A|B|...`) that start with a letter or digit, grouped
    by that first character (the order within a group kept: the same match)."""
    groups: dict[str, list[str]] = {}
    for alternative in alternatives.split("|"):
        groups.setdefault(alternative[0], []).append(alternative[1:])
    inner = "|".join(f"(?<={first})(?:{'|'.join(rests)})" for first, rests in groups.items())
    return rf"[{''.join(groups)}](?<!\w\w)(?:{inner})\b"


_KNOWN = re.compile(_whole_words(_VENUE_NAMES))
# How a venue starts: `In ...`, `Proc. of`, `Journal of`, `The 12th ...`, `arXiv preprint`.
_START = re.compile(
    r"^(?:In\s|in\s|Proc\.|Proceedings|Journal|Advances|Transactions|Trans\.|IEEE|ACM|"
    r"SIAM|AMS|Springer|Elsevier|International|Intl\.|Int\.|Annual|Findings|Workshop|Conference|"
    r"Conf\.|Symposium|The\s+\d+(?:st|nd|rd|th)\b|\d+(?:st|nd|rd|th)\s|Under review|Submitted|"
    r"To appear|In press|Accepted (?:at|to|in)|Preprint|preprint|Technical [Rr]eport|Tech\. Rep|"
    r"Ph\.?D\.?|Master|M\.Sc|B\.Sc|Thesis|Dissertation|Book chapter|Chapter|Forthcoming|"
    r"Workshop on|Vol\.|Volume)"
)
_MARKS = re.compile(r"\b(?:Vol\.|vol\.|pp\.|No\.|Proc\.|Proceedings|Journal|Conference|Workshop)")
# Google Scholar prints `Venue<TAB>CITATIONS<TAB>YEAR`: the count is no part of the venue.
_CITATIONS = re.compile(r"(?<=[^,;:(.\s])\s+\d{1,7}\s+(?:19|20)\d\d[a-z]?\.?$")
_ISSN = re.compile(r"[.,]?\s*(?:ISSN|ISBN|e-ISSN)[:\s]*[\dXx-]{8,17}\.?(?=,\s*(?:19|20)\d\d$|$)")
# A date is no venue: `Spring 2025`, `November 2025`, `9 September 2026`, `Jul 7, 2024`
_WHEN = re.compile(
    rf"^(?:Spring|Summer|Fall|Autumn|Winter|(?:\d{{1,2}}\s+)?{MONTH}(?:\s+\d{{1,2}},?)?)"
    r"\s+(?:19|20)\d\d$",
    re.IGNORECASE,
)
_CHUNK = re.compile(r"[^,;()–—]+(?=[,;)]|\s[–—-]\s)")  # the text before its first separator
_SENTENCE = re.compile(r"[^\W\d_]{2}\.\s+(?=[A-Z])")  # `Park. ICRA`: names, then a venue
_TRAILING_YEAR = re.compile(r"[\s,.;:(]*\(?(?<![\d\-–−])((?:19[5-9]\d|20[0-4]\d))[a-z]?\)?\.?$")
_PAREN_TAIL = re.compile(r"\s*[(\[]([^()\[\]]{2,160})[)\]]\.?$")
# Where a title or a name list may end and a venue start: `. `, `? `, `! ` (not after an
# initial), or `, `: `(?<=[^\sA-Z.][.?!])\s+(?=\S)|[,;]\s+(?=\S)|\s[-–—]\s+(?=\S)`, written to
# start with one character class (see YEAR).
_CUTS = re.compile(
    r"[\s,;](?:(?<=[^\sA-Z.][.?!]\s)\s*(?=\S)|(?<=[,;])\s+(?=\S)|(?<=\s)[-–—]\s+(?=\S))"
)


# Labels of a page's own lines: `Contact: ...`, `Deadline: ...`.
_LABELS = word_set(
    """
    organizers organisers organizer contact chair chairs committee speakers speaker deadline
    note notes location venue date dates time where when email e-mail address room host hosts
    abstract comments subjects submitted keywords tldr summary url source month year address
    volume editors editor publisher pages isbn issn doi readers published subject from to cc
    """
)


# A person's position or affiliation line: `Professor of Computer Science, University of X`.
_ROLE = re.compile(
    r"^(?:Assistant |Associate |Full |Visiting |Senior )?(?:Professor|Lecturer|Researcher|"
    r"Postdoc|Postdoctoral|PhD (?:student|candidate)|Research (?:Scientist|Engineer)|Director)\b"
    r"|\b(?:University|Institute|Department|School|College|Faculty) of [A-Z]"
    # a talk or a service line of a CV: `Invited talk at ...`, `Area chair, NeurIPS 2024`
    r"|^(?:Invited|Keynote|Guest lecture|Panel(?:ist)?\b|Talk at|Seminar at|Reviewer|Area chair|"
    r"Program committee|Co-organi[sz]er|Organi[sz]er|Session chair|TL;?DR\b|Abstract\b"
    r"|(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+[A-Z])"
)


_NUMBERED = re.compile(r"#\d")  # a poster's or a room's number
_PAGE_LABELS = ("anthology id", "filter by", "sort by", "show", "search", "view", "category")


class Venue(NamedTuple):
    venue: str | None  # as printed, without a trailing year
    year: str | None


@lru_cache(maxsize=1 << 14)  # pure, and asked again of the same text by each layout
def looks_like_venue(text: str) -> bool:
    """A known venue, a proceedings phrase, or a few words ending in a year."""
    text = text.strip(" .,;")
    if not text or len(text) > 220 or is_label_line(text) or _WHEN.match(text):
        return False
    if _START.match(text) or _KNOWN.match(text) or (_MARKS.search(text) and YEAR.search(text)):
        return True
    if text[-4:].isdigit() and _CITATIONS.search(text):
        return True  # a Google Scholar row, `nature 521 (7553), 436-444<TAB>95312<TAB>2015`
    words = text.split()
    if len(words) <= 6 and (text[0].isupper() or text[0].isdigit()) and not _names_before(text):
        return YEAR.search(text) is not None or _KNOWN.search(text) is not None
    return False


def _names_before(text: str) -> bool:
    """`S. Park. ICRA 2024` and `Wei Zhang) — NeurIPS 2024` are names, then a venue;
    `Nat. Mach. Intell. 6` is a venue."""
    if text.count("(") != text.count(")"):
        return True
    chunk = _CHUNK.match(text)
    if chunk is not None and is_name(chunk.group(0).strip()):
        return True
    cut = _SENTENCE.search(text)
    if cut is None:
        return False
    last = text[: cut.end()].rstrip().rstrip(".").rsplit(",", 1)[-1]
    return is_name(clean_name(last))


def has_firm_venue(text: str) -> bool:
    """A known venue or a year: enough to call a bare title line a paper."""
    return _KNOWN.search(text) is not None or YEAR.search(text) is not None


def split_venue(text: str) -> Venue:
    """`NeurIPS 2024` -> (`NeurIPS`, `2024`); `Proc. of X, pp. 1-9, 2023.` -> (`Proc. of X,
    pp. 1-9`, `2023`); a year printed elsewhere (`NeurIPS 2024 (Oral)`) stays in the venue."""
    text = _ISSN.sub("", text.strip()).rstrip(".").strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    year = None
    trailing = _TRAILING_YEAR.search(text)
    if trailing is not None:
        year = trailing.group(1)
        count = _CITATIONS.search(text)
        text = text[: count.start() if count else trailing.start()].rstrip(" ,;:(·•|")
    else:
        found = YEAR.findall(text)
        year = found[-1] if found else None
    if text.startswith(("In ", "in ")) and len(text) > 3:
        text = text[3:].lstrip()
    return Venue(text or None, year)


def paren_tail(text: str) -> tuple[str, str] | None:
    """`Title (NeurIPS 2024)` -> (`Title`, `NeurIPS 2024`) when the parentheses hold a venue."""
    if not text.endswith((")", "]", ").", "].")):
        return None
    match = _PAREN_TAIL.search(text)
    if match is None or not looks_like_venue(match.group(1)):
        return None
    return text[: match.start()].rstrip(" ,.;–-"), match.group(1)


def venue_tail(text: str) -> tuple[str, str] | None:
    """Split off a trailing venue in parentheses or after `. ` / `, ` (leftmost cut that works)."""
    found = paren_tail(text)
    if found is not None:
        return found
    for cut in islice(_CUTS.finditer(text), 8):  # the first few: linear on any line
        if text[cut.start() - 1] == "." and text[cut.start() - 2].isupper():
            continue  # after an initial: `Ş. Yılmaz`
        rest = text[cut.end() :]
        if looks_like_venue(rest):
            return text[: cut.start()].rstrip(" ,.;"), rest
    return None


_BADGE = re.compile(r"\s*[(\[]([^()\[\]]{2,40})[)\]]$")
_BADGE_WORDS = word_set(
    """
    oral spotlight poster highlight best paper award honorable honourable mention outstanding
    nominee finalist invited contributed talk presentation selected long short demo
    """
)


def strip_badges(text: str) -> str:
    """`Title (Oral)`, `Title [Best Paper Award]` -> `Title`."""
    while text.endswith((")", "]")):
        match = _BADGE.search(text)
        if match is None or not all(w in _BADGE_WORDS for w in match.group(1).lower().split()):
            break
        text = text[: match.start()].rstrip()
    return text


def _strong_names(text: str) -> bool:
    """Two names or more (`Zero-Shot Stereo Matching` alone has a name's shape)."""
    names = split_names(text)
    return names is not None and len(names.names) >= 2


def is_label_line(text: str) -> bool:
    """`Month: August`, `Year: 2024`, `Anthology ID: ...`: a page's own fields, no paper's."""
    label, colon, _ = text.partition(":")
    label = label.lower()
    last = label.rsplit(" ", 1)[-1]  # `Submission deadline:`
    return bool(colon) and (label in _LABELS or label in _PAGE_LABELS or last in _LABELS)


@lru_cache(maxsize=1 << 14)  # pure, and asked again of the same text by each layout
def plausible_title(text: str) -> bool:
    """Two words or more, some letters, not a venue, not a sentence of prose."""
    text = text.strip()
    if not 6 <= len(text) <= 300 or " " not in text:
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"“'‘¿¡"):
        return False
    if looks_like_venue(text) and not _has_title_mass(text):
        return False
    _, colon, rest = text.partition(": ")
    if colon and (is_label_line(text) or _strong_names(rest)):
        return False  # `Organizers: Anna Berg and Luca Conti`
    if " · " in text or " | " in text or _NUMBERED.search(text):
        return False  # fields joined by a separator (`Computer Science · NeurIPS · 2024`), `#2108`
    if mostly_names(text) or _ROLE.search(text):
        return False
    return sum(map(str.isalpha, text)) * 2 > len(text)


def _has_title_mass(text: str) -> bool:
    """A title that names a venue (`... at ICLR`) still has words no venue has."""
    words = [word for word in text.split() if sum(map(str.isalpha, word)) >= 2]
    return len(words) >= 5 and not _START.match(text) and not _KNOWN.match(text)
