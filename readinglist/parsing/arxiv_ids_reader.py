"""The arXiv-ids reader: any text naming arXiv papers by id or link (a chat message, an e-mail,
a Markdown list) gives one paper per distinct id, in the order first named.

Such a paper knows only its id (and the link given): its title stays "" and its other fields
come from arXiv when it is imported (`title == ""` and `arxiv_id` set is the contract with the
arXiv lookup). Where a link's own text is clearly a title (`[Title](https://arxiv.org/abs/ID)`),
it is kept. BibTeX entries the text quotes are read whole by the BibTeX reader's rules.
"""

from __future__ import annotations

import bisect
import re

from readinglist.papers.arxiv_ids import Mention, find_mentions
from readinglist.papers.models import ParsedPaper
from readinglist.parsing.bibtex_entry import plain_arxiv_id
from readinglist.parsing.bibtex_reader import page_blocks, read_entries
from readinglist.parsing.cleanup import display_name
from readinglist.parsing.readers import Page, Reader, Reading

# Below every listing reader (arXiv lists, Hugging Face pages: 0.6 and up), above CONFIDENT:
# a page whose only sure mark is the ids it names.
CONFIDENCE = 0.55

# The text of a link around the URL: Markdown `[text](URL`, org-mode `[[URL][text]]`,
# HTML `<a href="URL">text</a>`, Slack `<URL|text>`.
_MARKDOWN_BEFORE = re.compile(r"\[([^\[\]\n]{1,300})\]\(\s*<?$")
_ORG_BEFORE = re.compile(r"\[\[$")
_ORG_AFTER = re.compile(r"\]\[([^\[\]\n]{1,300})\]\]")
_HTML_BEFORE = re.compile(r"<a\s[^<>\n]*href\s*=\s*[\"']$", re.IGNORECASE)
_HTML_AFTER = re.compile(r"[^<>\n]*[\"'][^<>\n]*>([^<>\n]{1,300})</a>", re.IGNORECASE)
# `"Title" (arXiv:ID)`, `“Title”, https://arxiv.org/abs/ID`: a quoted title just before the id.
_QUOTED_BEFORE = re.compile(r"[\"“]([^\"“”\n]{8,300})[\"”][\s,:;.–—-]*[(\[]?\s*$")
_SLACK_AFTER = re.compile(r"\|([^<>|\n]{1,300})>")
# Link texts that name the link, not the paper.
_NOT_TITLES = frozenset(
    {
        *("abs", "abstract", "alphaxiv", "arxiv", "code", "demo", "here", "hf", "html"),
        *("huggingface", "link", "paper", "pdf", "post", "preprint", "project", "site"),
        *("source", "this", "website"),
    }
)
_NEWLINE = re.compile(r"\n")
_MARKUP = re.compile(r"\*\*|__|`|<[^<>]*>")  # bold and code marks, HTML tags
_EMPHASIS = re.compile(r"^[*_`~\s\"“”]+|[*_`~\s\"“”]+$")


def _mentions(page: Page) -> tuple[str, list[Mention], list[tuple[int, str]]]:
    """The page's cleaned text, the ids it names and the broken arXiv links in it."""
    found = page.memo.get("arxiv_mentions")
    if found is None:
        text = "\n".join(page.lines)
        found = page.memo["arxiv_mentions"] = (text, *find_mentions(text))
    return found


def score(page: Page) -> float:
    return CONFIDENCE if _names_an_id(page) else 0.0


# Mentions never span lines: one in a page's first lines is one of the page. Most pages that
# name ids do so early (an arXiv list's first entry), so their score need not find them all.
_HEAD_LINES = 1000


def _names_an_id(page: Page) -> bool:
    if "arxiv_mentions" not in page.memo and len(page.lines) > _HEAD_LINES:
        head = "\n".join(page.lines[:_HEAD_LINES])
        if find_mentions(head)[0]:
            return True
    return bool(_mentions(page)[1])


def read(page: Page) -> Reading:
    text, mentions, broken = _mentions(page)
    name = display_name(page.source)
    line_starts = [0, *(match.end() for match in _NEWLINE.finditer(text))]

    def line_of(offset: int) -> int:  # 0-based line index of an offset
        return bisect.bisect_right(line_starts, offset) - 1

    quoted, warnings = read_entries(page) if page_blocks(page) else ([], [])
    read_firsts = {first for first, _ in quoted}
    in_entries = set()  # lines of the entries read: their ids are theirs
    for block in page_blocks(page):
        if block.first in read_firsts:
            in_entries.update(range(block.first, block.last + 1))
    from_entries = {paper.arxiv_id for _, paper in quoted if paper.arxiv_id}

    papers: dict[str, tuple[int, ParsedPaper]] = {}
    for mention in mentions:
        line = line_of(mention.start)
        arxiv_id = plain_arxiv_id(mention.arxiv_id.id)
        if line in in_entries or arxiv_id in from_entries:
            continue  # the quoted entry's paper says more
        title = _link_title(text, mention)
        known = papers.get(arxiv_id)
        if known is None:
            papers[arxiv_id] = (line, _paper(arxiv_id, title, mention.url, page.source))
            continue
        paper = known[1]
        paper.title = paper.title or title
        paper.url = paper.url or mention.url
    warnings += [
        f"{name}: line {line_of(offset) + 1}: {_shortened(link)} names no well-formed arXiv id, "
        "skipped"
        for offset, link in broken
    ]
    ordered = sorted([*papers.values(), *quoted], key=lambda pair: pair[0])
    return Reading([paper for _, paper in ordered], warnings)


def _shortened(link: str) -> str:
    return link if len(link) <= 100 else link[:99] + "…"


def _paper(arxiv_id: str, title: str, url: str | None, source: str) -> ParsedPaper:
    return ParsedPaper(title=title, arxiv_id=arxiv_id, url=url, format="arxiv-ids", source=source)


def _link_title(text: str, mention: Mention) -> str:
    """The title a link's own text gives, or a quoted title right before the id (`"Title"
    (arXiv:ID)`); "" when there is none that reads as one."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    before = text[line_start : mention.start]
    after = text[mention.end : mention.end + 400]
    quoted = _QUOTED_BEFORE.search(before)
    if mention.url is None:
        return _as_title(quoted.group(1), mention) if quoted else ""
    match = (
        quoted
        or _MARKDOWN_BEFORE.search(before)
        or (_ORG_BEFORE.search(before) and _ORG_AFTER.match(after))
        or (_HTML_BEFORE.search(before) and _HTML_AFTER.match(after))
        or (before.endswith("<") and _SLACK_AFTER.match(after))
    )
    return _as_title(match.group(1), mention) if match else ""


def _as_title(candidate: str, mention: Mention) -> str:
    title = " ".join(_EMPHASIS.sub("", _MARKUP.sub("", candidate)).split())
    words = re.findall(r"[^\W\d_]+", title)
    if (
        len(words) < 2
        or title.lower() in _NOT_TITLES
        or mention.arxiv_id.id in title
        or "://" in title
        or title.lower().startswith(("arxiv", "www.", "http"))
    ):
        return ""
    return title


def marks(page: Page) -> list[str]:
    mentions = _mentions(page)[1]
    if not mentions:
        return []
    distinct = len({mention.arxiv_id.id for mention in mentions})
    links = sum(mention.url is not None for mention in mentions)
    ids = "1 arXiv id" if distinct == 1 else f"{distinct} distinct arXiv ids"
    return [f"{ids}, named {len(mentions)} times ({links} as links)"]


READER = Reader("arxiv-ids", "text naming arXiv papers by id or link", score, read, marks)
