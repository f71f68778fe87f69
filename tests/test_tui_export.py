"""Pilot tests of `e`: a format question (Markdown by default, digits or arrows pick, escape
cancels) and the file written in a worker with the core's exporter."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import OptionList
from tui_library import burst, messages, run

from readinglist.export import export_papers, formats
from readinglist.tui.app import create_app
from readinglist.tui.auto_exports import AutoExports
from readinglist.tui.export_choice import ExportChoiceScreen


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cwd"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def written(folder: Path) -> list[Path]:
    return sorted(folder.iterdir())


async def test_e_asks_which_format_markdown_first(library: Path, here: Path) -> None:
    app = create_app(library)
    async with run(app) as pilot:
        await pilot.press("s", "e")
        assert isinstance(app.screen, ExportChoiceScreen)
        choices = app.screen.query_one(OptionList)
        labels = [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]
        assert len(labels) == len(formats())
        assert labels[0] == "1  Markdown reading list (.md)"
        assert any("BibTeX" in label for label in labels)
        assert choices.highlighted == 0
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [path] = written(here)
        assert path.name == f"readinglist-starred-{date.today().isoformat()}.md"
        assert "Attention Is All You Need Again" in path.read_text(encoding="utf-8")
        assert any("1 starred paper written to" in m and "(Markdown" in m for m in messages(app))


async def test_a_digit_picks_bibtex_with_the_keys_the_cli_gives(library: Path, here: Path) -> None:
    app = create_app(library)
    async with run(app) as pilot:
        await pilot.press("s", "j", "v", "j", "v", "e", "2")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [path] = written(here)
        assert path.name.startswith("readinglist-selected-") and path.suffix == ".bib"
        session = app.session
        papers = [session.paper(i) for i in session.selected_indices()]
        expected = export_papers(
            papers, session.states, session.arxiv.all(), "bibtex", library=session.papers
        )
        assert path.read_bytes() == expected
        assert path.read_text(encoding="utf-8").count("@") == 2


async def test_arrows_and_enter_pick_csl_json(library: Path, here: Path) -> None:
    app = create_app(library)
    async with run(app) as pilot:
        await pilot.press("s", "e", "down", "down", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [path] = written(here)
        items = json.loads(path.read_text(encoding="utf-8"))
        assert [item["title"] for item in items] == ["Attention Is All You Need Again"]


async def test_escape_cancels_and_writes_nothing(library: Path, here: Path) -> None:
    app = create_app(library)
    async with run(app) as pilot:
        await pilot.press("s", "e", "escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert written(here) == []
        assert not isinstance(app.screen, ExportChoiceScreen)
        await pilot.press("j", "s")  # keys reach the table again
        assert app.session.state(app.session.shown[1]).starred


async def test_a_burst_e_then_a_digit_picks_in_order(library: Path, here: Path) -> None:
    app = create_app(library)
    async with run(app) as pilot:
        for event in burst("s", "e", "4", "j", "s"):
            app.post_message(event)
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        [path] = written(here)
        assert path.suffix == ".ris"
        assert app.session.state(app.session.shown[1]).starred  # after the dialog: the table


# -- [[auto_export]]: the files follow the app's changes, debounced, off the keystroke path --


@pytest.fixture
def config(monkeypatch: pytest.MonkeyPatch) -> Path:
    path = Path(os.environ["READINGLIST_CONFIG"])
    path.parent.mkdir(parents=True, exist_ok=True)
    monkeypatch.setattr(AutoExports, "auto_export_delay", 0.3)  # the app waits 1.5 s
    return path


def auto_export(config: Path, *entries: tuple[str, str, str]) -> None:
    tables = [
        f'[[auto_export]]\nquery = "{query}"\nformat = "{fmt}"\npath = "{path}"\n'
        for query, fmt, path in entries
    ]
    config.write_text("\n".join(tables), encoding="utf-8")


async def settle(app, pilot, seconds: float = 0.6) -> None:
    await pilot.pause(seconds)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_star_rewrites_the_auto_export_after_a_pause(library: Path, config: Path) -> None:
    auto_export(config, ("is:starred", "bibtex", "starred.bib"))
    target = config.parent / "starred.bib"  # relative to the config file
    app = create_app(library)
    async with run(app) as pilot:
        await pilot.press("s")
        assert not target.exists()  # not on the keystroke: after the pause
        await settle(app, pilot)
        first = target.read_text(encoding="utf-8")
        assert first.count("@") == 1 and "Attention Is All You Need Again" in first
        await pilot.press("j", "s", "j", "s")  # a burst of changes: one refresh
        await settle(app, pilot)
        assert target.read_text(encoding="utf-8").count("@") == 3
        await pilot.press("u", "u")  # undo is a change too
        await settle(app, pilot)
        assert target.read_text(encoding="utf-8") == first
        assert not any("auto-export" in m for m in messages(app))


async def test_a_change_just_before_quitting_still_reaches_the_file(
    library: Path, config: Path
) -> None:
    auto_export(config, ("is:starred", "csv", "starred.csv"))
    app = create_app(library)
    async with run(app) as pilot:
        await pilot.press("s", "q")
    assert "Attention Is All You Need Again" in (config.parent / "starred.csv").read_text()


async def test_an_unwritable_auto_export_is_said_once_and_the_change_stands(
    library: Path, config: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "no-such-dir" / "starred.ris"
    auto_export(config, ("is:starred", "ris", str(missing)), ("is:starred", "md", "ok.md"))
    app = create_app(library)
    async with run(app) as pilot:
        await pilot.press("s")
        await settle(app, pilot)
        await pilot.press("j", "s")
        await settle(app, pilot)
        said = [m for m in messages(app) if "auto-export" in m]
        assert len(said) == 1 and str(missing) in said[0] and "does not exist" in said[0]
        assert app.session.state(app.session.shown[1]).starred  # the change itself is saved
        assert (config.parent / "ok.md").read_text().count("Attention") == 1
