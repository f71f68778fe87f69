"""`[[auto_export]]` files follow every change made through the CLI, are rewritten only when
their content changed, and a path that cannot be written is one line while the change itself
succeeds. Exported files get the user's usual file mode."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import bibtexparser
import pytest
import rispy

from readinglist.papers.library import Library

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def run(*args: str, home: Path, config: Path, stdin: str | None = None):
    env = {**os.environ, "READINGLIST_HOME": str(home), "READINGLIST_CONFIG": str(config)}
    return subprocess.run(
        [sys.executable, "-m", "readinglist", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        input=stdin,
        timeout=120,
        preexec_fn=lambda: os.umask(0o022),
    )


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    home, out = tmp_path / "lib", tmp_path / "out"
    out.mkdir()
    config = tmp_path / "config.toml"
    config.write_text(
        f"""
[[auto_export]]
query = "is:starred"
format = "bibtex"
path = "{out / "starred.bib"}"

[[auto_export]]
query = "tag:thesis"
format = "csv"
path = "{out / "thesis.csv"}"

[[auto_export]]
query = "is:starred"
format = "md"
path = "{tmp_path / "missing-dir" / "starred.md"}"
""",
        encoding="utf-8",
    )
    result = run("import", str(SEEDS / "hf-daily.txt"), home=home, config=config)
    assert result.returncode == 0, result.stderr
    return home, out, config


def test_auto_exports_follow_cli_changes(setup: tuple[Path, Path, Path]) -> None:
    home, out, config = setup
    first, second = Library.open(home).papers[:2]
    bib = out / "starred.bib"
    assert bibtexparser.parse_string(bib.read_text(encoding="utf-8")).entries == []

    starred = run("star", first.id, home=home, config=config)
    assert starred.returncode == 0
    assert starred.stdout.startswith("starred:")
    [problem] = [line for line in starred.stderr.splitlines() if line]
    assert "missing-dir" in problem and "starred.md" in problem and "not updated" in problem
    [entry] = bibtexparser.parse_string(bib.read_text(encoding="utf-8")).entries
    assert entry.fields_dict["title"].value.strip("{}").startswith(first.title[:20])
    assert stat.S_IMODE(bib.stat().st_mode) == 0o644

    before = bib.stat()
    assert run("read", second.id, home=home, config=config).returncode == 0
    after = bib.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)

    assert run("tag", second.id, "thesis", home=home, config=config).returncode == 0
    rows = (out / "thesis.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 2 and rows[1].startswith(second.id + ",")

    assert run("note", second.id, "first\nsecond", home=home, config=config).returncode == 0
    assert '"first\nsecond"' in (out / "thesis.csv").read_text(encoding="utf-8-sig")

    assert run("unstar", first.id, home=home, config=config).returncode == 0
    assert bibtexparser.parse_string(bib.read_text(encoding="utf-8")).entries == []


def test_an_import_refreshes_the_files_too(setup: tuple[Path, Path, Path]) -> None:
    home, out, config = setup
    before = (out / "thesis.csv").read_bytes()
    result = run("import", str(SEEDS / "hf-search.txt"), home=home, config=config)
    assert result.returncode == 0
    assert (out / "thesis.csv").read_bytes() == before  # nothing tagged: same content


def test_exported_file_gets_the_usual_mode(setup: tuple[Path, Path, Path]) -> None:
    home, out, config = setup
    target = out / "all.ris"
    result = run("export", "", "--format", "ris", "-o", str(target), home=home, config=config)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_text(encoding="utf-8").count("ER  - ") == 55


def test_refresh_writes_only_changed_files_and_reports_bad_paths(tmp_path: Path) -> None:
    from readinglist.config import AutoExport
    from readinglist.export.auto_export import problems, refresh
    from readinglist.papers.models import Paper, PaperState

    papers = [Paper(id="a", title="Alpha", authors=["Ann Lee"], date="2024-01-01")]
    good = AutoExport(query="is:starred", format="csl-json", path=tmp_path / "s.json")
    bad = AutoExport(query="", format="ris", path=tmp_path)  # a directory
    states = {"a": PaperState(starred=True)}

    def select(query: str) -> list[Paper]:  # what the service's select gives for these two
        return [p for p in papers if states.get(p.id, PaperState()).starred or not query]

    first = refresh([good, bad], select, papers, states, {})
    assert [r.written for r in first] == [True, False]
    [problem] = problems(first)
    assert str(tmp_path) in problem and "directory" in problem
    assert refresh([good], select, papers, states, {})[0].written is False
    states = {}
    assert refresh([good], select, papers, states, {})[0].written is True
    assert (tmp_path / "s.json").read_text(encoding="utf-8") == "[]\n"
    relative = AutoExport(query="", format="csv", path=Path("all.csv"))
    [result] = refresh([relative], select, papers, states, {}, relative_to=tmp_path)
    assert result.written and result.path == tmp_path / "all.csv"


def test_every_format_from_the_cli_on_stdout(setup: tuple[Path, Path, Path]) -> None:
    home, _, config = setup
    for fmt in ("md", "markdown", "bibtex", "csl-json", "ris", "csv"):
        result = run("export", "", "--format", fmt, home=home, config=config)
        assert result.returncode == 0, result.stderr
        text = result.stdout
        if fmt == "bibtex":
            assert len(bibtexparser.parse_string(text).entries) == 55
        elif fmt == "csl-json":
            assert len(json.loads(text)) == 55
        elif fmt == "ris":
            assert len(rispy.loads(text)) == 55
        elif fmt == "csv":
            assert len(list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))) == 56
        else:
            assert text.startswith("# Reading list: all papers")


def test_an_auto_export_query_knows_saved_searches_and_is_new(tmp_path: Path) -> None:
    home, out = tmp_path / "lib", tmp_path / "out"
    out.mkdir()
    config = tmp_path / "config.toml"
    config.write_text(
        f'[searches]\nfresh = "is:new"\n\n[[auto_export]]\nquery = "@fresh"\nformat = "csv"\n'
        f'path = "{out / "fresh.csv"}"\n',
        encoding="utf-8",
    )
    first = run("import", str(SEEDS / "hf-search.txt"), home=home, config=config)
    assert first.returncode == 0, first.stderr
    rows = list(csv.DictReader(io.StringIO((out / "fresh.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == len(Library.open(home).papers) > 0
    second = run("import", str(SEEDS / "author-list.txt"), home=home, config=config)
    assert second.returncode == 0, second.stderr
    rows = list(csv.DictReader(io.StringIO((out / "fresh.csv").read_text(encoding="utf-8-sig"))))
    assert 0 < len(rows) < len(Library.open(home).papers)  # only the latest import's papers
