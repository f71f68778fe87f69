"""Damaged library files as a user meets them: every command says one line and goes on,
`doctor` names what is wrong, `doctor --repair` keeps the damaged file and writes a good one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEEDS


def run(*args: str, library: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "readinglist", *args, "--library", str(library)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )


def no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert "Error:" not in result.stderr.replace("readinglist:", ""), result.stderr


@pytest.mark.parametrize("name", ["state.json", "arxiv.json"])
def test_deeply_nested_garbage_is_reported_and_repaired_without_recursion(
    tmp_path: Path, name: str
) -> None:
    library = tmp_path / "lib"
    library.mkdir()
    damaged = b'{"a":' * 1000
    (library / name).write_bytes(damaged)
    report = run("doctor", library=library)
    no_traceback(report)
    assert report.returncode == 1
    assert "damaged" in report.stdout
    repaired = run("doctor", "--repair", library=library)
    no_traceback(repaired)
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    kept = [p for p in library.iterdir() if p.name.startswith(name + ".bad-")]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged  # nothing lost


@pytest.fixture
def damaged_library(tmp_path: Path) -> tuple[Path, list[str], bytes]:
    library = tmp_path / "lib"
    imported = run("import", str(SEEDS / "hf-daily.txt"), library=library)
    assert imported.returncode == 0, imported.stderr
    path = library / "papers.json"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    title_at, date_at = header["fields"].index("title"), header["fields"].index("date")
    good_ids = [json.loads(line)[0] for line in lines[1:]]
    wrong_title, wrong_date = json.loads(lines[3]), json.loads(lines[4])
    wrong_title[title_at] = 42
    wrong_date[date_at] = 20240101
    lines[1:5] = ['{"a":1}', '["abc"]', json.dumps(wrong_title), json.dumps(wrong_date)]
    lines.insert(6, '{"a":')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return library, good_ids[4:], path.read_bytes()


def test_list_and_star_skip_bad_lines_with_one_warning(damaged_library) -> None:
    library, good_ids, _ = damaged_library
    listed = run("list", "--json", library=library)
    no_traceback(listed)
    assert listed.returncode == 0
    assert sorted(p["id"] for p in json.loads(listed.stdout)) == sorted(good_ids)
    warning = listed.stderr.strip().splitlines()
    assert len(warning) == 1
    assert "papers.json" in warning[0] and "5 damaged lines (2, 3, 4, 5, 7)" in warning[0]
    assert "readinglist doctor --repair" in warning[0]
    starred = run("star", good_ids[0], library=library)
    no_traceback(starred)
    assert starred.returncode == 0


def test_doctor_reports_each_bad_line_and_repair_keeps_them_aside(damaged_library) -> None:
    library, good_ids, damaged = damaged_library
    report = run("doctor", library=library)
    no_traceback(report)
    assert report.returncode == 1
    for says in ("line 2: an object", "line 3: 1 fields", "line 4: its title is a number",
                 "line 5: its date is a number", "line 7: not valid JSON"):  # fmt: skip
        assert says in report.stdout
    repaired = run("doctor", "--repair", library=library)
    no_traceback(repaired)
    assert repaired.returncode == 0
    kept = list(library.glob("papers.json.bad-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    again = run("doctor", library=library)
    assert f"healthy: {len(good_ids)} papers" in again.stdout
    listed = run("list", "--json", library=library)
    assert listed.stderr == ""
    assert len(json.loads(listed.stdout)) == len(good_ids)


def test_an_import_into_a_damaged_library_keeps_the_damaged_lines(damaged_library) -> None:
    library, _, damaged = damaged_library
    imported = run("import", str(SEEDS / "hf-search.txt"), library=library)
    no_traceback(imported)
    assert imported.returncode == 0
    kept = list(library.glob("papers.json.bad-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert "kept the damaged library file as" in imported.stderr
