"""`readinglist parse` end to end, in a subprocess: JSON on stdout, one-line errors, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from readinglist.papers.models import ParsedPaper

KEYS = list(ParsedPaper.__dataclass_fields__)


def run_parse(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "readinglist", "parse", *args],
        input=stdin,
        capture_output=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def test_all_seeds_in_file_order(seeds: Path) -> None:
    names = ["hf-daily.txt", "author-list.txt", "hf-search.txt", "hf-collection.txt"]
    paths = [str(seeds / name) for name in names]
    done = run_parse(*paths, "--as-of", "2025-10-30")
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    papers = json.loads(done.stdout)
    assert len(papers) == 55 + 14 + 385 + 74
    assert all(list(paper) == KEYS for paper in papers)
    sources = [p["source"] for p in papers]
    assert sources == [paths[0]] * 55 + [paths[1]] * 14 + [paths[2]] * 385 + [paths[3]] * 74
    dino = next(p for p in papers if p["title"] == "DINOv3")
    assert dino["organization"] == "facebook AI at Meta"
    assert (dino["date"], dino["date_text"], dino["upvotes"]) == ("2025-08-13", "Aug 13", 6)
    scored = papers[56]
    assert (scored["score"], scored["category"], scored["date"]) == (81.7, "CL", "2025-03-19")
    assert papers[55]["authors"] == ["Floris Weers", "Vaishaal Shankar", "Angelos Katharopoulos"]


def test_year_defaults_to_the_file_modification_date(seeds: Path, tmp_path: Path) -> None:
    page = tmp_path / "author-list.txt"
    page.write_bytes((seeds / "author-list.txt").read_bytes())
    os.utime(page, (1710000000, 1710000000))  # 2024-03-09: Mar 19 had not come yet
    done = run_parse(str(page))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[1]["date"] == "2023-03-19"


def test_stdin_and_format_override(seeds: Path) -> None:
    data = (seeds / "hf-collection.txt").read_bytes()
    done = run_parse("-", "--format", "hf-search", "--as-of", "2025-03-14", stdin=data)
    assert done.returncode == 0, done.stderr
    papers = json.loads(done.stdout)
    assert len(papers) == 74
    assert {p["format"] for p in papers} == {"hf-search"}
    assert {p["source"] for p in papers} == {"-"}


def test_malformed_entry_warns_on_stderr_naming_file_and_line(seeds: Path, tmp_path: Path) -> None:
    lines = (seeds / "hf-search.txt").read_text(encoding="utf-8").split("\n")
    page = tmp_path / "search.txt"
    page.write_text("\n".join(lines[:4] + lines[5:]), encoding="utf-8")
    done = run_parse(str(page), "--as-of", "2025-10-30")
    assert done.returncode == 0
    assert len(json.loads(done.stdout)) == 384
    stderr = done.stderr.decode().strip().splitlines()
    assert len(stderr) == 1
    assert f"{page}: line 5:" in stderr[0]


def _bad_files(tmp_path: Path) -> dict[str, Path]:
    files = {
        "empty": b"",
        "blank": b"\r\n  \n\t\n",
        "binary": bytes(range(256)) * 8,
        "non-utf8": "Résumé of papers\n\nUn résumé écrit en latin-1.\n".encode("latin-1"),
        "prose": b"This is just a note. It lists no papers at all, only sentences.\n" * 3,
    }
    paths = {}
    for name, data in files.items():
        path = tmp_path / f"{name}.txt"
        path.write_bytes(data)
        paths[name] = path
    paths["missing"] = tmp_path / "missing.txt"
    paths["directory"] = tmp_path
    return paths


@pytest.mark.parametrize(
    "kind", ["empty", "blank", "binary", "non-utf8", "prose", "missing", "directory"]
)
def test_bad_file_is_one_line_error_and_nothing_on_stdout(
    seeds: Path, tmp_path: Path, kind: str
) -> None:
    bad = _bad_files(tmp_path)[kind]
    # A good file before the bad one still yields nothing on stdout.
    done = run_parse(str(seeds / "hf-daily.txt"), str(bad))
    assert done.returncode == 2
    assert done.stdout == b""
    stderr = done.stderr.decode()
    assert stderr.count("\n") == 1, stderr
    assert stderr.startswith("readinglist: ")
    assert str(bad) in stderr
    assert "Traceback" not in stderr


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--as-of", "2025-13-01"], "--as-of '2025-13-01' is not a date"),
        (["--as-of", "yesterday"], "use YYYY-MM-DD"),
        (["--format", "pdf"], "--format 'pdf' is unknown"),
    ],
)
def test_bad_options_are_one_line_errors(seeds: Path, args: list[str], needle: str) -> None:
    done = run_parse(str(seeds / "hf-daily.txt"), *args)
    assert done.returncode == 2
    assert done.stdout == b""
    stderr = done.stderr.decode()
    assert stderr.count("\n") == 1
    assert needle in stderr


def test_help_has_description_and_example() -> None:
    done = run_parse("--help")
    assert done.returncode == 0
    out = done.stdout.decode()
    assert "readinglist parse daily.txt" in out
    assert "--as-of" in out and "--format" in out
