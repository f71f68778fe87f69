"""The core never imports the UI: import-linter's contracts (pyproject.toml) hold, and they
name every part of the package outside the TUI, so a new module cannot slip past them."""

from __future__ import annotations

import pkgutil
import tomllib
from pathlib import Path

import readinglist

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
UI_PARTS = {"readinglist.tui", "readinglist.__main__"}


def contracts() -> list[dict]:
    return tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]["contracts"]


def test_the_contracts_hold() -> None:
    from importlinter.cli import lint_imports

    assert lint_imports(config_filename=str(PYPROJECT)) == 0


def test_the_no_ui_contract_covers_every_core_part() -> None:
    (no_ui,) = [c for c in contracts() if "textual" in c.get("forbidden_modules", [])]
    assert {"textual", "rich", "readinglist.tui"} <= set(no_ui["forbidden_modules"])
    parts = {
        f"readinglist.{info.name}" for info in pkgutil.iter_modules(readinglist.__path__)
    } - UI_PARTS
    assert parts - set(no_ui["source_modules"]) == set()
