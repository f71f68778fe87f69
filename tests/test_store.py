"""StateStore: the user's reading state per paper id, written through to disk."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import orjson
import pytest

from readinglist.papers.models import PaperState
from readinglist.state.store import SCHEMA, StateStore, StoreError, merge_states, normalize_tags


@pytest.fixture
def state_path(tmp_path: Path) -> Path:
    return tmp_path / "lib" / "state.json"


def on_disk(path: Path) -> dict:
    return orjson.loads(path.read_bytes())["tables"]["state"]


def test_missing_file_is_an_empty_store_and_nothing_is_created(state_path: Path) -> None:
    store = StateStore(state_path)
    assert store.all() == {}
    assert store.get("nope") == PaperState()
    assert not state_path.exists()


def test_each_change_is_on_disk_when_the_call_returns(state_path: Path) -> None:
    store = StateStore(state_path)
    state = store.set_starred("p1", True)
    assert state.starred and "starred" in state.changed
    assert on_disk(state_path)["p1"]["starred"] is True
    store.set_read("p1", True)
    store.set_notes("p1", "first line\nsecond line")
    store.set_tags("p1", ["ml", "to-cite", "ml"])
    record = on_disk(state_path)["p1"]
    assert record["read"] is True
    assert record["notes"] == "first line\nsecond line"
    assert record["tags"] == ["ml", "to-cite"]
    assert set(record["changed"]) == {"read", "starred", "notes", "tags"}
    reopened = StateStore(state_path).get("p1")
    assert reopened == store.get("p1")


def test_tags_stay_unique_and_ordered(state_path: Path) -> None:
    store = StateStore(state_path)
    store.add_tags("p", ["b", "a"])
    store.add_tags("p", ["a", " c ", "", "b", "d"])
    assert store.get("p").tags == ["b", "a", "c", "d"]
    assert store.remove_tags("p", ["a", "zzz"]).tags == ["b", "c", "d"]
    assert normalize_tags(["x  y", "x y"]) == ["x y"]


def test_file_is_compact_and_versioned(state_path: Path) -> None:
    store = StateStore(state_path)
    store.set_starred("p", True)
    raw = state_path.read_bytes()
    assert b"\n" not in raw and b"  " not in raw
    document = orjson.loads(raw)
    assert document["schema"] == SCHEMA
    assert document["kind"] == "readinglist-state"
    assert document["tables"]["state"]["p"].keys() == {"starred", "changed"}


def test_untouched_and_restored_papers_are_not_stored(state_path: Path) -> None:
    store = StateStore(state_path)
    before = store.get("p")
    store.set_starred("p", True)
    store.put("p", before)  # undo
    assert "p" not in on_disk(state_path)
    assert store.get("p") == PaperState()


def test_a_no_op_change_keeps_its_old_change_time(state_path: Path) -> None:
    store = StateStore(state_path)
    first = store.set_starred("p", True).changed["starred"]
    assert store.set_starred("p", True).changed["starred"] == first


def test_put_restores_a_state_exactly(state_path: Path) -> None:
    store = StateStore(state_path)
    state = PaperState(
        read=True, notes="n", tags=["t"], changed={"read": "2024-01-01T00:00:00+00:00"}
    )
    store.put("p", state)
    assert StateStore(state_path).get("p") == state


def test_returned_states_are_copies(state_path: Path) -> None:
    store = StateStore(state_path)
    store.set_tags("p", ["a"])
    store.get("p").tags.append("mutated")
    store.all()["p"].tags.append("mutated")
    assert store.get("p").tags == ["a"]


def test_refresh_sees_another_store_and_changes_merge(state_path: Path) -> None:
    tui = StateStore(state_path)
    cli = StateStore(state_path)
    tui.set_starred("a", True)
    cli.set_read("b", True)  # cli re-reads under the lock: it keeps a's star
    assert not tui.get("b").read
    assert tui.refresh() is True
    assert tui.refresh() is False
    assert tui.get("b").read
    tui.set_notes("a", "x")  # tui re-reads before writing too
    assert StateStore(state_path).all().keys() == {"a", "b"}
    assert StateStore(state_path).get("b").read


def test_batch_writes_once_and_drops_everything_on_error(state_path: Path) -> None:
    store = StateStore(state_path)
    store.set_starred("keep", True)
    with pytest.raises(RuntimeError), store.batch():
        store.set_starred("a", True)
        store.set_starred("b", True)
        raise RuntimeError("boom")
    assert set(on_disk(state_path)) == {"keep"}
    assert set(store.all()) == {"keep"}
    with store.batch():
        for pid in ("a", "b", "c"):
            store.set_read(pid, True)
    assert set(on_disk(state_path)) == {"keep", "a", "b", "c"}


def test_merge_takes_the_later_change_per_field() -> None:
    old, new = "2024-01-01T00:00:00+00:00", "2025-01-01T00:00:00+00:00"
    ours = PaperState(read=True, starred=True, changed={"read": new, "starred": old})
    theirs = PaperState(read=False, starred=False, notes="n", changed={"read": old, "starred": new})
    merged = merge_states(ours, theirs)
    assert merged.read is True  # ours is newer
    assert merged.starred is False  # theirs is newer: an unstar wins over an older star
    assert merged.notes == "n"  # theirs has a time, ours none
    assert merged.changed == {"read": new, "starred": new}


def assert_one_line_store_error(caught: pytest.ExceptionInfo[StoreError], name: str) -> None:
    message = str(caught.value)
    assert "\n" not in message and name in message
    assert caught.value.exit_code == 1


def test_a_failed_write_is_a_one_line_store_error_and_changes_nothing(
    state_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = StateStore(state_path)
    store.set_starred("p", True)
    before = state_path.read_bytes()

    def read_only_replace(src: str, dst: str) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("readinglist.state.tinydb_file.os.replace", read_only_replace)
    with pytest.raises(StoreError) as caught:
        store.set_read("p", True)
    assert_one_line_store_error(caught, "state.json")
    assert "Read-only file system" in str(caught.value)
    monkeypatch.undo()
    assert state_path.read_bytes() == before
    assert store.get("p").read is False  # memory does not claim what the disk lacks
    leftovers = sorted(p.name for p in state_path.parent.iterdir())
    assert leftovers == ["state.json", "state.json.lock"]  # no temp file left behind


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories")
def test_a_read_only_directory_is_a_store_error(state_path: Path) -> None:
    store = StateStore(state_path)
    store.set_starred("p", True)
    os.chmod(state_path.parent, 0o500)
    try:
        with pytest.raises(StoreError) as caught:
            store.set_read("p", True)
    finally:
        os.chmod(state_path.parent, 0o700)
    assert_one_line_store_error(caught, "state.json")
    assert StateStore(state_path).get("p").read is False


def test_a_library_path_that_is_a_file_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the library directory should be")
    with pytest.raises(StoreError) as caught:
        StateStore(blocker / "state.json").set_starred("p", True)
    assert "\n" not in str(caught.value) and "not-a-dir" in str(caught.value)


def test_permissions_are_kept(state_path: Path) -> None:
    store = StateStore(state_path)
    store.set_starred("p", True)
    assert state_path.stat().st_mode & 0o777 == 0o600  # new file: the user's own data
    os.chmod(state_path, 0o640)
    store.set_read("p", True)
    assert state_path.stat().st_mode & 0o777 == 0o640
