"""Property tests: BibTeX-like and id-laden text of any shape parses into papers or one-line
UserErrors, never a traceback; every id a paper carries is well-formed; titles are one line."""

from __future__ import annotations

import contextlib
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readinglist.errors import UserError
from readinglist.papers.arxiv_ids import parse_arxiv_id
from readinglist.parsing import parse_text

AS_OF = dt.date(2025, 10, 30)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

BIB_FRAGMENTS = [
    "@article{key,",
    "@inproceedings{DBLP:conf/x/Y24,",
    "@misc(k,",
    '@string{m = "Macro"}',
    "@comment{",
    "@preamble{",
    "@",
    "}",
    "{",
    ")",
    '"',
    "#",
    ",",
    "=",
    "title = {A {Nested} Title},",
    'title = "Quoted",',
    'author = {M{\\"u}ller, Hans and {\\L}ukasz Kaiser and others},',
    "author = {and and , , and},",
    'booktitle = m # " 2024",',
    "year = 2024, month = jul,",
    "month = {13},",
    "eprint = {2407.14741v2}, archivePrefix = {arXiv},",
    "journal = {arXiv preprint arXiv:1706.03762},",
    "doi = {10.48550/arXiv.2312.00752},",
    "url = {https://arxiv.org/abs/math/0510544},",
    "abstract = {50% of \\textbf{it} $\\alpha$ \\\\ \\unknown{x} \\",
    "% a comment",
    "https://arxiv.org/abs/2407.1474",
    "[Title](https://arxiv.org/abs/2401.04088)",
    "hep-th/9901001",
    "",
    " ",
]
text_strategy = st.lists(
    st.one_of(st.sampled_from(BIB_FRAGMENTS), st.text(max_size=30)), max_size=25
).map("\n".join)


@SETTINGS
@given(text_strategy, st.sampled_from([None, "bibtex", "arxiv-ids"]))
def test_parse_raises_only_user_errors(text: str, fmt: str | None) -> None:
    try:
        result = parse_text(text, "page.bib", as_of=AS_OF, fmt=fmt)
    except UserError as error:
        assert "\n" not in error.message
        return
    assert result.papers
    for paper in result.papers:
        assert "\n" not in paper.title
        assert all("\n" not in name and name for name in paper.authors)
        assert paper.title or paper.arxiv_id
        if paper.arxiv_id is not None:
            assert parse_arxiv_id(paper.arxiv_id) is not None
            assert "v" not in paper.arxiv_id.split("/")[-1].split(".")[-1]
    for warning in result.warnings:
        assert "\n" not in warning and warning.startswith("page.bib: line ")


@SETTINGS
@given(st.lists(st.sampled_from(BIB_FRAGMENTS), min_size=1, max_size=40))
def test_nesting_and_broken_delimiters_never_raise(parts: list[str]) -> None:
    text = "".join(parts) + "{" * 300 + "\n@article{deep, title = {" + "{" * 500 + "x}"
    with contextlib.suppress(UserError):
        parse_text(text, "deep.bib", as_of=AS_OF, fmt="bibtex")
