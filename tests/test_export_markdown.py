"""Markdown export read back by a CommonMark parser: one list item per paper, only our links,
and every hostile title, note, abstract, tag and author name rendered as literal text."""

from __future__ import annotations

from datetime import date

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from readinglist.export import render_markdown
from readinglist.export.markdown import one_line
from readinglist.export.md_text import WORD_JOINER
from readinglist.export.sources import source_label
from readinglist.papers.models import ArxivRecord, Paper, PaperState
from readinglist.papers.present import safe_url as web_url

TODAY = date(2026, 11, 23)

HOSTILE = [
    "*bold* _em_ **strong** __under__",
    "[a link](https://evil.example) and ![an image](https://evil.example/x.png)",
    "<script>alert(1)</script>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1)) and <javascript:alert(1)>",
    "`code` and ``double`` and ```fence",
    "# Heading at start",
    "| a | b |",
    "~~strike~~ ~tilde~",
    "&amp; &lt; &#65; &copy; &copy",
    "https://bare.example.com and www.example.com and user@example.com",
    "<https://autolink.example>",
    "1. ordered",
    "2) ordered",
    "- bullet",
    "+ plus",
    "> quote",
    "trailing backslash\\",
    "\\*already escaped\\*",
    "[ref]: https://refdef.example",
    "[ref] and [ref][] and [x][ref]",
    "<!-- comment --> <?php ?> <![CDATA[x]]>",
    "!important {braces} $math$ ^sup^ 100% @user",
    "Ünïcödé — “quotes” ‘x’ … 日本語",
    "---",
    "===",
    "***",
]

# Lines a note may hold; each must come back as one literal line.
HOSTILE_NOTE_LINES = [
    "1. not a list",
    "- not a bullet",
    "+ not a plus",
    "> not a quote",
    "# not a heading",
    "    four spaces would be code",
    "```",
    "<div>html block</div>",
    "[ref]: https://refdef.example",
    "https://bare.example.com",
    "---",
    "===",
    "trailing backslash\\",
    "| a | b |",
]


def parse(markdown: str) -> list[Token]:
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return parser.parse(markdown)


def inline_children(tokens: list[Token]) -> list[Token]:
    return [child for token in tokens if token.type == "inline" for child in token.children or []]


