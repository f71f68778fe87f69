"""The core never imports textual: each core module is imported alone in a fresh interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import readinglist

UI_PACKAGES = ("readinglist.tui",)
UI_MODULES = ("readinglist.cli.app_cmd",)  # opens the app, so it may import it lazily


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(readinglist.__path__, "readinglist."):
        if info.name.startswith(UI_PACKAGES) or info.name in UI_MODULES:
            continue
        if info.name == "readinglist.__main__":
            continue
        names.append(info.name)
    return names


def test_there_are_core_modules() -> None:
    names = core_modules()
    assert "readinglist.papers.models" in names
    assert "readinglist.cli" in names


def test_each_core_module_alone_stays_free_of_textual() -> None:
    for name in core_modules():
        code = (
            f"import importlib, sys; importlib.import_module({name!r}); "
            "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.strip()
        assert out == "False", f"{name} imports textual"
