"""`readinglist FILE...`: a bad file fails in one line before opening; good ones are imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from readinglist.cli import app_cmd, main
from readinglist.papers.library import Library
from readinglist.tui import app as app_module


def test_without_a_terminal_the_app_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--library", str(tmp_path / "lib")])  # pytest's stdout is no terminal
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "needs a terminal" in err
    assert not (tmp_path / "lib").exists()


def test_a_missing_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_cmd, "has_terminal", lambda: True)
    code = main(["--library", str(tmp_path / "lib"), str(tmp_path / "nope.txt")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("readinglist: ") and err.count("\n") == 1
    assert "nope.txt" in err
    assert not (tmp_path / "lib" / "papers.json").exists()


def test_files_are_imported_then_the_app_runs(
    tmp_path: Path, seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran = []
    monkeypatch.setattr(app_cmd, "has_terminal", lambda: True)
    monkeypatch.setattr(app_module.ReadingListApp, "run", lambda self: ran.append(self.session))
    code = main(["--library", str(tmp_path / "lib"), str(seeds / "hf-daily.txt")])
    assert code == 0
    assert ran and ran[0].reports[0].added > 0
    assert len(Library.open(tmp_path / "lib").papers) == ran[0].reports[0].added
