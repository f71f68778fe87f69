"""Copies of papers.json that a sync tool kept when two machines imported at once, read back.

Syncthing names them `papers.sync-conflict-DATE-TIME-ID.json`, Dropbox `papers (conflicted copy
...).json`, iCloud `papers 2.json`. A paper's id comes from its title, so a paper imported on
both machines has one id: the papers of a copy that the library lacks are added when it is read
(and written into papers.json by the next save); a paper listed twice (both sides of a git
conflict) is kept once. `readinglist doctor --repair` saves the merged library and keeps the
copies aside.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from readinglist.errors import UserError
from readinglist.papers.models import Paper


def conflict_copies(directory: Path) -> list[Path]:
    try:
        names = os.listdir(directory)
    except OSError:
        return []
    return [
        directory / name
        for name in sorted(names)
        if name.startswith(("papers.", "papers ")) and name.endswith(".json")
        and name != "papers.json"
    ]  # fmt: skip


def merge_copies(
    directory: Path, papers: list[Paper], next_added: int, read: Callable[[BinaryIO, Path], Any]
) -> tuple[list[Paper], int]:
    """`papers` plus every paper of the conflict copies it lacks; each id once."""
    copies = conflict_copies(directory)
    ids = {paper.id for paper in papers}
    if len(ids) < len(papers):  # listed twice: both sides of a git conflict
        first: dict[str, Paper] = {}
        for paper in papers:
            first.setdefault(paper.id, paper)
        papers = list(first.values())
    if not copies:
        return papers, next_added
    papers = list(papers)
    for path in copies:
        try:
            with open(path, "rb") as file:
                found = read(file, path).papers
        except (UserError, OSError, ValueError):  # unreadable: doctor's to report
            continue
        for paper in found:
            if paper.id not in ids:
                ids.add(paper.id)
                papers.append(replace(paper, added=next_added))
                next_added += 1
    return papers, next_added
