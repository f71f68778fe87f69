"""`readinglist import` of several files: every good file is imported, each bad one named on
its own line; pages saved as UTF-16 (with or without a byte-order mark) or UTF-8 with a BOM
read like UTF-8; a binary file is still refused."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEEDS

from readinglist.errors import UserError
from readinglist.parsing.cleanup import decode_bytes

PAGE = (SEEDS / "hf-daily.txt").read_text(encoding="utf-8")
SERVICES = "".join(f"svc{i}\t{i}/tcp\t\t\t# a network service\n" for i in range(200))


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "readinglist", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def count(library: Path) -> int:
    listed = run("list", "--json", "--library", str(library))
    return len(json.loads(listed.stdout)) if listed.returncode == 0 else -1


def test_good_files_are_imported_and_each_bad_one_named(tmp_path: Path) -> None:
    good, services, binary = tmp_path / "good.txt", tmp_path / "services", tmp_path / "blob"
    good.write_text(PAGE, encoding="utf-8")
    services.write_text(SERVICES, encoding="utf-8")
    binary.write_bytes(bytes(range(256)) * 40)
    library = tmp_path / "lib"
    result = run("import", str(good), str(services), str(binary), str(tmp_path / "missing.txt"),
                 "--library", str(library))  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{good}: 55 added" in result.stdout
    lines = result.stderr.strip().splitlines()
    assert "holds no paper listing" in next(line for line in lines if str(services) in line)
    assert len([line for line in lines if str(binary) in line and "binary" in line]) == 1
    assert len([line for line in lines if "missing.txt" in line]) == 1
    assert "refused 3 of 4 files" in lines[-1] and "imported the other 1" in lines[-1]
    assert count(library) == 55


def test_only_good_files_exit_zero(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(PAGE, encoding="utf-8")
    result = run("import", str(good), "--library", str(tmp_path / "lib"))
    assert result.returncode == 0
    assert "refused" not in result.stderr


def test_only_bad_files_import_nothing_and_say_so(tmp_path: Path) -> None:
    services = tmp_path / "services"
    services.write_text(SERVICES, encoding="utf-8")
    library = tmp_path / "lib"
    result = run("import", str(services), "--library", str(library))
    assert result.returncode == 2
    assert "refused 1 of 1 files" in result.stderr and "nothing imported" in result.stderr
    assert not (library / "papers.json").exists()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16", "utf-8-sig"])
def test_utf16_and_bom_pages_import_like_utf8(tmp_path: Path, encoding: str) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(PAGE.encode(encoding))
    assert decode_bytes(page.read_bytes(), str(page)) == PAGE


def test_a_utf16_page_imports_whole(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(PAGE.encode("utf-16-le"))  # no byte-order mark, as some tools save
    result = run("import", str(page), "--library", str(tmp_path / "lib"))
    assert result.returncode == 0, result.stderr
    assert count(tmp_path / "lib") == 55


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 40,
        b"\x7fELF\x02\x01\x01" + b"\x00\x01" * 500,
        b"\x89PNG\r\n\x1a\n" + bytes(1000),
        "A\x00".encode("utf-16-le") * 300,  # UTF-16 of mostly control characters
    ],
)
def test_a_binary_file_is_still_refused(data: bytes) -> None:
    with pytest.raises(UserError, match="is a binary file"):
        decode_bytes(data, "blob")
