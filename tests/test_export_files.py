"""Export files: written atomically, dated names that never overwrite, one-line errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from readinglist.errors import UserError
from readinglist.export import default_export_name, write_export

TODAY = date(2026, 11, 23)


def test_default_name_has_the_date_and_never_overwrites(tmp_path: Path) -> None:
    first = default_export_name(TODAY, "md", tmp_path)
    assert first == tmp_path / "readinglist-starred-2026-11-23.md"
    first.write_text("taken")
    second = default_export_name(TODAY, "md", tmp_path)
    assert second == tmp_path / "readinglist-starred-2026-11-23-2.md"
    second.write_text("taken")
    assert default_export_name(TODAY, "md", tmp_path).name == "readinglist-starred-2026-11-23-3.md"
    bib = default_export_name(TODAY, "bibtex", tmp_path)
    assert bib.name == "readinglist-starred-2026-11-23.bib"


def test_a_dangling_symlink_counts_as_taken(tmp_path: Path) -> None:
    (tmp_path / "readinglist-starred-2026-11-23.md").symlink_to(tmp_path / "nowhere")
    assert default_export_name(TODAY, "md", tmp_path).name.endswith("-2.md")


def test_write_export_writes_utf8_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old")
    assert write_export("Łódź ✓\n", target) == target
    assert target.read_bytes() == "Łódź ✓\n".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_missing_directory_is_a_one_line_error_naming_the_path(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.md"
    with pytest.raises(UserError) as caught:
        write_export("x", target)
    assert caught.value.exit_code == 1
    assert str(target) in caught.value.message and "\n" not in caught.value.message
    assert not target.parent.exists()


def test_a_directory_or_a_file_as_parent_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="is a directory"):
        write_export("x", tmp_path)
    (tmp_path / "file").write_text("")
    with pytest.raises(UserError, match="does not exist"):
        write_export("x", tmp_path / "file" / "out.md")


def test_a_failed_write_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.md"
    target.write_text("old content")

    def fail_replace(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("os.replace", fail_replace)
    with pytest.raises(UserError) as caught:
        write_export("new content", target)
    assert caught.value.message == f"cannot write {target}: Permission denied; choose another path"
    assert target.read_text() == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]  # no temp file left behind
