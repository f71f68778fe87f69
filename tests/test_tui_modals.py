"""Pilot tests of the dialogs: notes (save, discard confirmation), tags, help, command palette."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import Input, TextArea
from tui_library import (
    cursor_title,
    detail,
    run,
    stored,
    table_of,
)

from readinglist.tui.app import ReadingListApp
from readinglist.tui.keys import MAIN_KEYS
from readinglist.tui.modals import ConfirmScreen, HelpScreen, NotesScreen, TagsScreen, parse_tags


def current_id(app: ReadingListApp) -> str:
    return app.session.paper(table_of(app).current).id


async def test_notes_are_saved_with_ctrl_s(app: ReadingListApp, library: Path) -> None:
    async with run(app) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, NotesScreen)
        await pilot.press(*"read *this*", "enter", *"[b]twice[/b]")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, NotesScreen)
        assert stored(library, current_id(app)).notes == "read *this*\n[b]twice[/b]"
        assert "read *this*\n[b]twice[/b]" in detail(app)


async def test_notes_save_button(app: ReadingListApp, library: Path) -> None:
    async with run(app) as pilot:
        await pilot.press("n", *"via button")
        await pilot.click("#save")
        await pilot.pause()
        assert stored(library, current_id(app)).notes == "via button"


async def test_escape_asks_before_dropping_an_edit(app: ReadingListApp, library: Path) -> None:
    async with run(app) as pilot:
        await pilot.press("n", *"draft")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing: the draft is still there
        assert isinstance(app.screen, NotesScreen)
        assert app.screen.query_one(TextArea).text == "draft"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert not isinstance(app.screen, (NotesScreen, ConfirmScreen))
        assert stored(library, current_id(app)).notes == ""


async def test_escape_without_an_edit_just_closes(app: ReadingListApp) -> None:
    async with run(app) as pilot:
        await pilot.press("n", "escape")
        await pilot.pause()
        assert isinstance(table_of(app), type(app.focused))


async def test_tags_follow_the_one_tag_rule(app: ReadingListApp, library: Path) -> None:
    async with run(app) as pilot:
        await pilot.press("t")
        await pilot.press(*"to read, ML", "enter")  # comma separates; a space joins with -
        await pilot.pause()
        assert stored(library, current_id(app)).tags == ["to-read", "ml"]
        await pilot.press("t")
        assert isinstance(app.screen, TagsScreen)
        await pilot.press("escape", "j", "t")  # the next paper
        await pilot.press(*"RL, To-Read,  vision,,rl", "enter")
        await pilot.pause()
        assert stored(library, current_id(app)).tags == ["rl", "to-read", "vision"]
        assert "Tags: rl, to-read, vision" in detail(app)
        await pilot.press("t")
        assert app.screen.query_one(Input).value == "rl, to-read, vision"
        await pilot.press("escape")
        await pilot.press("u")  # tags are undoable like any change
        assert stored(library, current_id(app)).tags == []


def test_the_editor_parses_with_the_one_tag_rule() -> None:
    assert parse_tags(" a,b  c,,a ") == ["a", "b-c"]
    assert parse_tags("to read, ML") == ["to-read", "ml"]
    assert parse_tags("") == []


async def test_help_lists_every_binding(app: ReadingListApp) -> None:
    async with run(app) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(s.content.plain for s in app.screen.query("#help-body Static"))
        for key in MAIN_KEYS:
            if key.action.startswith("saved_search("):
                assert "switch to saved search 1 … 9" in text
            else:
                assert key.help in text and f"id {key.id}" in text
        for keys in ("j / k", "PgUp / PgDn", "g / G", "ctrl+p"):
            assert keys in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_palette_lists_and_runs_actions(app: ReadingListApp, library: Path) -> None:
    async with run(app) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"toggle star")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        assert stored(library, current_id(app)).starred
        assert cursor_title(app) == "Attention Is All You Need Again"
