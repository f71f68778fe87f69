"""One library on two machines through a folder-sync tool (simulated: files copied whole, in
either order, half-copied, or kept as conflict copies) or git (conflict markers).

Each machine is its own process with its own device name and its own copy of the library.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from readinglist.state.health import check_files, repair_files
from readinglist.state.store import StateStore

REPO = Path(__file__).resolve().parent.parent


def on(machine: Path, device: str, code: str) -> None:
    """Run `code` with `store` (this machine's StateStore) in a process of its own."""
    script = (
        "import sys\nfrom readinglist.state.store import StateStore\n"
        f"store = StateStore(sys.argv[1] + '/state.json', device={device!r})\n{code}\n"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO))
    subprocess.run([sys.executable, "-c", script, str(machine)], check=True, env=env)


def sync(source: Path, target: Path) -> None:
    """What Syncthing does: each file changed at the source (here: the files of the source's
    own device) copied whole to a temp name, then renamed over the target's copy."""
    for path in sorted(source.glob(f"state.{source.name}.json*")):
        temp = target / f".syncthing.{path.name}.tmp"
        shutil.copy2(path, temp)
        os.replace(temp, target / path.name)


def state(machine: Path, paper_id: str, device: str = "reader"):
    return StateStore(machine / "state.json", device=device).get(paper_id)


@pytest.fixture
def machines(tmp_path: Path) -> tuple[Path, Path]:
    laptop, desk = tmp_path / "laptop", tmp_path / "desk"
    laptop.mkdir()
    desk.mkdir()
    return laptop, desk


@pytest.mark.parametrize("order", ["laptop-first", "desk-first"])
def test_changes_on_both_machines_merge_per_field_and_per_tag(machines, order: str) -> None:
    laptop, desk = machines
    on(laptop, "laptop", "store.set_starred('p', True); store.add_tags('p', ['x', 'shared'])")
    on(desk, "desk", "store.set_notes('p', 'from the desk'); store.add_tags('p', ['y'])")
    pairs = [(laptop, desk), (desk, laptop)]
    for source, target in pairs if order == "laptop-first" else pairs[::-1]:
        sync(source, target)
    sync(laptop, desk)
    sync(desk, laptop)
    for machine in machines:
        got = state(machine, "p")
        assert got.starred and got.notes == "from the desk"
        assert set(got.tags) == {"x", "shared", "y"}
    assert state(laptop, "p") == state(desk, "p")  # the same result on both, in any order


def test_each_machine_writes_only_files_of_its_own(machines) -> None:
    laptop, desk = machines
    on(laptop, "laptop", "store.set_read('p', True)")
    sync(laptop, desk)
    before = {p.name: p.read_bytes() for p in desk.glob("state.laptop.*")}
    on(desk, "desk", "store.set_read('p', False); store.fold()")
    assert {p.name: p.read_bytes() for p in desk.glob("state.laptop.*")} == before
    assert sorted(p.name for p in desk.glob("state.desk.*json*")) == [
        "state.desk.json",
        "state.desk.jsonl",
    ]


def test_the_later_change_wins_and_a_removal_removes_only_what_was_seen(machines) -> None:
    laptop, desk = machines
    on(laptop, "laptop", "store.add_tags('p', ['old']); store.set_notes('p', 'first')")
    sync(laptop, desk)
    on(desk, "desk", "store.remove_tags('p', ['old']); store.set_notes('p', 'second')")
    on(laptop, "laptop", "store.add_tags('p', ['new'])")  # before the desk's removal arrives
    sync(desk, laptop)
    sync(laptop, desk)
    for machine in machines:
        got = state(machine, "p")
        assert got.tags == ["new"] and got.notes == "second"


def test_equal_times_are_settled_the_same_way_everywhere(machines) -> None:
    laptop, desk = machines
    stamp = "2026-01-01T00:00:00.000000+00:00"
    for machine, device, note in ((laptop, "laptop", "aaa"), (desk, "desk", "zzz")):
        line = f'{{"t":"{stamp}","d":"{device}","c":[["p","notes","{note}"]]}}\n'
        (machine / f"state.{device}.jsonl").write_text(line)
    sync(laptop, desk)
    sync(desk, laptop)
    assert state(laptop, "p").notes == state(desk, "p").notes == "zzz"


