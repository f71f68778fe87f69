"""Snapshots of the app (pytest-textual-snapshot): main screen narrow and wide, help, notes,
the discard question, at 40x10 and 80x24 too (every dialog fits a small terminal).

The library is fixed: the seed pages parsed with a fixed capture date, a few states and one
arXiv record set by hand, so the screens come out the same on every machine. Regenerate the
SVGs after a deliberate UI change with `pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from demo_state import FEATURED, feature_paper

from readinglist.papers.library import Library
from readinglist.parsing import parse_text
from readinglist.paths import state_file
from readinglist.state.store import StateStore
from readinglist.tui.app import create_app
from readinglist.tui.table import PaperTable

AS_OF = date(2025, 10, 30)
SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SEED_FILES = ("author-list.txt", "hf-collection.txt", "hf-daily.txt", "hf-search.txt")


def build_fixed_library(directory: Path) -> Path:
    library = Library(directory)
    for name in SEED_FILES:
        text = (SEEDS / name).read_text(encoding="utf-8")
        result = parse_text(text, f"seeds/{name}", as_of=AS_OF)
        library.import_papers(result.papers, source=f"seeds/{name}")
    library.save()
    papers = library.papers
    featured = next(p for p in papers if p.title == FEATURED)
    store = StateStore(state_file(directory))
    for paper in papers[1:4]:
        store.set_read(paper.id, True)
    store.set_starred(papers[2].id, True)
    store.close()
    feature_paper(directory, featured.id)
    return directory


@pytest.fixture
def fixed_library(tmp_path: Path) -> Path:
    return build_fixed_library(tmp_path / "fixed")


def test_main_screen_80x24(snap_compare, fixed_library: Path) -> None:
    assert snap_compare(create_app(fixed_library), terminal_size=(80, 24))


async def show_featured(pilot) -> None:
    """Put the cursor on the paper with notes, tags and arXiv links."""
    await pilot.pause()
    table = pilot.app.screen.query_one(PaperTable)
    session = pilot.app.session
    featured = next(i for i in session.shown if session.paper(i).title == FEATURED)
    table.move_cursor(session.shown.index(featured))
    await pilot.pause()


def test_main_screen_160x48(snap_compare, fixed_library: Path) -> None:
    app = create_app(fixed_library)
    assert snap_compare(app, terminal_size=(160, 48), run_before=show_featured)


def test_help_screen(snap_compare, fixed_library: Path) -> None:
    assert snap_compare(create_app(fixed_library), terminal_size=(100, 40), press=["question_mark"])


def test_notes_editor(snap_compare, fixed_library: Path) -> None:
    app = create_app(fixed_library)
    assert snap_compare(app, terminal_size=(120, 36), press=["n", "end"], run_before=show_featured)


async def select_some(pilot) -> None:
    """Three papers selected (the cursor moves down with each v), one of them starred."""
    await pilot.pause()
    await pilot.press("j", "v", "j", "v", "v")
    await pilot.pause()


def test_a_selection(snap_compare, fixed_library: Path) -> None:
    app = create_app(fixed_library)
    assert snap_compare(app, terminal_size=(120, 30), run_before=select_some)


async def inbox_second_paper(pilot) -> None:
    await pilot.pause()
    await pilot.press("i", "j")
    await pilot.pause()


def test_inbox(snap_compare, fixed_library: Path) -> None:
    app = create_app(fixed_library)
    assert snap_compare(app, terminal_size=(100, 30), run_before=inbox_second_paper)


SMALL = [(40, 10), (80, 24)]


def size_id(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


def test_main_screen_40x10(snap_compare, fixed_library: Path) -> None:
    assert snap_compare(create_app(fixed_library), terminal_size=(40, 10))


@pytest.mark.parametrize("size", SMALL, ids=size_id)
def test_help_screen_small(snap_compare, fixed_library: Path, size) -> None:
    assert snap_compare(create_app(fixed_library), terminal_size=size, press=["question_mark"])


@pytest.mark.parametrize("size", SMALL, ids=size_id)
def test_notes_editor_small(snap_compare, fixed_library: Path, size) -> None:
    keys = ["n", *"first line", "enter", *"second line"]
    assert snap_compare(create_app(fixed_library), terminal_size=size, press=keys)


@pytest.mark.parametrize("size", SMALL, ids=size_id)
def test_discard_question(snap_compare, fixed_library: Path, size) -> None:
    keys = ["n", *"a draft", "escape"]
    assert snap_compare(create_app(fixed_library), terminal_size=size, press=keys)
