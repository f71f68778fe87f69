"""Every key of the main screen in one table: the bindings, the help screen and the palette.

Each binding has an id (the action's name), so the config file's `[keys]` table rebinds it
(`toggle_star = "f"`) through Textual's keymap; help and the palette show the keys in force.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual.binding import Binding
from textual.keys import format_key


@dataclass(frozen=True, slots=True)
class Key:
    keys: str  # Textual key names, comma-separated
    shown: str  # how the help screen prints them
    action: str  # action name on the main screen (with arguments, e.g. "saved_search(1)")
    label: str  # the footer's short label
    help: str  # one line for the help screen and the palette
    footer: bool = True
    palette: bool = True

    @property
    def id(self) -> str:
        """The binding id the config file's [keys] table names."""
        return self.action.replace("(", "_").rstrip(")")


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
    Key(
        "escape",
        "Escape",
        "escape",
        "Clear",
        "clear the filter, or cancel an arXiv fetch or PDF download",
        False,
    ),
    Key("space,r", "Space / r", "toggle_read", "Read", "toggle read (the selection, if any)"),
    Key("s", "s", "toggle_star", "Star", "toggle star (the selection, if any)"),
    Key("i", "i", "inbox", "Inbox", "triage the shown papers one at a time"),
    Key("v", "v", "toggle_select", "Select", "select or unselect this paper and move down"),
    Key("V", "V", "select_all", "Select all", "select every shown paper, or clear", False),
    Key("M", "M", "mark_all_read", "Mark read", "mark the selection (or all shown) read", False),
    Key("n", "n", "edit_notes", "Notes", "edit notes; ctrl+s saves, escape asks before dropping"),
    Key("t", "t", "edit_tags", "Tags", "edit tags (comma separated); add to the selection"),
    Key("N", "N", "next_unread", "Next unread", "jump to the next unread paper"),
    Key("u", "u", "undo", "Undo", "undo the last change, a bulk change whole (repeatable)"),
    Key("a", "a", "fetch_one", "arXiv", "fetch arXiv links for this paper or the selection", False),
    Key("A", "A", "fetch_all", "arXiv all", "fetch arXiv links for every shown paper (A cancels)"),
    Key("o", "o", "open_abs", "Open", "open the arXiv abstract page in the browser", False),
    Key("p", "p", "open_pdf", "PDF", "open the kept PDF (d), else the arXiv PDF link", False),
    Key(
        "d",
        "d",
        "download_pdfs",
        "Get PDF",
        "keep the arXiv PDF in the library's pdfs/ (the selection, if any; d cancels)",
        False,
    ),
    Key("y", "y", "copy", "Copy", "copy the title and link to the clipboard", False),
    Key(
        "e",
        "e",
        "export",
        "Export",
        "export the selection (else starred papers): Markdown, BibTeX, CSL-JSON, RIS, CSV",
    ),
    Key("S", "S", "cycle_sort", "Sort", "cycle the sort: date, upvotes, title, added"),
    Key("R", "R", "reverse_sort", "Reverse", "reverse the sort", False),
    Key("b", "b", "save_search", "Save search", "save the filter as a saved search", False),
    *(
        Key(
            str(n),
            str(n),
            f"saved_search({n})",
            f"Search {n}",
            f"saved search {n} from the config file",
            False,
            False,
        )
        for n in range(1, 10)
    ),
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
# The inbox's keys (readinglist.tui.inbox): rebindable by these ids too.
INBOX_KEYS = (
    ("s", "inbox_star", "star it, mark it read, next"),
    ("space / r", "inbox_read", "mark it read, next"),
    ("l", "inbox_later", "tag it later, next"),
    ("j / n", "inbox_skip", "next, unchanged"),
    ("u", "inbox_undo", "undo the last verdict and go back"),
    ("escape / q / i", "inbox_close", "back to the table"),
)
BINDING_IDS = frozenset([*(k.id for k in MAIN_KEYS), *(i for _, i, _ in INBOX_KEYS)])


def main_bindings() -> list[Binding]:
    return [Binding(k.keys, k.action, k.label, show=k.footer, id=k.id) for k in MAIN_KEYS]


def shown_keys(key: Key, keymap: Mapping[str, str]) -> str:
    """How the help screen prints `key`'s keys, after the config file's rebinding."""
    keys = keymap.get(key.id)
    if not keys:
        return key.shown
    return " / ".join(format_key(k.strip()) for k in keys.split(",") if k.strip())


def help_rows(keymap: Mapping[str, str]) -> list[tuple[str, str]]:
    """(keys, meaning) for the help screen: saved searches 1..9 on one line."""
    rows = [*MOVE_KEYS]
    for key in MAIN_KEYS:
        if key.action.startswith("saved_search("):
            if key.keys == "1":
                rows.append(("1 … 9", "switch to saved search 1 … 9 (config file order)"))
            continue
        rows.append((shown_keys(key, keymap), key.help))
    return [*rows, *APP_KEYS]


def keymap_problems(keymap: Mapping[str, str], where: str) -> list[str]:
    """One line per [keys] entry that names no action."""
    return [
        f"{where}: [keys] {name} is not an action id (the help screen, ?, lists them); ignored"
        for name in keymap
        if name not in BINDING_IDS
    ]
