"""`readinglist export` end to end: a library imported from the seed pages, stars set with
`readinglist star`, exports read back by markdown-it-py and bibtexparser."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import bibtexparser
import pytest
from markdown_it import MarkdownIt

from readinglist.papers.library import Library

SEEDS = Path(__file__).parent / "fixtures" / "seeds"

# search and sorting are written in parallel with export; skip until they are in the tree.
pytest.importorskip("readinglist.search.index")
sorting = pytest.importorskip("readinglist.search.sorting")


def run(*args: str, library: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "READINGLIST_HOME": str(library)}
    return subprocess.run(
        [sys.executable, "-m", "readinglist", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        input=stdin,
        timeout=120,
    )


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The four seed pages imported; nothing starred."""
    library = tmp_path_factory.mktemp("seeded")
    seeds = sorted(str(p) for p in SEEDS.glob("*.txt"))
    result = run("import", *seeds, library=library)
    assert result.returncode == 0, result.stderr
    return library


@pytest.fixture(scope="module")
def starred(seeded: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A copy of the seeded library with three papers starred, one tagged and annotated."""
    library = tmp_path_factory.mktemp("starred") / "lib"
    shutil.copytree(seeded, library)
    papers = [p for p in Library.open(library).papers if p.date][:3]
    ids = [p.id for p in papers]
    assert run("star", *ids, library=library).returncode == 0
    assert run("tag", ids[0], "survey", library=library).returncode == 0
    note = run("note", ids[0], "-", library=library, stdin="# not a heading\n<b>kept</b>")
    assert note.returncode == 0, note.stderr
    return library, ids


def list_items(markdown: str) -> list[str]:
    """The text of each top-level list item, as markdown-it-py sees it."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    items, depth, current = [], 0, ""
    for token in tokens:
        if token.type == "list_item_open":
            depth += 1
        elif token.type == "list_item_close":
            depth -= 1
            if depth == 0:
                items.append(current)
                current = ""
        elif token.type == "inline" and depth:
            for child in token.children or []:
                current += "\n" if child.type in ("softbreak", "hardbreak") else child.content
            current += "\n"
    return items


def test_sort_keys_match_the_sorting_module() -> None:
    from readinglist.cli.export_cmd import SORT_KEYS

    assert SORT_KEYS == sorting.SORT_KEYS


def test_nothing_starred_writes_an_empty_list_and_says_so(seeded: Path) -> None:
    result = run("export", library=seeded)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("# Reading list: is:starred · ")
    assert "No papers matched this query." in lines
    assert list_items(result.stdout) == []
    assert "no papers match 'is:starred'" in result.stderr


def test_starred_papers_to_a_markdown_file(starred: tuple[Path, list[str]], tmp_path: Path) -> None:
    library, ids = starred
    target = tmp_path / "starred.md"
    result = run("export", "-o", str(target), library=library)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert f"wrote 3 papers to {target}" in result.stderr
    markdown = target.read_text(encoding="utf-8")
    items = list_items(markdown)
    assert len(items) == 3
    papers = {p.id: p for p in Library.open(library).papers}
    titles = [papers[i].title for i in ids]
    by_date = sorted(ids, key=lambda i: papers[i].date, reverse=True)
    assert [item.splitlines()[0] for item in items] == [papers[i].title for i in by_date]
    noted = items[[papers[i].title for i in by_date].index(titles[0])]
    assert "# not a heading\n<b>kept</b>" in noted
    assert "tags: survey" in noted


def test_sort_reverse_and_group_by(starred: tuple[Path, list[str]]) -> None:
    library, ids = starred
    result = run("export", "--sort", "title", "--reverse", "--group-by", "tag", library=library)
    assert result.returncode == 0, result.stderr
    assert "## survey" in result.stdout and "## untagged" in result.stdout
    papers = Library.open(library).papers
    chosen = [n for n, p in enumerate(papers) if p.id in ids[1:]]
    untagged = [papers[n].title for n in sorting.sort_indices(papers, chosen, "title", True)]
    assert [item.splitlines()[0] for item in list_items(result.stdout)][1:] == untagged


def test_bibtex_file_reads_back(starred: tuple[Path, list[str]], tmp_path: Path) -> None:
    library, _ = starred
    target = tmp_path / "starred.bib"
    result = run("export", "--format", "bibtex", "-o", str(target), "--abstracts", library=library)
    assert result.returncode == 0, result.stderr
    parsed = bibtexparser.parse_string(target.read_text(encoding="utf-8"))
    assert parsed.failed_blocks == []
    assert len(parsed.entries) == 3
    assert len({e.key for e in parsed.entries}) == 3
    assert all("abstract" in e.fields_dict for e in parsed.entries)


def test_unwritable_output_is_one_line_and_leaves_nothing(
    starred: tuple[Path, list[str]], tmp_path: Path
) -> None:
    library, _ = starred
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    for target in (tmp_path / "missing" / "out.md", blocker / "out.md", tmp_path):
        result = run("export", "-o", str(target), library=library)
        assert result.returncode == 1
        assert result.stdout == ""
        [line] = result.stderr.splitlines()
        assert line.startswith(f"readinglist: cannot write {target}: ")
    # `config` is the test's own config directory (conftest), where the state keeps its id.
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "config") == ["a-file"]


def test_a_bad_query_fails_before_touching_the_output(seeded: Path, tmp_path: Path) -> None:
    target = tmp_path / "keep.md"
    target.write_text("keep me")
    result = run("export", "nosuchfield:x", "-o", str(target), library=seeded)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert target.read_text() == "keep me"


def test_arxiv_records_give_links_and_eprints(
    starred: tuple[Path, list[str]], tmp_path: Path
) -> None:
    from readinglist.arxiv import ArxivStore
    from readinglist.papers.models import ArxivRecord
    from readinglist.paths import arxiv_file

    library = tmp_path / "lib"
    shutil.copytree(starred[0], library)
    paper_id = starred[1][1]
    store = ArxivStore(arxiv_file(library))
    store.put(
        paper_id,
        ArxivRecord(
            status="found",
            checked_at="2026-11-20T00:00:00+00:00",
            arxiv_id="2403.12345",
            abs_url="https://arxiv.org/abs/2403.12345",
            pdf_url="https://arxiv.org/pdf/2403.12345",
            primary_category="cs.LG",
        ),
    )
    store.close()
    markdown = run("export", library=library).stdout
    tokens = MarkdownIt("commonmark").parse(markdown)
    hrefs = [c.attrs["href"] for t in tokens for c in t.children or [] if c.type == "link_open"]
    assert hrefs == ["https://arxiv.org/abs/2403.12345", "https://arxiv.org/pdf/2403.12345"]
    bib = bibtexparser.parse_string(run("export", "--format", "bibtex", library=library).stdout)
    with_eprint = [e for e in bib.entries if "eprint" in e.fields_dict]
    assert [e.fields_dict["eprint"].value for e in with_eprint] == ["2403.12345"]
    assert with_eprint[0].fields_dict["archivePrefix"].value == "arXiv"
