"""arXiv links on demand: find papers on arXiv (ten titles or a hundred ids per request),
confirm each, keep its links and the version read; add papers by id; keep their PDFs.

No UI here: the CLI (`fetch`, `add`, `pdf`) and the app both drive these modules.

    with ArxivClient() as client:
        summary = fetch_papers(client, papers, ArxivStore(arxiv_file(directory)))
    version_text(record)                      # "v3 (v4 available)"
    requests, without = pdf_requests(papers, store.all())
    download_pdfs(directory, requests, store=store, progress=report, cancel=event)
    pdf_path(directory, arxiv_id)             # pdfs/2007.04825.pdf, there or not

Names are imported on first use, so reading the stored records (`list`, `export`) never
pays for importing the HTTP client.
"""

from __future__ import annotations

import importlib
from typing import Any

_HOMES = {
    "ArxivCancelled": "client",
    "ArxivClient": "client",
    "ArxivError": "client",
    "ArxivUnreachable": "client",
    "FeedEntry": "feed",
    "FeedError": "feed",
    "parse_feed": "feed",
    "NOT_FOUND_TTL": "fetcher",
    "FetchEvent": "fetcher",
    "FetchSummary": "fetcher",
    "fetch_papers": "fetcher",
    "lookup_paper": "fetcher",
    "skip_reason": "fetcher",
    "best_match": "matching",
    "title_query": "matching",
    "ArxivStore": "records",
    "fill_from_arxiv": "records",
    "has_newer_version": "records",
    "version_text": "records",
    "version_seen": "records",
    "ArxivBusy": "client",
    "ArxivServerFailure": "client",
    "IdFiller": "by_id",
    "arxiv_flags": "flags",
    "PdfDownloader": "pdf",
    "PdfProgress": "pdf",
    "PdfRequest": "pdf",
    "PdfSummary": "pdf",
    "download_pdfs": "pdf",
    "pdf_requests": "pdf",
    "pdf_url": "pdf",
    "PDF_DIR": "pdf_files",
    "local_pdf_ids": "pdf_files",
    "paper_arxiv_id": "pdf_files",
    "papers_with_pdf": "pdf_files",
    "pdf_path": "pdf_files",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
