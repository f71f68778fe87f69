"""Every export format read back by a real reader, over adversarial titles, names, notes and
tags: citeproc-py for CSL-JSON, rispy for RIS, the csv module, bibtexparser for BibTeX."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata

import bibtexparser
import pytest
import rispy
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from hypothesis import given, settings
from hypothesis import strategies as st

from readinglist.export import export_papers, formats
from readinglist.export.csv_export import HEADER
from readinglist.papers.models import ArxivRecord, Paper, PaperState
from readinglist.papers.present import clean_text, one_line

# Each is a title, an author name, an abstract, a tag and a note line of some paper.
ADVERSARIAL = [
    "Braces {unbalanced and } closed {}",
    "50% off & $x^2$ \\emph{tex} #1 ~tilde_under",
    "Quotes \"double\" 'single' “curly”",
    "Line one\nline two\r\nline three",
    "Bidi \u202eevil\u202c and \u2066isolate\u2069",
    "C1 \x9b31m CSI \x9d0;x\x9c OSC and \x7f DEL and \x1b[2J ESC",
    "Mail foo@evil.example and https://evil.example/x",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "ER  - ends a record, TY  - starts one",
    '=HYPERLINK("http://evil.example") formula',
    "Ünïcödé — 日本語 Łódź",
    "and others",
]
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def adversarial_library() -> tuple[list[Paper], dict[str, PaperState], dict[str, ArxivRecord]]:
    papers, states, arxiv = [], {}, {}
    for n, text in enumerate(ADVERSARIAL):
        paper_id = f"p{n:02d}"
        papers.append(
            Paper(
                id=paper_id,
                title=f"{text} {n}",
                authors=[f"{one_line(text)[:20]} Person{n}", "Ann Lee"],
                abstract=f"Abstract {n}: {text}",
                date=f"20{10 + n}-0{1 + n % 9}-1{n % 10}",
                arxiv_id=f"2401.{10000 + n}" if n % 2 else None,
                doi=f"10.1234/x{n}" if n % 3 == 0 else None,
                added=n,
            )
        )
        states[paper_id] = PaperState(
            starred=n % 2 == 0, read=n % 3 == 0, tags=[text, "shared"], notes=f"{text}\nnote end"
        )
    arxiv["p01"] = ArxivRecord(
        status="found",
        checked_at="t",
        arxiv_id="2401.10001",
        abs_url="https://arxiv.org/abs/2401.10001",
        pdf_url="javascript:alert(1)",
        primary_category="cs.LG",
    )
    return papers, states, arxiv


def export(fmt: str, **options) -> str:
    papers, states, arxiv = adversarial_library()
    data = export_papers(papers, states, arxiv, fmt, **options)
    text = data.decode("utf-8")
    assert not UNSAFE.search(text.replace("\n", "").replace("\r", "")), fmt
    return text


def test_every_format_has_a_name_and_an_extension() -> None:
    assert [(f.name, f.extension) for f in formats()] == [
        ("md", "md"),
        ("bibtex", "bib"),
        ("csl-json", "json"),
        ("ris", "ris"),
        ("csv", "csv"),
    ]


def test_csl_json_is_read_by_citeproc_with_every_title_literal() -> None:
    papers, _, _ = adversarial_library()
    items = json.loads(export("csl-json"))
    assert [i["title"] for i in items] == [one_line(p.title) for p in papers]
    assert all(set(i["issued"]) == {"date-parts"} for i in items)
    assert items[1]["number"] == "arXiv:2401.10001"
    assert items[1]["URL"] == "https://arxiv.org/abs/2401.10001"
    assert items[0]["DOI"] == "10.1234/x0"
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(items)
    joined = unicodedata.normalize("NFC", " ".join(rendered))
    for paper in papers:
        assert one_line(paper.title).split()[0] in joined


def test_csl_ids_are_the_bibtex_keys() -> None:
    items = json.loads(export("csl-json"))
    bib = bibtexparser.parse_string(export("bibtex"))
    assert [i["id"] for i in items] == [e.key for e in bib.entries]
    assert len({i["id"] for i in items}) == len(items)


def test_ris_is_read_by_rispy_one_record_per_paper() -> None:
    papers, states, _ = adversarial_library()
    records = rispy.loads(export("ris"))
    assert len(records) == len(papers)
    for paper, record in zip(papers, records, strict=True):
        assert record["title"] == one_line(paper.title)
        assert record["authors"][1] == "Lee, Ann"
        assert record["abstract"] == one_line(paper.abstract)
        state = states[paper.id]
        assert record["keywords"] == [one_line(t) for t in state.tags]
        assert record["notes"] == [one_line(line) for line in state.notes.splitlines() if line]
        assert record["year"] == paper.date[:4]
    assert records[1]["urls"] == ["https://arxiv.org/abs/2401.10001"]
    # The record's javascript: PDF link is never used; the arXiv id gives the real one.
    assert records[1]["file_attachments1"] == "https://arxiv.org/pdf/2401.10001"


def test_csv_is_read_by_the_csv_module_with_notes_kept() -> None:
    papers, states, _ = adversarial_library()
    text = export("csv")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert tuple(rows[0]) == HEADER
    assert len(rows) == len(papers) + 1
    for paper, row in zip(papers, rows[1:], strict=True):
        record = dict(zip(HEADER, row, strict=True))
        assert record["id"] == paper.id
        expected_title = one_line(paper.title)
        if expected_title.startswith(("=", "+", "-", "@")):
            expected_title = "'" + expected_title
        assert record["title"] == expected_title
        assert record["starred"] == ("yes" if states[paper.id].starred else "no")
        assert record["notes"].splitlines()[-1] == "note end"
        assert record["date"] == paper.date
    formula = rows[1 + ADVERSARIAL.index('=HYPERLINK("http://evil.example") formula')]
    assert formula[1].startswith("'=")  # shown as text by spreadsheets, never run


def test_bibtex_is_read_by_bibtexparser_with_keywords_and_arxiv_fields() -> None:
    papers, _, _ = adversarial_library()
    library = bibtexparser.parse_string(export("bibtex"))
    assert not library.failed_blocks
    assert len(library.entries) == len(papers)
    entry = library.entries[1]
    fields = {f.key: f.value for f in entry.fields}
    assert fields["eprint"] == "2401.10001"
    assert fields["archivePrefix"] == "arXiv"
    assert fields["primaryClass"] == "cs.LG"
    assert "keywords" in fields


@pytest.mark.parametrize("fmt", ["csl-json", "ris", "bibtex", "csv", "md"])
def test_no_control_or_bidi_character_reaches_any_format(fmt: str) -> None:
    export(fmt, abstracts=True)  # the assertion is in export()


TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from("\n\r{}%&$\\"),
    max_size=40,
)


def as_text_cell(value: str) -> str:
    return "'" + value if value.startswith(("=", "+", "-", "@")) else value


@settings(max_examples=150, deadline=None)
@given(title=TEXT, note=TEXT, tag=TEXT)
def test_any_text_round_trips_through_ris_csv_and_csl(title: str, note: str, tag: str) -> None:
    paper = Paper(id="p", title=title or "x", authors=["Ann Lee"], date="2024-01-02")
    states = {"p": PaperState(notes=note, tags=[tag])}
    ris = rispy.loads(export_papers([paper], states, {}, "ris").decode())
    [record] = ris
    assert record.get("title", "") == one_line(paper.title)
    assert record.get("keywords", []) == ([one_line(tag)] if one_line(tag) else [])
    note_lines = [one_line(line) for line in clean_text(note).split("\n") if line.strip()]
    assert record.get("notes", []) == note_lines
    rows = list(csv.reader(io.StringIO(export_papers([paper], states, {}, "csv").decode()[1:])))
    assert rows[1][1] == as_text_cell(one_line(paper.title))
    assert rows[1][9] == as_text_cell(clean_text(note).strip("\n"))
    [item] = json.loads(export_papers([paper], states, {}, "csl-json"))
    assert item["title"] == one_line(paper.title)
