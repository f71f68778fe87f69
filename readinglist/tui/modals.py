"""Modal screens: notes editor, tags editor, discard confirmation, help."""

from __future__ import annotations

import re
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from readinglist.tui.follow_focus import FocusFirst, InOrder
from readinglist.tui.keys import APP_KEYS, MAIN_KEYS, MOVE_KEYS
from readinglist.tui.text import clean_line

_TAG_SEPARATORS = re.compile(r"[,\s]+")


def parse_tags(text: str) -> list[str]:
    """Tags typed as `a, b c`: split on commas and spaces, duplicates dropped, order kept."""
    return list(dict.fromkeys(t for t in _TAG_SEPARATORS.split(text) if t))


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; escape and `n` answer no, and enter keeps the edit by default."""

    AUTO_FOCUS = "#no"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.question), classes="dialog-title")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Discard (y)", id="yes", variant="error")
                yield Button("Keep editing (n)", id="no", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class NotesArea(InOrder, TextArea):
    """The notes editor: ctrl+s and escape act after the text typed before them."""

    ORDERED_KEYS = frozenset(("ctrl+s", "escape"))


class TagsInput(InOrder, Input):
    """The tags line: enter saves at once, so keys after it go back to the table."""

    ORDERED_KEYS = frozenset(("escape",))

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter" and self.app.focused is self:
            event.stop()
            event.prevent_default()
            self.screen.dismiss(parse_tags(self.value))


class NotesScreen(FocusFirst, ModalScreen[str | None]):
    """Edit a paper's notes; ctrl+s or Save returns the text, escape asks before dropping it."""

    EDITOR = "#notes-text"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, title: str, notes: str) -> None:
        super().__init__()
        self.paper_title = title
        self.original = notes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="notes-dialog"):
            yield Label(Text("Notes: " + clean_line(self.paper_title)), classes="dialog-title")
            yield NotesArea(self.original, id="notes-text", soft_wrap=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.cursor_blink = False
        area.focus()

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    def action_save(self) -> None:
        self.dismiss(self.text)

    def action_cancel(self) -> None:
        if self.text == self.original:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Discard your changes to the notes?"), answered)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()


class TagsScreen(FocusFirst, ModalScreen[list[str] | None]):
    """Edit a paper's tags in one line; enter saves, escape cancels."""

    EDITOR = "#tags-input"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, tags: list[str]) -> None:
        super().__init__()
        self.paper_title = title
        self.tags = tags

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="tags-dialog"):
            yield Label(Text("Tags: " + clean_line(self.paper_title)), classes="dialog-title")
            yield TagsInput(
                ", ".join(self.tags),
                placeholder="comma or space separated, e.g. rl, to-reproduce",
                id="tags-input",
            )
            yield Label("enter saves, escape cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        tags_input = self.query_one(Input)
        tags_input.cursor_blink = False
        tags_input.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(parse_tags(event.value))

    def action_cancel(self) -> None:
        self.dismiss(None)


QUERY_HELP = (
    ('word "a phrase"', "in the title, authors or abstract (typos forgiven)"),
    ("author:NAME", "also title: abstract: org: cat: source: tag:"),
    ("is:unread", "also is:read is:starred is:noted"),
    ("year:>=2024", "also date:2024-01..2024-06 upvotes:>=10"),
    ("-term", "leave out what matches the term"),
    ("(a bad query)", "says why under the filter and keeps the last result"),
)


def help_sections() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every key, from the same table the bindings are made from, then the query language."""
    keys = [*MOVE_KEYS, *((k.shown, k.help) for k in MAIN_KEYS), *APP_KEYS]
    return [("Keys", keys), ("Filter queries", list(QUERY_HELP))]


class HelpScreen(ModalScreen[None]):
    """Every binding of the app; escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help-dialog"):
            yield Label("readinglist: every key", classes="dialog-title")
            with VerticalScroll(id="help-body"):
                for title, rows in help_sections():
                    yield Static(Text(title, "bold underline"), classes="help-section")
                    # A grid, so a meaning that wraps stays in its column on a narrow terminal.
                    with Grid(classes="help-grid"):
                        for keys, meaning in rows:
                            yield Static(Text(keys, "bold"))
                            yield Static(Text(meaning))
            yield Label("↑ ↓ PgUp PgDn scroll · escape, q or ? closes", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
