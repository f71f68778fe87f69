"""Pilot tests of what the config file gives the app: saved searches (1…9, b), rebound keys,
a broken file; and of the live library: changes made by another process show by themselves."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from textual.widgets import Input
from tui_library import messages, run, status, stored, table_lines, table_of

from readinglist.tui.app import create_app
from readinglist.tui.modals import HelpScreen, NameScreen


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = Path(os.environ["READINGLIST_CONFIG"])
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def filter_text(app) -> str:
    return app.screen.query_one("#filter", Input).value


async def test_digits_switch_to_saved_searches_in_file_order(library: Path, config: Path) -> None:
    config.write_text(
        '[searches]\nturing = "author:turing"\nrecent = "year:>=2024 -diffusion"\n',
        encoding="utf-8",
    )
    app = create_app(library)
    async with run(app) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert filter_text(app) == "year:>=2024 -diffusion"
        assert "2/5 shown" in status(app) and "search recent" in status(app)
        await pilot.press("1")
        await pilot.pause()
        assert "Scaling Laws for Reading Lists" in table_lines(app)[1]
        assert "1/5 shown" in status(app) and "search turing" in status(app)
        await pilot.press("s")  # the table has the focus: keys act on the search's papers
        assert stored(library, "paper-3").starred
        await pilot.press("3")
        await pilot.pause()
        assert messages(app)[-1].startswith("No saved search 3 (2 saved)")
        await pilot.press("escape")
        await pilot.pause()
        assert "5/5 shown" in status(app) and "search" not in status(app)


async def test_b_saves_the_filter_under_a_name(library: Path, config: Path) -> None:
    config.write_text('# mine\n[searches]\nold = "tag:x"\n', encoding="utf-8")
    app = create_app(library)
    async with run(app) as pilot:
        await pilot.press("b")
        assert "Type a filter first" in messages(app)[-1]
        await pilot.press("slash", *"diffusion OR turing", "enter", "b")
        assert isinstance(app.screen, NameScreen)
        await pilot.press(*"two picks", "enter")
        await pilot.pause()
        saved = tomllib.loads(config.read_text(encoding="utf-8"))
        assert saved["searches"] == {"old": "tag:x", "two picks": "diffusion OR turing"}
        assert config.read_text(encoding="utf-8").startswith("# mine\n")
        assert "search two picks" in status(app)
        assert any("Saved the search two picks (key 2)" in m for m in messages(app))
        await pilot.press("escape", "2")
        await pilot.pause()
        assert filter_text(app) == "diffusion OR turing"


async def test_keys_rebound_in_the_config_file(library: Path, config: Path) -> None:
    config.write_text('[keys]\ntoggle_star = "f"\nno_such_action = "z"\n', encoding="utf-8")
    app = create_app(library)
    async with run(app) as pilot:
        await pilot.press("s")
        assert not stored(library, "paper-0").starred  # s is no longer star
        await pilot.press("f")
        assert stored(library, "paper-0").starred
        await pilot.pause()
        assert any("[keys] no_such_action is not an action id" in m for m in messages(app))
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(s.content.plain for s in app.screen.query("#help-body Static"))
        assert "f\ntoggle star" in text


async def test_a_broken_config_file_is_one_line_and_the_app_starts(
    library: Path, config: Path
) -> None:
    config.write_text('[searches]\nbad = "unclosed\n', encoding="utf-8")
    app = create_app(library)
    async with run(app) as pilot:
        await pilot.pause()
        problems = [m for m in messages(app) if str(config) in m]
        assert len(problems) == 1 and "\n" not in problems[0]
        assert "line 2" in problems[0]
        await pilot.press("s")
        assert stored(library, "paper-0").starred


# -- the live library ---------------------------------------------------------------------


def readinglist(library: Path, *args: str) -> None:
    command = [sys.executable, "-m", "readinglist", "--library", str(library), *args]
    subprocess.run(command, check=True, capture_output=True, timeout=60)


async def wait_for(pilot, condition, seconds: float = 3.0) -> float:
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < seconds, "not shown in time"
        await pilot.pause(0.05)
    return time.monotonic() - started


async def test_changes_by_another_process_show_without_a_key(library: Path) -> None:
    app = create_app(library)
    async with run(app) as pilot:
        await pilot.press("j", "s")  # the app's own write first
        assert stored(library, "paper-1").starred
        readinglist(library, "star", "paper-0")
        readinglist(library, "tag", "paper-1", "seen-elsewhere")
        waited = await wait_for(pilot, lambda: table_lines(app)[1].startswith("★"))
        assert waited < 2.0
        assert "2 starred" in status(app)
        await wait_for(pilot, lambda: "seen-elsewhere" in app.session.state(1).tags)
        assert table_of(app).current == 1  # the cursor stayed on its paper


async def test_papers_imported_by_another_process_appear(library: Path, seeds: Path) -> None:
    app = create_app(library)
    async with run(app) as pilot:
        await pilot.press("G")  # the oldest paper
        readinglist(library, "import", str(seeds / "hf-daily.txt"))
        await wait_for(pilot, lambda: app.session.counts().total > 5)
        await pilot.pause()
        assert f"/{app.session.counts().total:,} shown" in status(app)
        assert app.session.paper(table_of(app).current).title == "Zero-Shot Triage of Papers"


async def test_the_apps_own_write_never_hides_another_process_change(library: Path) -> None:
    app = create_app(library)
    async with run(app) as pilot:
        # The app's event loop waits while the other process runs: the app writes next,
        # before its once-a-second check has seen the other process's star.
        readinglist(library, "star", "paper-0")
        await pilot.press("j", "r")
        assert stored(library, "paper-1").read
        await wait_for(pilot, lambda: app.session.state(0).starred)
        await wait_for(pilot, lambda: table_lines(app)[1].startswith("★"))


async def test_the_palette_finds_saved_searches(library: Path, config: Path) -> None:
    from textual.command import CommandPalette

    config.write_text('[searches]\nturing = "author:turing"\n', encoding="utf-8")
    app = create_app(library)
    async with run(app) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"saved search turing")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert filter_text(app) == "author:turing"
        assert "search turing" in status(app)


async def test_inbox_keys_rebound_and_a_burst_through_it(library: Path, config: Path) -> None:
    from tui_library import burst

    config.write_text('[keys]\ninbox_later = "w"\n', encoding="utf-8")
    app = create_app(library)
    async with run(app) as pilot:
        for event in burst("i", "w", "s", "escape", "j", "r"):
            app.post_message(event)
        await pilot.pause(0.2)
        await pilot.pause()
        assert stored(library, "paper-0").tags == ["later"]
        assert stored(library, "paper-1").starred
        # escape left the cursor on the inbox's last paper; j and r acted after it, in order
        assert stored(library, "paper-3").read and not stored(library, "paper-2").read
        assert not any("inbox_later" in m for m in messages(app))


async def test_e_writes_into_the_configured_export_directory(
    library: Path, config: Path, tmp_path: Path
) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    config.write_text(f'[export]\ndirectory = "{exports}"\n', encoding="utf-8")
    app = create_app(library)
    async with run(app) as pilot:
        await pilot.press("s", "e", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        (written,) = exports.iterdir()
        assert written.name.startswith("readinglist-starred-")
        assert any(str(written) in m for m in messages(app))
