"""BibTeX files as Zotero, Google Scholar, DBLP and a hand-kept papis file write them: titles
without protective braces, LaTeX accents decoded, names turned round, dates, venues, DOIs,
URLs and arXiv ids; a broken entry is one warning and the rest is read."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from readinglist.errors import UserError
from readinglist.papers.models import ParsedPaper
from readinglist.parsing import detect_format, parse_file, parse_text

PAGES = Path(__file__).parent / "fixtures" / "pages"
AS_OF = dt.date(2025, 10, 30)


def parse(name: str) -> tuple[list[ParsedPaper], list[str], str]:
    result = parse_file(str(PAGES / name), as_of=AS_OF)
    return result.papers, result.warnings, result.format


def by_title(papers: list[ParsedPaper], start: str) -> ParsedPaper:
    return next(p for p in papers if p.title.startswith(start))


def test_zotero_export() -> None:
    papers, warnings, fmt = parse("bib-zotero.bib")
    assert fmt == "bibtex" and warnings == []
    assert [p.title for p in papers] == [
        "One Model To Learn Them All",
        "Xception: Deep Learning with Depthwise Separable Convolutions",
        "Toward Causal Representation Learning",
    ]
    kaiser, xception, causal = papers
    assert kaiser.authors[:3] == ["Łukasz Kaiser", "Aidan N. Gomez", "Noam Shazeer"]
    assert len(kaiser.authors) == 7 and not kaiser.authors_truncated
    assert kaiser.arxiv_id == "1706.05137"
    assert kaiser.date == "2017-06" and kaiser.date_text == "Jun 2017"
    assert kaiser.abstract.startswith("Deep learning yields great results across many fields")
    assert kaiser.abstract.endswith("spanning multiple domains.")
    assert kaiser.doi == "10.48550/arXiv.1706.05137"
    assert kaiser.url == "http://arxiv.org/abs/1706.05137"
    assert kaiser.venue is None  # `publisher = {arXiv}` is no venue
    assert kaiser.format == "bibtex" and kaiser.source.endswith("bib-zotero.bib")
    assert xception.authors == ["François Chollet"]
    cvpr = "2017 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)"
    assert xception.venue == cvpr
    assert xception.doi == "10.1109/CVPR.2017.195" and xception.arxiv_id is None
    assert xception.date == "2017-07"
    assert causal.authors[0] == "Bernhard Schölkopf"
    assert causal.venue == "Proceedings of the IEEE" and causal.date == "2021-05"


def test_google_scholar_export() -> None:
    papers, warnings, fmt = parse("bib-scholar.bib")
    assert fmt == "bibtex" and warnings == []
    attention = by_title(papers, "Attention is all you need")
    assert attention.authors[6] == "Łukasz Kaiser"
    assert attention.authors[5] == "Aidan N Gomez"
    assert attention.venue == "Advances in neural information processing systems"
    assert attention.date == "2017" and attention.arxiv_id is None
    mamba = by_title(papers, "Mamba")
    assert mamba.arxiv_id == "2312.00752"
    assert mamba.venue is None  # `arXiv preprint arXiv:2312.00752` is the id, not a venue
    assert mamba.authors == ["Albert Gu", "Tri Dao"]
    assert by_title(papers, "When does").authors[0] == "Rafael Müller"
    assert by_title(papers, "Deep residual").venue.startswith("Proceedings of the IEEE")


def test_dblp_export() -> None:
    papers, warnings, fmt = parse("bib-dblp.bib")
    assert fmt == "bibtex" and warnings == []
    sparse, attention, old, inherited = papers  # the @proceedings volume is no paper
    assert sparse.title == "Sparse Attention for Long Documents: A Survey"
    assert sparse.authors == ["Jane Q. Doe", "René Descartes", "Søren Kierkegaard"]
    assert sparse.arxiv_id == "2407.14741" and sparse.venue is None  # CoRR is arXiv
    assert sparse.doi == "10.48550/ARXIV.2407.14741"
    assert attention.title == "Attention is All you Need"
    assert attention.venue is not None
    assert attention.venue.startswith("Advances in Neural Information Processing Systems 30")
    assert "  " not in attention.venue and attention.venue.endswith("Long Beach, CA, USA")
    assert len(attention.authors) == 8  # the editors are not authors
    assert old.arxiv_id == "math/0510544"
    assert old.authors == ["Grégory Old", "Björn Style"]
    # `crossref`: the year and month come from the volume's entry, after the paper's
    assert inherited.title == "Crossref Entries Inherit Their Volume"
    assert inherited.date == "2025-04"
    assert inherited.venue == (
        "The Thirteenth International Conference on Learning Representations, ICLR 2025"
    )
    assert inherited.url == "https://openreview.net/forum?id=abc123"


def test_macros_comments_nested_braces_and_a_broken_entry() -> None:
    papers, warnings, fmt = parse("bib-macros.bib")
    assert fmt == "bibtex"
    assert [p.title for p in papers] == [
        "Sparse Mixtures: the ℓ_1 Route to Fast Experts",
        "A Parenthesised Entry by Björk",
        "Technical Report on Reports",
    ]
    sparse, paren, report = papers
    assert sparse.authors == [
        "John Smith",
        "John von Neumann",
        "Martin Luther King, Jr.",
        "The OpenAI Team",
    ]
    assert sparse.venue == "International Conference on Machine Learning (ICML)"
    assert sparse.date == "2024-09" and sparse.date_text == "Sep 2024"
    assert sparse.arxiv_id == "2409.01234" and sparse.subjects == ["cs.LG"]
    assert sparse.abstract == (
        "We show that 50% of experts suffice. A second line of the abstract, "
        "with “quotes” and a – dash."
    )
    assert paren.authors == ["Guðmundsdóttir Björk", "Šimon Čapek"]
    assert paren.date == "2022-03-14" and paren.url == "https://example.org/paper.pdf"
    assert report.authors == ["Małgorzata Nowak"] and report.authors_truncated
    assert report.doi == "10.5555/acme_2021" and report.venue == "Acme Lab"
    assert report.date == "2021"  # `month = 13` is no month
    name = str(PAGES / "bib-macros.bib")
    assert warnings == [
        f"{name}: line 23: BibTeX entry 'broken2023' is malformed: "
        'its braces do not close (an unclosed { or "), skipped',
        f"{name}: line 45: BibTeX entry 'notitle2020' has neither a title nor an arXiv id, skipped",
    ]


def test_better_biblatex_export_with_bom_crlf_and_unicode() -> None:
    papers, warnings, fmt = parse("bib-betterbiblatex.bib")
    assert fmt == "bibtex" and warnings == []
    rag, graph, fair = papers
    assert rag.title == "Retrieval-Augmented Generation for Large Language Models: A Survey"
    assert rag.authors == ["Wěi Zhang", "Kjersti Ødegård", "José de la Ruiz"]
    assert rag.date == "2024-03-27" and rag.arxiv_id == "2312.10997"
    assert rag.subjects == []  # `eprintclass = {cs}` names an archive, not a category
    assert rag.abstract.endswith("has emerged as a promising solution.")
    assert graph.venue == "Journal of Computational Physics" and graph.date == "2023-11"
    assert graph.doi == "10.1016/j.jcp.2023.112401"
    assert fair.venue == "Proceedings of the 45th International ACM SIGIR Conference"
    assert fair.authors == ["Lucía García", "Kenji Nakamura"]


def test_biblatex_fields() -> None:
    text = (
        "@online{k,\n  title = {A Title},\n  journaltitle = {Journal of Things},\n"
        "  date = {2024-07},\n  eprint = {2407.14741},\n  eprinttype = {arxiv},\n"
        "  eprintclass = {cs.CL},\n}\n"
    )
    paper = parse_text(text, "x.bib", as_of=AS_OF).papers[0]
    assert paper.venue == "Journal of Things" and paper.date == "2024-07"
    assert paper.arxiv_id == "2407.14741" and paper.subjects == ["cs.CL"]


def test_entry_with_only_an_arxiv_id_is_kept_for_the_lookup() -> None:
    text = "@misc{k,\n  eprint = {2407.14741},\n  archivePrefix = {arXiv},\n}\n"
    paper = parse_text(text, "ids.bib", as_of=AS_OF).papers[0]
    assert paper.title == "" and paper.arxiv_id == "2407.14741"


@pytest.mark.parametrize(
    ("fields", "arxiv_id"),
    [
        ("eprint = {arXiv:2407.14741v2}", "2407.14741"),
        ("eprint = {2407.14741}, eprinttype = {arxiv}", "2407.14741"),
        ("eprint = {12345}, archivePrefix = {PubMed}", None),
        ("journal = {arXiv preprint arXiv:2407.14741}", "2407.14741"),
        ("journal = {ArXiv}, volume = {abs/2407.14741}", "2407.14741"),
        ("doi = {10.48550/arXiv.2407.14741}", "2407.14741"),
        ("url = {https://arxiv.org/abs/2407.14741v3}", "2407.14741"),
        ("url = {https://example.com/2407.14741}", None),
        ("note = {arXiv:hep-th/9901001}", "hep-th/9901001"),
        ("doi = {10.1000/2407.14741}", None),
    ],
)
def test_arxiv_id_wherever_the_exporter_put_it(fields: str, arxiv_id: str | None) -> None:
    text = f"@article{{k,\n  title = {{A Title}},\n  {fields},\n}}\n"
    assert parse_text(text, "x.bib", as_of=AS_OF).papers[0].arxiv_id == arxiv_id


@pytest.mark.parametrize(
    ("fields", "date", "date_text"),
    [
        ("year = 2024", "2024", "2024"),
        ("year = {2024}, month = jul", "2024-07", "Jul 2024"),
        ('year = "2024", month = "July"', "2024-07", "Jul 2024"),
        ("year = {2024}, month = {7}", "2024-07", "Jul 2024"),
        ("year = {2024}, month = {Sept.}", "2024-09", "Sep 2024"),
        ("year = {2024}, month = {13}", "2024", "2024"),
        ("date = {2024-07-19}", "2024-07-19", "2024-07-19"),
        ("year = {in press}", None, None),
        ("year = {2024a}", "2024", "2024"),  # a disambiguating letter
    ],
)
def test_dates(fields: str, date: str | None, date_text: str | None) -> None:
    text = f"@article{{k,\n  title = {{A Title}},\n  {fields},\n}}\n"
    paper = parse_text(text, "x.bib", as_of=AS_OF).papers[0]
    assert (paper.date, paper.date_text) == (date, date_text)


def test_string_macros_apply_in_file_order_and_unknown_macros_stay_as_written() -> None:
    text = (
        '@string{conf = "Conference on Things"}\n'
        '@string{full = conf # " 2024"}\n'
        "@inproceedings{a, title = {A}, booktitle = full}\n"
        "@inproceedings{b, title = {B}, booktitle = CVPR}\n"
    )
    papers = parse_text(text, "x.bib", as_of=AS_OF).papers
    assert [p.venue for p in papers] == ["Conference on Things 2024", "CVPR"]


def test_every_entry_broken_is_a_one_line_refusal() -> None:
    text = "@article{a,\n  title = {Unclosed\n\n@article{b,\n  title = {Also unclosed\n"
    with pytest.raises(UserError) as caught:
        parse_text(text, "bad.bib", as_of=AS_OF)
    assert "bad.bib" in caught.value.message and "\n" not in caught.value.message


def test_untrusted_values_stay_literal() -> None:
    text = "@misc{k, title = {[bold]Rich[/bold] <script>x</script> \\textbf{B}}}\n"
    assert parse_text(text, "x.bib", as_of=AS_OF).papers[0].title == (
        "[bold]Rich[/bold] <script>x</script> B"
    )


def test_detection() -> None:
    bib = (PAGES / "bib-scholar.bib").read_text(encoding="utf-8")
    assert detect_format(bib) == "bibtex"
    # A message quoting one entry is read for that entry.
    papers, _, fmt = parse("ids-digest-bibtex-only.txt")
    assert fmt == "bibtex" and [p.title for p in papers] == ["A Report on Reports"]
    assert papers[0].authors == ["Małgorzata Nowak"]
    # An e-mail address or a decorator is no entry.
    assert detect_format("mail me @ home\n@dataclass(frozen=True)\nclass X: pass\n") is None


def test_cli_reads_a_bib_file_and_warns_of_the_broken_entry() -> None:
    path = str(PAGES / "bib-macros.bib")
    done = subprocess.run(
        [sys.executable, "-m", "readinglist", "parse", path],
        capture_output=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert done.returncode == 0, done.stderr
    papers = json.loads(done.stdout)
    assert [p["format"] for p in papers] == ["bibtex"] * 3
    assert papers[0]["arxiv_id"] == "2409.01234"
    errors = done.stderr.decode("utf-8").splitlines()
    assert len(errors) == 2 and all(path in line for line in errors)
    assert "line 23" in errors[0] and "broken2023" in errors[0]
    assert "Traceback" not in done.stderr.decode("utf-8")
