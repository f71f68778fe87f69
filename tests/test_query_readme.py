"""The README's query examples work on the bundled sample with the counts it prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from readinglist.papers.library import Library, load_sample
from readinglist.service import LibraryService

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("## The query language") : README.index("## Where your data")]
PLACEHOLDERS = ("a OR b", "( ... )")
TOUR = README[README.index("2. **Filter.**") : README.index("3. **Triage.**")]


def examples() -> list[tuple[str, int]]:
    """(query, count) for every table row that prints counts, and the tour's examples."""
    found = []
    for row in SECTION.splitlines():
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        if len(cells) != 3 or not re.fullmatch(r"\d+(, \d+)*", cells[2]):
            continue
        queries = [q for q in re.findall(r"`([^`]+)`", cells[0]) if q not in PLACEHOLDERS]
        if not queries:  # a syntax row: its examples are in the middle column
            queries = re.findall(r"`([^`]+)`", cells[1])
        counts = [int(n) for n in cells[2].split(", ")]
        assert len(queries) == len(counts), row
        found += zip(queries, counts, strict=True)
    found += [(q, int(n)) for q, n in re.findall(r"`([^`]+)` \((?:(\d+)[^)]*)\)", TOUR)]
    return found


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> LibraryService:
    directory = tmp_path_factory.mktemp("sample")
    load_sample(Library.open(directory))
    return LibraryService(directory)


def test_the_readme_has_examples_with_counts() -> None:
    assert len(examples()) >= 20


@pytest.mark.parametrize(("query", "count"), examples())
def test_each_example_finds_what_the_readme_says(sample, query: str, count: int) -> None:
    assert len(sample.filter(query, {})) == count


@pytest.mark.parametrize(
    ("typed", "plain"),
    [("quantization,", "quantization"), ("quantization?", "quantization"),
     ("DINOv3.", "DINOv3"), ("(diffusion)", "diffusion"), ("“attention”", "attention")],
)  # fmt: skip
def test_punctuation_typed_at_a_word_edge_finds_what_the_word_finds(
    sample, typed: str, plain: str
) -> None:
    found = sample.filter(typed, {})
    assert found == sample.filter(plain, {})
    assert found  # was 7, 0 and 0 papers for the first three
