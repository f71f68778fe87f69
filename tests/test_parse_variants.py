"""What a browser copy does to a page changes nothing; malformed entries cost only themselves."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from readinglist.errors import UserError
from readinglist.parsing import ParseResult, detect_format, parse_bytes, parse_text

AS_OF = dt.date(2025, 10, 30)
SEED_NAMES = ("author-list.txt", "hf-collection.txt", "hf-daily.txt", "hf-search.txt")


def _each_line(text: str, change: Callable[[str], str]) -> str:
    return "\n".join(change(line) for line in text.split("\n"))


VARIANTS: dict[str, Callable[[str], str]] = {
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "old-mac-cr": lambda t: t.replace("\n", "\r"),
    "bom": lambda t: "\ufeff" + t,
    "non-breaking-spaces": lambda t: t.replace(" ", "\u00a0"),
    "some-nbsp-and-thin-spaces": lambda t: t.replace(" a ", "\u00a0a\u202f"),
    "tabs": lambda t: _each_line(t, lambda line: "\t" + line.replace(" ", "\t", 2)),
    "trailing-spaces": lambda t: _each_line(t, lambda line: line + "  \t "),
    "indented": lambda t: _each_line(t, lambda line: "    " + line),
    "extra-blank-lines": lambda t: t.replace("\n", "\n\n\n"),
    "missing-blank-lines": lambda t: re.sub(r"\n\s*\n+", "\n", t),
    "leading-blank-lines": lambda t: "\n \n\n" + t,
    "trailing-newline": lambda t: t.rstrip("\n") + "\n",
    "no-trailing-newline": lambda t: t.rstrip("\n"),
    "double-spaces": lambda t: t.replace(" ", "  "),
    "everything": lambda t: (
        "\ufeff"
        + _each_line(t.replace(" ", "\u00a0", 50), lambda line: "\t" + line + " ").replace(
            "\n", "\r\n\r\n"
        )
    ),
}


def parse_seed(seeds: Path, name: str, text: str | None = None) -> ParseResult:
    if text is None:
        text = (seeds / name).read_text(encoding="utf-8")
    return parse_text(text, name, as_of=AS_OF)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("name", SEED_NAMES)
def test_browser_copy_variants_parse_the_same(seeds: Path, name: str, variant: str) -> None:
    original = parse_seed(seeds, name)
    text = VARIANTS[variant]((seeds / name).read_text(encoding="utf-8"))
    changed = parse_seed(seeds, name, text)
    assert changed.format == original.format
    assert changed.warnings == []
    assert changed.papers == original.papers


@pytest.mark.parametrize("name", SEED_NAMES)
def test_bytes_with_bom_and_crlf(seeds: Path, name: str) -> None:
    data = (seeds / name).read_bytes()
    changed = parse_bytes(b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"), name, as_of=AS_OF)
    assert changed.papers == parse_seed(seeds, name).papers


def test_utf16_with_bom_is_read(seeds: Path) -> None:
    text = (seeds / "hf-daily.txt").read_text(encoding="utf-8")
    result = parse_bytes(text.encode("utf-16"), "hf-daily.txt", as_of=AS_OF)
    assert result.papers == parse_seed(seeds, "hf-daily.txt").papers


def _lines(seeds: Path, name: str) -> list[str]:
    return (seeds / name).read_text(encoding="utf-8").split("\n")


def _without_metadata(result: ParseResult, title: str) -> list:
    return [
        dataclasses.replace(p, author_count=None, date=None, date_text=None, upvotes=None)
        if p.title == title
        else p
        for p in result.papers
    ]


def test_daily_page_with_a_missing_metadata_block(seeds: Path) -> None:
    lines = _lines(seeds, "hf-daily.txt")
    assert lines[16:19] == ["  • 4 authors", "·", "Mar 2, 2023"]
    text = "\n".join(lines[:16] + lines[19:])
    changed = parse_seed(seeds, "hf-daily.txt", text)
    expected = _without_metadata(
        parse_seed(seeds, "hf-daily.txt"), "On the Provable Advantage of Unsupervised Pretraining"
    )
    assert changed.papers == expected
    assert changed.warnings == []


def test_daily_page_with_every_metadata_block_missing_and_no_blank_lines(seeds: Path) -> None:
    kept = [
        line
        for line in _lines(seeds, "hf-daily.txt")
        if line.strip()
        and not re.fullmatch(
            r"\s*• \d+ authors|·|facebook AI at Meta|\w{3} \d+(, \d{4})?( \d+)?", line
        )
    ]
    changed = parse_seed(seeds, "hf-daily.txt", "\n".join(kept))
    titles = [p.title for p in parse_seed(seeds, "hf-daily.txt").papers]
    assert [p.title for p in changed.papers] == titles
    assert all(p.date is None and p.author_count is None for p in changed.papers)
    assert all(p.listing_date is None for p in changed.papers)  # the page date went too


def test_headerless_search_results_still_parse(seeds: Path) -> None:
    lines = _lines(seeds, "hf-search.txt")
    text = "\n".join([lines[2].removeprefix("Subscribe"), *lines[3:]])
    changed = parse_seed(seeds, "hf-search.txt", text)
    assert changed.format == "hf-search"
    assert changed.papers == parse_seed(seeds, "hf-search.txt").papers


def test_headerless_pages_still_parse(seeds: Path) -> None:
    for name, header_lines in (("hf-daily.txt", 12), ("hf-collection.txt", 10)):
        lines = _lines(seeds, name)
        changed = parse_seed(seeds, name, "\n".join(lines[header_lines:]))
        original = parse_seed(seeds, name)
        assert [p.title for p in changed.papers] == [p.title for p in original.papers]
        assert changed.format == "hf-daily"


def _malformed(seeds: Path, name: str, edit: Callable[[list[str]], list[str]]) -> ParseResult:
    return parse_seed(seeds, name, "\n".join(edit(_lines(seeds, name))))


def _delete(number: int) -> Callable[[list[str]], list[str]]:
    return lambda lines: lines[: number - 1] + lines[number:]


def _replace(number: int, text: str) -> Callable[[list[str]], list[str]]:
    return lambda lines: [*lines[: number - 1], text, *lines[number:]]


@pytest.mark.parametrize(
    ("name", "edit", "papers", "warning"),
    [
        # A search result whose title line is gone: its abstract is skipped.
        ("hf-search.txt", _delete(5), 384, "line 5: text where a paper title belongs"),
        # Its abstract gone instead: the paper stays, without abstract.
        ("hf-search.txt", _delete(6), 385, "line 5: paper without an abstract"),
        ("hf-daily.txt", _delete(21), 54, "line 22: text where a paper title belongs"),
        ("hf-daily.txt", _replace(25, "  • many authors"), 55, "line 25: unrecognized metadata"),
        ("hf-daily.txt", _replace(27, "Aug 45x"), 55, "line 27: expected a date like"),
        ("hf-daily.txt", _replace(27, "Feb 30, 2020"), 55, "line 27: no such date"),
        ("hf-collection.txt", _delete(11), 73, "line 12: text where a paper title belongs"),
        ("author-list.txt", _delete(4), 13, "line 4: paper without a date line"),
        ("author-list.txt", _delete(5), 13, "line 5: expected a title and authors"),
        (
            "author-list.txt",
            _replace(5, "A title with no authors at all"),
            14,
            "line 5: could not tell the title from the authors",
        ),
        (
            "author-list.txt",
            _replace(4, "CVJan 19, 2023\n81.7CLMar 19"),
            14,
            "line 4: date line without a paper",
        ),
    ],
)
def test_one_malformed_entry_warns_and_keeps_the_rest(
    seeds: Path, name: str, edit, papers: int, warning: str
) -> None:
    result = _malformed(seeds, name, edit)
    assert len(result.papers) == papers
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith(f"{name}: {warning}")
    original_titles = {p.title for p in parse_seed(seeds, name).papers}
    assert sum(p.title in original_titles for p in result.papers) >= papers - 1


def test_author_list_with_authors_on_their_own_line(seeds: Path) -> None:
    result = _malformed(
        seeds,
        "author-list.txt",
        _replace(5, "Optimal Splitting of Language Models\nSkyler Seto, Pierre Ablin et al."),
    )
    paper = result.papers[1]
    assert paper.title == "Optimal Splitting of Language Models"
    assert paper.authors == ["Skyler Seto", "Pierre Ablin"]
    assert paper.authors_truncated
    assert result.warnings == []


def test_author_list_with_a_header_and_blank_lines(seeds: Path) -> None:
    text = "Angelos Katharopoulos\n\nPublications\n\n" + (seeds / "author-list.txt").read_text(
        encoding="utf-8"
    ).replace("\n", "\n\n")
    result = parse_seed(seeds, "author-list.txt", text)
    assert result.papers == parse_seed(seeds, "author-list.txt").papers


def test_glued_metadata_on_one_line() -> None:
    text = (
        "A Study of Things\n\nWe study things in depth. Our results are strong and general.\n\n"
        "• 3 authors · Mar 2, 2024 7\n\n"
        "Another Study\n\nWe study other things. They are different.\n\nGoogle · Jun 1\n"
    )
    result = parse_text(text, "t.txt", as_of=AS_OF)
    first, second = result.papers
    assert (first.author_count, first.date, first.upvotes) == (3, "2024-03-02", 7)
    assert (second.organization, second.date, second.upvotes) == ("Google", "2025-06-01", None)


EMPTY_INPUTS = ["", "\n\n", "   \t \r\n", "\ufeff", "\u00a0\n"]


@pytest.mark.parametrize("text", EMPTY_INPUTS)
def test_empty_text_is_a_user_error(text: str) -> None:
    with pytest.raises(UserError, match=r"^page\.txt is empty"):
        parse_text(text, "page.txt", as_of=AS_OF)


PROSE = [
    "Just a note to myself: buy milk.",
    "hello",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud.\n" * 5,
    "# My notes\n\nThis is a paragraph about nothing in particular. It goes on.\n\n"
    "Another paragraph follows it here. And more sentences.\n\nA third one, also prose.\n",
    "Dear diary,\n\nToday I read papers all day long. It was fun.\n",
    "Meeting notes\n\nWe discussed the plan for the next quarter. Everyone agreed on it.\n",
    "Introduction\n\nThis report covers our results in some detail. Read on for more.\n\n"
    "Methods\n\nWe used the usual methods and a few new ones. They worked well enough.\n",
    "1, 2, 3, 4\n5, 6, 7, 8\n",
]


@pytest.mark.parametrize("text", PROSE)
def test_prose_is_no_listing(text: str) -> None:
    assert detect_format(text) is None
    with pytest.raises(UserError) as raised:
        parse_text(text, "notes.txt", as_of=AS_OF)
    assert raised.value.message.startswith("notes.txt holds no paper listing")
    assert "\n" not in raised.value.message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x00\x01\x02PK\x03\x04" * 50, r"^f\.bin is a binary file"),
        (bytes(range(1, 32)) * 30, r"^f\.bin is a binary file"),
        ("Caf\xe9 \xe9t\xe9\n".encode("latin-1"), r"^f\.bin is not UTF-8 text .*save it"),
        (b"\xff\xd8\xff\xe0 JFIF", r"^f\.bin is not UTF-8 text"),
    ],
)
def test_bad_bytes_are_user_errors(data: bytes, message: str) -> None:
    with pytest.raises(UserError, match=message):
        parse_bytes(data, "f.bin", as_of=AS_OF)


def test_unknown_format_is_a_user_error(seeds: Path) -> None:
    with pytest.raises(UserError, match="unknown format 'pdf'"):
        parse_text("x", "x", as_of=AS_OF, fmt="pdf")


def test_forced_format_that_finds_nothing_names_the_format() -> None:
    with pytest.raises(UserError, match="no paper listing in the author-list format"):
        parse_text("Title\n\nAbstract text here.\n", "x.txt", as_of=AS_OF, fmt="author-list")


def test_author_list_without_categories_is_still_an_author_list(seeds: Path) -> None:
    text = (seeds / "author-list.txt").read_text(encoding="utf-8")
    bare = re.sub(r"^[\d.]*[A-Z]+(?=[A-Z][a-z]{2} \d)", "", text, flags=re.MULTILINE)
    assert bare.startswith("Jan 19, 2023\n")
    result = parse_seed(seeds, "author-list.txt", bare)
    original = parse_seed(seeds, "author-list.txt")
    assert result.format == "author-list"
    assert [p.title for p in result.papers] == [p.title for p in original.papers]
    assert [p.authors for p in result.papers] == [p.authors for p in original.papers]
    assert {p.category for p in result.papers} == {None}


def test_upvotes_with_thousands_separator() -> None:
    text = "A Study\n\nWe study it. It works.\n\n  • 3 authors\n·\nAug 13 1,234\n"
    (paper,) = parse_text(text, "t.txt", as_of=AS_OF).papers
    assert (paper.date_text, paper.upvotes) == ("Aug 13", 1234)


@pytest.mark.parametrize(
    "chrome", ["Previous\n\nNext\n\n", "Daily\nWeekly\nMonthly\n\n", "Trending Papers\n\n"]
)
@pytest.mark.parametrize("after", ["Daily Papers\n\n", "Oct 30\n\n"])
def test_navigation_chrome_before_the_first_paper_is_no_paper(
    seeds: Path, chrome: str, after: str
) -> None:
    text = (seeds / "hf-daily.txt").read_text(encoding="utf-8")
    changed = parse_seed(seeds, "hf-daily.txt", text.replace(after, after + chrome, 1))
    assert changed.papers == parse_seed(seeds, "hf-daily.txt").papers
    assert changed.warnings == []


def test_search_chrome_before_subscribe(seeds: Path) -> None:
    text = (seeds / "hf-search.txt").read_text(encoding="utf-8")
    changed = parse_seed(
        seeds, "hf-search.txt", text.replace("Subscribe", "Previous\nNext\nSubscribe")
    )
    assert changed.papers == parse_seed(seeds, "hf-search.txt").papers


def test_two_daily_pages_pasted_into_one_file_keep_their_own_dates(seeds: Path) -> None:
    daily = (seeds / "hf-daily.txt").read_text(encoding="utf-8")
    collection = (seeds / "hf-collection.txt").read_text(encoding="utf-8")
    result = parse_seed(seeds, "both.txt", daily + "\n\n" + collection)
    assert len(result.papers) == 55 + 74
    assert [p.listing_date for p in result.papers] == ["Oct 30"] * 55 + ["Mar 14"] * 74
    assert result.warnings == []


def test_two_bare_papers_are_a_listing() -> None:
    abstract = "We propose a method for this task. It beats the baselines on three benchmarks."
    text = f"Scaling Things Up\n\n{abstract}\n\nMaking Things Small\n\n{abstract}\n"
    result = parse_text(text, "t.txt", as_of=AS_OF)
    assert result.format == "hf-daily"
    assert [p.title for p in result.papers] == ["Scaling Things Up", "Making Things Small"]
    assert result.warnings == []


def test_a_bare_number_before_any_paper_is_no_upvote_count() -> None:
    # found by the never-raise property: the upvotes-on-their-own-line rule ran before any
    # paper was dated and reached for a paper that did not exist
    with pytest.raises(UserError):
        parse_text("0\nnew", "x.txt", as_of=dt.date(2025, 1, 1))
