"""arXiv id rules: which strings are well-formed ids, and which ids a text names (links on arXiv
and its mirrors, `arXiv:ID`, ids standing alone), never a number that merely looks like one."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readinglist.papers.arxiv_ids import (
    ArxivId,
    abs_url,
    find_arxiv_ids,
    find_mentions,
    is_arxiv_id,
    parse_arxiv_id,
    pdf_url,
)

WELL_FORMED = re.compile(
    r"^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})$",
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2407.14741", ArxivId("2407.14741", None)),
        ("2407.14741v2", ArxivId("2407.14741", 2)),
        (" 1706.03762v7 ", ArxivId("1706.03762", 7)),
        ("0704.0001", ArxivId("0704.0001", None)),
        ("1412.8000", ArxivId("1412.8000", None)),
        ("1501.00001", ArxivId("1501.00001", None)),
        ("math/0510544", ArxivId("math/0510544", None)),
        ("hep-th/9901001v3", ArxivId("hep-th/9901001", 3)),
        ("math.GT/0309136", ArxivId("math/0309136", None)),
        ("cond-mat/0703001", ArxivId("cond-mat/0703001", None)),
    ],
)
def test_well_formed_ids(text: str, expected: ArxivId) -> None:
    assert parse_arxiv_id(text) == expected
    assert str(expected) == text.strip().replace(".GT/", "/")  # the subject class is dropped


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2407.1474",  # 4 digits after 2014
        "2401.1234",
        "2407.147410",  # 6 digits
        "2413.14741",  # month 13
        "2400.14741",  # month 0
        "0703.1234",  # before new-style ids began (April 2007)
        "1234.56789",  # a phone number's shape: month 34
        "2024.12345",  # a year and a number: month 24
        "2407.14741v0",
        "2407.14741v",
        "math/051054",
        "math/0713544",  # old-style ids ended in March 2007
        "foo/0510544",  # no such archive
        "MATH/0510544",
        "../1234567",
        "arXiv:2407.14741",  # a prefix is not part of the id
    ],
)
def test_malformed_ids(text: str) -> None:
    assert parse_arxiv_id(text) is None
    assert not is_arxiv_id(text)


def test_links_prefixes_and_bare_ids_are_found_in_order() -> None:
    text = (
        "See https://arxiv.org/abs/2407.14741v2, arXiv:1706.03762 and "
        "arxiv.org/pdf/2312.00752.pdf;\n"
        "HF https://huggingface.co/papers/2501.12948 mirror https://www.alphaxiv.org/abs/2310.06825\n"
        "DOI https://doi.org/10.48550/arXiv.2401.04088 or 10.48550/arXiv.2405.04434, "
        "bare 2403.00001.\n"
        "old: hep-th/9901001, arXiv:math/0510544v2, https://arxiv.org/abs/math.GT/0309136\n"
        "also https://ar5iv.labs.arxiv.org/html/2402.00002 and http://export.arxiv.org/abs/2402.00003"
    )
    assert [str(found) for found in find_arxiv_ids(text)] == [
        "2407.14741v2",
        "1706.03762",
        "2312.00752",
        "2501.12948",
        "2310.06825",
        "2401.04088",
        "2405.04434",
        "2403.00001",
        "hep-th/9901001",
        "math/0510544v2",
        "math/0309136",
        "2402.00002",
        "2402.00003",
    ]


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("https://arxiv.org/html/2407.14741v1/#S2", "https://arxiv.org/html/2407.14741v1"),
        ("https://arxiv.org/abs/2407.14741?context=cs.LG", "https://arxiv.org/abs/2407.14741"),
        ("https://huggingface.co/papers/2407.14741/x", "https://huggingface.co/papers/2407.14741"),
        ("(https://arxiv.org/abs/2407.14741).", "https://arxiv.org/abs/2407.14741"),
        ("<https://arxiv.org/abs/2407.14741>", "https://arxiv.org/abs/2407.14741"),
    ],
)
def test_a_link_may_go_on_past_the_id(text: str, url: str) -> None:
    mentions, broken = find_mentions(text)
    assert [m.url for m in mentions] == [url] and broken == []


def test_each_id_once_with_its_highest_version() -> None:
    text = "2407.14741 then arXiv:2407.14741v3 then https://arxiv.org/abs/2407.14741v2"
    assert find_arxiv_ids(text) == [ArxivId("2407.14741", 3)]


@pytest.mark.parametrize(
    "text",
    [
        "call 1234.56789 now",
        "the budget line 2024.12345 was approved",
        "version 3.2407.14741 of the file",
        "2407.14741.5 is a decimal",
        "1503.12345,67 EUR",
        "price $2407.14741",
        "v2407.14741 is a tag",
        "https://example.com/abs/2407.14741",
        "https://example.com/?id=2407.14741",
        "https://jira.example.com/browse/PAPERS-2407.14741",
        "see example.com/abs/2407.14741 for the copy",
        "./math/0510544 is a path",
        "repo/cs/0101001/file",
        "2407.147412 has six digits",
        "a4071.14741b",
        "https://arxiv.org/abs/2407.1474",
    ],
)
def test_numbers_and_other_hosts_are_no_ids(text: str) -> None:
    assert find_arxiv_ids(text) == []


def test_a_link_to_a_paper_naming_no_id_is_reported() -> None:
    mentions, broken = find_mentions(
        "ok https://arxiv.org/abs/2407.14741\nbad arxiv.org/abs/2407.1474"
    )
    assert [m.arxiv_id.id for m in mentions] == ["2407.14741"]
    assert [link for _, link in broken] == ["arxiv.org/abs/2407.1474"]


def test_mentions_keep_the_link_as_given() -> None:
    mentions, _ = find_mentions("a arxiv.org/abs/2407.14741v2 b arXiv:1706.03762")
    assert [m.url for m in mentions] == ["https://arxiv.org/abs/2407.14741v2", None]


def test_urls() -> None:
    assert abs_url("math/0510544") == "https://arxiv.org/abs/math/0510544"
    assert pdf_url("2407.14741") == "https://arxiv.org/pdf/2407.14741"


ID_FRAGMENTS = [
    "2407.14741",
    "v2",
    "arXiv:",
    "https://arxiv.org/abs/",
    "huggingface.co/papers/",
    "math/0510544",
    "hep-th/",
    ".",
    "/",
    "0",
    "1",
    "12345",
    " ",
    "\n",
    "https://example.com/",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(ID_FRAGMENTS), st.text(max_size=12)), max_size=20))
def test_found_ids_are_always_well_formed(parts: list[str]) -> None:
    text = "".join(parts)
    for found in find_arxiv_ids(text):
        assert parse_arxiv_id(found.id) == ArxivId(found.id, None)
        assert WELL_FORMED.match(found.id)
        assert found.id in text
    for mention in find_mentions(text)[0]:
        assert mention.arxiv_id.id in text[mention.start : mention.end]