def test_a_half_copied_file_is_read_as_far_as_it_goes(machines) -> None:
    laptop, desk = machines
    on(laptop, "laptop", "[store.set_read(f'p{i}', True) for i in range(10)]")
    journal = (laptop / "state.laptop.jsonl").read_bytes()
    (desk / "state.laptop.jsonl").write_bytes(journal[: len(journal) // 2])  # cut mid-line
    store = StateStore(desk / "state.json", device="desk")
    partial = set(store.all())
    assert 2 <= len(partial) < 10
    store.set_starred("d", True)  # the desk keeps working meanwhile
    sync(laptop, desk)  # the copy completes
    assert store.refresh() == {f"p{i}" for i in range(10)} - partial
    assert len(store.all()) == 11


def test_a_conflict_copy_is_merged_on_open_and_folded_by_doctor_repair(machines) -> None:
    laptop, desk = machines
    on(laptop, "laptop", "store.set_read('a', True)")
    sync(laptop, desk)
    # The laptop wrote again while an older copy was being changed on the desk's side:
    # Syncthing keeps the other version as a conflict copy.
    conflict = desk / "state.laptop.sync-conflict-20260101-120000-ABCDEFG.jsonl"
    shutil.copy2(laptop / "state.laptop.jsonl", conflict)
    with conflict.open("a") as handle:
        handle.write(
            '{"t":"2026-01-01T12:00:00.000000+00:00","d":"laptop","c":[["b","read",true]]}\n'
        )
    dropbox = desk / "state.laptop (conflicted copy 2026-01-01).jsonl"
    dropbox.write_text(
        '{"t":"2026-01-01T12:00:01.000000+00:00","d":"laptop","c":[["c","starred",true]]}\n'
    )
    store = StateStore(desk / "state.json", device="desk")
    assert state(desk, "b").read and state(desk, "c").starred and state(desk, "a").read
    checks = {c.name: c for c in check_files(desk, "desk")}
    assert not checks[conflict.name].healthy and "conflict copy" in checks[conflict.name].message
    assert not checks[dropbox.name].healthy
    done = repair_files(desk / "state.json", "desk")
    assert len(done) == 2 and not conflict.exists() and not dropbox.exists()
    assert list(desk.glob("state.laptop.sync-conflict-*.merged-*"))
    assert all(c.healthy for c in check_files(desk, "desk"))
    reopened = StateStore(desk / "state.json", device="desk")
    assert reopened.all() == store.all()


def test_git_conflict_markers_in_a_journal_keep_both_sides(machines) -> None:
    laptop, _ = machines
    ours = '{"t":"2026-01-01T00:00:00.000000+00:00","d":"laptop","c":[["a","read",true]]}'
    theirs = '{"t":"2026-01-01T00:00:01.000000+00:00","d":"laptop","c":[["b","read",true]]}'
    text = f"<<<<<<< HEAD\n{ours}\n=======\n{theirs}\n>>>>>>> origin/main\n"
    (laptop / "state.laptop.jsonl").write_text(text)
    store = StateStore(laptop / "state.json", device="desk")
    assert store.all().keys() == {"a", "b"}
    assert "conflict" in store.problems["state.laptop.jsonl"]
    repair_files(laptop / "state.json", "desk")
    assert "<<<<<<<" not in (laptop / "state.laptop.jsonl").read_text()
    assert StateStore(laptop / "state.json", device="desk").all().keys() == {"a", "b"}


def test_the_device_name_is_kept_in_the_config_directory(tmp_path, monkeypatch) -> None:
    from readinglist.state.devices import device_name

    monkeypatch.delenv("READINGLIST_DEVICE", raising=False)
    first = device_name()
    assert first == device_name()  # kept, not made again
    assert (tmp_path / "config" / "device").read_text().strip() == first
    monkeypatch.setenv("READINGLIST_DEVICE", "My Laptop")
    assert device_name() == "my-laptop"


SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def readinglist(machine: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO), READINGLIST_DEVICE=machine.name)
    command = [sys.executable, "-m", "readinglist", *args, "--library", str(machine)]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


def test_papers_imported_at_once_on_two_machines_all_appear(machines) -> None:
    from readinglist.papers.library import Library

    laptop, desk = machines
    assert readinglist(laptop, "import", str(SEEDS / "hf-daily.txt")).returncode == 0
    shutil.copy2(laptop / "papers.json", desk / "papers.json")  # synced once
    assert readinglist(laptop, "import", str(SEEDS / "author-list.txt")).returncode == 0
    assert readinglist(desk, "import", str(SEEDS / "hf-search.txt")).returncode == 0
    # Both changed papers.json: the sync tool keeps the laptop's as a conflict copy on the desk.
    shutil.copy2(laptop / "papers.json", desk / "papers.sync-conflict-20260101-120000-ABC.json")
    expected = {p.id for p in Library.open(laptop).papers}
    expected |= {p.id for p in Library.open(desk).papers}
    merged = Library.open(desk)
    assert {p.id for p in merged.papers} == expected
    assert len(merged.papers) == len(expected)  # every paper once
    assert readinglist(desk, "doctor").returncode == 1
    repaired = readinglist(desk, "doctor", "--repair")
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert not list(desk.glob("papers.sync-conflict-*.json"))
    assert {p.id for p in Library.open(desk).papers} == expected


def test_papers_json_after_a_git_merge_conflict_holds_both_sides(machines) -> None:
    from readinglist.papers.library import Library

    laptop, desk = machines
    assert readinglist(laptop, "import", str(SEEDS / "hf-daily.txt")).returncode == 0
    shutil.copy2(laptop / "papers.json", desk / "papers.json")
    assert readinglist(laptop, "import", str(SEEDS / "author-list.txt")).returncode == 0
    assert readinglist(desk, "import", str(SEEDS / "hf-search.txt")).returncode == 0
    expected = {p.id for p in Library.open(laptop).papers} | {
        p.id for p in Library.open(desk).papers
    }
    ours = (desk / "papers.json").read_bytes().splitlines(keepends=True)
    theirs = (laptop / "papers.json").read_bytes().splitlines(keepends=True)
    # What `git merge` leaves: the whole file one conflict (the header line differs too).
    conflicted = [b"<<<<<<< HEAD\n", *ours, b"=======\n", *theirs, b">>>>>>> laptop\n"]
    (desk / "papers.json").write_bytes(b"".join(conflicted))
    merged = Library.open(desk)
    assert {p.id for p in merged.papers} == expected
    assert len(merged.papers) == len(expected) and not merged.damaged_lines
    assert readinglist(desk, "doctor").returncode == 1
    assert readinglist(desk, "doctor", "--repair").returncode == 0
    assert b"<<<<<<<" not in (desk / "papers.json").read_bytes()
    assert {p.id for p in Library.open(desk).papers} == expected
