"""`readinglist parse --explain FILE`: the shape chosen, every reader's score and marks, the lines
skipped as chrome; a page no reader is confident about is explained, then refused in one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PAGES = Path(__file__).parent / "fixtures" / "pages"


def run_parse(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "readinglist", "parse", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def test_explain_names_the_shape_the_scores_the_marks_and_the_skipped_lines() -> None:
    path = PAGES / "arxiv-list-new-tool.txt"
    done = run_parse("--explain", str(path))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    out = done.stdout.splitlines()
    assert out[0] == (
        f"{path}: read as arxiv-list (an arXiv list: new, recent, past week or monthly): 11 papers"
    )
    assert out[1] == "reader scores (a reader needs 0.5 to be chosen):"
    assert out[2].split() == ["arxiv-list", "0.95", "chosen"]
    assert "- 11 `Title:` labels" in done.stdout
    assert "- 11 `Subjects:` labels" in done.stdout
    hf_rows = [line.split() for line in out if line.split()[:1] in (["hf-daily"], ["hf-search"])]
    assert [row[1] for row in hf_rows] == ["0.00", "0.00"]
    assert done.stdout.count("- declines: the page has arXiv entries") == 2
    # every skipped line, with its number, its text and why
    assert "lines skipped as page chrome: " in done.stdout
    assert "  line   1: # Source: https://arxiv.org/list/q-fin.CP/new  [page chrome]" in out
    assert "  line  28: Skip to main content  [page chrome]" in out
    assert (
        "  line  87: Showing new listings for Wednesday, 9 September 2026  "
        "[listing date (2026-09-09)]"
    ) in out
    assert "  line 102: New submissions (showing 3 of 3 entries)  [section heading (new)]" in out
    assert "  line 110: [ pdf , html , other ]  [download links]" in out
    assert "  line 105: [1]  [entry number]" in out
    assert "  line 416: Total of 11 entries  [page chrome]" in out
    # no paper's own line is listed as skipped
    assert not any("Neural Martingale Hedging" in line for line in out)
    assert not any("Mireille Dubois" in line for line in out)


def test_explain_trims_long_lines_and_keeps_page_text_literal(tmp_path: Path) -> None:
    page = (PAGES / "arxiv-list-monthly-browser.txt").read_text(encoding="utf-8")
    noisy = "\x1b[31mRed navigation\x1b[0m " + "x" * 300 + "\n" + page
    path = tmp_path / "noisy.txt"
    path.write_text(noisy, encoding="utf-8")
    done = run_parse("--explain", str(path))
    assert done.returncode == 0, done.stderr
    first_skipped = next(line for line in done.stdout.splitlines() if "line  1:" in line)
    assert "\x1b" not in done.stdout
    assert first_skipped.endswith("…  [page chrome]")
    assert len(first_skipped) < 140


def test_explain_of_a_page_no_reader_is_confident_about_then_refuses_it() -> None:
    path = PAGES / "arxiv-list-chrome-only.txt"
    done = run_parse("--explain", str(path))
    assert done.returncode == 2
    assert done.stdout.splitlines()[0] == f"{path}: refused, no paper read"
    assert "arxiv-list    0.00" in done.stdout
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"readinglist: {path} holds no paper listing")


def test_explain_of_several_files_and_stdin() -> None:
    search = PAGES / "arxiv-search-browser.txt"
    done = run_parse(
        "--explain", str(search), "-", stdin=(PAGES / "arxiv-list-new-old.txt").read_bytes()
    )
    assert done.returncode == 0, done.stderr
    heads = [line for line in done.stdout.splitlines() if ": read as " in line]
    assert heads == [
        f"{search}: read as arxiv-search (arXiv search results): 4 papers",
        "standard input: read as arxiv-list (an arXiv list: new, recent, past week or monthly): "
        "5 papers",
    ]


def test_parse_without_explain_prints_the_arxiv_papers_as_json() -> None:
    done = run_parse(str(PAGES / "arxiv-list-new-tool.txt"))
    assert done.returncode == 0, done.stderr
    papers = json.loads(done.stdout)
    assert len(papers) == 11
    assert papers[0]["arxiv_id"] == "2609.04117"
    assert papers[0]["format"] == "arxiv-list"
