"""Undo restores only what the undone action set, even when another process wrote meanwhile.

The other process is a real one: `readinglist note`/`tag`/`star` run as subprocesses between
the action and the undo.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tui_library import make_library

from readinglist.paths import state_file
from readinglist.session import Session
from readinglist.state.store import StateStore

REPO = Path(__file__).resolve().parent.parent


def other_process(library: Path, *args: str) -> None:
    """A `readinglist` command in its own process, as from another shell (another device)."""
    env = dict(os.environ, PYTHONPATH=str(REPO), READINGLIST_DEVICE="other-shell")
    command = [sys.executable, "-m", "readinglist", *args, "--library", str(library)]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("READINGLIST_DEVICE", "app")
    session = Session.open(make_library(tmp_path / "lib"))
    yield session
    session.close()


def on_disk(session: Session, paper_id: str):
    return StateStore(state_file(session.library.directory)).get(paper_id)


def test_undo_keeps_a_note_and_a_tag_another_process_wrote(session: Session) -> None:
    index = session.shown[0]
    paper_id = session.paper(index).id
    library = session.library.directory
    session.toggle_star(index)
    other_process(library, "note", paper_id, "my note")
    other_process(library, "tag", paper_id, "x")
    assert session.undo() == index
    state = on_disk(session, paper_id)
    assert not state.starred  # the undone star
    assert state.notes == "my note" and state.tags == ["x"]  # the other process's work stays
    assert session.undo_message is None
    assert session.state(index).notes == "my note"  # the session sees it too


def test_undo_skips_a_field_changed_since_and_says_so(session: Session) -> None:
    index = session.shown[1]
    paper_id = session.paper(index).id
    session.set_notes(index, "mine")
    session.toggle_read(index)
    other_process(session.library.directory, "unread", paper_id)
    other_process(session.library.directory, "read", paper_id)  # read again, by them
    session.set_tags(index, ["a", "b"])
    other_process(session.library.directory, "untag", paper_id, "b")
    assert session.undo() == index  # the tags: a is removed; b is gone already
    assert on_disk(session, paper_id).tags == []
    session.undo()  # the read: it still holds True (set by the other process): restored
    assert not on_disk(session, paper_id).read
    other_process(session.library.directory, "note", paper_id, "theirs")
    session.undo()  # the note now holds their text: kept
    assert on_disk(session, paper_id).notes == "theirs"
    assert session.undo_message is not None and "notes" in session.undo_message


def test_a_bulk_action_is_one_undo_step_and_one_append(session: Session) -> None:
    indices = list(session.shown[:4])
    ids = [session.paper(i).id for i in indices]
    session.toggle_read(indices[0])  # one paper read before the bulk action
    changed = session.change_many(indices, "mark read", read=True, add_tags=["Later"])
    assert changed == 4
    journal = session.library.directory / "state.app.jsonl"
    lines_after_bulk = journal.read_bytes().count(b"\n")
    other_process(session.library.directory, "tag", ids[2], "keep")
    session.undo()
    assert journal.read_bytes().count(b"\n") == lines_after_bulk + 1  # the undo: one line
    states = [on_disk(session, pid) for pid in ids]
    assert states[0].read  # read before the bulk action: stays read
    assert not any(s.read for s in states[1:])
    assert [s.tags for s in states] == [[], [], ["keep"], []]
