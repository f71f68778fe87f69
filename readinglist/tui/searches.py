"""Saved searches: `1`…`9` switch to them in the config file's order, `b` saves the filter."""

from __future__ import annotations

from readinglist.config import Config, load_config, save_search
from readinglist.tui.filtering import FilterScheduling
from readinglist.tui.messages import Changed
from readinglist.tui.modals import NameScreen


class SavedSearches(FilterScheduling):
    """Mixed into the main screen; the searches come from `app.config`."""

    @property
    def config(self) -> Config:
        return self.app.config  # type: ignore[attr-defined]

    def active_search(self) -> str | None:
        """The name of the saved search the filter shows, if it shows one."""
        text = self.session.query_text.strip()
        if not text:
            return None
        return next((n for n, q in self.config.searches.items() if q.strip() == text), None)

    def action_saved_search(self, number: int) -> None:
        searches = list(self.config.searches.items())
        if number > len(searches):
            have = f"{len(searches)} saved" if searches else "no saved searches yet"
            self.notify(f"No saved search {number} ({have}): b saves the filter as one.")
            return
        _name, query = searches[number - 1]
        self.set_filter(query)
        self.set_focus(self.table)

    def action_save_search(self) -> None:
        self.flush_filter()
        query = self.session.query_text.strip()
        if not query or self.session.query_error:
            self.notify("Type a filter first (/ then a query); b saves it as a search.")
            return

        def named(name: str | None) -> None:
            if name:
                self._save(name.strip(), query)

        dialog = NameScreen(f"Save the filter {query!r} as", "a name, e.g. thesis")
        self.app.push_screen(dialog, named)

    def _save(self, name: str, query: str) -> None:
        try:
            path = save_search(name, query, self.config.path)
        except (OSError, ValueError) as error:  # tomllib errors are ValueErrors
            self.notify(f"could not save to {self.config.path}: {error}", severity="error")
            return
        self.app.config = load_config(path)  # type: ignore[attr-defined]
        names = list(self.app.config.searches)  # type: ignore[attr-defined]
        key = names.index(name) + 1 if name in names else None
        where = f"key {key}" if key and key <= 9 else f"@{name} in a query"
        self.notify(f"Saved the search {name} ({where}) in {path}")
        self.post_message(Changed())  # the status line names the search now
