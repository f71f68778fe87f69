"""The command palette (ctrl+p): every main-screen action and saved search, findable by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from readinglist.tui.keys import MAIN_KEYS, shown_keys
from readinglist.tui.text import clean_line


class PaperCommands(Provider):
    """One command per key of the main screen, run on the main screen."""

    def _commands(self):
        from readinglist.tui.main_screen import MainScreen

        main = next((s for s in self.app.screen_stack if isinstance(s, MainScreen)), None)
        if main is None:
            return
        keymap = getattr(self.app, "config_keys", {})
        for key in MAIN_KEYS:
            if key.palette:
                name = f"{key.label} ({shown_keys(key, keymap)})"
                yield name, key.help, partial(main.run_action, key.action)
        config = getattr(self.app, "config", None)
        searches = list(config.searches.items()) if config is not None else []
        for number, (search, query) in enumerate(searches[:9], start=1):
            name = f"Saved search {clean_line(search)} ({number})"
            yield name, f"filter: {clean_line(query)}", partial(main.set_filter, query)

    async def discover(self) -> Hits:
        for name, help_text, run in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            score = max(matcher.match(name), matcher.match(help_text))
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
