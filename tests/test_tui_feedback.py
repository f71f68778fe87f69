"""Pilot tests of what the app tells a newcomer: every key answers on screen, truthfully."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from tui_library import (
    detail,
    messages,
    run,
    status,
)

from readinglist.arxiv import ArxivStore, FetchSummary
from readinglist.papers.models import ArxivRecord
from readinglist.paths import arxiv_file, state_file
from readinglist.tui.app import create_app
from readinglist.tui.footer import KeyFooter
from readinglist.tui.main_screen import sort_label


async def test_help_is_in_the_footer_at_80_columns(library: Path) -> None:
    app = create_app(library)
    async with run(app, (80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter).render().plain
        assert footer.startswith("? Help") and footer.endswith("q Quit")


async def test_notes_tags_and_undo_say_what_they_did(library: Path) -> None:
    app = create_app(library)
    async with run(app) as pilot:
        await pilot.press("n", *"hi", "ctrl+s")
        await pilot.pause()
        assert "Notes saved." in messages(app)
        await pilot.press("t", *"rl, x", "enter")
        await pilot.pause()
        assert "Tags saved: rl, x" in messages(app)
        await pilot.press("u")
        await pilot.pause()
        assert "Undid the tags change: Attention Is All You Need Again" in messages(app)
        await pilot.press("u", "u")
        await pilot.pause()
        assert messages(app)[-1] == "Nothing to undo."


async def test_sort_is_spelled_out(library: Path) -> None:
    app = create_app(library)
    async with run(app) as pilot:
        assert "sort date, newest first" in status(app)
        await pilot.press("R")
        assert "sort date, oldest first" in status(app)
        await pilot.press("S")
        assert "sort upvotes, most first" in status(app)
    assert sort_label("title", True) == "title, Z to A"


async def test_open_says_why_there_is_no_link(library: Path) -> None:
    store = ArxivStore(arxiv_file(library))
    checked = ArxivRecord(status="not_found", checked_at="2026-01-02T00:00:00Z")
    store.put("paper-1", checked)
    store.close()
    app = create_app(library)
    async with run(app) as pilot:
        await pilot.press("o")
        assert "press a to look it up" in messages(app)[-1]
        await pilot.press("j", "p")
        assert "arXiv had no match for this paper (checked 2026-01-02)" in messages(app)[-1]


async def test_offline_fetch_is_one_clear_line(library: Path) -> None:
    def offline(papers, store, *, progress=None, cancel=None, refresh=False) -> FetchSummary:
        reason = "cannot reach arXiv at 127.0.0.1:9; check your connection and try again"
        return FetchSummary(stopped=reason, unreachable=True, not_asked=len(papers))

    app = create_app(library, fetcher=offline)
    async with run(app) as pilot:
        await pilot.press("A")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = messages(app)[-1]
        assert text.startswith("cannot reach arXiv") and "found 0" not in text
        assert "arXiv" not in status(app)  # no fetch left "running"


async def test_export_counts_in_words(library: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = create_app(library)
    async with run(app) as pilot:
        await pilot.press("s", "e", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert messages(app)[-1].startswith("1 starred paper written to ")


async def test_a_read_only_library_warns_at_once(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root writes anywhere, so the read-only disk is simulated where the app asks.
    monkeypatch.setattr("readinglist.tui.app.os.access", lambda path, mode: False)
    app = create_app(library)
    async with run(app) as pilot:
        await pilot.pause()
        assert any(f"{library} is read-only" in m for m in messages(app))


async def test_ctrl_c_quits_when_nothing_is_selected(library: Path) -> None:
    app = create_app(library)
    async with run(app) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert not app.is_running


async def test_keys_on_an_empty_result_say_why_nothing_happened(library: Path) -> None:
    app = create_app(library)
    async with run(app) as pilot:
        await pilot.press("slash", *"zzzqqx", "enter")
        await pilot.pause()
        assert "No paper matches the filter; escape clears it." in detail(app)
        for key in ("n", "t", "a", "o", "y", "s", "space"):
            before = len(messages(app))
            await pilot.press(key)
            await pilot.pause()
            assert messages(app)[before:] == ["No paper matches the filter; escape clears it."]
            assert len(app.screen_stack) == 1  # no editor opened on nothing


async def test_a_state_file_damaged_by_another_process_is_a_notification(library: Path) -> None:
    app = create_app(library)
    async with run(app) as pilot:
        await pilot.press("s")  # the state file exists
        state_file(library).write_text("{damaged", encoding="utf-8")
        app.post_message(events.AppFocus())
        await pilot.pause()
        assert app.is_running
        assert any("state.json" in m for m in messages(app))
