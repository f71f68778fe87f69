"""What each line of a Hugging Face papers page is: page chrome, metadata, or text.

Daily Papers and collection pages print per paper a title, an abstract and (mostly) a metadata
block: `• N authors` or an organization line, a line `·`, then `Mon D[, YYYY][ UPVOTES]`.
Paper search pages print a title line and an abstract line. All share the same page chrome.
"""

from __future__ import annotations

import re
from enum import Enum, auto
from typing import NamedTuple

from readinglist.papers.arxiv_ids import is_arxiv_id
from readinglist.parsing.dates import DATE
from readinglist.parsing.shape import looks_like_prose

_HEADER = re.compile(
    r"new|subscribe|daily papers|papers|by ?ak and the research community"
    r"|get trending papers in your email inbox(?: once a day)?!?",
    re.IGNORECASE,
)
# `Subscribe` glued to the first title (search pages), or an inbox line glued to `Subscribe`.
_GLUED_HEADER = re.compile(
    r"Get trending papers in your email inbox(?: once a day)?!|Subscribe(?=[^a-z])"
)
_SEARCH_MARKERS = re.compile(r"Subscribe.")  # glued to the first title
_DAILY_MARKERS = re.compile(r"new|daily papers|by ?ak and the research community", re.I)
COUNT = re.compile(r"(?:[•·∙*] ?)?(?P<count>\d{1,5}) authors?(?: ?[·•∙])?")  # `• 9 authors·`
DOT = frozenset("·•∙⋅")
BULLETS = "•·∙⋅"
_UPVOTES = r"\d{1,3}(?:,\d{3})+|\d{1,7}"  # `1,234` when the page groups thousands
DATE_LINE = re.compile(rf"(?:Published on )?{DATE}(?: (?P<upvotes>{_UPVOTES}))?")
# `• 4 authors · Mar 2, 2023 5` when the copy kept the block on one line.
_INLINE_META = re.compile(rf"(?P<head>.{{1,80}}?) ?[·•∙⋅] ?(?P<date>{DATE}(?: (?:{_UPVOTES}))?)")
_SHORT = 80  # longest metadata / header line tried against the patterns
# The site's own chrome around the papers in a select-all copy: navigation, the footer, a
# card's `Submitted by` / `Upvote` and the counts shown alone on a line. Never a title.
_SITE_CHROME = re.compile(
    r"hugging ?face(?:'s logo)?|models|datasets|spaces|community|docs|enterprise|pricing"
    r"|log ?in|sign ?up|daily|weekly|monthly|previous|next|search any paper with ai|trending"
    r"|collections?|system theme|company|tos|privacy|about|jobs|website|upvote|submitted by"
    r"|submitted by \S{1,40}|updated .{1,30} ago|view all|\d{1,3}(?:,\d{3})+|\d{1,7}"
    r"|\d{1,3}(?:\.\d)?[km]"  # `1.2k` upvotes
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day, [\w ,]{3,20}|week \d{1,2}(?:, \d{4})?"
    r"|(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december) \d{4}",  # the weekly and monthly views' headings
    re.IGNORECASE,
)
# A Markdown conversion: images, `[text](url)` links, heading and bullet marks, bold.
_MD_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()\s]*\)")
_MD_LINK = re.compile(r"\[([^\[\]]*)\]\(([^()\s]*)\)")
_MD_PREFIX = re.compile(r"(?:#{1,6}|[*-]) +")
_MD_BOLD = re.compile(r"\*\*|__")
_PAPER_LINK = re.compile(
    r"(?:https?://(?:www\.)?huggingface\.co)?/papers/(?P<id>\d{4}\.\d{4,5})(?:v\d{1,3})?/?"
)
# What an HTML-to-text tool puts above the page's text: `# Source: URL`, `**Fetched:** ...`, `---`.
_TOOL_HEADER = re.compile(r"# Source: \S+|\*\*Fetched:\*\* .{1,60}|-{3,}", re.IGNORECASE)
_SUBMITTER = re.compile(r"\S{1,40}")  # the user name on the line after `Submitted by`
# A collection's paper item: `Paper • 2501.12948 • Published Jan 22 • 436`.
_PAPER_ITEM = re.compile(
    rf"Paper ?[•·∙] ?(?P<id>\d{{4}}\.\d{{4,5}}|[a-z-]{{2,8}}/\d{{7}})(?:v\d{{1,3}})?"
    rf"(?: ?[•·∙] ?(?:Published (?:on )?)?(?:{DATE}|[\w ]{{1,20}} ago))?"  # `6 days ago`
    rf"(?: ?[•·∙] ?(?P<upvotes>{_UPVOTES}))?"
)


