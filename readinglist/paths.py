"""Where the library lives: --library DIR, else $READINGLIST_HOME, else the user data directory."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_HOME = "READINGLIST_HOME"


def library_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The library directory for this invocation (not created here)."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("readinglist", appauthor=False))


def papers_file(directory: Path) -> Path:
    return directory / "papers.json"


def state_file(directory: Path) -> Path:
    return directory / "state.json"


def arxiv_file(directory: Path) -> Path:
    return directory / "arxiv.json"
