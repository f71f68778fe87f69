"""The status line: one line of parts (`521/521 shown · 3 selected · 509 unread · sort ...`) that
drops its least useful parts, whole, where the terminal is too narrow for all of them."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

SEPARATOR = " · "


def fit_parts(parts: list[tuple[int, Text]], width: int) -> Text:
    """`parts` (rank, text) in the order shown, 0 the most useful rank: the parts that fit
    `width` joined by SEPARATOR, dropping the highest ranks first; the first part always shows."""
    kept = list(parts)
    while len(kept) > 1 and _joined(kept).cell_len > width:
        worst = max(range(1, len(kept)), key=lambda n: kept[n][0])
        del kept[worst]
    line = _joined(kept)
    line.truncate(max(width, 0), overflow="ellipsis")
    return line


def _joined(parts: list[tuple[int, Text]]) -> Text:
    line = Text(" ", no_wrap=True, end="")
    for n, (_rank, part) in enumerate(parts):
        if n:
            line.append(SEPARATOR)
        line.append_text(part)
    return line


class StatusLine(Static):
    """Shows its parts fitted to its width on every render (a resize keeps it whole);
    `content` holds the whole line."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.parts: list[tuple[int, Text]] = []

    def show(self, parts: list[tuple[int, Text]]) -> None:
        self.parts = parts
        self.update(_joined(parts), layout=False)  # one line, fixed height

    def render(self) -> Text:
        return fit_parts(self.parts, self.size.width)
