"""A featured paper with triage and an arXiv record: the fixed demo state that the screenshots
and the snapshot tests both show, so the two cannot drift apart."""

from __future__ import annotations

from pathlib import Path

from readinglist.arxiv.records import ArxivStore
from readinglist.papers.models import ArxivRecord
from readinglist.paths import arxiv_file, state_file
from readinglist.state.store import StateStore

FEATURED = "Fast Transformers with Clustered Attention"
FEATURED_ARXIV = ArxivRecord(
    status="found",
    checked_at="2025-10-30T12:00:00Z",
    arxiv_id="2007.04825",
    abs_url="https://arxiv.org/abs/2007.04825",
    pdf_url="https://arxiv.org/pdf/2007.04825",
    primary_category="cs.LG",
    published="2020-07-09",
)


def feature_paper(directory: Path, paper_id: str) -> None:
    """Star the paper, give it a note and tags, and store its arXiv links."""
    store = StateStore(state_file(directory))
    store.set_starred(paper_id, True)
    store.set_notes(paper_id, "Compare with linear attention.\nReproduce table 2.")
    store.set_tags(paper_id, ["attention", "to-reproduce"])
    store.close()
    arxiv = ArxivStore(arxiv_file(directory))
    arxiv.put(paper_id, FEATURED_ARXIV)
    arxiv.close()
