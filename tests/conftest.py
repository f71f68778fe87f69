"""Shared fixtures: the seed pages copied into tests/fixtures, and a throwaway library directory."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
ARXIV_FIXTURES = FIXTURES / "arxiv"
SEED_FILES = ("author-list.txt", "hf-collection.txt", "hf-daily.txt", "hf-search.txt")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own library directory: tests never touch the user's data."""
    home = tmp_path / "library"
    monkeypatch.setenv("READINGLIST_HOME", str(home))
    monkeypatch.setenv("READINGLIST_ARXIV_URL", "http://127.0.0.1:9/api/query")
    monkeypatch.setenv("READINGLIST_CONFIG", str(tmp_path / "config" / "config.toml"))
    return home


@pytest.fixture
def library_home(_isolated_home: Path) -> Path:
    return _isolated_home


@pytest.fixture
def seeds() -> Path:
    return SEEDS


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """The small hand-made library of tests/tui_library.py, the app tests' usual one."""
    from tui_library import make_library

    return make_library(tmp_path / "lib")


@pytest.fixture
def app(library: Path):
    """The app on `library` (not yet running: tests start it with `app.run_test()`)."""
    from readinglist.tui.app import create_app

    return create_app(library)
