"""Pilot tests of the main screen: each key's effect on the store (on disk) and on the screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static
from tui_library import (
    HOSTILE_TITLE,
    burst,
    cursor_title,
    detail,
    messages,
    run,
    screen_text,
    status,
    stored,
    table_lines,
    table_of,
)

from readinglist.paths import state_file
from readinglist.state.store import StateStore, StoreError
from readinglist.tui.app import ReadingListApp, create_app
from readinglist.tui.modals import NotesScreen
from readinglist.tui.table import PaperTable


async def test_first_screen_shows_papers_detail_and_counts(app: ReadingListApp) -> None:
    async with run(app) as pilot:
        await pilot.pause()
        lines = table_lines(app)
        assert "Title" in lines[0] and "Authors" in lines[0]
        assert "Attention Is All You Need Again" in lines[1]
        assert "Ada Lovelace +1" in lines[1]
        assert "2024-06-05" in lines[1]
        assert "Attention Is All You Need Again" in detail(app)
        assert "Ada Lovelace, Second Author" in detail(app)
        assert "5/5 shown" in status(app) and "5 unread" in status(app)
        assert "sort date" in status(app)


async def test_movement_keys(app: ReadingListApp) -> None:
    async with run(app) as pilot:
        await pilot.press("j")
        assert cursor_title(app) == "Diffusion Models Beat Everything"
        await pilot.press("down", "down")
        assert cursor_title(app) == "Scaling Laws for Reading Lists"
        await pilot.press("k")
        assert cursor_title(app) == HOSTILE_TITLE
        await pilot.press("up")
        await pilot.press("G")
        assert cursor_title(app) == "Zero-Shot Triage of Papers"
        await pilot.press("g")
        assert cursor_title(app) == "Attention Is All You Need Again"
        await pilot.press("end")
        assert table_of(app).cursor == 4
        await pilot.press("home")
        assert table_of(app).cursor == 0
        await pilot.press("pagedown")
        assert table_of(app).cursor == 4
        await pilot.press("pageup")
        assert table_of(app).cursor == 0
        await pilot.pause()
        assert "Attention Is All You Need Again" in detail(app)


async def test_cursor_stays_visible_in_a_short_window(tmp_path: Path) -> None:
    from readinglist.papers.library import Library
    from readinglist.papers.models import Paper

    papers = [Paper(id=f"p{i}", title=f"Paper number {i:03d}", added=i) for i in range(200)]
    Library(tmp_path / "big", papers).save()
    app = create_app(tmp_path / "big")
    async with run(app, (100, 24)) as pilot:
        await pilot.press("G")
        await pilot.pause()
        lines = table_lines(app)
        title = cursor_title(app)
        assert any(title in line for line in lines)
        await pilot.press("g")
        await pilot.pause()
        assert cursor_title(app) in table_lines(app)[1]


async def test_space_r_and_s_toggle_on_disk(app: ReadingListApp, library: Path) -> None:
    async with run(app) as pilot:
        await pilot.press("space")
        first = app.session.paper(table_of(app).current).id
        assert stored(library, first).read
        assert table_lines(app)[1].startswith("  ✓")
        assert "4 unread" in status(app)
        await pilot.press("r")
        assert not stored(library, first).read
        await pilot.press("s")
        assert stored(library, first).starred
        await pilot.pause()
        assert table_lines(app)[1].startswith("★")
        assert "1 starred" in status(app)
        assert "★ starred" in detail(app)


async def test_undo_sequence(app: ReadingListApp, library: Path) -> None:
    async with run(app) as pilot:
        await pilot.press("s", "j", "r", "j", "s")
        ids = [app.session.paper(i).id for i in app.session.shown[:3]]
        assert stored(library, ids[0]).starred and stored(library, ids[1]).read
        assert stored(library, ids[2]).starred
        await pilot.press("u")
        assert not stored(library, ids[2]).starred
        await pilot.press("u")
        assert not stored(library, ids[1]).read
        assert table_of(app).cursor == 1  # undo shows the paper it changed
        await pilot.press("u")
        assert not stored(library, ids[0]).starred
        await pilot.press("u")  # nothing left: a notification, no change
        await pilot.pause()
        assert "0 starred" in status(app) and "5 unread" in status(app)


async def test_failed_write_is_a_notification(
    app: ReadingListApp, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_args):
        raise StoreError("cannot write the state file: disk full")

    async with run(app) as pilot:
        monkeypatch.setattr(app.session.store, "set_starred", fail)
        await pilot.press("s")
        await pilot.pause()
        assert any("disk full" in m for m in messages(app))
        assert not table_lines(app)[1].startswith("★")
        assert app.is_running


async def test_next_unread_wraps(app: ReadingListApp) -> None:
    async with run(app) as pilot:
        await pilot.press("j", "r", "j", "r", "j")
        assert table_of(app).cursor == 3
        await pilot.press("N")
        assert table_of(app).cursor == 4
        await pilot.press("N")
        assert table_of(app).cursor == 0  # wrapped around past the read rows
        await pilot.press("r", "N")
        assert table_of(app).cursor == 3
        for _ in range(2):
            await pilot.press("r", "N")
        await pilot.pause()
        assert app.session.counts().unread == 0
        assert any("No unread" in m for m in messages(app))


async def test_sort_keys(app: ReadingListApp) -> None:
    async with run(app) as pilot:
        await pilot.press("S")
        await pilot.pause()
        assert "sort upvotes" in status(app)
        assert "Scaling Laws for Reading Lists" in table_lines(app)[1]
        await pilot.press("R")
        await pilot.pause()
        assert "Scaling Laws for Reading Lists" not in table_lines(app)[1]
        await pilot.press("S", "S")
        await pilot.pause()
        assert "sort added" in status(app)
        assert "Attention Is All You Need Again" in table_lines(app)[1]


async def test_filter_with_a_field_query(app: ReadingListApp) -> None:
    async with run(app) as pilot:
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"author:turing")
        await pilot.pause()
        lines = table_lines(app)
        assert "Scaling Laws for Reading Lists" in lines[1]
        assert lines[2].strip() == ""
        assert "1/5 shown" in status(app) and "author:turing" in status(app)
        await pilot.press("enter")
        assert isinstance(app.focused, PaperTable)
        await pilot.press("s")  # keys act on the table again
        assert app.session.counts().starred == 1
        await pilot.press("slash", "escape")
        await pilot.pause()
        assert "5/5 shown" in status(app)
        assert isinstance(app.focused, PaperTable)


async def test_invalid_query_shows_why_and_keeps_rows(app: ReadingListApp) -> None:
    async with run(app) as pilot:
        await pilot.press("slash", *"diffusion")
        await pilot.pause()
        assert "1/5 shown" in status(app)
        app.screen.query_one("#filter", Input).value = "diffusion year:>=x"
        await pilot.pause()
        error = app.screen.query_one("#query-error", Static)
        assert error.display and "year" in error.content.plain
        assert "Diffusion Models Beat Everything" in table_lines(app)[1]
        assert "1/5 shown" in status(app)
        app.screen.query_one("#filter", Input).value = "diffusion year:>=2024"
        await pilot.pause()
        assert not error.display
        assert "Diffusion Models Beat Everything" in table_lines(app)[1]


async def test_hostile_text_renders_literally(app: ReadingListApp) -> None:
    async with run(app) as pilot:
        await pilot.press("j", "j")
        await pilot.pause()
        literal = "[bold]x[/bold] [link=file:///etc]click[/link] [31mred bell"
        assert literal in table_lines(app)[3] or literal[:40] in table_lines(app)[3]
        assert literal in detail(app)
        assert "Mallory [i]Evil[/i]" in detail(app)
        assert "[red]not markup[/red]" in detail(app)
        shown = screen_text(app)
        assert "[bold]x[/bold]" in shown and "\x1b" not in shown and "\x07" not in shown
        assert "[link=file:///etc]click[/link]" in shown  # literal text, not a link


async def test_changes_made_elsewhere_show_when_the_app_regains_focus(
    app: ReadingListApp, library: Path
) -> None:
    from textual import events

    async with run(app) as pilot:
        other = StateStore(state_file(library))
        other.set_starred(app.session.paper(table_of(app).current).id, True)
        other.close()
        app.post_message(events.AppFocus())
        await pilot.pause()
        assert table_lines(app)[1].startswith("★")
        assert "1 starred" in status(app)


async def test_detail_pane_beside_when_wide_below_when_narrow(app: ReadingListApp) -> None:
    from readinglist.tui.detail import DetailPane

    async with run(app) as pilot:
        await pilot.pause()
        table, pane = table_of(app), app.screen.query_one(DetailPane)
        assert pane.region.x >= table.region.right and pane.region.y == table.region.y
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert pane.region.y >= table.region.bottom and pane.region.x == table.region.x
        assert "5/5 shown" in status(app)


async def test_click_selects_a_row(app: ReadingListApp) -> None:
    async with run(app) as pilot:
        await pilot.click(PaperTable, offset=(10, 3))
        await pilot.pause()
        assert table_of(app).cursor == 2
        assert HOSTILE_TITLE.split()[0] in detail(app)


async def test_an_empty_library_opens_on_the_sample_with_a_welcome(tmp_path: Path) -> None:
    app = create_app(tmp_path / "new")
    async with run(app) as pilot:
        await pilot.pause()
        assert app.session.counts().total > 100
        assert table_lines(app)[1].strip()
        assert "sample papers" in screen_text(app)  # the welcome line (tests/test_tui_sizes.py)


async def test_keys_in_a_burst_act_in_order(app: ReadingListApp, library: Path) -> None:
    async with run(app) as pilot:
        # "/" then a query holding a, u, t (fetch, undo, tags if run as commands), enter,
        # "s" (must star the filtered paper), "n" and the note's text.
        keys = burst("slash", *"author", "colon", *"turing", "enter", "s", "n", *"hey", "ctrl+s")
        for event in keys:
            app.post_message(event)
        await pilot.pause(0.2)
        await pilot.pause()
        assert not isinstance(app.screen, NotesScreen)
        assert app.screen.query_one("#filter", Input).value == "author:turing"
        assert stored(library, "paper-3").starred and stored(library, "paper-3").notes == "hey"
        assert app.session.counts().starred == 1
        assert not any("arXiv" in m for m in messages(app))


async def test_a_burst_into_the_tags_dialog(app: ReadingListApp, library: Path) -> None:
    async with run(app) as pilot:
        for event in burst("t", *"rl,", "space", *"vision", "enter", "j", "s"):
            app.post_message(event)
        await pilot.pause(0.2)
        await pilot.pause()
        assert stored(library, "paper-0").tags == ["rl", "vision"]
        assert stored(library, "paper-1").starred


async def test_a_burst_through_the_discard_question(app: ReadingListApp, library: Path) -> None:
    async with run(app) as pilot:
        for event in burst("n", *"draft", "escape", "y", "s"):
            app.post_message(event)
        await pilot.pause(0.2)
        await pilot.pause()
        assert not isinstance(app.screen, NotesScreen)
        assert stored(library, "paper-0").notes == ""
        assert stored(library, "paper-0").starred


async def test_slow_filters_run_in_a_thread(
    app: ReadingListApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    from readinglist.tui import filtering

    monkeypatch.setattr(filtering, "SLOW_FILTER_MS", -1.0)  # every filter counts as slow
    async with run(app) as pilot:
        await pilot.press("slash", *"author:turing")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "1/5 shown" in status(app)
        assert "Scaling Laws for Reading Lists" in table_lines(app)[1]
        await pilot.press("enter", "s")
        assert app.session.counts().starred == 1
