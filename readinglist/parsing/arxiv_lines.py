"""What the lines of an arXiv listing or search page are: entry anchors, labels, headings, chrome.

arXiv pages come out of a browser or an HTML-to-text tool in several shapes (labels on their
own line or sharing it with the value, `[ pdf , html , other ]` spaced out, Markdown links);
these patterns accept all of them. `arxiv_marks` counts the marks of both page kinds once per
page, for the readers' scores and so the Hugging Face readers can decline an arXiv page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from readinglist.papers.arxiv_ids import is_arxiv_id
from readinglist.parsing.cleanup import clean_lines
from readinglist.parsing.dates import MONTH

# An id's shape, loosely: every match is checked with parse_arxiv_id before it is kept.
_ID = r"(?P<id>\d{4}\.\d{4,5}|[a-z-]{2,8}(?:\.[A-Z]{2})?/\d{7})(?:v\d{1,3})?"
_ARXIV_ID = rf"arXiv:\s?{_ID}"
_LINKS = r"\[\s*(?:pdf|ps|html|other|src|source|tex|format|ps\.gz)\b[^\]]{0,60}\]"
_MARKER = r"\(\s*(?:\*?cross-list(?:ing|ed)?(?: from [\w.-]+)?\*?|replaced|withdrawn)\s*\)"

# A list entry: `[1]  arXiv:2407.14741 (cross-list from cs.AI) [pdf, other]`, every part but
# the id optional (tools put `[1]`, the marker and the links on lines of their own).
LIST_ANCHOR = re.compile(
    rf"(?:\[(?P<number>\d{{1,5}})\]\s*)?{_ARXIV_ID}\s*(?:{_MARKER}\s*)*(?:{_LINKS})?\s*"
    rf"(?:{_MARKER}\s*)*",
    re.IGNORECASE,
)
# A search result: `1. arXiv:2407.04686  [pdf, other]`.
SEARCH_ANCHOR = re.compile(
    rf"(?:(?P<number>\d{{1,5}})\.\s*)?{_ARXIV_ID}\s*(?:{_LINKS})?", re.IGNORECASE
)
ENTRY_NUMBER = re.compile(r"\[\d{1,5}\]")
LINKS = re.compile(_LINKS, re.IGNORECASE)
MARKER = re.compile(rf"(?:{_MARKER}\s*)+", re.IGNORECASE)
MARKER_WORD = re.compile(r"cross-list|replaced", re.IGNORECASE)

# `Title: ...`, `Journal-ref:`, `Journal ref:`: the label and what shares its line.
LABEL = re.compile(
    r"(?P<label>Title|Authors?|Comments|Journal[- ]ref|Subjects|Abstract|MSC[- ]class|"
    r"ACM[- ]class|Report[- ](?:no|number)|DOI|Proxy|Submitted|Categories|Date|License)"
    r"\s*:\s*(?P<value>.*)",
    re.IGNORECASE,
)

# Section headings of /new pages, current and older layout; the nav links above the entries
# (`New submissions`, `Cross-lists`, `Replacements`) lack the counter or the day.
SECTION = re.compile(
    r"(?P<name>New submissions|Cross[- ]?(?:lists?|submissions)|Replacements?(?: submissions)?)"
    r"\s*(?:\(showing[^)]*\)|for (?P<day>.+))",
    re.IGNORECASE,
)
_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?"
# `Wednesday, 9 September 2026`, `Tue, 23 Jul 24`, `23 Jul 2024`.
DAY = re.compile(
    rf"(?:(?:{_WEEKDAY}),?\s+)?(?P<day>\d{{1,2}})\s+(?P<month>{MONTH}),?\s+(?P<year>\d{{4}}|\d{{2}})\b"
)
MONTH_YEAR = re.compile(rf"(?P<month>{MONTH})\s+(?P<year>\d{{4}})\b", re.IGNORECASE)
# Lines that carry the listing's date: `Showing new listings for ...`, a /recent day heading
# `Tue, 23 Jul 2024 (showing 50 of 120 entries )`, `Authors and titles for July 2024`.
DATE_HEADING = re.compile(
    rf"(?:Showing new listings for\s+|New submissions for\s+)(?P<when>.+)"
    rf"|(?P<heading>{_WEEKDAY},?\s+\d{{1,2}}\s+{MONTH}\s+\d{{2,4}})\s*(?:\(showing[^)]*\))?"
    r"|(?:Authors and titles for|Titles for|Listing for)\s+(?P<month>.+)",
    re.IGNORECASE,
)

# Page chrome that ends an entry: counters, paging, footers. Never a title, author or abstract.
STOP = re.compile(
    r"\[?\s*(?:total of \d[\d,]* entries.*|showing up to \d+ entries per page.*|"
    r"showing \d[\d,]*\s*[-–]\s*\d[\d,]* of \d[\d,]* (?:entries|results).*|"
    r"(?:fewer|more|all)\s*(?:\|.*)?|\||(?:\d+\s*-\s*\d+\s*\|?\s*)+|"
    r"continue to the next \d+ entries.*|we gratefully acknowledge support from.*|"
    r"(?:about|help|contact|subscribe|copyright|privacy(?: policy)?|accessibility|"
    r"web accessibility assistance|(?:arxiv )?operational status.*|next|previous|prev|"
    r"disable mathjax.*|what is mathjax\?|links to:.*|see recent articles|"
    r"search(?: arxiv)?|advanced search|skip to main content)\s*[·|]?)",
    re.IGNORECASE,
)
# Any line that ends an entry but the next entry's id line, in one pattern: one match a line
# (the entry number first: the boundary a tool's copy has at every entry).
BOUNDARY = re.compile(
    rf"\[\d{{1,5}}\]|(?:{STOP.pattern})|(?:{SECTION.pattern})|(?:{DATE_HEADING.pattern})",
    re.IGNORECASE,
)
# What a BOUNDARY line can start with (its first character, or its first three lowercased):
# most lines of an entry (names, abstracts) are told apart without trying the pattern.
_BOUNDARY_FIRST = frozenset("[| 0123456789")
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_BOUNDARY_HEADS = frozenset(
    {"tot", "sho", "few", "mor", "all", "con", "we ", "abo", "hel", "sub", "cop", "pri"}
    | {"acc", "web", "arx", "ope", "nex", "pre", "dis", "wha", "lin", "see", "sea", "adv"}
    | {"ski", "new", "cro", "rep", "aut", "tit", "lis"}
    | set(_WEEKDAYS)
)


_STOP_HEADS = _BOUNDARY_HEADS - {"new", "cro", "rep", "aut", "tit", "lis"} - set(_WEEKDAYS)


def _may_bound(line: str, heads: frozenset[str] = _BOUNDARY_HEADS) -> bool:
    """Whether the (non-empty) line can start a BOUNDARY (or, with _STOP_HEADS, a STOP) match."""
    head = line[:3]
    return line[0] in _BOUNDARY_FIRST or head.lower() in heads or not head.isascii()


def is_boundary(line: str) -> bool:
    """`BOUNDARY.fullmatch(line)`, cheaply false for a line that cannot start one."""
    return len(line) <= 120 and _may_bound(line) and BOUNDARY.fullmatch(line) is not None


# `[text](url)`, `[[1]](url)`: the text stays. A `### ` heading mark goes.
_MARKDOWN_LINK = re.compile(r"!?\[(\[[^\]\n]*\]|[^\]\n]*)\]\([^)\n]*\)")
_MARKDOWN_HEADING = re.compile(r"#{1,6} ")
_MARKDOWN_ESCAPE = re.compile(r"\\([\[\]()*_#`])")


def plain(line: str) -> str:
    """A line without Markdown link syntax or bold marks (from HTML-to-Markdown tools)."""
    if "](" in line:
        if "\\" in line:  # `[\\[1\\]](#item1)`: escaped brackets first
            line = _MARKDOWN_ESCAPE.sub(r"\1", line)
        line = _MARKDOWN_LINK.sub(r"\1", line)
    if line[0] == "#":
        line = _MARKDOWN_HEADING.sub("", line, count=1)
    if "**" in line or "__" in line:
        line = line.replace("**", "").replace("__", "").strip()
    return line


def plain_lines(lines: list[str]) -> list[str]:
    """Every line as `plain` makes it ("" for a line of marks only); a page without Markdown
    marks is returned as it is, after one test of its whole text."""
    text = "\n".join(lines)
    if "](" not in text and "**" not in text and "__" not in text and "#" not in text:
        return lines
    plained = list(lines)
    for index, line in enumerate(lines):
        if line:  # most lines of a tool's copy are blank
            plained[index] = plain(line)
    return plained


# After an explicit `arXiv:` on an arXiv page, any `YYMM.NNNN[N]` is taken as printed (a
# page's id is what it links to), old-style ids must be well-formed.
_NEW_STYLE = re.compile(r"\d{2}(?:0[1-9]|1[0-2])\.\d{4,5}")
_SUBJECT_CLASS = re.compile(r"\.[A-Za-z]{2}/")


def anchor_id(match: re.Match[str]) -> str | None:
    """The id of an anchor match, or None when it is no arXiv id."""
    raw = match.group("id")
    if _NEW_STYLE.fullmatch(raw):
        return raw
    # `math.AG/0510123` is an old alias of `math/0510123`: one paper, one id.
    return _SUBJECT_CLASS.sub("/", raw) if is_arxiv_id(raw) else None


def has_arxiv_prefix(line: str) -> bool:
    return "iv:" in line or "IV:" in line


def is_stop(line: str) -> bool:
    return len(line) < 120 and _may_bound(line, _STOP_HEADS) and STOP.fullmatch(line) is not None


@dataclass(frozen=True)
class ArxivMarks:
    list_anchors: int  # `[N] arXiv:ID` or a bare `arXiv:ID` line
    search_anchors: int  # `N. arXiv:ID`
    titles: int  # `Title:` labels
    subjects: int  # `Subjects:` labels
    authors: int  # `Authors:` labels
    submitted: int  # `Submitted D Month, YYYY` lines
    headings: int  # `New submissions for ...`, `Showing new listings for ...`, day headings

    @property
    def is_arxiv(self) -> bool:
        """Marks only an arXiv page has: entries with labelled fields."""
        anchors = self.list_anchors + self.search_anchors
        return anchors > 0 and (self.titles + self.subjects + self.submitted + self.authors) > 0

    def describe(self) -> list[str]:
        counts = (
            (self.list_anchors, "entry lines `[N] arXiv:ID`"),
            (self.search_anchors, "result lines `N. arXiv:ID`"),
            (self.titles, "`Title:` labels"),
            (self.authors, "`Authors:` labels"),
            (self.subjects, "`Subjects:` labels"),
            (self.submitted, "`Submitted <date>` lines"),
            (self.headings, "listing headings (sections, days, months)"),
        )
        return [f"{n} {what}" for n, what in counts if n]


# Counted over the whole text at once (C speed): the pages of other shapes pay almost nothing.
# Each starts with the newline before its line (the text is counted with one put before it):
# a literal first character lets the regex engine skip to each line instead of trying `^`
# at every character.
_COUNT_LIST = re.compile(
    rf"\n[ \t]*(?:\[[\\\[\]\d]{{1,12}}\](?:\([^)\n]*\))?[ \t]*)?\[?{_ARXIV_ID}(?![\d.])",
    re.MULTILINE | re.IGNORECASE,
)
_COUNT_SEARCH = re.compile(
    rf"\n[ \t]*\d{{1,5}}\.[ \t]*\[?{_ARXIV_ID}", re.MULTILINE | re.IGNORECASE
)
_COUNT_TITLE = re.compile(r"\n[ \t*]*Title[ \t]*:", re.MULTILINE)
_COUNT_SUBJECTS = re.compile(r"\n[ \t*]*Subjects[ \t]*:", re.MULTILINE)
_COUNT_AUTHORS = re.compile(r"\n[ \t*]*Authors?[ \t]*:", re.MULTILINE)
_COUNT_SUBMITTED = re.compile(
    r"\n[ \t*]*Submitted(?:[ \t*]+\d{1,2}[ \t]+[A-Z][a-z]+,|[ \t*]*$)", re.MULTILINE
)
_COUNT_HEADINGS = re.compile(
    r"\n[ \t]*(?:Showing new listings for|New submissions for|Cross-lists for|Replacements for"
    r"|(?:New|Cross|Replacement) submissions \(showing|Authors and titles for"
    r"|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*, \d{1,2} [A-Z][a-z]+ \d{2,4})",
    re.MULTILINE | re.IGNORECASE,
)


_SAMPLE = 1 << 19


def arxiv_marks(text: str, memo: dict) -> ArxivMarks:
    marks = memo.get("arxiv_marks")
    if marks is None:
        if "arXiv:" not in text and "arxiv:" not in text and "ARXIV:" not in text:
            marks = ArxivMarks(0, 0, 0, 0, 0, 0, 0)
        else:
            # A page's shape shows in its first part: counting there keeps scoring cheap. Its
            # lines as readers see them (no `\r`, no non-breaking spaces, stripped).
            text = "\n" + "\n".join(clean_lines(text[:_SAMPLE]))
            search = len(_COUNT_SEARCH.findall(text))
            marks = ArxivMarks(
                list_anchors=len(_COUNT_LIST.findall(text)),
                search_anchors=search,
                titles=len(_COUNT_TITLE.findall(text)),
                subjects=len(_COUNT_SUBJECTS.findall(text)),
                authors=len(_COUNT_AUTHORS.findall(text)),
                submitted=len(_COUNT_SUBMITTED.findall(text)),
                headings=len(_COUNT_HEADINGS.findall(text)),
            )
        memo["arxiv_marks"] = marks
    return marks
