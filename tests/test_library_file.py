"""The library file: JSON Lines, read line by line; an older one-document file still opens."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from readinglist.papers.library import Library
from readinglist.papers.models import ParsedPaper


def _two_papers(directory: Path) -> Library:
    library = Library.open(directory)
    library.import_papers(
        [
            ParsedPaper("A Paper", authors=["Ann Lee"], upvotes=4, date="2024-01-02", source="s"),
            ParsedPaper("Another One", authors=["Ann Lee", "Bo Chen"], date="2024-01-02"),
        ],
        source="s",
    )
    library.save()
    return library


def test_the_file_is_a_header_line_then_one_line_per_paper(tmp_path: Path) -> None:
    _two_papers(tmp_path)
    lines = (tmp_path / "papers.json").read_bytes().splitlines()
    header = orjson.loads(lines[0])
    assert header["schema"] == 2 and header["next_added"] == 2
    assert [orjson.loads(line)[header["fields"].index("title")] for line in lines[1:]] == [
        "A Paper",
        "Another One",
    ]


def test_an_old_one_document_file_opens_and_is_migrated_on_save(tmp_path: Path) -> None:
    saved = _two_papers(tmp_path)
    old = {"schema": 1, "next_added": 2, "papers": [p.to_dict() for p in saved.papers]}
    (tmp_path / "papers.json").write_bytes(orjson.dumps(old, option=orjson.OPT_INDENT_2))
    library = Library.open(tmp_path)
    assert [p.to_dict() for p in library.papers] == old["papers"]
    library.import_papers([ParsedPaper("Third")])
    assert library.papers[-1].added == 2
    library.save()
    assert orjson.loads((tmp_path / "papers.json").read_bytes().splitlines()[0])["schema"] == 2
    assert [p.title for p in Library.open(tmp_path).papers] == ["A Paper", "Another One", "Third"]


def test_a_file_from_another_version_is_read_by_field_name(tmp_path: Path) -> None:
    header = {"schema": 2, "next_added": 5, "fields": ["title", "id", "future_field"]}
    rows = [orjson.dumps(["Old Paper", "abc1234567", 1])]
    (tmp_path / "papers.json").write_bytes(b"\n".join([orjson.dumps(header), *rows]))
    library = Library.open(tmp_path)
    assert [(p.id, p.title) for p in library.papers] == [("abc1234567", "Old Paper")]
    assert library.resolve("abc1234567").title == "Old Paper"


def test_repeated_values_are_shared_between_loaded_papers(tmp_path: Path) -> None:
    _two_papers(tmp_path)
    first, second = Library.open(tmp_path).papers
    assert first.authors[0] is second.authors[0]
    assert first.date is second.date
    first.aliases.append("x")
    assert second.aliases == []  # lists themselves are never shared


@pytest.mark.parametrize(
    "line, expected",
    [
        (b'{"title": ', "not valid JSON"),
        (b'["too", "short"]', "2 fields where the file's header names 3"),
        (b'{"a": 1}', "an object, not a row of paper fields"),
        (b'["id", 7, []]', "its title is a number"),
        (b'["id", "t", ["a", 1]]', "its authors holds something other than text"),
    ],
)
def test_a_bad_line_is_skipped_and_named(tmp_path: Path, line, expected, capsys) -> None:
    header = orjson.dumps({"schema": 2, "next_added": 1, "fields": ["id", "title", "authors"]})
    path = tmp_path / "papers.json"
    path.write_bytes(header + b"\n" + line + b"\n" + b'["ok", "Good", ["A"]]\n')
    library = Library.open(tmp_path)
    assert [p.id for p in library.papers] == ["ok"]
    assert library.damaged_lines == [(2, expected)]
    warning = capsys.readouterr().err
    assert str(path) in warning and "doctor --repair" in warning
    assert warning.count("\n") <= 1