def text_of(tokens: list[Token]) -> str:
    """The visible text: text and code, breaks as newlines, paragraphs on their own lines."""
    parts = []
    for token in tokens:
        if token.type == "inline":
            for child in token.children or []:
                if child.type in ("text", "code_inline", "html_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append("\n")
        elif token.type == "paragraph_close":
            parts.append("\n")
    # The word joiner the export puts before the `@` of an e-mail address (so no renderer
    # links it) is invisible: the text a reader sees is the text without it.
    return "".join(parts).replace(WORD_JOINER, "")


def list_items(tokens: list[Token]) -> list[list[Token]]:
    """The tokens of each top-level list item."""
    items, current, depth = [], None, 0
    for token in tokens:
        if token.type == "list_item_open":
            depth += 1
            if depth == 1:
                current = []
                continue
        if token.type == "list_item_close":
            depth -= 1
            if depth == 0:
                items.append(current)
                current = None
                continue
        if current is not None:
            current.append(token)
    return items


def links(tokens: list[Token]) -> list[str]:
    return [t.attrs["href"] for t in inline_children(tokens) if t.type == "link_open"]


def found(paper_id: str, abs_url: str, pdf_url: str | None = None) -> ArxivRecord:
    return ArxivRecord(
        status="found", checked_at="2026-11-20T00:00:00", abs_url=abs_url, pdf_url=pdf_url
    )


def hostile_library() -> tuple[list[Paper], dict[str, PaperState], dict[str, ArxivRecord]]:
    papers, states, arxiv = [], {}, {}
    for index, text in enumerate(HOSTILE):
        paper_id = f"p{index}"
        papers.append(
            Paper(
                id=paper_id,
                title=text,
                authors=[text, "Plain Name"] if index % 3 == 0 else [],
                organization=text if index % 3 == 1 else None,
                abstract=f"Abstract {index}: {text}",
                date="2024-01-02",
                upvotes=index,
                sources=[text] if index % 2 else [],
            )
        )
        states[paper_id] = PaperState(
            notes="\n".join([text, *HOSTILE_NOTE_LINES]) if index % 2 == 0 else "",
            tags=[text, "shared"] if index % 4 == 0 else [],
        )
        if index % 5 == 0:
            arxiv[paper_id] = found(
                paper_id, f"https://arxiv.org/abs/{index}", f"https://arxiv.org/pdf/{index}"
            )
    return papers, states, arxiv


def meant_links(papers: list[Paper], arxiv: dict[str, ArxivRecord]) -> list[str]:
    urls = []
    for paper in papers:
        record = arxiv.get(paper.id)
        if record is not None and record.status == "found":
            urls += [u for u in (web_url(record.abs_url), web_url(record.pdf_url)) if u]
    return urls


def assert_only_text(tokens: list[Token]) -> None:
    """No markup came out of the untrusted text: no HTML, images, code, emphasis or tables."""
    allowed_blocks = {
        "heading_open",
        "heading_close",
        "paragraph_open",
        "paragraph_close",
        "bullet_list_open",
        "bullet_list_close",
        "list_item_open",
        "list_item_close",
        "blockquote_open",
        "blockquote_close",
        "inline",
    }
    assert {t.type for t in tokens} <= allowed_blocks
    allowed_inline = {"text", "softbreak", "hardbreak", "link_open", "link_close"}
    assert {t.type for t in inline_children(tokens)} <= allowed_inline


def test_hostile_text_stays_text_with_one_item_per_paper() -> None:
    papers, states, arxiv = hostile_library()
    markdown = render_markdown(papers, states, arxiv, query="x", today=TODAY, abstracts=True)
    tokens = parse(markdown)
    assert_only_text(tokens)
    items = list_items(tokens)
    assert len(items) == len(papers)
    assert links(tokens) == meant_links(papers, arxiv)
    for paper, item in zip(papers, items, strict=True):
        text = text_of(item)
        assert text.startswith(one_line(paper.title) + "\n")
        assert f"Abstract: Abstract {papers.index(paper)}: {one_line(paper.title)}" in text
        lines = text.splitlines()
        for note_line in states[paper.id].notes.splitlines():
            assert one_line(note_line) in lines
        for tag in states[paper.id].tags:
            assert one_line(tag) in text


@pytest.mark.parametrize("title", HOSTILE)
def test_each_hostile_title_alone_is_one_literal_item(title: str) -> None:
    paper = Paper(id="p", title=title)
    markdown = render_markdown([paper], {}, {}, query=title, today=TODAY)
    tokens = parse(markdown)
    assert_only_text(tokens)
    assert links(tokens) == []
    heading = text_of(tokens[: [t.type for t in tokens].index("heading_close")])
    assert heading == f"Reading list: {one_line(title)} · 2026-11-23"
    [item] = list_items(tokens)
    assert text_of(item) == one_line(title) + "\n"


def test_note_keeps_its_line_breaks_as_one_block_quote() -> None:
    notes = "first line\nsecond *line*\n\n  third after a blank\r\nfourth\\"
    paper = Paper(id="p", title="T")
    markdown = render_markdown([paper], {"p": PaperState(notes=notes)}, {}, query="", today=TODAY)
    [item] = list_items(parse(markdown))
    types = [t.type for t in item]
    assert types.count("blockquote_open") == 1
    quote = item[types.index("blockquote_open") : types.index("blockquote_close")]
    assert text_of(quote) == "first line\nsecond *line*\nthird after a blank\nfourth\\\n"


def test_only_http_links_to_arxiv_are_links() -> None:
    papers = [Paper(id=f"p{i}", title=f"Paper {i}") for i in range(7)]
    arxiv = {
        "p0": found("p0", "javascript:alert(1)", "data:text/html,<script>"),
        "p1": found("p1", "file:///etc/passwd", "ftp://arxiv.org/a.pdf"),
        "p2": found("p2", "https://arxiv.org/abs/a(b)<c>&copy;d", "HTTP://ARXIV.ORG/p.pdf"),
        "p3": ArxivRecord(status="not_found", checked_at="t", abs_url="https://arxiv.org/x"),
        "p4": found("p4", "https://"),
        "p5": found("p5", "https://arxiv.org/abs/a b", "https://evil.example/x.pdf"),
        "p6": found("p6", "https://arxiv.org@evil.example/", "https://arxiv.org/\u202ex"),
    }
    tokens = parse(render_markdown(papers, {}, arxiv, query="", today=TODAY))
    assert links(tokens) == [
        "https://arxiv.org/abs/a%28b%29%3Cc%3E&copy;d",
        "HTTP://ARXIV.ORG/p.pdf",
    ]
    assert [text_of(item).splitlines()[0] for item in list_items(tokens)] == [
        f"Paper {i}" for i in range(7)
    ]


def test_authors_count_or_organization() -> None:
    papers = [
        Paper(id="a", title="A", authors=["Ann One", "Bo Two"], authors_truncated=True),
        Paper(id="b", title="B", authors=[f"Author {i}" for i in range(12)]),
        Paper(id="c", title="C", author_count=4, organization="Ignored Org"),
        Paper(id="d", title="D", organization="Deep Lab"),
        Paper(id="e", title="E"),
    ]
    arxiv = {"e": ArxivRecord(status="found", checked_at="t", authors=["From Arxiv"])}
    tokens = parse(render_markdown(papers, {}, arxiv, query="", today=TODAY))
    facts = [text_of(item).splitlines()[1] for item in list_items(tokens)]
    assert facts == [
        "Ann One, Bo Two et al.",
        ", ".join(f"Author {i}" for i in range(10)) + " et al.",
        "4 authors",
        "Deep Lab",
        "From Arxiv",
    ]


@pytest.mark.parametrize("group_by", ["tag", "source"])
def test_grouped_lists_hold_each_paper_once_per_group(group_by: str) -> None:
    papers, states, arxiv = hostile_library()
    markdown = render_markdown(
        papers, states, arxiv, query="", today=TODAY, group_by=group_by, abstracts=True
    )
    tokens = parse(markdown)
    assert_only_text(tokens)
    # Split the document at each level-2 heading; each section holds one list.
    sections: dict[str, list[Token]] = {}
    current = None
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            current = text_of([tokens[index + 1]])
            sections[current] = []
        elif current is not None:
            sections[current].append(token)
    expected: dict[str, list[str]] = {}
    for paper in papers:
        tags, sources = states[paper.id].tags, [source_label(s) for s in paper.sources]
        keys = tags if group_by == "tag" else sources
        for key in dict.fromkeys(keys) or ["untagged" if group_by == "tag" else "no source"]:
            expected.setdefault(key, []).append(paper.title)
    assert set(sections) == {one_line(k) for k in expected}
    for key, titles in expected.items():
        items = list_items(sections[one_line(key)])
        assert [text_of(item).splitlines()[0] for item in items] == [one_line(t) for t in titles]
    assert sum(len(list_items(s)) for s in sections.values()) == sum(map(len, expected.values()))


def test_empty_selection_is_a_valid_empty_list() -> None:
    tokens = parse(render_markdown([], {}, {}, query="is:starred", today=TODAY))
    assert list_items(tokens) == []
    assert "No papers matched this query." in text_of(tokens)


def test_unknown_group_by_is_refused() -> None:
    with pytest.raises(ValueError):
        render_markdown([], {}, {}, query="", today=TODAY, group_by="author")


def test_sources_show_their_file_name_only() -> None:
    assert source_label("/home/me/pages/hf-daily.txt") == "hf-daily.txt"
    assert source_label("C:\\Users\\me\\daily.txt") == "daily.txt"
    assert source_label("-") == "-"
    paper = Paper(id="p", title="T", sources=["/home/me/a.txt", "/tmp/a.txt", "b.txt"])
    markdown = render_markdown([paper], {}, {}, query="", today=TODAY, group_by="source")
    assert "/home/me" not in markdown
    headings = [t for t in parse(markdown) if t.type == "inline" and t.content.startswith("a")]
    assert [text_of([h]) for h in headings] == ["a.txt"]


def test_bare_urls_stay_text_even_for_a_linkifying_renderer() -> None:
    """GFM-style renderers turn bare URLs into links; escaped punctuation stops them."""
    pytest.importorskip("linkify_it")
    papers, states, arxiv = hostile_library()
    markdown = render_markdown(papers, states, arxiv, query="x", today=TODAY, abstracts=True)
    parser = MarkdownIt("gfm-like", {"linkify": True})
    assert links(parser.parse(markdown)) == meant_links(papers, arxiv)
