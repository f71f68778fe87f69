"""The format question behind `e`: every export format the core offers, Markdown first.

`1`…`5` pick a format at once; the arrows and enter pick the highlighted one (Markdown unless
moved); escape cancels. Keys typed in a burst after `e` reach the list in order.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from readinglist.export import ExportFormat, formats
from readinglist.tui.follow_focus import FocusFirst, InOrder
from readinglist.tui.text import clean_line

DEFAULT_FORMAT = "md"


class FormatList(InOrder, OptionList):
    """The formats; its keys (and the dialog's digits) act in typing order."""


class ExportChoiceScreen(FocusFirst, ModalScreen[ExportFormat | None]):
    """Ask which format to export in; dismisses with the format, or None on escape."""

    EDITOR = "#export-formats"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        *(
            Binding(str(n), f"pick({n - 1})", f"Format {n}", show=False)
            for n in range(1, len(formats()) + 1)
        ),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question
        self.formats = formats()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog"):
            yield Label(Text(clean_line(self.question)), classes="dialog-title")
            yield FormatList(
                *(
                    Option(Text(f"{n}  {f.label} (.{f.extension})"), id=f.name)
                    for n, f in enumerate(self.formats, start=1)
                ),
                id="export-formats",
            )
            yield Label(
                f"1 … {len(self.formats)} or ↑ ↓ and enter pick · escape cancels",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        choices = self.query_one(FormatList)
        names = [f.name for f in self.formats]
        choices.highlighted = names.index(DEFAULT_FORMAT) if DEFAULT_FORMAT in names else 0
        choices.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_pick(event.option_index)

    def action_pick(self, position: int) -> None:
        if 0 <= position < len(self.formats):
            self.dismiss(self.formats[position])

    def action_cancel(self) -> None:
        self.dismiss(None)
