"""The readinglist Textual app and its factory: the app is built from a library directory."""

from __future__ import annotations

import gc
import os
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import App

from readinglist.arxiv.fetcher import Fetcher, fetch_from_arxiv
from readinglist.config import Config, load_config
from readinglist.session import Session
from readinglist.tui.commands import PaperCommands
from readinglist.tui.keys import BINDING_IDS, keymap_problems
from readinglist.tui.main_screen import MainScreen
from readinglist.tui.messages import CheckLibrary

# How often the app looks for changes other processes made (the CLI, a second window, a
# sync tool): a stat of the library's files, so cheap enough to do every second.
RELOAD_EVERY_S = 1.0


class ReadingListApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "readinglist"
    COMMANDS: ClassVar = App.COMMANDS | {PaperCommands}
    # The detail pane sits beside the table from this width on, below it on narrower terminals;
    # dialogs fit tiny (under 60 columns) and short (under 24 lines) terminals (app.tcss).
    HORIZONTAL_BREAKPOINTS: ClassVar = [(0, "-tiny"), (60, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar = [(0, "-short"), (24, "-tall")]

    def __init__(
        self, session: Session, fetcher: Fetcher | None = None, config: Config | None = None
    ) -> None:
        super().__init__()
        self.session = session
        self.fetcher: Fetcher = fetcher or fetch_from_arxiv
        self.config = config if config is not None else load_config()
        # Rebinding from the config file's [keys]: binding id -> keys (help shows them).
        self.config_keys = {k: v for k, v in self.config.keys.items() if k in BINDING_IDS}
        self.set_keymap(self.config_keys)
        self._welcome_gone = False

    def get_default_screen(self) -> MainScreen:
        return MainScreen(self.session)

    def on_mount(self) -> None:
        session = self.session
        directory = session.library.directory
        if not os.access(directory, os.W_OK):
            # A library on a read-only disk still opens, for reading; say so before a change fails.
            message = (
                f"{directory} is read-only: nothing you change will be saved. "
                "Quit and pass --library DIR to use a writable library."
            )
            self.notify(message, title="Read-only library", severity="warning", markup=False)
        problems = [*self.config.problems, *keymap_problems(self.config.keys, self.config.path)]
        for problem in problems:
            self.notify(problem, title="Config", severity="warning", markup=False, timeout=10)
        if session.reports and not session.sample_loaded:  # the sample has a welcome line
            lines = "\n".join(report.summary() for report in session.reports)
            self.notify(lines, title="Imported", markup=False)
        self.set_interval(RELOAD_EVERY_S, self.check_library, name="live library")

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)) and not self._welcome_gone:
            # The first key (or click) hides the welcome line, whatever it does.
            self._welcome_gone = True
            for screen in self.screen_stack:
                if isinstance(screen, MainScreen):
                    screen.hide_welcome()
        await super().on_event(event)

    def on_app_focus(self) -> None:
        # Back from another window, maybe from `readinglist star ...`: show it at once.
        self.check_library()

    def check_library(self) -> None:
        """Ask the main screen to show what other processes changed (it keeps the cursor)."""
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.post_message(CheckLibrary())

    def on_unmount(self) -> None:
        self.session.close()


def create_app(
    library_dir: Path, files: Sequence[str] = (), *, fetcher: Fetcher | None = None
) -> ReadingListApp:
    """The app on the library in `library_dir`, after importing `files` (UserError if bad).

    `fetcher` replaces the arXiv lookups (tests inject a stub; the default asks arXiv).
    """
    session = Session.open(Path(library_dir), files)
    # The library is loaded once and lives as long as the app: keep the garbage collector
    # from walking its ~10^6 objects on every full collection (pauses of 100+ ms at 100k).
    gc.freeze()
    return ReadingListApp(session, fetcher)
