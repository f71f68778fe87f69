"""`readinglist import` and `readinglist list` as a user runs them: whole processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED_FILES, SEEDS

PARSE_KEYS = [
    "title",
    "authors",
    "authors_truncated",
    "author_count",
    "organization",
    "abstract",
    "date",
    "date_text",
    "upvotes",
    "category",
    "score",
    "listing_date",
    "format",
]
STATE_KEYS = ["read", "starred", "notes", "tags"]


def run(*args: str, stdin: bytes | None = None, env: dict | None = None):
    return subprocess.run(
        [sys.executable, "-m", "readinglist", *args],
        input=stdin,
        capture_output=True,
        env=env,
        check=False,
    )


def seed_paths() -> list[str]:
    return [str(SEEDS / name) for name in SEED_FILES]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("seeded")
    result = run("import", *seed_paths(), "--as-of", "2025-10-30", "--library", str(home))
    assert result.returncode == 0, result.stderr
    return home


def list_json(home: Path, *query: str) -> list[dict]:
    result = run("list", *query, "--json", "--library", str(home))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_importing_the_four_seed_pages_gives_521_papers(seeded: Path) -> None:
    papers = list_json(seeded)
    assert len(papers) == 521
    assert len({p["id"] for p in papers}) == 521


def test_import_reports_per_file_and_is_idempotent(seeded: Path) -> None:
    before = list_json(seeded)
    result = run("import", *seed_paths(), "--as-of", "2025-10-30", "--library", str(seeded))
    assert result.returncode == 0
    lines = result.stdout.decode().splitlines()
    assert lines[0].endswith("author-list.txt: 0 added, 0 merged, 14 skipped")
    assert lines[-1].startswith("library: 521 papers")
    assert list_json(seeded) == before


def test_list_json_carries_fields_sources_and_state(seeded: Path) -> None:
    paper = list_json(seeded)[0]
    for key in ["id", *PARSE_KEYS, "sources", *STATE_KEYS]:
        assert key in paper
    assert isinstance(paper["sources"], list) and paper["sources"]


def test_a_paper_on_two_pages_combines_both(seeded: Path) -> None:
    (paper,) = list_json(seeded, 'title:"On the Provable Advantage of Unsupervised Pretraining"')
    assert [Path(s).name for s in paper["sources"]] == ["hf-collection.txt", "hf-daily.txt"]
    assert paper["author_count"] == 4  # from the daily page
    assert paper["listing_date"] == "Mar 14"  # from the collection page, imported first
    assert paper["date"] == "2023-03-02"


def test_ids_survive_a_different_file_order(seeded: Path, tmp_path: Path) -> None:
    reordered = tmp_path / "reordered"
    result = run(
        "import", *reversed(seed_paths()), "--as-of", "2025-10-30", "--library", str(reordered)
    )
    assert result.returncode == 0
    ids = {p["title"]: p["id"] for p in list_json(seeded)}
    assert {p["title"]: p["id"] for p in list_json(reordered)} == ids


def test_import_from_stdin(tmp_path: Path) -> None:
    page = (SEEDS / "author-list.txt").read_bytes()
    result = run("import", "-", "--library", str(tmp_path), stdin=page)
    assert result.returncode == 0, result.stderr
    assert b"-: 14 added" in result.stdout
    papers = list_json(tmp_path)
    assert {tuple(p["sources"]) for p in papers} == {("stdin",)}


def test_readinglist_home_moves_the_library(tmp_path: Path) -> None:
    import os

    env = dict(os.environ, READINGLIST_HOME=str(tmp_path / "home"))
    result = run("import", str(SEEDS / "author-list.txt"), env=env)
    assert result.returncode == 0
    assert (tmp_path / "home" / "papers.json").exists()


def test_list_filters_and_sorts(seeded: Path) -> None:
    by_upvotes = list_json(seeded, "upvotes:>0")
    assert by_upvotes and all(p["upvotes"] > 0 for p in by_upvotes)
    sorted_up = list_json(seeded, "upvotes:>0", "--sort", "upvotes")
    assert [p["upvotes"] for p in sorted_up] == sorted(
        (p["upvotes"] for p in by_upvotes), reverse=True
    )
    angelos = list_json(seeded, "author:katharopoulos", "year:<=2020")
    assert angelos and all("Angelos Katharopoulos" in p["authors"] for p in angelos)


def test_list_plain_output_and_bad_query(seeded: Path) -> None:
    result = run("list", "DINOv3", "--library", str(seeded))
    assert result.returncode == 0
    assert b"DINOv3" in result.stdout
    bad = run("list", "year:abc", "--library", str(seeded))
    assert bad.returncode == 2
    assert bad.stdout == b""
    assert len(bad.stderr.decode().strip().splitlines()) == 1


def test_import_of_a_bad_file_changes_nothing(seeded: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    before = (seeded / "papers.json").read_bytes()
    result = run("import", str(SEEDS / "hf-daily.txt"), str(empty), "--library", str(seeded))
    assert result.returncode == 2
    assert str(empty).encode() in result.stderr
    assert b"Traceback" not in result.stderr
    assert (seeded / "papers.json").read_bytes() == before
