"""Which links the app will hand to a browser: only http(s) pages on arXiv."""

from __future__ import annotations

import webbrowser
from urllib.parse import urlsplit

from readinglist.papers.models import ArxivRecord

ARXIV_HOSTS = ("arxiv.org", "export.arxiv.org", "www.arxiv.org")


def arxiv_link(record: ArxivRecord | None, kind: str) -> str | None:
    """The record's abs (`kind="abs"`) or PDF link when it is an http(s) arXiv URL, else None."""
    if record is None or record.status != "found":
        return None
    url = record.abs_url if kind == "abs" else record.pdf_url
    if not url or any(ord(c) < 33 or ord(c) == 127 for c in url):
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or (parts.hostname or "") not in ARXIV_HOSTS:
        return None
    return url


def browser_available() -> bool:
    """Whether Python knows a browser to hand links to (none on a bare server or in SSH)."""
    try:
        webbrowser.get()
    except webbrowser.Error:
        return False
    return True
