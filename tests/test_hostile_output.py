"""Text from a page never reaches the terminal raw: C1 controls, DEL and bidirectional
overrides are `\\u` escapes in JSON (the same document to a JSON reader) and gone from text."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEEDS

from readinglist.cli.common import json_bytes, printable

HOSTILE = "On the Provable\x9b31m Advantage\u202e of\x7f Unsupervised\x9d0;x\x9c Pretraining\u2066"
ORIGINAL = "On the Provable Advantage of Unsupervised Pretraining"
# What must never be on stdout as raw bytes: DEL, C1, bidi overrides/isolates/marks (UTF-8).
ACTIVE = re.compile(rb"\x7f|\xc2[\x80-\x9f]|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]")


def run(*args: str) -> bytes:
    result = subprocess.run(
        [sys.executable, "-m", "readinglist", *args], capture_output=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    folder = tmp_path_factory.mktemp("hostile")
    page = folder / "page.txt"
    text = (SEEDS / "hf-daily.txt").read_text(encoding="utf-8")
    page.write_text(text.replace(ORIGINAL, HOSTILE), encoding="utf-8")
    library = folder / "library"
    run("import", str(page), "--library", str(library))
    line = run("list", "Provable", "--library", str(library)).decode()
    return page, library, line.split()[0]


def test_parse_escapes_them_in_json(hostile) -> None:
    page, _, _ = hostile
    out = run("parse", str(page))
    assert not ACTIVE.search(out)
    assert b"\\u009b31m" in out and b"\\u202e" in out
    assert HOSTILE in [paper["title"] for paper in json.loads(out)]


@pytest.mark.parametrize("command", ["list", "show"])
def test_list_and_show_json_escape_them(hostile, command: str) -> None:
    _, library, paper_id = hostile
    target = "Provable" if command == "list" else paper_id
    out = run(command, target, "--json", "--library", str(library))
    assert not ACTIVE.search(out)
    data = json.loads(out)
    title = data[0]["title"] if isinstance(data, list) else data["title"]
    assert title == HOSTILE  # nothing altered, only written inertly


@pytest.mark.parametrize("command", ["list", "show"])
def test_terminal_text_has_none_of_them(hostile, command: str) -> None:
    _, library, paper_id = hostile
    target = "Provable" if command == "list" else paper_id
    out = run(command, target, "--library", str(library))
    assert not ACTIVE.search(out)
    assert b"Provable 31m Advantage" in out


def test_the_shared_helpers() -> None:
    value = {"t": HOSTILE, "k\x9d": ["\u200f", "é ✓"]}
    assert json.loads(json_bytes(value)) == value
    assert not ACTIVE.search(json_bytes(value))
    assert printable("a\x9bb\u202ec\x7fd\ne\u2069") == "a b c d e "
    assert printable("é ✓ plain") == "é ✓ plain"


def test_an_error_quoting_what_was_typed_is_printable(capsys) -> None:
    from readinglist.cli import main

    assert main(["list", "autor:a\x9b31m\u202e"]) == 2
    err = capsys.readouterr().err
    assert "unknown field autor:" in err
    assert "\x9b" not in err and "\u202e" not in err
