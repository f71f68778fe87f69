"""A small hand-made library for the session and app tests (known titles, dates and upvotes),
and the helpers the app tests drive and read the app with."""

from __future__ import annotations

import html
import re
from pathlib import Path
from weakref import WeakKeyDictionary

from textual import events
from textual.app import App
from textual.message import Message
from textual.notifications import Notify
from textual.widgets import Static

from readinglist.arxiv import FetchEvent, FetchSummary
from readinglist.papers.library import Library
from readinglist.papers.models import ArxivRecord, Paper, PaperState
from readinglist.paths import state_file
from readinglist.state.store import StateStore
from readinglist.tui.table import PaperTable

HOSTILE_TITLE = "[bold]x[/bold] [link=file:///etc]click[/link] \x1b[31mred\x07 bell"

# (title, first author, date, upvotes); the table's default sort is by date, newest first.
ROWS = (
    ("Attention Is All You Need Again", "Ada Lovelace", "2024-06-05", 120),
    ("Diffusion Models Beat Everything", "Grace Hopper", "2024-05-04", 45),
    (HOSTILE_TITLE, "Mallory [i]Evil[/i]", "2024-04-03", 7),
    ("Scaling Laws for Reading Lists", "Alan Turing", "2023-03-02", 300),
    ("Zero-Shot Triage of Papers", "Edsger Dijkstra", "2022-02-01", None),
)


def make_papers() -> list[Paper]:
    papers = []
    for added, (title, author, day, upvotes) in enumerate(ROWS):
        papers.append(
            Paper(
                id=f"paper-{added}",
                title=title,
                authors=[author, "Second Author"],
                abstract=f"Abstract of paper {added}. [red]not markup[/red]",
                date=day,
                upvotes=upvotes,
                category="cs.LG",
                sources=["hf-daily.txt"],
                added=added,
            )
        )
    return papers


def make_library(directory: Path) -> Path:
    """Write the hand-made library into `directory` and return it."""
    library = Library(directory, make_papers())
    library.save()
    return directory


# -- driving the app in tests, through public APIs only ------------------------------------

WIDE = (150, 40)
_SAID: WeakKeyDictionary[App, list[str]] = WeakKeyDictionary()


def run(app: App, size: tuple[int, int] = WIDE):
    """`app.run_test`, recording every notification the app posts (see `messages`)."""
    said = _SAID.setdefault(app, [])

    def hook(message: Message) -> None:
        if isinstance(message, Notify):
            said.append(message.notification.message)

    return app.run_test(size=size, message_hook=hook)


def messages(app: App) -> list[str]:
    """The notifications the app posted while running under `run`, oldest first."""
    return _SAID.get(app, [])


def stored(library: Path, paper_id: str) -> PaperState:
    """The state as a fresh reader of the file sees it."""
    store = StateStore(state_file(library))
    try:
        return store.get(paper_id)
    finally:
        store.close()


def table_of(app: App) -> PaperTable:
    return app.screen.query_one(PaperTable)


def table_lines(app: App) -> list[str]:
    table = table_of(app)
    return [table.render_line(y).text for y in range(table.scrollable_content_region.height)]


def cursor_title(app: App) -> str:
    return app.session.paper(table_of(app).current).title


def detail(app: App) -> str:
    return app.screen.query_one("#detail-body", Static).content.plain


def status(app: App) -> str:
    return app.screen.query_one("#status", Static).content.plain


def screen_text(app: App) -> str:
    """What the terminal shows, as text (from the app's own screenshot)."""
    svg = app.export_screenshot()
    lines = re.findall(r"<text [^>]*>(.*?)</text>", svg)
    return html.unescape("".join(lines)).replace("\xa0", " ")


def burst(*keys: str) -> list:
    """Key events as a terminal delivers a paste or a fast typist: all read before any runs."""
    characters = {"slash": "/", "colon": ":", "enter": "\r", "question_mark": "?", "space": " "}
    return [events.Key(k, characters.get(k, k if len(k) == 1 else None)) for k in keys]


def found(arxiv_id: str, url: str | None = None) -> ArxivRecord:
    return ArxivRecord(
        status="found",
        checked_at="2026-01-01T00:00:00Z",
        arxiv_id=arxiv_id,
        abs_url=url or f"https://arxiv.org/abs/{arxiv_id}",
        pdf_url=f"https://arxiv.org/pdf/{arxiv_id}",
    )


class StubFetcher:
    """Stores a made-up record for each paper, reporting progress like the real fetcher."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, papers, store, *, progress=None, cancel=None, refresh=False) -> FetchSummary:
        self.refresh = refresh
        summary = FetchSummary()
        for number, paper in enumerate(papers, start=1):
            self.asked.append(paper.id)
            record = found(f"2401.{number:05d}")
            store.put(paper.id, record)
            summary.found += 1
            progress(FetchEvent(paper, "found", record, index=number, total=len(papers)))
        return summary
