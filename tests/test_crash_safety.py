"""Kill a writer at random moments: the state file still loads and holds every acknowledged change.

Two writers at once: neither loses the other's updates.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from readinglist.state.store import StateStore

REPO = Path(__file__).resolve().parent.parent
IDS = 150  # papers the writer cycles through

# The writer: after each call returns (the change is on disk) it prints what it changed.
# Notes overwrite a paper's note with a growing version; stars go to a new paper each time.
WRITER = """
import sys
from readinglist.state.store import StateStore

path, start = sys.argv[1], int(sys.argv[2])
store = StateStore(path)
print("ready", flush=True)
i = start
while True:
    if i % 4 == 0:
        store.set_starred(f"s{i}", True)
        print(f"star s{i}", flush=True)
    else:
        pid = f"p{i % IDS:03d}"
        store.set_notes(pid, f"v{i}\\n" + "x" * (i % 200))
        print(f"note {pid} {i}", flush=True)
    i += 1
""".replace("IDS", str(IDS))

# Applies `count` distinct updates of its own plus one shared tag each time, after `go` appears.
CONCURRENT = """
import os, sys, time
from readinglist.state.store import StateStore

path, name, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
store = StateStore(path)
print("ready", flush=True)
while not os.path.exists(go):
    time.sleep(0.001)
for i in range(count):
    store.set_starred(f"{name}{i}", True)
    store.add_tags("shared", [f"{name}{i}"])
print("done", flush=True)
"""


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def spawn(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        text=True,
        env=child_env(),
    )


def expect_ready(process: subprocess.Popen[str]) -> None:
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"


def acknowledged_lines(output: str) -> list[list[str]]:
    """Complete lines only: a line the kill cut short was never acknowledged."""
    lines = output.split("\n")
    return [line.split() for line in lines[:-1]]  # the last piece has no newline yet


def test_sigkill_at_random_moments_never_loses_an_acknowledged_change(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    rng = random.Random(20240601)
    last_note: dict[str, int] = {}  # paper -> version of its last acknowledged note
    starred: set[str] = set()
    start, acknowledged = 0, 0
    for _ in range(40):
        writer = spawn(WRITER, str(path), str(start))
        expect_ready(writer)
        # Let it acknowledge a few changes (however loaded the machine), then kill it at
        # a random moment: between writes, inside one, or right after an fsync.
        assert writer.stdout is not None
        seen = "".join(writer.stdout.readline() for _ in range(rng.randint(1, 6)))
        time.sleep(rng.uniform(0.0, 0.01))
        os.kill(writer.pid, signal.SIGKILL)
        output, _ = writer.communicate()
        assert writer.returncode == -signal.SIGKILL
        lines = acknowledged_lines(seen + output)
        acknowledged += len(lines)
        for fields in lines:
            if fields[0] == "note":
                last_note[fields[1]] = max(last_note.get(fields[1], -1), int(fields[2]))
            else:
                starred.add(fields[1])
        start += 100_000

        store = StateStore(path)  # loads: never a half-written file
        assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())  # cleaned at start
        states = store.all()
        for pid, version in last_note.items():
            stored = int(states[pid].notes.split("\n", 1)[0][1:])
            # The acknowledged note, or a later one that reached the disk just before the kill.
            assert stored >= version, (pid, stored, version)
            assert stored % IDS == int(pid[1:])
        assert all(states[pid].starred for pid in starred)
    assert acknowledged >= 40 and starred and last_note  # every round acknowledged changes


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    go = tmp_path / "go"
    count = 60
    writers = [spawn(CONCURRENT, str(path), name, str(count), str(go)) for name in ("a", "b")]
    for writer in writers:
        expect_ready(writer)
    go.touch()
    for writer in writers:
        output, _ = writer.communicate(timeout=120)
        assert writer.returncode == 0 and output.strip() == "done"
    states = StateStore(path).all()
    for name in ("a", "b"):
        for i in range(count):
            assert states[f"{name}{i}"].starred, f"{name}{i} lost"
    shared = states["shared"].tags
    assert sorted(shared) == sorted(f"{name}{i}" for name in ("a", "b") for i in range(count))
    assert [t for t in shared if t.startswith("a")] == [f"a{i}" for i in range(count)]  # in order


# Batches of 40 changes (one journal line each), with a bound so small that the journal is
# folded into the TinyDB file every few batches: kills land in appends and in compactions.
BATCHER = """
import sys
from readinglist.state import store as store_module
from readinglist.state.store import StateStore

store_module.JOURNAL_BOUND = 3000
path, start = sys.argv[1], int(sys.argv[2])
store = StateStore(path, device="killed")
print("ready", flush=True)
i = start
while True:
    store.apply({f"b{i}-{k}": [("read", True), ("+", f"t{i % 7}")] for k in range(40)})
    print(f"batch {i}", flush=True)
    i += 1
"""


def test_sigkill_during_batches_and_compactions_loses_no_acknowledged_batch(
    tmp_path: Path,
) -> None:
    path = tmp_path / "state.json"
    rng = random.Random(20260101)
    done: list[int] = []
    start = 0
    for _ in range(15):
        writer = spawn(BATCHER, str(path), str(start))
        expect_ready(writer)
        assert writer.stdout is not None
        seen = "".join(writer.stdout.readline() for _ in range(rng.randint(1, 4)))
        time.sleep(rng.uniform(0.0, 0.02))
        os.kill(writer.pid, signal.SIGKILL)
        output, _ = writer.communicate()
        done += [int(fields[1]) for fields in acknowledged_lines(seen + output)]
        start += 10_000
        states = StateStore(path, device="reader").all()  # loads after every kill
        for batch in done:
            for k in (0, 39):
                state = states[f"b{batch}-{k}"]
                assert state.read and state.tags == [f"t{batch % 7}"], (batch, k)
    assert (tmp_path / "state.killed.json").exists()  # compactions happened
    assert len(done) >= 15
