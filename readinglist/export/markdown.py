"""A reading list as CommonMark: a title line, then one list item per paper.

Every piece of text from a listing page, arXiv or the user is escaped so it stays text (see
export.md_text: only what would change meaning, and nothing that a renderer would link).
The only links are the ones built here, and only to http(s) URLs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import date

from readinglist.export.md_text import escape_inline, escape_text
from readinglist.export.sources import source_label
from readinglist.papers.models import EMPTY_STATE, ArxivRecord, Paper, PaperState
from readinglist.papers.present import PaperView, one_line, view_of
from readinglist.textnorm import fold

GROUP_BY = ("tag", "source")
MAX_AUTHORS = 10  # more than this reads as a wall of names; the rest become "et al."
UNTAGGED = "untagged"
NO_SOURCE = "no source"

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_INDENT = "  "  # continuation lines of a "- " list item


__all__ = ["escape_text", "one_line", "render_markdown"]


def render_markdown(
    papers: Sequence[Paper],
    states: Mapping[str, PaperState],
    arxiv: Mapping[str, ArxivRecord],
    *,
    query: str,
    today: date,
    abstracts: bool = False,
    group_by: str | None = None,
) -> str:
    """The papers (already filtered and sorted) as a Markdown reading list."""
    if group_by is not None and group_by not in GROUP_BY:
        raise ValueError(f"group_by must be one of {GROUP_BY}, not {group_by!r}")
    lines = [_title_line(query, today), "", _count_line(len(papers)), ""]
    if group_by is None:
        lines += _items(papers, states, arxiv, abstracts)
    else:
        for label, members in _groups(papers, states, group_by):
            lines += [f"## {_heading_text(label)}", ""]
            lines += _items(members, states, arxiv, abstracts)
    return "\n".join(lines).rstrip("\n") + "\n"


def _heading_text(text: str) -> str:
    """Inline text for an ATX heading, whose trailing `#`s would otherwise be dropped."""
    return re.sub(r"(?<!\S)#", r"\#", escape_inline(text))


def _title_line(query: str, today: date) -> str:
    shown = escape_inline(query) if query.strip() else "all papers"
    return f"# Reading list: {shown} · {today.isoformat()}"


def _count_line(count: int) -> str:
    if count == 0:
        return "No papers matched this query."
    return "1 paper" if count == 1 else f"{count} papers"


def _groups(
    papers: Sequence[Paper], states: Mapping[str, PaperState], group_by: str
) -> list[tuple[str, list[Paper]]]:
    """(label, papers) per tag or source, labels sorted, the catch-all group last.

    A paper with several tags (sources) appears in each of their groups, in the caller's order.
    Sources are grouped by file name: the same page name in two folders is one group.
    """
    groups: dict[str | None, list[Paper]] = {}
    for paper in papers:
        if group_by == "tag":
            keys = _unique(t for t in states.get(paper.id, EMPTY_STATE).tags if t.strip())
        else:
            keys = _unique(source_label(s) for s in paper.sources if s.strip())
        for key in keys or [None]:
            groups.setdefault(key, []).append(paper)
    named = sorted((k for k in groups if k is not None), key=lambda k: (fold(k), k))
    result = [(key, groups[key]) for key in named]
    if None in groups:
        result.append((UNTAGGED if group_by == "tag" else NO_SOURCE, groups[None]))
    return result


def _unique(values: Iterator[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _items(
    papers: Sequence[Paper],
    states: Mapping[str, PaperState],
    arxiv: Mapping[str, ArxivRecord],
    abstracts: bool,
) -> list[str]:
    lines: list[str] = []
    for paper in papers:
        state = states.get(paper.id, EMPTY_STATE)
        lines += _item(state, view_of(paper, arxiv.get(paper.id)), abstracts)
        lines.append("")
    return lines


def _item(state: PaperState, view: PaperView, abstracts: bool) -> list[str]:
    """One list item: title and facts as one paragraph, then the notes and the abstract."""
    paper = view.paper
    if view.abs_url:
        title = escape_inline(paper.title) or "untitled"
        head = [f"[{title}]({_destination(view.abs_url)})"]
    else:
        head = [escape_text(paper.title) or "untitled"]
    facts = _facts(state, view)
    if facts:
        head.append(facts)
    # A backslash before a line break is a hard break: one paragraph, one fact per line.
    blocks = [[line + "\\" for line in head[:-1]] + head[-1:]]
    note = _note_lines(state.notes)
    if note:
        blocks.append(note)
    abstract = escape_inline(paper.abstract) if abstracts else ""
    if abstract:
        blocks.append([f"Abstract: {abstract}"])
    lines = []
    for block in blocks:
        if lines:
            lines.append("")
        lines += [_INDENT + line if line else "" for line in block]
    lines[0] = "- " + lines[0][len(_INDENT) :]
    return lines


def _facts(state: PaperState, view: PaperView) -> str:
    """The facts line: it starts a line, so its first piece is escaped as a line start."""
    paper = view.paper
    facts = [
        _authors(paper),
        view.date or escape_text(paper.date_text or ""),
        _upvotes(paper.upvotes),
    ]
    tags = [escape_inline(t) for t in state.tags if one_line(t)]
    if tags:
        facts.append("tags: " + ", ".join(tags))
    if view.pdf_url:
        facts.append(f"[PDF]({_destination(view.pdf_url)})")
    return " · ".join(f for f in facts if f)


def _authors(paper: Paper) -> str:
    """Escaped as the start of a line: the facts line starts with the authors."""
    given = [a for a in paper.authors if one_line(a)]
    names = [escape_inline(a, line_start=i == 0) for i, a in enumerate(given)]
    if names:
        shown = ", ".join(names[:MAX_AUTHORS])
        more = paper.authors_truncated or len(names) > MAX_AUTHORS
        return shown + " et al." if more else shown
    if paper.author_count:
        return "1 author" if paper.author_count == 1 else f"{paper.author_count} authors"
    return escape_text(paper.organization or "")


def _upvotes(upvotes: int | None) -> str:
    if upvotes is None:
        return ""
    return "1 upvote" if upvotes == 1 else f"{upvotes} upvotes"


def _note_lines(notes: str) -> list[str]:
    """The note as a block quote, its own line breaks kept as hard breaks.

    Leading spaces are dropped: four of them would start a code block.
    """
    lines = [escape_text(line) for line in _LINE_BREAK.split(notes)]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    quoted = []
    for index, line in enumerate(lines):
        continues = index + 1 < len(lines) and line and lines[index + 1]
        quoted.append(("> " + line + ("\\" if continues else "")) if line else ">")
    return quoted


def _destination(url: str) -> str:
    """A link destination: `url` is already percent-encoded; `&` must not start an entity."""
    return url.replace("&", "\\&")
