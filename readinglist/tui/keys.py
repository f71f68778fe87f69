"""Every key of the main screen in one table: the bindings, the help screen and the palette."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True, slots=True)
class Key:
    keys: str  # Textual key names, comma-separated
    shown: str  # how the help screen prints them
    action: str  # action name on the main screen
    label: str  # the footer's short label
    help: str  # one line for the help screen and the palette
    footer: bool = True
    palette: bool = True


MOVE_KEYS = (
    ("j / k, ↓ / ↑", "move down / up"),
    ("g / G, Home / End", "first / last paper"),
    ("PgUp / PgDn", "one page up / down"),
)

MAIN_KEYS = (
    Key(
        "slash", "/", "focus_filter", "Filter", "filter as you type; enter to table, escape clears"
    ),
    # Second, so the footer shows it even on an 80-column terminal.
    Key("question_mark", "?", "help", "Help", "this help screen: every key"),
    Key("escape", "Escape", "escape", "Clear", "clear the filter, or cancel an arXiv fetch", False),
    Key("space,r", "Space / r", "toggle_read", "Read", "toggle read"),
    Key("s", "s", "toggle_star", "Star", "toggle star"),
    Key("n", "n", "edit_notes", "Notes", "edit notes; ctrl+s saves, escape asks before dropping"),
    Key("t", "t", "edit_tags", "Tags", "edit tags (comma or space separated)"),
    Key("N", "N", "next_unread", "Next unread", "jump to the next unread paper"),
    Key("u", "u", "undo", "Undo", "undo the last change (repeatable)"),
    Key("a", "a", "fetch_one", "arXiv", "fetch arXiv links for this paper", False),
    Key("A", "A", "fetch_all", "arXiv all", "fetch arXiv links for every shown paper (A cancels)"),
    Key("o", "o", "open_abs", "Open", "open the arXiv abstract page in the browser", False),
    Key("p", "p", "open_pdf", "PDF", "open the arXiv PDF in the browser", False),
    Key("y", "y", "copy", "Copy", "copy the title and link to the clipboard", False),
    Key("e", "e", "export", "Export", "export starred papers to Markdown in the current directory"),
    Key("S", "S", "cycle_sort", "Sort", "cycle the sort: date, upvotes, title, added"),
    Key("R", "R", "reverse_sort", "Reverse", "reverse the sort", False),
    Key("q", "q", "quit", "Quit", "quit"),
    # Textual makes ctrl+c copy; with nothing selected a newcomer means "quit".
    Key(
        "ctrl+c",
        "ctrl+c",
        "copy_or_quit",
        "Quit",
        "copy the selected text, else quit",
        False,
        False,
    ),
)

APP_KEYS = (("ctrl+p", "command palette: every action by name"),)


def main_bindings() -> list[Binding]:
    return [Binding(k.keys, k.action, k.label, show=k.footer) for k in MAIN_KEYS]
