"""Modal screens: notes editor, tags editor, discard confirmation, help."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from readinglist.state.tags import parse_tags
from readinglist.tui.follow_focus import FocusFirst, InOrder
from readinglist.tui.keys import INBOX_KEYS, MAIN_KEYS, help_rows
from readinglist.tui.text import clean_line


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; escape and `n` answer no, and enter keeps the edit by default."""

    AUTO_FOCUS = "#no"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(
        self, question: str, yes: str = "Discard (y)", no: str = "Keep editing (n)"
    ) -> None:
        super().__init__()
        self.question = question
        self.labels = (yes, no)

    def compose(self) -> ComposeResult:
        yes, no = self.labels
        with Vertical(classes="dialog"):
            yield Label(Text(self.question), classes="dialog-title")
            with Horizontal(classes="dialog-buttons"):
                yield Button(yes, id="yes", variant="error")
                yield Button(no, id="no", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class NotesArea(InOrder, TextArea):
    """The notes editor: its keys, ctrl+s and escape act after the text typed before them."""

    OUTER_KEYS = frozenset(("ctrl+s", "escape"))


class LineInput(InOrder, Input):
    """A dialog's one-line editor: enter hands the text to its dialog at once, so keys typed
    after it go back to the screen underneath; escape cancels."""

    OUTER_KEYS = frozenset(("escape",))

    def action_submit(self) -> None:
        self.screen.submit(self.value)  # type: ignore[attr-defined]


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
    """Edit a paper's tags in one line (or add tags to a selection); enter saves."""

    EDITOR = "#tags-input"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, tags: list[str]) -> None:
        super().__init__()
        self.paper_title = title
        self.tags = tags

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="tags-dialog"):
            yield Label(Text("Tags: " + clean_line(self.paper_title)), classes="dialog-title")
            yield LineInput(
                ", ".join(self.tags),
                placeholder="comma separated, e.g. to read, ML (spaces become -)",
                id="tags-input",
            )
            yield Label("enter saves, escape cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        tags_input = self.query_one(Input)
        tags_input.cursor_blink = False
        tags_input.focus()

    def submit(self, text: str) -> None:
        self.dismiss(parse_tags(text))

    def action_cancel(self) -> None:
        self.dismiss(None)


class NameScreen(FocusFirst, ModalScreen[str | None]):
    """Ask for a name in one line (a saved search's); enter answers, escape cancels."""

    EDITOR = "#name-input"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, placeholder: str) -> None:
        super().__init__()
        self.question = question
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="name-dialog"):
            yield Label(Text(clean_line(self.question)), classes="dialog-title")
            yield LineInput(placeholder=self.placeholder, id="name-input")
            yield Label("enter saves, escape cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        line = self.query_one(Input)
        line.cursor_blink = False
        line.focus()

    def submit(self, text: str) -> None:
        if not text.strip():
            self.notify("Type a name, or escape to cancel.", severity="warning")
            return
        self.dismiss(text.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


QUERY_HELP = (
    ('word "a phrase"', "in the title, authors or abstract (typos forgiven)"),
    ("author:NAME", "also title: abstract: org: cat: source: tag:"),
    ("is:unread", "also is:read is:starred is:noted"),
    ("year:>=2024", "also date:2024-01..2024-06 upvotes:>=10"),
    ("-term", "leave out what matches the term"),
    ("a OR (b c)", "either side; AND is implicit and binds tighter"),
    ("@name", "a saved search from the config file"),
    ("(a bad query)", "says why under the filter and keeps the last result"),
)


def help_sections(
    keymap: Mapping[str, str] | None = None,
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every key, from the same table the bindings are made from, then the query language."""
    keys = help_rows(keymap or {})
    ids = [(k.shown, k.id) for k in MAIN_KEYS if not k.action.startswith("saved_search(")]
    rebind = [("[keys]", 'in the config file, an id = keys rebinds, e.g. toggle_star = "f"')]
    rebind += [(shown, f"id {key_id}") for shown, key_id in ids]
    rebind.append(("1 … 9", "ids saved_search_1 … saved_search_9"))
    rebind += [(shown, f"id {key_id} (inbox)") for shown, key_id, _ in INBOX_KEYS]
    inbox = [(shown, meaning) for shown, _, meaning in INBOX_KEYS]
    return [
        ("Keys", keys),
        ("In the inbox (i)", inbox),
        ("Filter queries", list(QUERY_HELP)),
        ("Rebinding keys", rebind),
    ]


class HelpScreen(ModalScreen[None]):
    """Every binding of the app; escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close"),
    ]

    def __init__(self, keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.keymap = dict(keymap or {})

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help-dialog"):
            yield Label("readinglist: every key", classes="dialog-title")
            with VerticalScroll(id="help-body"):
                for title, rows in help_sections(self.keymap):
                    yield Static(Text(title, "bold underline"), classes="help-section")
                    # A grid, so a meaning that wraps stays in its column on a narrow terminal.
                    with Grid(classes="help-grid"):
                        for keys, meaning in rows:
                            yield Static(Text(keys, "bold"))
                            yield Static(Text(meaning))
            yield Label("↑ ↓ PgDn scroll · escape closes", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
