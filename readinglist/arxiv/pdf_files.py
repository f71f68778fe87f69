"""Where the library keeps arXiv PDFs, and which are there: plain paths, no HTTP client, so
`list is:pdf` and the app's detail pane can ask without importing httpx."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from readinglist.arxiv.records import FOUND
from readinglist.papers.arxiv_ids import parse_arxiv_id
from readinglist.papers.models import ArxivRecord, Paper

PDF_DIR = "pdfs"


def pdf_name(arxiv_id: str) -> str:
    """`2007.04825.pdf`; old-style ids put `_` for `/`: `hep-th_9901001.pdf`."""
    parsed = parse_arxiv_id(arxiv_id)
    if parsed is None:
        raise ValueError(f"not an arXiv id: {arxiv_id!r}")
    return parsed.id.replace("/", "_") + ".pdf"


def pdf_path(library_dir: str | os.PathLike[str], arxiv_id: str) -> Path:
    """Where the paper's PDF lives (whether or not it is there yet)."""
    return Path(library_dir) / PDF_DIR / pdf_name(arxiv_id)


def local_pdf_ids(library_dir: str | os.PathLike[str]) -> set[str]:
    """arXiv ids (without version) whose PDF is in the library's `pdfs/` directory."""
    folder = Path(library_dir) / PDF_DIR
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.is_file()]
    except OSError:
        return set()
    ids = set()
    for name in names:
        if name.endswith(".pdf") and not name.startswith("."):
            parsed = parse_arxiv_id(name[:-4].replace("_", "/"))
            if parsed is not None:
                ids.add(parsed.id)
    return ids


def paper_arxiv_id(paper: Paper, record: ArxivRecord | None) -> str | None:
    """The paper's arXiv id: the one arXiv confirmed, else the one its page printed."""
    if record is not None and record.status == FOUND and record.arxiv_id:
        return record.arxiv_id
    return paper.arxiv_id or None


def papers_with_pdf(
    library_dir: str | os.PathLike[str],
    papers: Iterable[Paper],
    records: Mapping[str, ArxivRecord],
) -> set[str]:
    """Ids of the papers whose PDF is on disk (`is:pdf`)."""
    local = local_pdf_ids(library_dir)
    if not local:
        return set()
    return {p.id for p in papers if paper_arxiv_id(p, records.get(p.id)) in local}
