"""The state file on disk: bad files refused untouched, migration, doctor, export/import."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

from readinglist.papers.models import PaperState
from readinglist.state.store import (
    SCHEMA,
    StateStore,
    StoreError,
    diagnose,
    export_states,
    load_states_file,
    repair,
    salvage_records,
)

OLD = "2024-01-01T00:00:00.000000+00:00"
NEW = "2025-06-01T00:00:00.000000+00:00"


@pytest.fixture
def state_path(tmp_path: Path) -> Path:
    return tmp_path / "state.json"


def filled_store(path: Path, count: int = 20) -> StateStore:
    store = StateStore(path)
    with store.batch():
        for i in range(count):
            store.set_starred(f"paper-{i:03d}", True)
            store.set_notes(f"paper-{i:03d}", f"note {i}\nwith a second line")
            store.set_tags(f"paper-{i:03d}", ["t", f"n{i}"])
    return store


BAD_FILES = {
    "not-json": b"this is not json at all\n",
    "empty": b"",
    "binary": bytes(range(256)),
    "wrong-shape": b"[1, 2, 3]",
    "bad-record": b'{"kind":"readinglist-state","schema":2,'
    b'"tables":{"state":{"p":{"read":"yes"}}}}',
    "other-kind": b'{"kind":"readinglist-arxiv","schema":1,"tables":{}}',
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_a_clear_error_and_left_untouched(state_path: Path, name: str) -> None:
    state_path.write_bytes(BAD_FILES[name])
    with pytest.raises(StoreError) as caught:
        StateStore(state_path)
    message = str(caught.value)
    assert "\n" not in message
    assert str(state_path) in message and "readinglist doctor" in message
    assert state_path.read_bytes() == BAD_FILES[name]


def test_truncated_file_is_refused_untouched(state_path: Path) -> None:
    filled_store(state_path)
    raw = state_path.read_bytes()
    state_path.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(StoreError, match="doctor"):
        StateStore(state_path)
    assert state_path.read_bytes() == raw[: len(raw) // 2]


def test_newer_schema_is_refused_untouched(state_path: Path) -> None:
    newer = {"kind": "readinglist-state", "schema": SCHEMA + 1, "tables": {"state": {}}}
    state_path.write_bytes(orjson.dumps(newer))
    before = state_path.read_bytes()
    with pytest.raises(StoreError) as caught:
        StateStore(state_path)
    assert "newer readinglist" in str(caught.value) and str(state_path) in str(caught.value)
    assert state_path.read_bytes() == before


def test_a_file_that_goes_bad_under_a_running_store_is_not_overwritten(state_path: Path) -> None:
    store = filled_store(state_path)
    state_path.write_bytes(b"{garbage")
    with pytest.raises(StoreError):
        store.set_read("paper-001", True)
    assert state_path.read_bytes() == b"{garbage"


def test_schema_1_plain_tinydb_file_migrates_on_open(state_path: Path) -> None:
    legacy = {
        "_default": {
            "1": {"id": "a", "read": True, "starred": False, "notes": "", "tags": []},
            "2": {"id": "b", "read": False, "starred": True, "notes": "n", "tags": ["x", "x"]},
            "3": {"id": "c", "read": False, "starred": False, "notes": "", "tags": []},
        }
    }
    state_path.write_bytes(orjson.dumps(legacy))
    store = StateStore(state_path)
    assert store.get("a") == PaperState(read=True)
    assert store.get("b") == PaperState(starred=True, notes="n", tags=["x"])
    assert "c" not in store.all()
    store.set_read("b", True)  # the first write upgrades the file
    document = orjson.loads(state_path.read_bytes())
    assert document["schema"] == SCHEMA
    assert set(document["tables"]["state"]) == {"a", "b"}


def test_stale_temp_files_are_removed_at_start(state_path: Path) -> None:
    filled_store(state_path, 2)
    stale = state_path.parent / ".state.json.k1ll3d.tmp"
    stale.write_bytes(b'{"half a wri')
    unrelated = state_path.parent / ".papers.json.x.tmp"
    unrelated.write_bytes(b"")
    StateStore(state_path)
    assert not stale.exists()
    assert unrelated.exists()  # another file's writer may be running


# -- doctor ----------------------------------------------------------------------------------


def test_doctor_on_a_healthy_file(state_path: Path) -> None:
    filled_store(state_path, 5)
    found = diagnose(state_path)
    assert found.healthy and found.problem is None
    assert len(found.records) == 5
    report = repair(state_path)
    assert report.backup is None  # nothing to repair


def test_doctor_salvages_a_truncated_file_and_repair_keeps_the_bad_one(state_path: Path) -> None:
    original = filled_store(state_path, 40).all()
    raw = state_path.read_bytes()
    cut = raw[: int(len(raw) * 0.7)]
    state_path.write_bytes(cut)
    os.chmod(state_path, 0o640)

    found = diagnose(state_path)
    assert not found.healthy and "JSON" in (found.problem or "")
    assert 20 < len(found.records) < 40
    for paper_id, state in found.records.items():
        assert state == original[paper_id]

    report = repair(state_path)
    assert report.backup is not None and report.backup.name.startswith("state.json.bad-")
    assert report.backup.read_bytes() == cut
    assert report.recovered == len(found.records)
    assert state_path.stat().st_mode & 0o777 == 0o640
    repaired = StateStore(state_path).all()
    assert repaired == found.records


def test_doctor_salvages_around_garbage_in_the_middle(state_path: Path) -> None:
    original = filled_store(state_path, 10).all()
    raw = state_path.read_bytes()
    at = raw.index(b'"paper-005"')
    state_path.write_bytes(raw[:at] + b"\x00\x00garbage" + raw[at + 20 :])
    found = diagnose(state_path)
    assert not found.healthy
    assert set(found.records) == set(original) - {"paper-005"}


def test_salvage_never_takes_text_inside_notes_for_records() -> None:
    store_text = orjson.dumps(
        {
            "kind": "readinglist-state",
            "schema": 2,
            "tables": {"state": {"real": {"notes": '"fake": {"starred": true}', "read": True}}},
        }
    )
    assert set(salvage_records(store_text[:-3])) == {"real"}


def test_doctor_on_a_newer_schema_and_on_non_json(state_path: Path) -> None:
    newer = {
        "kind": "readinglist-state",
        "schema": SCHEMA + 1,
        "tables": {"state": {"p": {"starred": True, "colour": "red"}}},
    }
    state_path.write_bytes(orjson.dumps(newer))
    found = diagnose(state_path)
    assert not found.healthy and "newer" in (found.problem or "")
    assert found.records == {"p": PaperState(starred=True)}

    repair(state_path)  # unknown fields of the newer schema are dropped: the file loads
    assert StateStore(state_path).all() == {"p": PaperState(starred=True)}

    state_path.write_bytes(b"hello")
    found = diagnose(state_path)
    assert not found.healthy and found.records == {}


def test_doctor_salvages_a_truncated_schema_1_file(state_path: Path) -> None:
    docs = {str(n): {"id": f"paper-{n}", "read": True, "tags": ["a"]} for n in range(1, 11)}
    raw = orjson.dumps({"_default": docs})
    state_path.write_bytes(raw[: raw.index(b'"7"')])
    found = diagnose(state_path)
    assert set(found.records) == {f"paper-{n}" for n in range(1, 7)}
    repair(state_path)
    assert StateStore(state_path).get("paper-3") == PaperState(read=True, tags=["a"])


def test_doctor_on_a_missing_file(state_path: Path) -> None:
    found = diagnose(state_path)
    assert found.healthy and not found.exists


# -- export / import -------------------------------------------------------------------------


def test_export_then_import_into_an_empty_store(tmp_path: Path) -> None:
    source = filled_store(tmp_path / "a" / "state.json", 5)
    exported = tmp_path / "export.json"
    assert export_states(source, exported) == 5
    target = StateStore(tmp_path / "b" / "state.json")
    report = target.merge(load_states_file(exported))
    assert (report.added, report.updated, report.unchanged) == (5, 0, 0)
    assert target.all() == source.all()
    again = target.merge(load_states_file(exported))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)


def test_import_merges_each_field_by_its_last_change(tmp_path: Path) -> None:
    ours = StateStore(tmp_path / "ours.json")
    ours.put("p", PaperState(read=True, starred=True, changed={"read": NEW, "starred": OLD}))
    ours.put("q", PaperState(notes="ours", changed={"notes": NEW}))
    theirs = StateStore(tmp_path / "theirs.json")
    theirs.put("p", PaperState(read=False, starred=False, changed={"read": OLD, "starred": NEW}))
    theirs.put("q", PaperState(notes="theirs", changed={"notes": OLD}))
    theirs.put("r", PaperState(tags=["new"], changed={"tags": NEW}))
    exported = tmp_path / "export.json"
    export_states(theirs, exported)

    report = ours.merge(load_states_file(exported))
    assert (report.added, report.updated, report.unchanged) == (1, 1, 1)
    assert ours.get("p") == PaperState(
        read=True, starred=False, changed={"read": NEW, "starred": NEW}
    )
    assert ours.get("q").notes == "ours"
    assert ours.get("r").tags == ["new"]
    assert StateStore(tmp_path / "ours.json").all() == ours.all()  # on disk


def test_import_reads_a_state_file_too(tmp_path: Path) -> None:
    source = filled_store(tmp_path / "state.json", 3)
    assert load_states_file(tmp_path / "state.json") == source.all()


@pytest.mark.parametrize(
    "content",
    [b"nope", b'{"kind":"readinglist-state-export","schema":2,"states":{"p":{"read":1}}}'],
)
def test_a_bad_import_file_is_a_clear_error(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        load_states_file(bad)
    assert "bad.json" in str(caught.value) and "\n" not in str(caught.value)
