"""The state commands: star/read/tag/note/show, state export/import and doctor."""

from __future__ import annotations

import io
import shutil
import sys
import textwrap
from pathlib import Path

import orjson
import pytest

from readinglist.cli import main
from readinglist.papers.models import ArxivRecord
from readinglist.state.store import StateStore

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


@pytest.fixture(scope="module")
def seeded_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("seeded")
    assert main(["import", str(SEEDS / "hf-daily.txt"), "--library", str(directory)]) == 0
    return directory


@pytest.fixture
def lib(seeded_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    directory = tmp_path / "lib"
    shutil.copytree(seeded_library, directory)
    capsys.readouterr()
    return directory


def run(lib: Path, *args: str) -> int:
    return main([*args, "--library", str(lib)])


def listed(lib: Path, capsys: pytest.CaptureFixture[str]) -> list[dict]:
    capsys.readouterr()
    assert run(lib, "list", "--json", "--sort", "added") == 0
    return orjson.loads(capsys.readouterr().out)


def ids(lib: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    return [paper["id"] for paper in listed(lib, capsys)]


def state_of(lib: Path, paper_id: str):
    return StateStore(lib / "state.json").get(paper_id)


def test_star_read_and_back_with_ids_and_prefixes(lib: Path, capsys) -> None:
    first, second, third = ids(lib, capsys)[:3]
    assert run(lib, "star", first, second[:6]) == 0
    assert "starred" in capsys.readouterr().out
    assert run(lib, "read", third) == 0
    assert state_of(lib, first).starred and state_of(lib, second).starred
    assert state_of(lib, third).read
    by_id = {paper["id"]: paper for paper in listed(lib, capsys)}
    assert by_id[first]["starred"] and by_id[third]["read"] and not by_id[third]["starred"]
    assert run(lib, "unstar", first) == 0
    assert run(lib, "unread", third) == 0
    assert not state_of(lib, first).starred and not state_of(lib, third).read
    assert state_of(lib, second).starred


def test_an_unknown_id_changes_nothing(lib: Path, capsys) -> None:
    first = ids(lib, capsys)[0]
    assert run(lib, "star", first, "no-such-paper") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no-such-paper" in err and err.startswith("readinglist: ")
    assert not state_of(lib, first).starred
    for command in (["tag", "zzzzzz", "x"], ["note", "zzzzzz", "x"], ["show", "zzzzzz"]):
        assert run(lib, *command) == 2
        assert "zzzzzz" in capsys.readouterr().err
    assert not (lib / "state.json").exists()


def test_tag_and_untag(lib: Path, capsys) -> None:
    paper = ids(lib, capsys)[0]
    assert run(lib, "tag", paper, "to-read", "ml", "to-read") == 0
    assert run(lib, "tag", paper, "vision") == 0
    assert state_of(lib, paper).tags == ["to-read", "ml", "vision"]
    assert run(lib, "untag", paper, "ml", "absent") == 0
    assert "to-read, vision" in capsys.readouterr().out
    assert state_of(lib, paper).tags == ["to-read", "vision"]
    tagged = [p["id"] for p in listed(lib, capsys) if "vision" in p["tags"]]
    assert tagged == [paper]


def test_note_text_stdin_show_and_clear(lib: Path, capsys, monkeypatch) -> None:
    paper = ids(lib, capsys)[0]
    assert run(lib, "note", paper, "line one\nline two") == 0
    assert state_of(lib, paper).notes == "line one\nline two"
    monkeypatch.setattr(sys, "stdin", io.StringIO("from stdin\nsecond\n\n"))
    assert run(lib, "note", paper, "-") == 0
    assert state_of(lib, paper).notes == "from stdin\nsecond"
    capsys.readouterr()
    assert run(lib, "note", paper) == 0
    assert capsys.readouterr().out == "from stdin\nsecond\n"
    assert run(lib, "note", paper, "") == 0
    assert state_of(lib, paper).notes == ""


def write_editor(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake_editor.py"
    script.write_text("import sys\npath = sys.argv[1]\n" + textwrap.dedent(body))
    return f"{sys.executable} {script}"


def test_note_edit_saves_what_the_editor_wrote(lib: Path, capsys, monkeypatch, tmp_path) -> None:
    paper = ids(lib, capsys)[0]
    run(lib, "note", paper, "old note")
    editor = write_editor(
        tmp_path,
        """
        text = open(path).read()
        assert text == "old note\\n", repr(text)
        open(path, "w").write(text + "added line\\n")
        """,
    )
    monkeypatch.setenv("VISUAL", editor)
    assert run(lib, "note", paper, "--edit") == 0
    assert state_of(lib, paper).notes == "old note\nadded line"


def test_note_edit_that_fails_or_changes_nothing_keeps_the_note(
    lib: Path, capsys, monkeypatch, tmp_path
) -> None:
    paper = ids(lib, capsys)[0]
    run(lib, "note", paper, "keep me")
    before = state_of(lib, paper)
    failing = write_editor(tmp_path, 'open(path, "w").write("half-typed")\nsys.exit(3)\n')
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", failing)
    capsys.readouterr()
    assert run(lib, "note", paper, "--edit") == 1
    err = capsys.readouterr().err
    assert "status 3" in err and err.count("\n") == 1
    assert state_of(lib, paper) == before

    monkeypatch.setenv("EDITOR", write_editor(tmp_path, "pass\n"))
    assert run(lib, "note", paper, "--edit") == 0
    assert "unchanged" in capsys.readouterr().out
    assert state_of(lib, paper) == before  # change time kept too


def test_show_prints_every_field_state_and_arxiv_record(lib: Path, capsys) -> None:
    papers = listed(lib, capsys)
    paper = papers[0]
    run(lib, "star", paper["id"])
    run(lib, "note", paper["id"], "my note")
    from readinglist.arxiv.records import ArxivStore

    record = ArxivRecord(
        status="found",
        checked_at="2025-01-01T00:00:00+00:00",
        arxiv_id="2510.00001",
        abs_url="https://arxiv.org/abs/2510.00001",
        pdf_url="https://arxiv.org/pdf/2510.00001",
    )
    ArxivStore(lib / "arxiv.json").put(paper["id"], record)
    capsys.readouterr()
    assert run(lib, "show", paper["id"][:6]) == 0
    out = capsys.readouterr().out
    assert out.startswith(paper["title"])
    for expected in (paper["id"], "starred:      yes", "my note", "2510.00001", "sources:"):
        assert expected in out
    assert run(lib, "show", paper["id"], "--json") == 0
    data = orjson.loads(capsys.readouterr().out)
    assert data["id"] == paper["id"] and data["title"] == paper["title"]
    assert data["sources"] == paper["sources"]
    assert data["starred"] is True and data["notes"] == "my note"
    assert "starred" in data["changed"]
    assert data["arxiv"]["arxiv_id"] == "2510.00001"


def test_state_export_and_import_between_libraries(lib: Path, capsys, tmp_path) -> None:
    first, second = ids(lib, capsys)[:2]
    run(lib, "star", first)
    run(lib, "tag", second, "carry")
    StateStore(lib / "state.json").set_starred("paper-from-elsewhere", True)
    exported = tmp_path / "carry.json"
    assert run(lib, "state", "export", str(exported)) == 0
    other = tmp_path / "other"
    shutil.copytree(lib, other)
    for state_path in other.glob("state.*"):
        state_path.unlink()
    run(other, "read", first)
    capsys.readouterr()
    assert run(other, "state", "import", str(exported)) == 0
    captured = capsys.readouterr()
    assert "2 papers added, 1 updated" in captured.out
    assert "1 of them are not in this library" in captured.err
    assert state_of(other, first).starred and state_of(other, first).read
    assert state_of(other, second).tags == ["carry"]


def test_a_damaged_state_file_is_refused_then_doctor_repairs_it(lib: Path, capsys) -> None:
    papers = ids(lib, capsys)[:30]
    stamp = "2025-01-01T00:00:00.000000+00:00"
    records = {p: {"starred": True, "changed": {"starred": stamp}} for p in papers}
    document = {"kind": "readinglist-state", "schema": 2, "tables": {"state": records}}
    path = lib / "state.json"  # as the previous release wrote it
    raw = orjson.dumps(document)
    damaged = raw[: int(len(raw) * 0.6)]
    path.write_bytes(damaged)
    capsys.readouterr()

    assert run(lib, "star", papers[0]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and "readinglist doctor" in err
    assert path.read_bytes() == damaged

    assert run(lib, "doctor") == 1
    out = capsys.readouterr().out
    assert "damaged" in out and "--repair" in out
    assert path.read_bytes() == damaged

    assert run(lib, "doctor", "--repair") == 0
    out = capsys.readouterr().out
    backups = list(lib.glob("state.json.bad-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == damaged
    assert str(backups[0]) in out
    recovered = StateStore(path).all()
    assert 5 < len(recovered) < 30 and all(s.starred for s in recovered.values())
    assert run(lib, "doctor") == 0
    assert "healthy" in capsys.readouterr().out


def test_doctor_repairs_a_truncated_arxiv_file(lib: Path, capsys) -> None:
    from readinglist.arxiv.records import ArxivStore

    store = ArxivStore(lib / "arxiv.json")
    for paper_id in ids(lib, capsys)[:10]:
        store.put(paper_id, ArxivRecord(status="not_found", checked_at="2025-01-01T00:00:00+00:00"))
    path = lib / "arxiv.json"
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    capsys.readouterr()
    assert run(lib, "doctor") == 1
    assert "arxiv: " in capsys.readouterr().out
    assert run(lib, "doctor", "--repair") == 0
    assert 2 <= len(ArxivStore(path).all()) < 10
    assert len(list(lib.glob("arxiv.json.bad-*"))) == 1


def test_every_state_command_has_help_with_an_example(capsys) -> None:
    commands = ["star", "unstar", "read", "unread", "tag", "untag", "note", "show", "doctor"]
    for command in [*commands, "state", "state export", "state import"]:
        with pytest.raises(SystemExit):
            main([*command.split(), "--help"])
        out = capsys.readouterr().out
        assert "example" in out, command


def test_read_star_and_tag_by_query_are_one_change(lib: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("READINGLIST_DEVICE", "cli")
    journal = lib / "state.cli.jsonl"
    assert run(lib, "read", "--query", "") == 0
    everything = ids(lib, capsys)
    assert journal.read_bytes().count(b"\n") == 1  # every paper: one journal line
    assert all(state_of(lib, pid).read for pid in everything)
    capsys.readouterr()
    assert run(lib, "tag", "--query=-is:starred", "To Read, ML") == 0
    assert f"{len(everything)} papers" in capsys.readouterr().out
    assert journal.read_bytes().count(b"\n") == 2
    assert state_of(lib, everything[3]).tags == ["to-read", "ml"]
    assert run(lib, "star", everything[0]) == 0
    assert run(lib, "untag", "--query", "is:starred", "ml") == 0
    assert state_of(lib, everything[0]).tags == ["to-read"]
    assert state_of(lib, everything[1]).tags == ["to-read", "ml"]
    capsys.readouterr()
    assert run(lib, "unread", "--query", "is:starred", everything[1]) == 2
    assert "not both" in capsys.readouterr().err
    assert run(lib, "unstar") == 2
    assert "--query" in capsys.readouterr().err


def test_doctor_reports_and_repairs_a_conflict_copy(lib: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("READINGLIST_DEVICE", "cli")
    first = ids(lib, capsys)[0]
    run(lib, "star", first)
    copy = lib / "state.cli (conflicted copy 2026-01-01).jsonl"
    copy.write_bytes((lib / "state.cli.jsonl").read_bytes())
    capsys.readouterr()
    assert run(lib, "doctor") == 1
    out = capsys.readouterr().out
    assert "conflict copy" in out and "--repair" in out and "'cli'" in out
    assert run(lib, "doctor", "--repair") == 0
    assert not copy.exists() and state_of(lib, first).starred
    assert run(lib, "doctor") == 0
