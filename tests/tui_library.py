"""A small hand-made library for the session and app tests: known titles, dates and upvotes."""

from __future__ import annotations

from pathlib import Path

from readinglist.papers.library import Library
from readinglist.papers.models import Paper

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