class Kind(Enum):
    HEADER = auto()
    COUNT = auto()  # `• N authors`
    ORG = auto()  # an organization shown instead of an author count
    DOT = auto()  # the `·` between the block's first line and its date
    DATE = auto()  # `Mon D[, YYYY][ UPVOTES]`
    PAPER = auto()  # a collection's `Paper • ID • Published Mon D • UPVOTES`: the whole block
    TEXT = auto()  # a title or an abstract


class Item(NamedTuple):
    number: int  # 1-based line number in the file
    kind: Kind
    text: str
    # The pattern's match; on a HEADER: set for the site's chrome, None for the page's own
    # header (`Daily Papers`, the listing date's block), which alone starts a new page.
    match: re.Match[str] | None = None


def classify(lines: list[str]) -> list[Item]:
    """The non-blank lines as items; an organization is known by the `·` line after it."""
    items: list[Item] = []
    for number, line in enumerate(lines, 1):
        if not line:
            continue
        line, paper_link = _plain(line)
        if not line:
            continue
        # (the length first: lower-casing the abstract before every line costs a lot)
        after_submitted = (
            bool(items) and len(items[-1].text) == 12 and items[-1].text.lower() == "submitted by"
        )
        if after_submitted and (match := _SUBMITTER.fullmatch(line)):
            items.append(Item(number, Kind.HEADER, line, match))
        else:
            _classify_line(number, line, items)
            if paper_link is not None and items[-1].kind is Kind.TEXT:
                items[-1] = items[-1]._replace(match=paper_link)  # the title's arXiv id
    _mark_organizations(items)
    _mark_collection_text(items)
    return items


def _plain(line: str) -> tuple[str, re.Match[str] | None]:
    """A line of a Markdown conversion as the page shows it (`### [Title](/papers/ID)` is
    `Title`, `* 31 authors` is `31 authors`), and the link to the paper's page if it has one."""
    if "](" not in line and (line[0] not in "#*-" or not _MD_PREFIX.match(line)):
        return line, None
    found: list[re.Match[str]] = []

    def text_of(link: re.Match[str]) -> str:
        paper = _PAPER_LINK.fullmatch(link.group(2))
        if paper is not None and is_arxiv_id(paper.group("id")):
            found.append(paper)
        return link.group(1)

    text = _MD_LINK.sub(text_of, _MD_IMAGE.sub("", line)).strip()
    if prefix := _MD_PREFIX.match(text):
        text = text[prefix.end() :]
    return _MD_BOLD.sub("", text).strip(), found[0] if found else None


def _classify_line(number: int, line: str, items: list[Item]) -> None:
    if line[0] in "#*-" and (match := _TOOL_HEADER.fullmatch(line)):
        items.append(Item(number, Kind.HEADER, line, match))
        return
    if len(line) > _SHORT:
        if line[0] in "GS":
            _classify_glued(number, line, items)
        else:
            items.append(Item(number, Kind.TEXT, line))
        return
    if line in DOT:
        items.append(Item(number, Kind.DOT, line))
    elif _HEADER.fullmatch(line):
        items.append(Item(number, Kind.HEADER, line))
    elif match := _SITE_CHROME.fullmatch(line):
        items.append(Item(number, Kind.HEADER, line, match))
    elif line.startswith("Paper") and (match := _PAPER_ITEM.fullmatch(line)):
        if is_arxiv_id(match.group("id")):
            items.append(Item(number, Kind.PAPER, line, match))
        else:
            items.append(Item(number, Kind.TEXT, line))
    elif match := DATE_LINE.fullmatch(line):
        items.append(Item(number, Kind.DATE, line, match))
    elif match := COUNT.fullmatch(line):
        items.append(Item(number, Kind.COUNT, line, match))
    elif _has_separator(line) and (match := _INLINE_META.fullmatch(line)):
        _classify_line(number, match.group("head"), items)
        if items[-1].kind is Kind.TEXT or is_site_chrome(items[-1]):
            items[-1] = items[-1]._replace(kind=Kind.ORG, match=None)
        items.append(Item(number, Kind.DOT, "·"))
        _classify_line(number, match.group("date"), items)
    else:
        _classify_glued(number, line, items)


