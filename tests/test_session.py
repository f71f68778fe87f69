"""The app's UI-free controller: filter, sort, triage, undo, counts, all through the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_library import HOSTILE_TITLE, make_library

from readinglist.papers.models import PaperState
from readinglist.paths import state_file
from readinglist.session import Session
from readinglist.state.store import StateStore, StoreError


@pytest.fixture
def session(tmp_path: Path):
    session = Session.open(make_library(tmp_path / "lib"))
    yield session
    session.close()


def on_disk(session: Session, index: int) -> PaperState:
    store = StateStore(state_file(session.library.directory))
    try:
        return store.get(session.paper(index).id)
    finally:
        store.close()


def titles(session: Session) -> list[str]:
    return [session.paper(i).title for i in session.shown]


def test_opens_sorted_by_date_newest_first(session: Session) -> None:
    assert titles(session)[0] == "Attention Is All You Need Again"
    assert titles(session)[-1] == "Zero-Shot Triage of Papers"
    assert session.counts().shown == session.counts().total == 5


def test_empty_library_gets_the_sample(tmp_path: Path) -> None:
    session = Session.open(tmp_path / "empty")
    try:
        assert len(session.papers) > 10
        assert session.sample_loaded
    finally:
        session.close()


def test_toggles_are_on_disk_and_counted(session: Session) -> None:
    first = session.shown[0]
    assert session.counts().unread == 5
    session.toggle_read(first)
    session.toggle_star(first)
    assert on_disk(session, first).read and on_disk(session, first).starred
    counts = session.counts()
    assert (counts.unread, counts.starred) == (4, 1)
    session.toggle_read(first)
    assert not on_disk(session, first).read
    assert session.counts().unread == 5


def test_notes_and_tags(session: Session) -> None:
    index = session.shown[1]
    session.set_notes(index, "line one\nline two")
    session.set_tags(index, ["rl", "todo", "rl", ""])
    assert on_disk(session, index).notes == "line one\nline two"
    assert on_disk(session, index).tags == ["rl", "todo"]


def test_undo_restores_each_change_in_reverse(session: Session) -> None:
    a, b = session.shown[0], session.shown[1]
    session.toggle_star(a)
    session.toggle_read(b)
    session.set_notes(a, "hello")
    assert session.undo() == a
    assert on_disk(session, a).notes == "" and on_disk(session, a).starred
    assert session.undo() == b
    assert not on_disk(session, b).read
    assert session.undo() == a
    assert not on_disk(session, a).starred
    assert session.undo() is None
    assert session.counts().starred == 0


def test_failed_write_changes_nothing(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args):
        raise StoreError("cannot write the state file: read-only file system")

    monkeypatch.setattr(session.store, "set_starred", fail)
    with pytest.raises(StoreError):
        session.toggle_star(session.shown[0])
    assert session.counts().starred == 0
    assert session.history == []


def test_filter_with_a_field_query(session: Session) -> None:
    assert session.set_query("author:turing")
    assert titles(session) == ["Scaling Laws for Reading Lists"]
    assert session.counts().shown == 1


def test_invalid_query_keeps_the_last_good_result(session: Session) -> None:
    session.set_query("diffusion")
    good = list(session.shown)
    assert not session.set_query("year:>=banana")
    assert session.query_error and "year" in session.query_error
    assert session.shown == good
    assert session.set_query("")
    assert session.query_error is None
    assert len(session.shown) == 5


def test_state_query_sees_changes(session: Session) -> None:
    session.toggle_read(session.shown[0])
    session.set_query("is:unread")
    assert len(session.shown) == 4


def test_sort_cycle_and_reverse(session: Session) -> None:
    assert session.cycle_sort() == "upvotes"
    assert titles(session)[0] == "Scaling Laws for Reading Lists"
    assert session.cycle_sort() == "title"
    assert titles(session)[0] == "Attention Is All You Need Again"
    session.reverse_sort()
    assert titles(session)[0] == "Zero-Shot Triage of Papers"
    assert session.cycle_sort() == "added"
    assert not session.sort_reverse
    assert titles(session)[0] == "Attention Is All You Need Again"
    assert session.cycle_sort() == "date"


def test_sort_applies_to_the_filtered_rows(session: Session) -> None:
    session.set_query("-author:turing")
    session.set_sort("upvotes")
    assert titles(session)[0] == "Attention Is All You Need Again"
    assert len(session.shown) == 4


def test_next_unread_wraps(session: Session) -> None:
    shown = session.shown
    for row in (1, 2, 3):
        session.toggle_read(shown[row])
    assert session.next_unread(0) == 4
    assert session.next_unread(4) == 0
    for row in (0, 4):
        session.toggle_read(shown[row])
    assert session.next_unread(0) is None


def test_hostile_text_is_kept_as_data(session: Session) -> None:
    assert HOSTILE_TITLE in titles(session)


def test_files_are_imported_before_opening(tmp_path: Path, seeds: Path) -> None:
    session = Session.open(tmp_path / "lib", [str(seeds / "hf-daily.txt")])
    try:
        assert session.reports and session.reports[0].added > 0
        assert not session.sample_loaded
        assert len(session.papers) == session.reports[0].added
    finally:
        session.close()


def test_changes_from_another_process_are_picked_up(session: Session) -> None:
    other = StateStore(state_file(session.library.directory))
    other.set_starred(session.paper(session.shown[0]).id, True)
    other.close()
    assert session.reload_if_changed()
    assert session.state(session.shown[0]).starred
    assert session.counts().starred == 1
    assert not session.reload_if_changed()


def test_a_reload_reads_only_the_changed_papers_and_keeps_counts_right(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, third = (session.paper(i).id for i in session.shown[:3])
    session.toggle_star(session.shown[0])
    session.toggle_read(session.shown[1])
    other = StateStore(state_file(session.library.directory))
    other.set_starred(first, False)  # undone elsewhere
    other.set_starred(third, True)
    other.set_read(third, True)
    other.set_notes(second, "from the CLI")
    other.set_starred("no-such-paper", True)  # a state for a paper this library lacks
    other.close()
    monkeypatch.setattr(session.store, "all", lambda: pytest.fail("read every state again"))
    assert session.reload_if_changed()
    assert not session.states[first].starred
    assert session.states[second].notes == "from the CLI" and session.states[second].read
    assert session.states[third].starred and session.states[third].read
    counts = session.counts()
    assert (counts.starred, counts.total - counts.unread) == (1, 2)
    assert not session.reload_if_changed()
