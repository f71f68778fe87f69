"""The library: merging the same paper from several pages, stable ids, and the library file."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from readinglist.errors import UserError
from readinglist.papers.library import Library
from readinglist.papers.models import ParsedPaper


def parsed(title: str, **fields) -> ParsedPaper:
    return ParsedPaper(title=title, **fields)


def test_new_papers_are_added_in_order(tmp_path: Path) -> None:
    library = Library.open(tmp_path)
    report = library.import_papers(
        [parsed("Attention Is All You Need", source="a"), parsed("Deep Residual Learning")],
        source="a",
    )
    assert (report.added, report.merged, report.skipped) == (2, 0, 0)
    assert [p.title for p in library.papers] == [
        "Attention Is All You Need",
        "Deep Residual Learning",
    ]
    assert [p.added for p in library.papers] == [0, 1]


def test_same_paper_from_two_pages_combines_their_fields(tmp_path: Path) -> None:
    library = Library.open(tmp_path)
    library.import_papers(
        [parsed("Fast Transformers with Clustered Attention", upvotes=12, source="daily.txt")]
    )
    report = library.import_papers(
        [
            parsed(
                "Fast transformers with clustered attention.",
                authors=["Apoorv Vyas", "Angelos Katharopoulos", "François Fleuret"],
                author_count=3,
                category="LG",
                date="2020-07-09",
                date_text="Jul 9, 2020",
                abstract="Transformers have been proven a successful model.",
                source="authors.txt",
            )
        ]
    )
    assert (report.added, report.merged) == (0, 1)
    (paper,) = library.papers
    assert paper.title == "Fast Transformers with Clustered Attention"
    assert paper.upvotes == 12
    assert paper.authors == ["Apoorv Vyas", "Angelos Katharopoulos", "François Fleuret"]
    assert paper.author_count == 3
    assert paper.category == "LG"
    assert paper.date == "2020-07-09"
    assert paper.sources == ["daily.txt", "authors.txt"]


def test_complete_author_list_beats_a_truncated_one(tmp_path: Path) -> None:
    library = Library.open(tmp_path)
    library.import_papers([parsed("A Study of Things", authors=["A B", "C D"], source="x")])
    library.import_papers(
        [parsed("A Study of Things", authors=["A B"], authors_truncated=True, source="y")]
    )
    (paper,) = library.papers
    assert paper.authors == ["A B", "C D"]
    assert paper.authors_truncated is False


def test_reimport_is_idempotent(tmp_path: Path) -> None:
    page = [parsed("One Paper Title Here", upvotes=3, source="p"), parsed("Another Paper")]
    library = Library.open(tmp_path)
    library.import_papers(page)
    first = [p.to_dict() for p in library.papers]
    report = library.import_papers(page)
    assert (report.added, report.merged, report.skipped) == (0, 0, 2)
    assert [p.to_dict() for p in library.papers] == first


def test_near_identical_titles_merge_but_different_versions_do_not(tmp_path: Path) -> None:
    library = Library.open(tmp_path)
    library.import_papers(
        [
            parsed("Masked Autoencoders Are Scalable Vision Learners"),
            parsed("GPT-4 Technical Report on Large Language Models"),
        ]
    )
    report = library.import_papers(
        [
            parsed("Masked Autoencoders Are Scalable Vison Learners"),  # typo
            parsed("GPT-3 Technical Report on Large Language Models"),  # another paper
        ]
    )
    assert (report.added, report.merged) == (1, 1)
    assert len(library.papers) == 3


def test_spacing_and_hyphens_merge_but_part_numbers_do_not(tmp_path: Path) -> None:
    library = Library.open(tmp_path)
    library.import_papers(
        [
            parsed("Unsupervised Pre-training for Dense Passage Retrieval"),
            parsed("Predictable Scale: Part I -- Optimal Hyperparameter Scaling Law"),
        ]
    )
    report = library.import_papers(
        [
            parsed("Unsupervised Pretraining for Dense Passage Retrieval"),
            parsed("Predictable Scale: Part II -- Optimal Hyperparameter Scaling Law"),
        ]
    )
    assert (report.added, report.merged) == (1, 1)


def test_ids_are_stable_across_file_order_and_reopen(tmp_path: Path) -> None:
    a, b = parsed("Alpha Paper On Things"), parsed("Beta Paper On Other Things")
    one = Library.open(tmp_path / "one")
    one.import_papers([a, b])
    two = Library.open(tmp_path / "two")
    two.import_papers([b, a])
    ids_one = {p.title: p.id for p in one.papers}
    assert ids_one == {p.title: p.id for p in two.papers}
    one.save()
    assert {p.title: p.id for p in Library.open(tmp_path / "one").papers} == ids_one


def test_merged_variant_title_keeps_the_first_id_and_resolves_by_alias(tmp_path: Path) -> None:
    library = Library.open(tmp_path)
    library.import_papers([parsed("Masked Autoencoders Are Scalable Vision Learners")])
    original = library.papers[0].id
    library.import_papers([parsed("Masked Autoencoders Are Scalable Vison Learners")])
    (paper,) = library.papers
    assert paper.id == original
    variant = Library.open(tmp_path / "other")
    variant.import_papers([parsed("Masked Autoencoders Are Scalable Vison Learners")])
    assert library.resolve(variant.papers[0].id) is paper


def test_resolve_by_prefix_and_unknown_id(tmp_path: Path) -> None:
    library = Library.open(tmp_path)
    library.import_papers([parsed("A Paper")])
    paper = library.papers[0]
    assert library.resolve(paper.id[:6]) is paper
    assert library.resolve(paper.id.upper()) is paper
    with pytest.raises(UserError) as error:
        library.resolve("ffffffffff")
    assert error.value.exit_code == 2
    assert "ffffffffff" in error.value.message


def test_save_and_open_round_trip(tmp_path: Path) -> None:
    library = Library.open(tmp_path)
    library.import_papers([parsed("A Paper", authors=["Ann Lee"], upvotes=4, source="s")])
    library.save()
    again = Library.open(tmp_path)
    assert [p.to_dict() for p in again.papers] == [p.to_dict() for p in library.papers]
    again.import_papers([parsed("Second")])
    assert again.papers[-1].added == 1


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "not a readinglist library"),
        (orjson.dumps({"schema": 99, "papers": []}), "newer readinglist"),
        (orjson.dumps({"schema": 1, "papers": [{"title": 3}]}), "malformed"),
    ],
)
def test_bad_library_file_is_a_one_line_error(tmp_path: Path, content, expected) -> None:
    (tmp_path / "papers.json").write_bytes(content)
    with pytest.raises(UserError) as error:
        Library.open(tmp_path)
    assert expected in error.value.message
    assert str(tmp_path / "papers.json") in error.value.message
    assert "\n" not in error.value.message
    assert (tmp_path / "papers.json").read_bytes() == content


def test_locked_merge_sees_what_another_process_saved(tmp_path: Path) -> None:
    mine = Library.open(tmp_path)
    theirs = Library.open(tmp_path)
    theirs.import_papers([parsed("Their Paper")])
    theirs.save()
    with mine.locked():
        mine.import_papers([parsed("My Paper")])
        mine.save()
    assert [p.title for p in Library.open(tmp_path).papers] == ["Their Paper", "My Paper"]


def test_unwritable_library_is_a_one_line_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    library = Library(blocker / "library")  # as root, chmod would not stop a write
    library.import_papers([parsed("A Paper")])
    with pytest.raises(UserError) as error:
        library.save()
    assert error.value.exit_code == 1
    assert str(blocker / "library" / "papers.json") in error.value.message


def test_library_inside_a_file_says_what_to_do(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(UserError) as error:
        Library.open(blocker / "library")
    assert "--library DIR" in error.value.message
    assert str(blocker / "library") in error.value.message
