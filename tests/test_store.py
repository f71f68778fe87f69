"""StateStore: every change one fsynced journal line, folded into a TinyDB file past a bound."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from tinydb import Query, TinyDB

from readinglist.papers.models import PaperState
from readinglist.state import store as store_module
from readinglist.state.store import StateStore, StoreError
from readinglist.state.tags import normalize_tags, parse_tags


@pytest.fixture
def state_path(tmp_path: Path) -> Path:
    return tmp_path / "lib" / "state.json"


def journal_lines(path: Path, device: str = "laptop") -> list[dict]:
    raw = (path.parent / f"state.{device}.jsonl").read_bytes()
    return [orjson.loads(line) for line in raw.splitlines()]


@pytest.fixture(autouse=True)
def _device(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READINGLIST_DEVICE", "laptop")


def test_missing_files_are_an_empty_store_and_nothing_is_created(state_path: Path) -> None:
    store = StateStore(state_path)
    assert store.all() == {}
    assert store.get("nope") == PaperState()
    assert store.refresh() == set()
    assert not state_path.parent.exists()


def test_each_change_is_one_journal_line_on_disk_when_the_call_returns(state_path: Path) -> None:
    store = StateStore(state_path)
    state = store.set_starred("p1", True)
    assert state.starred and "starred" in state.changed
    store.set_read("p1", True)
    store.set_notes("p1", "first line\nsecond line")
    store.set_tags("p1", ["ml", "to-cite", "ml"])
    lines = journal_lines(state_path)
    assert len(lines) == 4 and lines[0]["c"] == [["p1", "starred", True]]
    assert all(line["d"] == "laptop" for line in lines)
    reopened = StateStore(state_path).get("p1")
    assert reopened == store.get("p1")
    assert reopened.tags == ["ml", "to-cite"] and reopened.notes == "first line\nsecond line"
    assert set(reopened.changed) == {"read", "starred", "notes", "tags"}


def test_a_batch_of_any_size_is_one_append(state_path: Path) -> None:
    store = StateStore(state_path)
    step = store.apply({f"p{i}": [("read", True), ("+", "ml")] for i in range(2000)}, "bulk")
    assert len(journal_lines(state_path)) == 1
    assert len(step.paper_ids()) == 2000 and step.what == "bulk"
    with store.batch():
        for i in range(50):
            store.set_starred(f"p{i}", True)
    assert len(journal_lines(state_path)) == 2
    assert len(StateStore(state_path).all()) == 2000


def test_one_tag_rule_everywhere(state_path: Path) -> None:
    assert normalize_tags(["To Read", "ML, vision", " ml ", "", "to-read"]) == [
        "to-read",
        "ml",
        "vision",
    ]
    assert parse_tags("to read, ML,  flow   matching ,") == ["to-read", "ml", "flow-matching"]
    store = StateStore(state_path)
    store.add_tags("p", ["b", "a"])
    store.add_tags("p", ["A", " c ", "", "B", "d"])
    assert store.get("p").tags == ["b", "a", "c", "d"]
    assert store.remove_tags("p", ["A", "zzz"]).tags == ["b", "c", "d"]


def test_a_no_op_change_keeps_its_old_change_time_and_writes_nothing(state_path: Path) -> None:
    store = StateStore(state_path)
    first = store.set_starred("p", True).changed["starred"]
    assert store.set_starred("p", True).changed["starred"] == first
    assert len(journal_lines(state_path)) == 1
    assert not store.last_step


def test_returned_states_are_copies(state_path: Path) -> None:
    store = StateStore(state_path)
    store.set_tags("p", ["a"])
    store.get("p").tags.append("mutated")
    store.all()["p"].tags.append("mutated")
    assert store.get("p").tags == ["a"]


def test_refresh_says_which_papers_another_process_changed(state_path: Path) -> None:
    app = StateStore(state_path)
    app.set_starred("a", True)
    script = (
        "import sys\nfrom readinglist.state.store import StateStore\n"
        "cli = StateStore(sys.argv[1])\ncli.set_read('b', True)\ncli.set_notes('c', 'x')\n"
    )
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    subprocess.run([sys.executable, "-c", script, str(state_path)], check=True, env=env)
    assert not app.get("b").read
    assert app.refresh() == {"b", "c"}
    assert app.refresh() == set()  # nothing new: a stat per file, nothing read
    assert app.get("b").read and app.get("c").notes == "x"
    app.set_notes("a", "y")  # the app's own write keeps the other process's changes
    assert StateStore(state_path).all().keys() == {"a", "b", "c"}
    subprocess.run([sys.executable, "-c", script.replace("'b'", "'d'"), str(state_path)],
                   check=True, env=env)  # fmt: skip
    app.set_starred("a", False)  # reads d's change under the lock, before writing
    assert app.refresh() == {"d"}  # and still reports it: the app's writes hide nothing


def test_batch_drops_everything_on_error(state_path: Path) -> None:
    store = StateStore(state_path)
    store.set_starred("keep", True)
    with pytest.raises(RuntimeError), store.batch():
        store.set_starred("a", True)
        store.set_starred("b", True)
        raise RuntimeError("boom")
    assert set(store.all()) == {"keep"}
    assert set(StateStore(state_path).all()) == {"keep"}


def test_past_the_bound_the_journal_is_folded_into_a_file_stock_tinydb_opens(
    state_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "JOURNAL_BOUND", 2000)
    store = StateStore(state_path)
    for i in range(40):
        store.set_notes(f"p{i}", f"note {i}")
        store.add_tags(f"p{i}", ["To Read"])
    snapshot = state_path.parent / "state.laptop.json"
    journal = state_path.parent / "state.laptop.jsonl"
    assert snapshot.exists() and journal.stat().st_size < 2000
    db = TinyDB(snapshot, access_mode="r")  # stock TinyDB, stock JSONStorage
    found = db.table("state").search(Query().id == "p7")
    assert found[0]["notes"] == "note 7" and found[0]["tags"] == ["to-read"]
    db.close()
    store.fold()
    assert journal.stat().st_size == 0
    with TinyDB(snapshot, access_mode="r") as db:
        assert len(db.table("state")) == 40
    assert StateStore(state_path).all() == store.all()
    assert StateStore(state_path).get("p3") == store.get("p3")


def test_a_torn_last_journal_line_is_ignored_and_never_joins_a_good_one(state_path: Path) -> None:
    store = StateStore(state_path)
    store.set_starred("a", True)
    journal = state_path.parent / "state.laptop.jsonl"
    with journal.open("ab") as handle:
        handle.write(b'{"t":"2026-01-01T00:00:00.000000+00:00","d":"laptop","c":[["b","re')
    assert StateStore(state_path).all().keys() == {"a"}
    store.set_starred("c", True)  # the append starts on a new line
    reopened = StateStore(state_path)
    assert reopened.all().keys() == {"a", "c"}
    assert "1 damaged lines" in reopened.problems["state.laptop.jsonl"]


def assert_one_line_store_error(caught: pytest.ExceptionInfo[StoreError], name: str) -> None:
    message = str(caught.value)
    assert "\n" not in message and name in message
    assert caught.value.exit_code == 1


def test_a_failed_write_is_a_one_line_store_error_and_changes_nothing(
    state_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = StateStore(state_path)
    store.set_starred("p", True)

    def failing_fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("readinglist.state.journal.os.fsync", failing_fsync)
    with pytest.raises(StoreError) as caught:
        store.set_read("p", True)
    assert_one_line_store_error(caught, "state.laptop.jsonl")
    assert "No space left" in str(caught.value)
    monkeypatch.undo()
    assert store.get("p").read is False  # memory does not claim what the disk lacks


def test_a_read_only_state_file_is_respected(state_path: Path) -> None:
    state_path.parent.mkdir(parents=True)
    state_path.write_bytes(b'{"kind":"readinglist-state","schema":2,"tables":{"state":{}}}')
    os.chmod(state_path, 0o444)
    before = state_path.read_bytes()
    with pytest.raises(StoreError) as caught:
        StateStore(state_path).set_starred("p", True)
    assert_one_line_store_error(caught, "state.json")
    assert "read-only" in str(caught.value)
    assert state_path.read_bytes() == before and state_path.stat().st_mode & 0o777 == 0o444
    assert StateStore(state_path).get("p").starred is False


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories")
def test_a_read_only_directory_is_a_store_error(state_path: Path) -> None:
    store = StateStore(state_path)
    store.set_starred("p", True)
    os.chmod(state_path.parent, 0o500)
    try:
        with pytest.raises(StoreError) as caught:
            StateStore(state_path, device="other").set_read("p", True)
    finally:
        os.chmod(state_path.parent, 0o700)
    assert_one_line_store_error(caught, "state.other")


def test_a_library_path_that_is_a_file_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the library directory should be")
    with pytest.raises(StoreError) as caught:
        StateStore(blocker / "state.json").set_starred("p", True)
    assert "\n" not in str(caught.value) and "not-a-dir" in str(caught.value)


def test_new_files_are_private(state_path: Path) -> None:
    StateStore(state_path).set_starred("p", True)
    assert (state_path.parent / "state.laptop.jsonl").stat().st_mode & 0o777 == 0o600
