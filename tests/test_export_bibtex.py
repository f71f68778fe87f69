"""BibTeX export read back by bibtexparser: every entry, unique keys, fields intact.

Field values are de-escaped with pylatexenc (what bibtexparser's LatexDecodingMiddleware uses),
taught the three LaTeX kernel macros it lacks, and compared with the input text.
"""

from __future__ import annotations

import bibtexparser
import pytest
from bibtexparser.middlewares.names import split_multiple_persons_names
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from readinglist.export import render_bibtex
from readinglist.export.keys import base_key, citation_keys
from readinglist.export.markdown import one_line
from readinglist.export.names import surname
from readinglist.export.sources import source_label
from readinglist.papers.models import ArxivRecord, Paper

HOSTILE_TITLES = [
    "Unbalanced { brace",
    "}} closing first {",
    "\\end{document} \\input{/etc/passwd}",
    "@misc{evil, title={x}}",
    "a }, title = {injected",
    "100% & $5 # _ ~ ^ \\",
    "Non-ASCII: Łódź café 日本語 “quotes”",
    '"quoted" title, with comma',
    "@comment{ %comment",
    "dash -- and --- and ``quotes'' and ,,low,, <<guillemets>> ?` !`",
    "GPT-4 Beats BERT on MMLU",
    "Tabs\tand\nnewlines   collapse",
    "\\\\ double backslash {}",
]

HOSTILE_AUTHORS = [
    "Smith and Wesson",
    "{Brace Person",
    "others",
    "Ümlaut O'Neil",
    "van der Berg, Jr., Jan",
    "50% Man & $Co_",
]


def decoder() -> LatexNodes2Text:
    context = get_default_latex_context_db()
    context.add_context_category(
        "latex-kernel-text-macros",
        prepend=True,
        macros=[
            MacroTextSpec("textbraceleft", "{"),
            MacroTextSpec("textbraceright", "}"),
            MacroTextSpec("textasciicircum", "^"),
        ],
    )
    return LatexNodes2Text(latex_context=context, math_mode="verbatim")


DECODE = decoder().latex_to_text


def parse(text: str) -> bibtexparser.Library:
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    assert library.comments == [] and library.strings == [] and library.preambles == []
    return library


def hostile_papers() -> tuple[list[Paper], dict[str, ArxivRecord]]:
    papers, arxiv = [], {}
    for index, title in enumerate(HOSTILE_TITLES):
        paper_id = f"p{index:02d}"
        papers.append(
            Paper(
                id=paper_id,
                title=title,
                authors=HOSTILE_AUTHORS[index % 3 :] if index % 4 else [],
                authors_truncated=index % 2 == 1,
                organization=title if index % 4 == 0 else None,
                abstract=f"Abstract of {title}",
                date=f"20{10 + index}-{index % 12 + 1:02d}-01",
                sources=[title, "hf-daily.txt"],
            )
        )
        arxiv[paper_id] = ArxivRecord(
            status="found",
            checked_at="t",
            arxiv_id=f"2401.{index:05d}",
            abs_url=f"https://arxiv.org/abs/2401.{index:05d}?a=1&b=%20#x_y",
            primary_category="cs.CL",
            doi=f"10.1234/x_{index}%",
        )
    return papers, arxiv


def author_names(raw: str) -> list[str]:
    """Split at top-level ` and `, then de-escape each name and drop its protecting braces."""
    return [DECODE(name) for name in split_multiple_persons_names(raw)]


def test_hostile_fields_come_back_intact() -> None:
    papers, arxiv = hostile_papers()
    library = parse(render_bibtex(papers, arxiv, abstracts=True))
    entries = library.entries
    assert len(entries) == len(papers)
    keys = [e.key for e in entries]
    assert len(set(keys)) == len(keys)
    assert keys == [citation_keys(papers, arxiv)[p.id] for p in papers]
    for paper, entry in zip(papers, entries, strict=True):
        fields = entry.fields_dict
        assert entry.entry_type == "misc"
        assert DECODE(fields["title"].value) == one_line(paper.title)
        assert DECODE(fields["abstract"].value) == one_line(paper.abstract)
        assert DECODE(fields["note"].value) == "Listed in " + "; ".join(
            one_line(source_label(s)) for s in paper.sources
        )
        expected_authors = [one_line(a) for a in paper.authors] or [one_line(paper.organization)]
        if paper.authors and paper.authors_truncated:
            expected_authors.append("others")
        assert author_names(fields["author"].value) == expected_authors
        et_al = bool(paper.authors) and paper.authors_truncated
        assert fields["author"].value.endswith(" and others") == et_al
        record = arxiv[paper.id]
        assert fields["eprint"].value == record.arxiv_id
        assert fields["archivePrefix"].value == "arXiv"
        assert fields["primaryClass"].value == "cs.CL"
        assert fields["doi"].value == record.doi
        assert fields["url"].value == record.abs_url
        assert fields["year"].value == paper.date[:4]
        month = int(paper.date[5:7])
        assert fields["month"].value == "janfebmaraprmayjunjulaugsepoctnovdec"[3 * month - 3 :][:3]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_each_hostile_title_alone_parses(title: str) -> None:
    paper = Paper(id="p", title=title, authors=["A. Person"])
    [entry] = parse(render_bibtex([paper], {})).entries
    assert DECODE(entry.fields_dict["title"].value) == one_line(title)
    # The title is protected as a whole: one outer brace group around everything.
    assert entry.fields_dict["title"].value.startswith("{")
    assert entry.fields_dict["title"].value.endswith("}")


