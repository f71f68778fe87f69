"""What one action changed, per field, so that undoing it restores only that.

An `UndoStep` records, for each field (and each tag) an action set, the value before and the
value the action wrote. Undoing puts a field back only where it still holds what the action
wrote: a note or a tag another process (or another window) set in the meantime is kept, and
the undo says what it left alone. A bulk action is one step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Key = tuple[str, str, str]  # (paper id, field, tag): tag is "" for read/starred/notes


@dataclass(slots=True)
class UndoStep:
    what: str = ""
    changes: dict[Key, tuple[Any, Any]] = field(default_factory=dict)  # key -> (before, after)

    def record(self, key: Key, before: Any, after: Any) -> None:
        """Keep the first `before` and the last `after` of a field changed twice in a step."""
        first = self.changes.get(key, (before, after))[0]
        if first == after:
            self.changes.pop(key, None)  # changed and changed back: nothing to undo
        else:
            self.changes[key] = (first, after)

    def paper_ids(self) -> list[str]:
        return list(dict.fromkeys(key[0] for key in self.changes))

    def __bool__(self) -> bool:
        return bool(self.changes)


@dataclass(slots=True)
class UndoReport:
    restored: int = 0
    skipped: list[Key] = field(default_factory=list)  # changed since by someone else: kept
    paper_ids: list[str] = field(default_factory=list)

    def message(self) -> str | None:
        """One line on what was left alone, or None when everything was restored."""
        if not self.skipped:
            return None
        names = sorted({_name(key) for key in self.skipped})
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        papers = len({key[0] for key in self.skipped})
        where = f"paper {self.skipped[0][0]}" if papers == 1 else f"{papers} papers"
        return f"undo kept {shown} of {where}: changed since elsewhere"


def _name(key: Key) -> str:
    _, name, tag = key
    return f"tag {tag!r}" if tag else name
