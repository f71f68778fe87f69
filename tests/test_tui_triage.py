"""Pilot tests of the triage keys: bursts, the selection and bulk actions, M, the inbox."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input
from tui_library import (
    StubFetcher,
    burst,
    detail,
    messages,
    run,
    status,
    stored,
    table_lines,
    table_of,
)

from readinglist.tui.app import ReadingListApp, create_app
from readinglist.tui.inbox import InboxScreen
from readinglist.tui.modals import ConfirmScreen, TagsScreen
from readinglist.tui.table import SELECTED_MARK


def ids_in_order(app: ReadingListApp) -> list[str]:
    return [app.session.paper(i).id for i in app.session.shown]


async def send(app: ReadingListApp, pilot, *keys: str) -> None:
    for event in burst(*keys):
        app.post_message(event)
    await pilot.pause(0.2)
    await pilot.pause()


# -- keys in a burst --------------------------------------------------------------------


async def test_backspace_in_a_burst_acts_where_it_was_typed(app: ReadingListApp) -> None:
    async with run(app) as pilot:
        await send(app, pilot, "slash", *"tranz", "backspace", *"sformer")
        assert app.screen.query_one("#filter", Input).value == "transformer"


async def test_ctrl_u_in_a_burst_clears_only_what_was_before_it(app: ReadingListApp) -> None:
    async with run(app) as pilot:
        await send(app, pilot, "slash", *"diffusion", "ctrl+u", *"turing", "left", "home", "x")
        assert app.screen.query_one("#filter", Input).value == "xturing"


async def test_editing_keys_in_a_burst_act_in_order_in_the_editors(
    app: ReadingListApp, library: Path
) -> None:
    async with run(app) as pilot:
        await send(app, pilot, "n", *"abx", "backspace", "c", "ctrl+s")
        assert stored(library, "paper-0").notes == "abc"
        await send(app, pilot, "t", "ctrl+u", *"rx", "backspace", "l", "enter", "j", "s")
        assert stored(library, "paper-0").tags == ["rl"]
        assert stored(library, "paper-1").starred  # keys after enter went back to the table


async def test_a_burst_of_table_keys_acts_in_order(app: ReadingListApp, library: Path) -> None:
    async with run(app) as pilot:
        await send(app, pilot, "v", "v", "s", "V", "j", "r")
        first, second, third, fourth = ids_in_order(app)[:4]
        assert stored(library, first).starred and stored(library, second).starred
        assert not stored(library, third).starred
        assert stored(library, fourth).read  # V cleared the selection: r read one paper
        assert not app.session.selected


# -- the selection ----------------------------------------------------------------------


async def test_v_selects_and_moves_down_V_selects_all_or_clears(app: ReadingListApp) -> None:
    async with run(app) as pilot:
        await pilot.press("v")
        assert table_of(app).cursor == 1
        await pilot.press("v", "k")
        await pilot.pause()
        assert "2 selected" in status(app)
        lines = table_lines(app)
        assert lines[1][3] == SELECTED_MARK and lines[2][3] == SELECTED_MARK
        assert lines[3][3] != SELECTED_MARK
        await pilot.press("v")  # unselects the paper under the cursor
        await pilot.pause()
        assert "1 selected" in status(app)
        await pilot.press("V")  # a selection: V clears it
        await pilot.pause()
        assert "selected" not in status(app)
        await pilot.press("V")  # none: V selects every shown paper
        await pilot.pause()
        assert "5 selected" in status(app)
        assert all(line[3] == SELECTED_MARK for line in table_lines(app)[1:6])


async def test_keys_act_on_the_selection_as_one_undo_step(
    app: ReadingListApp, library: Path
) -> None:
    async with run(app) as pilot:
        await pilot.press("v", "j", "v")  # papers 1 and 3 of the table
        ids = ids_in_order(app)
        chosen = [ids[0], ids[2]]
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert all(stored(library, i).starred for i in chosen)
        assert not stored(library, ids[1]).starred
        assert "2 starred" in status(app)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        assert all(stored(library, i).read for i in chosen)
        await pilot.press("s")  # all selected starred: s unstars them
        await app.workers.wait_for_complete()
        assert not any(stored(library, i).starred for i in chosen)
        await pilot.press("u")  # one step: both are starred again
        await pilot.pause()
        assert all(stored(library, i).starred for i in chosen)
        assert "Undid the star change on 2 papers." in messages(app)
        await pilot.press("u")  # the read step, whole
        assert not any(stored(library, i).read for i in chosen)
        await pilot.press("u")
        assert not any(stored(library, i).starred for i in chosen)


async def test_t_adds_tags_to_the_selection(app: ReadingListApp, library: Path) -> None:
    async with run(app) as pilot:
        await pilot.press("t", *"old", "enter")  # one paper keeps its own tag
        await pilot.press("v", "v", "t")
        assert isinstance(app.screen, TagsScreen)
        await pilot.press(*"thesis", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        first, second = ids_in_order(app)[:2]
        assert stored(library, first).tags == ["old", "thesis"]
        assert stored(library, second).tags == ["thesis"]
        assert any(m.startswith("Tagged thesis: 2 papers") for m in messages(app))


async def test_e_exports_the_selection(
    app: ReadingListApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "out"
    here.mkdir()
    monkeypatch.chdir(here)
    async with run(app) as pilot:
        await pilot.press("j", "v", "v", "e", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        (written,) = here.iterdir()
        assert written.name.startswith("readinglist-selected-")
        text = written.read_text(encoding="utf-8")
        assert "Diffusion Models Beat Everything" in text and "Mallory" in text
        assert "Attention Is All You Need Again" not in text
        assert any("2 selected papers written to" in m for m in messages(app))


async def test_a_fetches_the_selection(library: Path) -> None:
    fetcher = StubFetcher()
    app = create_app(library, fetcher=fetcher)
    async with run(app) as pilot:
        await pilot.press("v", "j", "v", "a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        ids = ids_in_order(app)
        assert fetcher.asked == [ids[0], ids[2]]


# -- M: mark the selection or every shown paper read --------------------------------------


async def test_M_asks_naming_how_many_and_y_marks_them_read(
    app: ReadingListApp, library: Path
) -> None:
    async with run(app) as pilot:
        await pilot.press("slash", *"diffusion OR turing", "enter", "M")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == "Mark 2 shown papers read?"
        await pilot.press("n")  # no: nothing changes
        assert app.session.counts().unread == 5
        await pilot.press("M", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert stored(library, "paper-1").read and stored(library, "paper-3").read
        assert not stored(library, "paper-0").read
        assert "3 unread" in status(app)
        await pilot.press("u")
        assert not stored(library, "paper-1").read and not stored(library, "paper-3").read


async def test_M_with_a_selection_marks_only_it(app: ReadingListApp, library: Path) -> None:
    async with run(app) as pilot:
        await pilot.press("v", "M")
        assert app.screen.question == "Mark 1 selected paper read?"
        await pilot.press("y")
        await app.workers.wait_for_complete()
        assert stored(library, "paper-0").read
        assert app.session.counts().unread == 4
        assert not app.session.selected


# -- the inbox --------------------------------------------------------------------------


def inbox_text(app: ReadingListApp) -> tuple[str, str]:
    screen = app.screen
    assert isinstance(screen, InboxScreen)
    progress = screen.query_one("#inbox-progress").content.plain
    return progress, screen.query_one("#inbox-paper").content.plain


async def test_inbox_walks_the_shown_papers_with_a_verdict_key_each(
    app: ReadingListApp, library: Path
) -> None:
    async with run(app) as pilot:
        await pilot.press("i")
        progress, paper = inbox_text(app)
        assert "1 / 5" in progress
        assert "Attention Is All You Need Again" in paper
        assert "Abstract of paper 0. [red]not markup[/red]" in paper  # the whole abstract
        assert "Authors: Ada Lovelace, Second Author" in paper
        await pilot.press("s")  # star + read, next
        assert "2 / 5" in inbox_text(app)[0]
        await pilot.press("space")  # read
        await pilot.press("l")  # later
        await pilot.press("j")  # skip
        assert stored(library, "paper-0").starred and stored(library, "paper-0").read
        assert stored(library, "paper-1").read and not stored(library, "paper-1").starred
        assert stored(library, "paper-2").tags == ["later"]
        await pilot.press("u")  # the skip: back to it
        assert "4 / 5" in inbox_text(app)[0]
        await pilot.press("u")  # the later tag, undone
        assert "3 / 5" in inbox_text(app)[0]
        assert stored(library, "paper-2").tags == []
        await pilot.press("r", "r", "r")
        progress, summary = inbox_text(app)
        assert "5 / 5 · done" in progress
        assert "5 papers: 1 starred, 4 read, 0 for later, 0 skipped" in summary
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, InboxScreen)
        assert "0 unread" in status(app)
        assert "Zero-Shot Triage of Papers" in detail(app)  # the cursor on the last paper


async def test_inbox_takes_the_filtered_papers_in_table_order(app: ReadingListApp) -> None:
    async with run(app) as pilot:
        await pilot.press("S", "slash", *"-turing", "enter", "i")  # by upvotes
        assert "1 / 4" in inbox_text(app)[0]
        assert "Attention Is All You Need Again" in inbox_text(app)[1]  # 120 upvotes
        await pilot.press("j")
        assert "Diffusion Models Beat Everything" in inbox_text(app)[1]  # 45
        await pilot.press("escape")
        await pilot.pause()
        assert "Diffusion Models Beat Everything" in detail(app)


async def test_M_on_many_papers_writes_in_a_worker_as_one_undo_step(tmp_path: Path) -> None:
    from readinglist.papers.library import Library
    from readinglist.papers.models import Paper
    from readinglist.tui.triage import WRITE_NOW_UP_TO

    count = WRITE_NOW_UP_TO * 3
    papers = [Paper(id=f"p{i:04d}", title=f"Paper {i}", added=i) for i in range(count)]
    Library(tmp_path / "big", papers).save()
    app = create_app(tmp_path / "big")
    async with run(app) as pilot:
        await pilot.press("M")
        assert app.screen.question == f"Mark {count:,} shown papers read?"
        await pilot.press("y", "j")  # the screen answers keys while the worker writes
        assert table_of(app).cursor == 1
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert all(stored(tmp_path / "big", p.id).read for p in papers[:: count // 7])
        assert "0 unread" in status(app)
        await pilot.press("u")
        await pilot.pause()
        assert f"{count:,} unread" in status(app)
        assert not stored(tmp_path / "big", papers[-1].id).read
        assert messages(app)[-1] == f"Undid the read change on {count:,} papers."
