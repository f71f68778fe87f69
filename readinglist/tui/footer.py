"""The footer: the keys that fit the width, whole, the most used first; never a key cut mid-word.

Textual's Footer lays its keys out in one row and cuts the row wherever the width ends (at 80
columns `… u Und▏^p palette`). This one picks keys in order of use until the line is full:
the focused widget's own keys (the filter's enter and escape), then the screen's in the
order given (on the main screen `? Help`, `q Quit`, the filter, read, star and so on); a key
that does not fit whole is left out. Quit and the
command palette sit at the right end. A click on a key presses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widget import Widget

# The main screen's actions, most used first: what a small terminal keeps. Actions not
# listed (keys added later) follow in the order they are bound.
MAIN_RANK = (
    "help",
    "quit",
    "focus_filter",
    "toggle_read",
    "toggle_star",
    "edit_notes",
    "export",
    "inbox",
    "edit_tags",
    "undo",
    "command_palette",
    "toggle_select",
    "next_unread",
    "cycle_sort",
    "fetch_all",
)
AT_THE_RIGHT = ("command_palette", "quit")
GAP = 1  # cells between two keys


@dataclass(frozen=True, slots=True)
class FooterItem:
    key: str  # the key a click presses
    shown: str  # how the key is printed (`?`, `^p`, `space`)
    label: str
    action: str

    @property
    def width(self) -> int:
        return cell_len(self.shown) + 1 + cell_len(self.label)


def footer_items(screen, app, rank: tuple[str, ...] = ()) -> list[FooterItem]:
    """The keys shown in the footer of `screen`, one per action, most useful first: the
    focused widget's, then the screen's in `rank` order, then the rest as bound."""
    own: list[FooterItem] = []  # the focused widget's keys: what the user is doing now
    ranked: list[FooterItem] = []
    seen: set[str] = set()
    for node, binding, _enabled, _tooltip in screen.active_bindings.values():
        is_palette = binding.key == app.COMMAND_PALETTE_BINDING
        if (not binding.show and not is_palette) or binding.action in seen:
            continue
        if is_palette and not app.ENABLE_COMMAND_PALETTE:
            continue
        seen.add(binding.action)
        action = "command_palette" if is_palette else binding.action
        label = "palette" if is_palette else binding.description
        item = FooterItem(binding.key, app.get_key_display(binding), label, action)
        (own if node not in (screen, app) else ranked).append(item)
    order = {action: n for n, action in enumerate(rank)}
    ranked.sort(key=lambda item: order.get(item.action, len(rank)))  # stable: bound order
    return own + ranked


def fit_items(items: list[FooterItem], width: int) -> tuple[list[FooterItem], list[FooterItem]]:
    """The items that fit `width` whole, in the order given, split into left and right."""
    chosen: list[FooterItem] = []
    used = 0
    for item in items:
        extra = item.width + (GAP if chosen else 0)
        if used + extra <= width:
            chosen.append(item)
            used += extra
    left = [i for i in chosen if i.action not in AT_THE_RIGHT]
    right = sorted(
        (i for i in chosen if i.action in AT_THE_RIGHT), key=lambda i: AT_THE_RIGHT.index(i.action)
    )
    return left, right


class KeyFooter(Widget):
    """One line of keys; see the module's docstring."""

    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyFooter > .key-footer--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    KeyFooter > .key-footer--label {
        color: $footer-description-foreground;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-footer--key", "key-footer--label"}

    def __init__(self, rank: tuple[str, ...] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rank = rank
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) for clicks

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen) -> None:
        self.refresh()

    def render(self) -> Text:
        width = self.size.width
        left, right = fit_items(footer_items(self.screen, self.app, self.rank), width)
        key_style = self.get_component_rich_style("key-footer--key")
        label_style = self.get_component_rich_style("key-footer--label")
        text = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, str]] = []

        def add(items: list[FooterItem]) -> None:
            for n, item in enumerate(items):
                if n:
                    text.append(" " * GAP)
                start = text.cell_len
                text.append(item.shown, key_style)
                text.append(" " + item.label, label_style)
                spans.append((start, text.cell_len, item.key))

        add(left)
        right_width = sum(i.width for i in right) + GAP * max(0, len(right) - 1)
        text.append(" " * max(GAP if left else 0, width - text.cell_len - right_width))
        add(right)
        self._spans = spans
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
