"""State files on disk: older releases' files migrate, bad files are refused untouched,
doctor finds torn lines and damage, export/import carry the state."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from readinglist.papers.models import PaperState
from readinglist.state.exchange import export_states, load_state_docs, load_states_file
from readinglist.state.health import check_files, diagnose, repair, repair_files
from readinglist.state.store import StateStore, StoreError

OLD = "2024-01-01T00:00:00.000000+00:00"
NEW = "2025-06-01T00:00:00.000000+00:00"


@pytest.fixture(autouse=True)
def _device(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READINGLIST_DEVICE", "laptop")


@pytest.fixture
def state_path(tmp_path: Path) -> Path:
    return tmp_path / "state.json"


def release_2_file(count: int = 20) -> bytes:
    """state.json exactly as the previous release (schema 2) wrote it."""
    records = {
        f"paper-{i:03d}": {
            "starred": True,
            "notes": f"note {i}\nwith a second line",
            "tags": ["To Read", f"n{i}", "ML"],
            "changed": {"starred": OLD, "notes": OLD, "tags": OLD},
        }
        for i in range(count)
    }
    records["read-only"] = {"read": True, "changed": {"read": OLD}}
    return orjson.dumps({"kind": "readinglist-state", "schema": 2, "tables": {"state": records}})


def test_a_library_of_the_previous_release_opens_without_loss(state_path: Path) -> None:
    state_path.write_bytes(release_2_file())
    store = StateStore(state_path)
    assert len(store.all()) == 21
    paper = store.get("paper-007")
    assert paper.starred and paper.notes == "note 7\nwith a second line"
    assert paper.tags == ["to-read", "n7", "ml"]  # migrated to the one tag rule
    assert paper.changed["starred"] == OLD and store.get("read-only").read
    store.set_read("paper-007", True)  # changes go to the journal; state.json is not rewritten
    assert state_path.read_bytes() == release_2_file()
    store.fold()
    reopened = StateStore(state_path)
    assert reopened.all() == store.all()
    assert reopened.get("paper-007").read
    assert reopened.get("paper-007").notes == paper.notes


def test_a_folded_state_json_is_not_read_twice(state_path: Path) -> None:
    state_path.write_bytes(release_2_file())
    store = StateStore(state_path)
    store.fold()
    reopened = StateStore(state_path)
    assert reopened._folded  # its fingerprint is in the device's file
    assert reopened.all() == store.all()


def test_schema_1_plain_tinydb_file_migrates_on_open(state_path: Path) -> None:
    document = {
        "_default": {
            "1": {"id": "a", "read": True, "starred": False, "notes": "", "tags": ["x"]},
            "2": {"id": "b", "read": False, "starred": True, "notes": "n", "tags": []},
        }
    }
    state_path.write_bytes(orjson.dumps(document))
    store = StateStore(state_path)
    assert store.get("a") == PaperState(read=True, tags=["x"])
    assert store.get("b").starred and store.get("b").notes == "n"


BAD_FILES = {
    "not-json": b"this is not json at all\n",
    "empty": b"",
    "wrong-shape": b"[1, 2, 3]",
    "bad-record": b'{"kind":"readinglist-state","schema":2,'
    b'"tables":{"state":{"p":{"read":"yes"}}}}',
    "other-kind": b'{"kind":"readinglist-arxiv","schema":1,"tables":{}}',
    "newer": b'{"_meta":{"1":{"kind":"readinglist-state","schema":9}},"state":{}}',
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_of_this_machine_is_a_clear_error_and_left_untouched(
    state_path: Path, name: str
) -> None:
    for path in (state_path, state_path.with_name("state.laptop.json")):
        path.write_bytes(BAD_FILES[name])
        with pytest.raises(StoreError) as caught:
            StateStore(state_path)
        message = str(caught.value)
        assert "\n" not in message and path.name in message
        assert "doctor" in message or "upgrade" in message
        assert path.read_bytes() == BAD_FILES[name]
        path.unlink()


def test_doctor_salvages_a_truncated_state_json_and_repair_keeps_the_bad_one(
    state_path: Path,
) -> None:
    raw = release_2_file()
    state_path.write_bytes(raw[: len(raw) * 2 // 3])
    found = diagnose(state_path)
    assert not found.healthy and 5 < found.records < 21
    report = repair(state_path)
    assert report.backup is not None and report.backup.read_bytes() == raw[: len(raw) * 2 // 3]
    assert len(StateStore(state_path).all()) == report.recovered
    assert diagnose(state_path).healthy


def test_doctor_reports_torn_lines_and_repair_folds_them_away(state_path: Path) -> None:
    store = StateStore(state_path)
    store.set_starred("a", True)
    journal = state_path.with_name("state.laptop.jsonl")
    with journal.open("ab") as handle:
        handle.write(b'{"t": "2026-')
    checks = {c.name: c for c in check_files(state_path.parent, "laptop")}
    assert not checks["state.laptop.jsonl"].healthy
    assert "torn" in checks["state.laptop.jsonl"].message
    done = repair_files(state_path, "laptop")
    assert any("folded" in line for line in done)
    assert all(c.healthy for c in check_files(state_path.parent, "laptop"))
    assert StateStore(state_path).get("a").starred


def test_another_machines_damaged_file_is_read_as_far_as_it_goes(state_path: Path) -> None:
    StateStore(state_path, device="desk").apply({f"p{i}": [("read", True)] for i in range(30)})
    desk = StateStore(state_path, device="desk")
    desk.fold()
    snapshot = state_path.with_name("state.desk.json")
    raw = snapshot.read_bytes()
    snapshot.write_bytes(raw[: len(raw) // 2])  # a sync tool's half copy
    mine = StateStore(state_path)
    assert 5 < len(mine.all()) < 30
    assert "state.desk.json" in mine.problems
    done = repair_files(state_path, "laptop")
    assert any("state.desk.json" in line for line in done)
    assert list(state_path.parent.glob("state.desk.json.bad-*"))


def test_export_then_import_into_an_empty_library(tmp_path: Path) -> None:
    source = StateStore(tmp_path / "a" / "state.json")
    source.set_starred("p", True)
    source.add_tags("p", ["x", "y"])
    source.remove_tags("p", ["y"])
    exported = tmp_path / "export.json"
    assert export_states(source, exported) == 1
    target = StateStore(tmp_path / "b" / "state.json")
    report = target.merge(load_state_docs(exported))
    assert (report.added, report.updated) == (1, 0)
    assert target.get("p") == source.get("p")
    assert target.merge(load_state_docs(exported)).unchanged == 1


def test_import_merges_each_field_and_tag_by_its_last_change(tmp_path: Path) -> None:
    ours = StateStore(tmp_path / "ours" / "state.json")
    ours.put("p", PaperState(read=True, starred=True, tags=["keep"]))
    theirs = {
        "p": PaperState(
            read=False, starred=False, notes="n", tags=["new"],
            changed={"read": OLD, "starred": "2999-01-01T00:00:00.000000+00:00", "notes": NEW,
                     "tags": "2999-01-01T00:00:00.000000+00:00"},
        )
    }  # fmt: skip
    report = ours.merge(theirs)
    assert report.updated == 1
    merged = ours.get("p")
    assert merged.read is True  # ours is later
    assert merged.starred is False  # theirs is later: an unstar wins over an older star
    assert merged.notes == "n" and set(merged.tags) == {"keep", "new"}


def test_import_reads_a_state_file_of_any_release(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(release_2_file(3))
    assert load_states_file(path)["paper-001"].starred


@pytest.mark.parametrize(
    "content", [b"", b'{"kind":"readinglist-state-export"}', b"[1]", b"not json"]
)
def test_a_bad_import_file_is_a_clear_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        load_state_docs(path)
    assert "\n" not in str(caught.value) and "bad.json" in str(caught.value)