def test_keys_follow_surname_year_and_first_significant_word() -> None:
    paper = Paper(
        id="x",
        title="The Łódź Effect: On Things",
        authors=["José Núñez-García Jr.", "B"],
        date="2021-05-01",
    )
    assert base_key(paper) == "nunezgarcia2021lodz"
    org = Paper(id="y", title="A Study", organization="Google DeepMind")
    assert base_key(org) == "googlend" + "study"
    nobody = Paper(id="z", title="!!!")
    assert base_key(nobody) == "anonnduntitled"


def test_surnames() -> None:
    assert surname("Kingma, Diederik P.") == "Kingma"
    assert surname("Ludwig van Beethoven") == "Beethoven"
    assert surname("Martin Luther King Jr.") == "King"
    assert surname("Plato") == "Plato"


def test_colliding_keys_get_letters_in_the_order_papers_were_added_whatever_the_sort() -> None:
    papers = [
        Paper(
            id=f"id-{c}", title=f"Scaling {c}", authors=["Jared Kaplan"], date="2020-01-01", added=n
        )
        for n, c in zip((2, 0, 1), "cab", strict=True)
    ]
    papers.append(Paper(id="other", title="Scaling", authors=["Sam Altman"], date="2020-01-01"))
    keys = citation_keys(papers, {})
    assert keys == {
        "id-a": "kaplan2020scaling",  # the first added keeps the bare key
        "id-b": "kaplan2020scalinga",
        "id-c": "kaplan2020scalingb",
        "other": "altman2020scaling",
    }
    assert citation_keys(list(reversed(papers)), {}) == keys


def test_suffixed_key_never_collides_with_a_natural_key() -> None:
    papers = [
        Paper(id="1", title="Scaling", authors=["Kaplan"], date="2020-01-01"),
        Paper(id="2", title="Scaling!", authors=["Kaplan"], date="2020-01-01"),
        Paper(id="3", title="Scalinga", authors=["Kaplan"], date="2020-01-01"),
    ]
    keys = citation_keys(papers, {})
    assert len(set(keys.values())) == 3
    assert keys["3"] == "kaplan2020scalinga"


def test_many_collisions_stay_unique() -> None:
    papers = [Paper(id=f"{i:03d}", title="Same", authors=["Doe"]) for i in range(60)]
    library = parse(render_bibtex(papers, {}))
    keys = [e.key for e in library.entries]
    assert len(set(keys)) == 60
    assert keys[:3] == ["doendsame", "doendsamea", "doendsameb"]
    assert keys[26:29] == ["doendsamez", "doendsameaa", "doendsameab"]


def test_count_only_authors_leave_author_out_and_arxiv_fills_names() -> None:
    counted = Paper(id="c", title="Counted", author_count=7)
    filled = Paper(id="f", title="Filled", author_count=2)
    arxiv = {
        "f": ArxivRecord(status="found", checked_at="t", authors=["Ann Lee", "Bo Kim"]),
        "c": ArxivRecord(status="not_found", checked_at="t", authors=["Never Used"]),
    }
    first, second = parse(render_bibtex([counted, filled], arxiv)).entries
    assert "author" not in first.fields_dict
    assert first.key == "anonndcounted"
    assert second.fields_dict["author"].value == "Ann Lee and Bo Kim"
    assert second.key == "lee" + "ndfilled"


def test_unsafe_links_and_identifiers_are_left_out() -> None:
    paper = Paper(id="p", title="T")
    arxiv = {
        "p": ArxivRecord(
            status="found",
            checked_at="t",
            arxiv_id="2401.0001} @misc{x,",
            abs_url="javascript:alert(1)",
            primary_category="cs.CL}",
            doi="10.1/a}b",
        )
    }
    [entry] = parse(render_bibtex([paper], arxiv)).entries
    assert set(entry.fields_dict) == {"title"}


def test_empty_export_is_an_empty_file() -> None:
    assert render_bibtex([], {}) == ""


def test_braces_balance_the_way_bibtex_counts_them() -> None:
    """BibTeX counts `\\{` as a brace too: every entry must balance on raw characters alone."""
    papers, arxiv = hostile_papers()
    for entry in render_bibtex(papers, arxiv, abstracts=True).split("\n@"):
        depth = 0
        for char in entry:
            depth += {"{": 1, "}": -1}.get(char, 0)
            assert depth >= 0, entry
        assert depth == 0, entry
