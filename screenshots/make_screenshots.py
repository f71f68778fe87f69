"""Regenerate the README's screenshots: real captures of the app over a fixed library.

    .venv/bin/python screenshots/make_screenshots.py

Builds the bundled sample library (fixed capture dates, so the same papers every time) in a
temporary directory, adds a little triage (read, starred, a note, tags, one arXiv record),
drives the app headless with Textual's pilot and saves SVGs next to this script. Run it again
whenever the UI changes, and commit the SVGs.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

from readinglist.papers.library import Library, load_sample
from readinglist.paths import state_file
from readinglist.state.store import StateStore
from readinglist.tui.app import create_app
from readinglist.tui.table import PaperTable

OUT = Path(__file__).parent
sys.path.insert(0, str(OUT.parent / "tests"))  # the demo state is a test fixture
from demo_state import FEATURED, feature_paper  # noqa: E402


def build_demo_library(directory: Path) -> None:
    library = Library(directory)
    load_sample(library)
    papers = library.papers
    featured = next(p for p in papers if p.title == FEATURED)
    store = StateStore(state_file(directory))
    for paper in papers[::7][:12]:
        store.set_read(paper.id, True)
    for paper in papers[3:40:9]:
        store.set_starred(paper.id, True)
    store.close()
    feature_paper(directory, featured.id)


async def show_featured(pilot) -> None:
    session = pilot.app.session
    index = next(i for i in session.shown if session.paper(i).title == FEATURED)
    pilot.app.screen.query_one(PaperTable).move_cursor(session.shown.index(index))
    await pilot.pause()


async def filtered(pilot) -> None:
    await pilot.press("slash", *"attention year:>=2024")
    await pilot.pause()


async def notes(pilot) -> None:
    await show_featured(pilot)
    await pilot.press("n", "end")
    await pilot.pause()


async def help_screen(pilot) -> None:
    await pilot.press("question_mark")
    await pilot.pause()


async def inbox(pilot) -> None:
    await pilot.press("slash", *"attention", "enter", "i", "r")
    await pilot.pause()


async def nothing(pilot) -> None:
    await pilot.pause()


Step = Callable[..., Awaitable[None]]
SHOTS: tuple[tuple[str, tuple[int, int], Step], ...] = (
    ("main-wide.svg", (160, 48), show_featured),
    ("filter.svg", (160, 48), filtered),
    ("notes.svg", (120, 36), notes),
    ("help.svg", (110, 52), help_screen),
    ("narrow-80x24.svg", (80, 24), nothing),
    ("small-40x10.svg", (40, 10), nothing),
    ("small-help-40x10.svg", (40, 10), help_screen),
    ("inbox.svg", (110, 36), inbox),  # last: its r marks a paper read
)


async def capture(directory: Path, name: str, size: tuple[int, int], step: Step) -> None:
    app = create_app(directory)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await step(pilot)
        app.save_screenshot(filename=name, path=str(OUT))


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        # No user config (saved searches, rebound keys) in the pictures.
        os.environ["READINGLIST_CONFIG"] = str(Path(temporary) / "no-config.toml")
        directory = Path(temporary) / "library"
        build_demo_library(directory)
        for name, size, step in SHOTS:
            asyncio.run(capture(directory, name, size, step))
            print(OUT / name)


if __name__ == "__main__":
    main()
