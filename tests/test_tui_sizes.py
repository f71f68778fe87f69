"""The app at every size, 40x10 to 200x50: dialogs that fit or scroll, columns that give the
title the room, a footer of whole keys, messages that wrap, a welcome out of the way.

What is on screen is read from the app's own screenshot, line by line.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest
from rich.text import Text
from textual.widget import Widget
from textual.widgets import Button, Input, TextArea
from tui_library import make_library, run, table_lines

from readinglist.tui.app import ReadingListApp, create_app
from readinglist.tui.columns import TITLE_MIN, layout
from readinglist.tui.footer import KeyFooter
from readinglist.tui.main_screen import FILTER_PLACEHOLDERS
from readinglist.tui.modals import ConfirmScreen, HelpScreen, NotesScreen, TagsScreen
from readinglist.tui.status import fit_parts

TINY = (40, 10)
SIZES = ((40, 10), (80, 24), (120, 40), (200, 50))
CELL_PX = 12.2  # the width of a cell in Textual's SVG screenshots
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def screen_lines(app: ReadingListApp) -> list[str]:
    """The terminal's lines, as text (from the app's own screenshot)."""
    svg = app.export_screenshot()
    width = app.size.width
    lines = [[" "] * width for _ in range(app.size.height)]
    pattern = r'<text [^>]*x="([\d.]+)"[^>]*line-(\d+)\)">(.*?)</text>'
    for x, number, text in re.findall(pattern, svg):
        column = round(float(x) / CELL_PX)  # the screenshot draws blank runs as gaps
        for offset, char in enumerate(html.unescape(text).replace("\xa0", " ")):
            if column + offset < width:
                lines[int(number)][column + offset] = char
    return ["".join(line).rstrip() for line in lines]


def on_screen(app: ReadingListApp, widget: Widget) -> bool:
    """The whole of `widget` is inside the terminal and has room."""
    region = widget.region
    return (
        region.width > 0
        and region.height > 0
        and region.x >= 0
        and region.y >= 0
        and region.right <= app.size.width
        and region.bottom <= app.size.height
    )


def words(text: str) -> str:
    return " ".join(text.split())


# -- columns ------------------------------------------------------------------------------


def test_the_title_keeps_its_room_and_a_date_is_whole_or_gone() -> None:
    for width in range(20, 260):
        columns = {c.name: c for c in layout(width)}
        assert sum(c.width + 1 for c in columns.values()) <= max(width, 20)
        if set(columns) - {"star", "read", "title"}:
            assert columns["title"].width >= TITLE_MIN
        if "date" in columns:
            assert columns["date"].width == 10
        if "authors" in columns:  # a column shows only where the more useful ones did
            assert "date" in columns


async def test_a_40_column_table_shows_titles_and_whole_dates(library: Path) -> None:
    app = create_app(library)
    async with run(app, TINY) as pilot:
        await pilot.pause()
        header, first, *_ = table_lines(app)
        assert "Title" in header and "Date" in header and "Authors" not in header
        assert "Attention Is All You" in first
        assert DATE.search(first).group() == "2024-06-05"


# -- footer ---------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
async def test_the_footer_shows_whole_keys_most_used_first(library: Path, size) -> None:
    app = create_app(library)
    async with run(app, size) as pilot:
        await pilot.pause()
        footer = screen_lines(app)[-1]
        assert len(footer) <= size[0]
        assert footer.startswith("? Help / Filter space Read s Star")
        assert footer.rstrip().endswith("q Quit")
        # Every key shown whole: the line is made of known "key label" pairs only.
        pairs = ("? Help", "/ Filter", "space Read", "s Star", "n Notes", "e Export", "i Inbox")
        pairs += ("t Tags", "u Undo", "v Select", "N Next unread", "S Sort", "A arXiv all")
        pairs += ("^p palette", "q Quit")
        rest = footer.strip()
        while rest:
            pair = next((p for p in pairs if rest.startswith(p)), None)
            assert pair is not None, f"{rest!r} in {footer!r}"
            rest = rest[len(pair) :].lstrip()
        if size[0] >= 80:
            assert "e Export" in footer and "u Undo" in footer


async def test_a_click_on_a_footer_key_presses_it(library: Path) -> None:
    app = create_app(library)
    async with run(app, (80, 24)) as pilot:
        await pilot.pause()
        await pilot.click(KeyFooter, offset=(2, 0))  # "? Help"
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_the_inbox_footer_is_whole_keys_too(library: Path) -> None:
    app = create_app(library)
    async with run(app, TINY) as pilot:
        await pilot.press("i")
        await pilot.pause()
        footer = screen_lines(app)[-1]
        assert footer.startswith("s Star + read space Read l Later")
        assert not footer.rstrip().endswith(("Back", "Back to", "the"))


# -- dialogs at 40x10 --------------------------------------------------------------------


async def test_help_scrolls_at_40x10(library: Path) -> None:
    app = create_app(library)
    async with run(app, TINY) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.query_one("#help-body")
        assert on_screen(app, body) and body.region.height >= 5
        shown = "\n".join(screen_lines(app))
        assert "Keys" in shown and "j / k" in shown and "escape closes" in shown
        await pilot.press("end")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert "id inbox_close" in "\n".join(screen_lines(app))  # the last row, scrolled to


async def test_the_notes_editor_stays_visible_while_typed_into_at_40x10(library: Path) -> None:
    app = create_app(library)
    async with run(app, TINY) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NotesScreen)
        lines = [key for n in range(1, 7) for key in (str(n), "enter")]
        await pilot.press(*lines, *"the end")  # more lines than the editor shows
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        assert on_screen(app, area) and area.region.height >= 3
        assert "the end" in "\n".join(screen_lines(app))
        assert_whole(app)
        for button in app.screen.query(Button):
            assert on_screen(app, button), button.id


async def test_the_discard_question_has_both_buttons_at_40x10(library: Path) -> None:
    app = create_app(library)
    async with run(app, TINY) as pilot:
        await pilot.press("n", *"draft", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        for button in app.screen.query(Button):
            assert on_screen(app, button), button.id
        shown = "\n".join(screen_lines(app))
        assert "Discard (y)" in shown and "Keep editing (n)" in shown
        assert_whole(app)
        await pilot.click("#no")
        await pilot.pause()
        assert isinstance(app.screen, NotesScreen)
        assert app.screen.query_one(TextArea).text == "draft"


async def test_the_tag_editor_fits_at_40x10(library: Path) -> None:
    app = create_app(library)
    async with run(app, TINY) as pilot:
        await pilot.press("t", *"rl, vision")
        await pilot.pause()
        assert isinstance(app.screen, TagsScreen)
        line = app.screen.query_one(Input)
        assert on_screen(app, line)
        shown = "\n".join(screen_lines(app))
        assert "rl, vision" in shown and "enter saves" in shown
        assert_whole(app)


async def test_dialogs_keep_their_look_on_a_roomy_terminal(library: Path) -> None:
    app = create_app(library)
    async with run(app, (120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one(TextArea).region.height >= 10
        assert app.screen.query_one("#save", Button).region.height == 3  # bordered buttons


# -- messages -------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(120, 40), (40, 10)])
async def test_a_filter_error_wraps_whole(library: Path, size) -> None:
    app = create_app(library)
    async with run(app, size) as pilot:
        await pilot.press("slash", *"year:abc")
        await pilot.pause(0.3)
        await pilot.pause()
        error = app.screen.query_one("#query-error")
        text = words(" ".join(screen_lines(app)[error.region.y : error.region.bottom]))
        assert text.endswith("(either end optional) (showing the last good result)")


async def test_the_welcome_is_one_line_out_of_the_way_until_the_first_key(tmp_path) -> None:
    app = create_app(tmp_path / "new")  # an empty library opens on the sample
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        welcome = screen.query_one("#welcome")
        assert welcome.region.height == 1
        assert "Welcome! 521 sample papers" in screen_lines(app)[welcome.region.y]
        for part in ("#detail", "#status", "#papers"):
            assert not welcome.region.overlaps(screen.query_one(part).region), part
        assert not any(toast for toast in app.query("Toast"))  # nothing over the screen
        await pilot.press("j")
        await pilot.pause()
        assert welcome.region.height == 0
        assert "Welcome!" not in "\n".join(screen_lines(app))


async def test_the_welcome_is_gone_before_the_help_screen(tmp_path) -> None:
    app = create_app(tmp_path / "new")
    async with run(app, (80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert "Welcome!" not in "\n".join(screen_lines(app))


# -- the status line --------------------------------------------------------------------------


def test_the_status_line_drops_whole_parts_least_useful_first() -> None:
    parts = [(0, Text("5/5 shown")), (1, Text("2 selected")), (4, Text("5 unread"))]
    parts += [(6, Text("sort date, newest first")), (3, Text("query diffusion"))]
    assert fit_parts(parts, 200).plain == (
        " 5/5 shown · 2 selected · 5 unread · sort date, newest first · query diffusion"
    )
    assert fit_parts(parts, 60).plain == " 5/5 shown · 2 selected · 5 unread · query diffusion"
    assert fit_parts(parts, 41).plain == " 5/5 shown · 2 selected · query diffusion"
    assert fit_parts(parts, 40).plain == " 5/5 shown · 2 selected"
    assert fit_parts(parts, 8).plain == " 5/5 sh…"  # the count is never dropped


async def test_the_status_line_at_40_columns_keeps_the_selection(library: Path) -> None:
    app = create_app(library)
    async with run(app, TINY) as pilot:
        await pilot.press("v", "v")
        await pilot.pause()
        line = screen_lines(app)[app.screen.query_one("#status").region.y]
        assert line.startswith(" 5/5 shown · 2 selected")
        assert line.endswith(("selected", "unread", "starred"))  # parts whole, never cut


async def test_a_message_sits_above_the_status_line_and_footer(library: Path) -> None:
    app = create_app(library)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("u")  # Nothing to undo.
        await pilot.pause(0.3)
        screen = app.screen
        toasts = list(screen.query("Toast"))
        assert toasts
        for toast in toasts:
            assert not toast.region.overlaps(screen.query_one("#status").region)
            assert not toast.region.overlaps(screen.query_one(KeyFooter).region)


@pytest.mark.parametrize("size", SIZES)
async def test_the_filter_hint_is_whole_at_every_width(library: Path, size) -> None:
    app = create_app(library)
    async with run(app, size) as pilot:
        await pilot.pause()
        hint = screen_lines(app)[0].strip()
        assert hint in FILTER_PLACEHOLDERS and len(hint) <= size[0] - 2
        if size[0] >= 120:
            assert hint == FILTER_PLACEHOLDERS[0]


async def test_a_long_question_wraps_whole_with_its_buttons_at_40x10(library: Path) -> None:
    app = create_app(library)
    question = "Mark all 5 shown papers read? Each one can be marked unread again with u."
    async with run(app, TINY) as pilot:
        await pilot.pause()
        app.push_screen(ConfirmScreen(question, yes="Mark read (y)", no="Cancel (n)"))
        await pilot.pause()
        lines = screen_lines(app)
        assert question in words(" ".join(line.strip("█ ") for line in lines))
        for button in app.screen.query(Button):
            assert on_screen(app, button), button.id


async def test_the_inbox_progress_line_keeps_whole_hints_at_40_columns(library: Path) -> None:
    app = create_app(library)
    async with run(app, TINY) as pilot:
        await pilot.press("i")
        await pilot.pause()
        assert screen_lines(app)[0] == " Inbox: 1 / 5 · s star+read · space read"


async def test_the_export_question_fits_at_40x10(library: Path) -> None:
    app = create_app(library)
    async with run(app, TINY) as pilot:
        await pilot.press("s", "e")
        await pilot.pause()
        dialog = app.screen.query_one("#export-dialog")
        assert on_screen(app, dialog)
        assert_whole(app)
        assert "escape cancels" in words(" ".join(line.strip("█ ") for line in screen_lines(app)))


IN_BETWEEN = [(60, 20), (80, 23), (100, 30)]  # 40x10: the tests above


def assert_whole(app: ReadingListApp) -> None:
    """Every part of the dialog on top is inside the terminal, none squeezed to nothing."""
    dialog = app.screen.query_one(".dialog")
    assert on_screen(app, dialog), (app.size, dialog)
    for part in [*dialog.children, *dialog.query(Button)]:
        assert on_screen(app, part), (app.size, part)
        assert dialog.region.contains_region(part.region), (app.size, part)  # not clipped


@pytest.mark.parametrize("size", IN_BETWEEN, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_dialog_whole_at_sizes_in_between(library: Path, size) -> None:
    app = create_app(library)
    async with run(app, size) as pilot:
        await pilot.press("n", *"draft")
        await pilot.pause()
        assert_whole(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert_whole(app)
        await pilot.press("y", "t")
        await pilot.pause()
        assert isinstance(app.screen, TagsScreen)
        assert_whole(app)
        await pilot.press("escape", "s", "e")
        await pilot.pause()
        assert_whole(app)
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert_whole(app)


async def test_the_footer_shows_a_rebound_key(library: Path) -> None:
    config = Path(os.environ["READINGLIST_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[keys]\ntoggle_star = "f"\n', encoding="utf-8")
    app = create_app(library)
    async with run(app, (80, 24)) as pilot:
        await pilot.pause()
        footer = screen_lines(app)[-1]
        assert " f Star " in footer and " s Star " not in footer


async def test_a_click_hides_the_welcome_too(tmp_path) -> None:
    app = create_app(tmp_path / "new")
    async with run(app, (80, 24)) as pilot:
        await pilot.pause()
        await pilot.click("#papers", offset=(10, 2))
        await pilot.pause()
        assert app.screen.query_one("#welcome").region.height == 0


async def test_a_very_long_title_leaves_the_notes_buttons_on_screen(tmp_path: Path) -> None:
    library = make_library(tmp_path / "lib")
    app = create_app(library)
    async with run(app, (80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(NotesScreen("A Title " * 40, ""))
        await pilot.pause()
        assert_whole(app)
