"""Untrusted text in a Markdown export never becomes a link, in GitHub's renderer (cmark-gfm,
which autolinks `www.`, URLs and e-mail addresses) nor in markdown-it with linkify (which also
links bare domains); and it is escaped no more than it needs to be."""

from __future__ import annotations

import html
import re
from datetime import date

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from readinglist.export import render_markdown
from readinglist.export.md_text import WORD_JOINER
from readinglist.papers.models import ArxivRecord, Paper, PaperState
from readinglist.papers.present import one_line

TODAY = date(2026, 11, 23)
LINKY = [
    "foo@evil.example",
    "Contact first.last+tag@mail.evil.com now",
    "mailto:foo@evil.example",
    "https://evil.example/x?a=1&b=2",
    "HTTP://EVIL.EXAMPLE",
    "www.evil.example and www.evil",
    "evil.com, github.com/x/y and arxiv.org",
    "<https://autolink.example>",
    "<foo@evil.example>",
    "[x](javascript:alert(1))",
    "[x]: https://refdef.example",
    "javascript:alert(1) data:text/html,x ftp://x.example",
    "![img](https://evil.example/x.png)",
    "<a href='https://evil.example'>a</a>",
    "see //evil.example/x and //localhost:80/y",
    "xmpp:foo@evil.example and ftp://evil.example",
    "x.ai, evil.museum and sub.evil.io",
]
A_TAG = re.compile(r"<a\s[^>]*href=\"([^\"]*)\"")


def library() -> tuple[list[Paper], dict[str, PaperState], dict[str, ArxivRecord]]:
    papers, states = [], {}
    for n, text in enumerate(LINKY):
        papers.append(
            Paper(
                id=f"p{n}",
                title=text,
                authors=[text, "Ann Lee"],
                abstract=f"Abstract: {text}",
                date="2024-01-02",
            )
        )
        states[f"p{n}"] = PaperState(tags=[text], notes=f"{text}\n{text}")
    arxiv = {
        "p0": ArxivRecord(
            status="found",
            checked_at="t",
            arxiv_id="2401.00001",
            abs_url="https://arxiv.org/abs/2401.00001",
            pdf_url="https://arxiv.org/pdf/2401.00001",
        )
    }
    return papers, states, arxiv


def rendered(markdown: str) -> dict[str, str]:
    linkify = MarkdownIt("commonmark", {"linkify": True}).enable(["linkify", "table"])
    return {
        "cmark-gfm": cmarkgfm.github_flavored_markdown_to_html(markdown),
        "cmark-gfm unsafe": cmarkgfm.github_flavored_markdown_to_html(
            markdown, options=Options.CMARK_OPT_UNSAFE
        ),
        "markdown-it linkify": linkify.render(markdown),
    }


def visible_text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page)).replace(WORD_JOINER, "")


@pytest.mark.parametrize("renderer", ["cmark-gfm", "cmark-gfm unsafe", "markdown-it linkify"])
def test_only_the_links_we_built_are_links(renderer: str) -> None:
    papers, states, arxiv = library()
    markdown = render_markdown(papers, states, arxiv, query="", today=TODAY, abstracts=True)
    page = rendered(markdown)[renderer]
    assert A_TAG.findall(page) == [
        "https://arxiv.org/abs/2401.00001",
        "https://arxiv.org/pdf/2401.00001",
    ]
    assert "<img" not in page and "<script" not in page
    assert "<a href='https" not in page
    text = visible_text(page)
    for paper in papers:
        assert one_line(paper.title) in text  # literal, as written


@pytest.mark.parametrize("text", LINKY)
def test_each_linky_title_alone_renders_literally_without_a_link(text: str) -> None:
    markdown = render_markdown([Paper(id="p", title=text)], {}, {}, query=text, today=TODAY)
    for renderer, page in rendered(markdown).items():
        assert A_TAG.findall(page) == [], renderer
        assert visible_text(page).count(one_line(text)) == 2, renderer  # heading and item


def test_plain_punctuation_is_not_escaped() -> None:
    title = "Learning Without Augmenting: Unsupervised Time-Series (v2.1), e.g. 3.5 GPT-4 Q&A!"
    markdown = render_markdown([Paper(id="p", title=title)], {}, {}, query="", today=TODAY)
    assert f"- {title}\n" in markdown


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("snake_case stays", "snake_case stays"),
        ("_emphasis_ does not", "\\_emphasis\\_ does not"),
        ("Q&A but &amp;", "Q&A but \\&amp;"),
        ("# at the start", "\\# at the start"),
        ("2024. A year", "2024\\. A year"),
        ("a | b", "a \\| b"),
        ("$x$", "\\$x\\$"),
        ("arXiv:2401.00001 and Note:x", "arXiv:2401.00001 and Note:x"),
    ],
)
def test_escaped_only_where_meaning_would_change(text: str, raw: str) -> None:
    markdown = render_markdown([Paper(id="p", title=text)], {}, {}, query="", today=TODAY)
    assert f"- {raw}\n" in markdown


PIECES = st.sampled_from(
    [
        "a", "Z", "9", " ", ".", ":", "/", "//", "@", "_", "*", "-", "+", "=", "#", ">", "<",
        "!", "[", "]", "(", ")", "`", "~", "$", "|", "&", ";", "\\", "'", '"', "\n",
        "www", "http", "https", "mailto", "xmpp", "ftp", "com", "org", "io", "foo", "x.y",
        "&amp;", "&#64;", "1.", "2)", "\u202e", "\x9b", "é",
    ]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=14).map("".join))
def test_no_text_becomes_a_link_or_markup_in_any_renderer(text: str) -> None:
    paper = Paper(id="p", title=text, abstract=text, authors=[text])
    markdown = render_markdown(
        [paper], {"p": PaperState(notes=text, tags=[text])}, {}, query=text, today=TODAY,
        abstracts=True,
    )  # fmt: skip
    for renderer, page in rendered(markdown).items():
        assert A_TAG.findall(page) == [], renderer
        for tag in ("<img", "<code", "<em", "<strong", "<del", "<table", "<h3", "<ol", "<pre"):
            assert tag not in page, (renderer, tag)
        if one_line(text):
            assert one_line(text) in visible_text(page), renderer