def _has_separator(line: str) -> bool:
    """Whether `line` holds a metadata separator: most lines (titles) do not, and the inline
    pattern's lazy head would otherwise be tried at every length."""
    return "·" in line or "•" in line or "∙" in line or "⋅" in line


def _classify_glued(number: int, line: str, items: list[Item]) -> None:
    """Strip chrome glued to the front of the first title (`SubscribeUnsupervised Corpus...`)."""
    previous_is_header = bool(items) and items[-1].kind is Kind.HEADER
    while match := _GLUED_HEADER.match(line):
        items.append(Item(number, Kind.HEADER, match.group(0)))
        line = line[match.end() :].lstrip()
    if line.startswith("Subscribe") and previous_is_header and len(line) > 9:
        items.append(Item(number, Kind.HEADER, "Subscribe"))
        line = line[9:].lstrip()
    if line:
        items.append(Item(number, Kind.TEXT, line))


def _mark_organizations(items: list[Item]) -> None:
    """A short text line right before a `·` line (and after its paper's text) is an organization."""
    for index in range(2, len(items)):
        item = items[index]
        if item.kind is not Kind.DOT:
            continue
        head, before = items[index - 1], items[index - 2]
        if (
            (head.kind is Kind.TEXT or is_site_chrome(head))  # the org `Hugging Face`
            and before.kind is Kind.TEXT
            and head.text[0] not in BULLETS
            and head.text[0] != "@"  # a post's `@handle · Nov 12` names no organization
            and len(head.text) <= _SHORT
            and not looks_like_prose(head.text)
        ):
            items[index - 1] = head._replace(kind=Kind.ORG, match=None)


def _mark_collection_text(items: list[Item]) -> None:
    """On a collection each paper is its title and its `Paper • ID` line: any other text (the
    collection's name and description, its models and datasets) is the page's, not a paper."""
    if not any(item.kind is Kind.PAPER for item in items):
        return
    for index, item in enumerate(items):
        following = items[index + 1] if index + 1 < len(items) else None
        if item.kind is Kind.TEXT and (following is None or following.kind is not Kind.PAPER):
            items[index] = item._replace(kind=Kind.HEADER, match=_WHOLE.fullmatch(item.text))


_WHOLE = re.compile(r".+", re.DOTALL)


def is_site_chrome(item: Item) -> bool:
    return item.kind is Kind.HEADER and item.match is not None


def has_metadata(items: list[Item]) -> bool:
    """Metadata blocks as only Hugging Face prints them: an author count or a collection's
    paper line, or two `·`-then-date blocks at least (one is any post's `name · Nov 12`)."""
    blocks = 0
    for index, item in enumerate(items):
        if item.kind in (Kind.COUNT, Kind.PAPER):
            return True
        if item.kind is Kind.DOT and 0 < index < len(items) - 1:
            blocks += items[index - 1].kind is Kind.ORG and items[index + 1].kind is Kind.DATE
            if blocks >= 2:
                return True
    return False


def header_style(lines: list[str]) -> str | None:
    """`hf-search` or `hf-daily` when the page chrome says which, else None.

    Search pages say `... inbox once a day!` and glue `Subscribe` to the first title; daily
    and collection pages have `new`, `Daily Papers` or `byAK and the research community`."""
    head = [line for line in lines[:40] if line]
    for line in head:
        if _SEARCH_MARKERS.match(line):
            return "hf-search"
        if line.lower().startswith(_ONCE_A_DAY):
            return "hf-search"
    for line in head:
        if len(line) <= 60 and _DAILY_MARKERS.fullmatch(line):
            return "hf-daily"
    return None


_ONCE_A_DAY = "get trending papers in your email inbox once a day"
