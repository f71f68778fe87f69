"""The triage keys: read, star, notes, tags, undo, next unread; the selection and bulk marking.

A key acts on the selected papers when there are any, else on the paper under the cursor.
One paper is written at once (the row shows it once it is on disk); several are written in
a thread worker as one change and one undo step, so marking 10,000 papers never freezes
the screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on, work

from readinglist.errors import UserError
from readinglist.session import BulkChange
from readinglist.tui.messages import BulkSaved, Changed, Notice
from readinglist.tui.modals import ConfirmScreen, NotesScreen, TagsScreen
from readinglist.tui.paper_screen import PaperScreen
from readinglist.tui.text import clean_line

WRITE_NOW_UP_TO = 200  # papers; a bulk change of more is written in a worker
UNDO_NAMES = {"read": "read", "star": "star", "notes": "notes", "tags": "tags"}


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


class Triage(PaperScreen):
    """Mixed into the main screen."""

    # -- writing ------------------------------------------------------------------------

    def _saving(self) -> bool:
        """A bulk write is still running: another change now would race it."""
        if any(w.group == "bulk" and not w.is_finished for w in self.workers):
            self.notify("Still saving the last bulk change; try again in a moment.")
            return True
        return False

    def _change(self, index: int | None, operation, *args) -> bool:
        """Run one store write; the row shows it only once it is on disk, a failure notifies."""
        if index is None:
            self.no_paper()
            return False
        if self._saving():
            return False
        try:
            operation(index, *args)
        except UserError as error:
            self.notify(str(error), title="Not saved", severity="error")
            return False
        self.post_message(Changed(state=True))
        return True

    def bulk(self, indices: Sequence[int], what: str, done: str, **values) -> None:
        """Change every paper in `indices` as one step; `done` names the result.

        A few papers are written at once, so keys typed after act on what they left; many go
        to a worker, and changes asked for meanwhile are refused with a word.
        """
        if self._saving():
            return
        if len(indices) <= WRITE_NOW_UP_TO:
            try:
                changed = self.session.change_many(indices, what, **values)
            except UserError as error:
                self.notify(str(error), title="Not saved", severity="error")
                return
            self._bulk_saved(BulkSaved(changed, done))
        else:
            self._bulk_write(list(indices), what, done, values)

    @work(thread=True, group="bulk", exit_on_error=False)
    def _bulk_write(self, indices: list[int], what: str, done: str, values: dict) -> None:
        try:
            changed = self.session.change_many(indices, what, **values)
        except UserError as error:
            self.post_message(Notice(str(error), "Not saved", "error"))
        except Exception as error:  # say so rather than fail silently in a thread
            self.post_message(Notice(f"saving failed: {error!r}", "Not saved", "error"))
        else:
            self.post_message(BulkSaved(changed, done))

    @on(BulkSaved)
    def _bulk_saved(self, message: BulkSaved) -> None:
        self.post_message(Changed(state=True))
        if message.changed:
            self.notify(f"{message.text}: {plural(message.changed, 'paper')} (u undoes it)")
        else:
            self.notify(f"{message.text}: nothing to change.")

    # -- read, star ---------------------------------------------------------------------

    def action_toggle_read(self) -> None:
        selected = self.session.selected_indices()
        if not selected:
            self._change(self.table.current, self.session.toggle_read)
            return
        value = not all(self.session.state(i).read for i in selected)
        self.bulk(selected, "read", "Marked read" if value else "Marked unread", read=value)

    def action_toggle_star(self) -> None:
        selected = self.session.selected_indices()
        if not selected:
            self._change(self.table.current, self.session.toggle_star)
            return
        value = not all(self.session.state(i).starred for i in selected)
        self.bulk(selected, "star", "Starred" if value else "Unstarred", starred=value)

    def action_mark_all_read(self) -> None:
        indices = self.session.selected_indices() or list(self.session.shown)
        if not indices:
            self.no_paper()
            return
        which = "selected" if self.session.selected else "shown"
        question = f"Mark {plural(len(indices), which + ' paper')} read?"

        def answered(yes: bool | None) -> None:
            if yes:
                self.session.selected.clear()
                self.bulk(indices, "read", "Marked read", read=True)

        self.app.push_screen(ConfirmScreen(question, "Mark read (y)", "Cancel (n)"), answered)

    # -- the selection ------------------------------------------------------------------

    def action_toggle_select(self) -> None:
        index = self.current_paper()
        if index is None:
            return
        self.session.toggle_selected(index)
        self.table.move_cursor(self.table.cursor + 1)
        self.post_message(Changed(state=True))

    def action_select_all(self) -> None:
        if self.session.selected:
            self.session.selected.clear()
        elif not self.session.shown:
            self.no_paper()
            return
        else:
            self.session.select_shown()
        self.post_message(Changed(state=True))

    # -- undo, next unread --------------------------------------------------------------

    def action_undo(self) -> None:
        last = self.session.history[-1] if self.session.history else None
        if last is not None and self._saving():
            return
        try:
            index = self.session.undo()
        except UserError as error:
            self.notify(str(error), title="Not undone", severity="error")
            return
        if index is None or last is None:
            self.notify("Nothing to undo.")
            return
        self.post_message(Changed(state=True, keep_paper=index))
        kept = getattr(self.session, "undo_message", None)
        if kept:  # another process changed some of it since: that stays
            self.notify(kept, severity="warning")
        name = UNDO_NAMES.get(last.what, last.what)
        if isinstance(last, BulkChange) and len(last.changes) > 1:
            self.notify(f"Undid the {name} change on {plural(len(last.changes), 'paper')}.")
        else:
            title = clean_line(self.session.paper(index).title)[:60]
            self.notify(f"Undid the {name} change: {title}")

    def action_next_unread(self) -> None:
        row = self.session.next_unread(self.table.cursor)
        if row is None:
            self.notify("No unread papers in this view.")
            return
        if row <= self.table.cursor:
            self.notify("Wrapped around to the top.")
        self.table.move_cursor(row)

    # -- notes, tags --------------------------------------------------------------------

    def action_edit_notes(self) -> None:
        index = self.current_paper()
        if index is None:
            return
        paper, state = self.session.paper(index), self.session.state(index)

        def done(text: str | None) -> None:
            changed = text is not None and text != state.notes
            if changed and self._change(index, self.session.set_notes, text):
                self.notify("Notes saved." if text.strip() else "Notes cleared.")

        self.app.push_screen(NotesScreen(paper.title, state.notes), done)

    def action_edit_tags(self) -> None:
        selected = self.session.selected_indices()
        if selected:
            self._add_tags(selected)
            return
        index = self.current_paper()
        if index is None:
            return
        paper, state = self.session.paper(index), self.session.state(index)

        def done(tags: list[str] | None) -> None:
            changed = tags is not None and tags != state.tags
            if changed and self._change(index, self.session.set_tags, tags):
                shown = ", ".join(clean_line(t) for t in tags)
                self.notify(f"Tags saved: {shown}" if tags else "Tags cleared.")

        self.app.push_screen(TagsScreen(paper.title, state.tags), done)

    def _add_tags(self, selected: list[int]) -> None:
        def done(tags: list[str] | None) -> None:
            if tags:
                shown = ", ".join(clean_line(t) for t in tags)
                self.bulk(selected, "tags", f"Tagged {shown}", add_tags=tags)

        title = f"add to the {plural(len(selected), 'selected paper')}"
        self.app.push_screen(TagsScreen(title, []), done)
