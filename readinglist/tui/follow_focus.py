"""Keys typed in a burst act in order, each seeing the focus and screen the keys before it left.

Textual routes a key to the widget focused when the key is *read*, and runs bindings only
once the key has bubbled up to the app. In a burst (a paste, a fast typist, keys queued
while the app was busy) `/attention` would reach the table before `/` moved focus to the
filter, and `a` would fetch from arXiv instead of being typed. So the table and the editors
run their keys' bindings themselves, in order (`InOrder`), and hand keys that arrive after
focus moved on to the widget focused now.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

from textual import events
from textual.widget import Widget


def pass_on_if_unfocused(widget: Widget, event: events.Key) -> bool:
    """Forward `event` to the focused widget when that is no longer `widget`; True if so.

    With nothing focused yet (a dialog is opening) the key goes to the dialog's screen,
    which hands it to its editor (`FocusFirst`); never to the screen underneath.
    """
    focused = widget.app.focused
    if focused is widget:
        return False
    event.stop()
    event.prevent_default()
    target = focused or widget.app.screen
    if target is not widget.screen:
        key = events.Key(event.key, event.character)
        key.passed_on = True  # type: ignore[attr-defined]
        target._forward_event(key)
    return True


async def run_binding_now(widget: Widget, event: events.Key) -> bool:
    """Run the binding for `event` at once, instead of after bubbling; True if any."""
    bindings = widget.screen.active_bindings
    for key in event.aliases:
        active = bindings.get(key)
        if active is not None and active.enabled:
            event.stop()
            event.prevent_default()
            await widget.app.run_action(active.binding.action, active.node)
            return True
    return False


class InOrder:
    """Mix into a widget (before its class): its keys' bindings run in order, at once.

    ORDERED_KEYS: the keys whose bindings run here; None for every bound key.
    """

    ORDERED_KEYS: ClassVar[Collection[str] | None] = None

    async def _on_key(self, event: events.Key) -> None:
        widget: Widget = self  # type: ignore[assignment]
        if pass_on_if_unfocused(widget, event):
            return
        if self.ORDERED_KEYS is None or event.key in self.ORDERED_KEYS:
            await run_binding_now(widget, event)


class FocusFirst:
    """Mix into a dialog screen: keys typed before it opened go to its editor, in order.

    EDITOR: the editor's selector.
    """

    EDITOR: ClassVar[str] = ""

    async def _on_key(self, event: events.Key) -> None:
        if not (getattr(event, "passed_on", False) and self.EDITOR):
            return
        screen = self  # a Screen
        editor = screen.query_one(self.EDITOR)  # type: ignore[attr-defined]
        if screen.focused is not editor:  # type: ignore[attr-defined]
            screen.set_focus(editor)  # type: ignore[attr-defined]
        event.stop()
        event.prevent_default()
        editor._forward_event(events.Key(event.key, event.character))
