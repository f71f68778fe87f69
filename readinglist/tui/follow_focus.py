"""Keys typed in a burst act in order, each seeing the focus and screen the keys before it left.

Textual routes a key to the widget focused when the key is *read*, inserts a typed character
when that widget handles the key, but runs bindings only once the key has bubbled up to the
app. In a burst (a paste, a fast typist, keys queued while the app was busy) `/attention`
would reach the table before `/` moved focus to the filter, and in the filter `tranz⌫s`
would insert `s` before the backspace ran. So the table and the editors run their keys'
bindings themselves, in order (`InOrder`), and hand keys that arrive after focus moved on to
the widget focused now. Only public Textual API: key handlers, `active_bindings`,
`run_action` and `post_message`.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

from textual import events
from textual.widget import Widget

PASSED_ON = "passed_on"  # set on a key one widget handed to another


def passed_on(event: events.Key) -> bool:
    return getattr(event, PASSED_ON, False)


def pass_on_if_unfocused(widget: Widget, event: events.Key) -> bool:
    """Hand `event` to the focused widget when that is no longer `widget`; True if so.

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
        setattr(key, PASSED_ON, True)
        target.post_message(key)
    return True


async def run_binding_now(
    widget: Widget, event: events.Key, outer_keys: Collection[str] | None
) -> bool:
    """Run the binding for `event` at once, instead of after bubbling; True if any.

    The widget's own bindings always run here; those of its screen and app only for the
    keys in `outer_keys` (None: every key).
    """
    bindings = widget.screen.active_bindings
    for key in event.aliases:
        active = bindings.get(key)
        if active is None or not active.enabled:
            continue
        if active.node is not widget and outer_keys is not None and key not in outer_keys:
            return False  # the screen's key, typed into this editor: the editor takes it
        event.stop()
        event.prevent_default()
        await widget.app.run_action(active.binding.action, active.node)
        return True
    return False


class InOrder:
    """Mix into a widget (before its class): its bound keys act in order, at once.

    OUTER_KEYS: which keys bound by the screen or the app run here too; None for all.
    """

    OUTER_KEYS: ClassVar[Collection[str] | None] = None

    async def on_key(self, event: events.Key) -> None:
        widget: Widget = self  # type: ignore[assignment]
        if pass_on_if_unfocused(widget, event):
            return
        await run_binding_now(widget, event, self.OUTER_KEYS)


class FocusFirst:
    """Mix into a dialog screen: keys typed before it opened go to its editor, in order.

    EDITOR: the editor's selector.
    """

    EDITOR: ClassVar[str] = ""

    async def on_key(self, event: events.Key) -> None:
        if not (passed_on(event) and self.EDITOR):
            return  # the dialog's own keys, bubbling up from its widgets
        screen = self  # a Screen
        editor = screen.query_one(self.EDITOR)  # type: ignore[attr-defined]
        if screen.focused is not editor:  # type: ignore[attr-defined]
            screen.set_focus(editor)  # type: ignore[attr-defined]
        event.stop()
        event.prevent_default()
        editor.post_message(events.Key(event.key, event.character))
