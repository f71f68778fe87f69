"""PDF downloads against a loopback server: streamed in chunks, cut off, HTML instead of a
PDF, cancelled midway. Nothing half-written is ever left under the final name."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from arxiv_server import ArxivServer, Catalog, CatalogPaper, Reply

from readinglist.arxiv.feed import parse_feed
from readinglist.arxiv.pdf import (
    PdfDownloader,
    PdfProgress,
    download_pdfs,
    local_pdf_ids,
    papers_with_pdf,
    pdf_path,
    pdf_requests,
    pdf_url,
)
from readinglist.arxiv.records import ArxivStore, found_record
from readinglist.papers.models import ArxivRecord, Paper

PDF = b"%PDF-1.5\n" + b"0123456789abcdef" * 4096 + b"\n%%EOF\n"  # 64 kB
PDF_TYPE = {"Content-Type": "application/pdf"}
FAST = Paper(id="fast", title="Fast Transformers with Clustered Attention", arxiv_id="2007.04825")
OLD = Paper(id="old", title="Old Strings", arxiv_id="hep-th/9901001")


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[ArxivServer]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with ArxivServer() as running:
        monkeypatch.setenv("READINGLIST_ARXIV_PDF_URL", running.base)
        yield running


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return tmp_path / "library"


def downloader(library: Path, **options) -> PdfDownloader:
    options = {"interval": 0, "timeout": 2, "retries": 1, "backoff": 0.001, **options}
    return PdfDownloader(library, **options)


def fetch(library: Path, papers, **options):
    steps: list[tuple[str | None, int]] = []

    def progress(step: PdfProgress) -> None:
        steps.append((step.outcome, step.received))

    requests, _ = pdf_requests(papers, {})
    with downloader(library) as made:
        summary = download_pdfs(library, requests, downloader=made, progress=progress, **options)
    return summary, steps


def leftovers(library: Path) -> list[str]:
    folder = library / "pdfs"
    return sorted(os.listdir(folder)) if folder.exists() else []


def test_a_pdf_served_in_chunks_is_saved_whole_under_its_id(server, library) -> None:
    server.script(Reply(200, PDF, headers=PDF_TYPE, action="chunks", chunks=4, delay=0.12))
    summary, steps = fetch(library, [FAST])
    assert summary.line() == "saved 1, already there 0, failed 0"
    assert pdf_path(library, "2007.04825").read_bytes() == PDF
    assert server.paths == ["/pdf/2007.04825"]
    assert steps[-1] == ("saved", len(PDF))
    assert len(steps) > 2 and all(o is None for o, _ in steps[:-1])  # progress while streaming
    assert leftovers(library) == ["2007.04825.pdf"]
    assert local_pdf_ids(library) == {"2007.04825"}


def test_an_old_style_id_is_saved_with_an_underscore(server, library) -> None:
    server.script(Reply(200, PDF, headers=PDF_TYPE))
    fetch(library, [OLD])
    assert server.paths == ["/pdf/hep-th/9901001"]
    assert leftovers(library) == ["hep-th_9901001.pdf"]
    assert local_pdf_ids(library) == {"hep-th/9901001"}
    assert papers_with_pdf(library, [OLD, FAST], {}) == {"old"}


def test_a_pdf_cut_off_halfway_leaves_nothing_under_its_name(server, library) -> None:
    server.script(*[Reply(200, PDF, headers=PDF_TYPE, action="truncate")] * 2)
    summary, steps = fetch(library, [FAST])
    assert summary.failed == 1 and steps[-1][0] == "failed"
    assert len(server.requests) == 2  # retried once, then given up
    assert leftovers(library) == []  # no partial file, no temp file


def test_html_where_a_pdf_was_expected_is_refused(server, library) -> None:
    page = b"<html><body>The PDF is being generated, come back later</body></html>"
    server.script(Reply(200, page, headers={"Content-Type": "text/html; charset=utf-8"}))
    requests, _ = pdf_requests([FAST], {})
    with downloader(library) as made:
        steps: list[PdfProgress] = []
        summary = download_pdfs(library, requests, downloader=made, progress=steps.append)
    assert summary.failed == 1
    assert steps[-1].reason.startswith("2007.04825.pdf: the server sent a page (text/html)")
    assert leftovers(library) == []


def test_a_body_that_is_not_a_pdf_is_refused_whatever_its_type(server, library) -> None:
    server.script(Reply(200, b"GIF89a" + b"x" * 100, headers={"Content-Type": "application/pdf"}))
    summary, _ = fetch(library, [FAST])
    assert summary.failed == 1 and leftovers(library) == []


def test_cancel_midway_stops_and_leaves_nothing(server, library) -> None:
    server.script(Reply(200, PDF, headers=PDF_TYPE, action="chunks", chunks=50, delay=0.05))
    cancel = threading.Event()

    def progress(step: PdfProgress) -> None:
        if step.received > 0:
            cancel.set()

    requests, _ = pdf_requests([FAST, OLD], {})
    with downloader(library) as made:
        summary = download_pdfs(
            library, requests, downloader=made, progress=progress, cancel=cancel
        )
    assert summary.cancelled and summary.saved == 0 and summary.not_asked == 2
    assert len(server.requests) == 1 and leftovers(library) == []


def test_a_pdf_already_there_is_kept_unless_forced(server, library) -> None:
    target = pdf_path(library, "2007.04825")
    target.parent.mkdir(parents=True)
    target.write_bytes(b"%PDF-old")
    summary, _ = fetch(library, [FAST])
    assert summary.present == 1 and server.requests == [] and target.read_bytes() == b"%PDF-old"
    server.script(Reply(200, PDF, headers=PDF_TYPE))
    summary, _ = fetch(library, [FAST], force=True)
    assert summary.saved == 1 and target.read_bytes() == PDF


def test_a_saved_pdf_makes_the_newest_version_the_one_read(server, library, tmp_path) -> None:
    [entry] = parse_feed(
        (Path(__file__).parent / "fixtures/arxiv/found-fast-transformers.xml").read_bytes()
    )
    record = found_record(entry, datetime.now(UTC))
    record.version, record.latest_version = 1, 2
    store = ArxivStore(tmp_path / "arxiv.json")
    store.put("fast", record)
    server.script(Reply(200, PDF, headers=PDF_TYPE))
    requests, _ = pdf_requests([FAST], store.all())
    with downloader(library) as made:
        download_pdfs(library, requests, downloader=made, store=store)
    assert (store.get("fast").version, store.get("fast").latest_version) == (2, 2)


def test_the_pdf_host_comes_from_the_papers_link_and_stays_on_arxiv(monkeypatch) -> None:
    monkeypatch.delenv("READINGLIST_ARXIV_PDF_URL", raising=False)
    assert pdf_url("2007.04825", "http://export.arxiv.org/pdf/2007.04825v2") == (
        "http://export.arxiv.org/pdf/2007.04825"
    )
    assert pdf_url("2007.04825", "https://evil.example/pdf/2007.04825") == (
        "https://arxiv.org/pdf/2007.04825"
    )
    monkeypatch.setenv("READINGLIST_ARXIV_PDF_URL", "http://127.0.0.1:1/")
    assert pdf_url("2007.04825") == "http://127.0.0.1:1/pdf/2007.04825"


def test_papers_without_a_well_formed_id_are_not_asked() -> None:
    bad = Paper(id="bad", title="Bad", arxiv_id="../1234567")
    none = Paper(id="none", title="None")
    stored = {"none": ArxivRecord(status="not_found", checked_at="2026-01-01T00:00:00+00:00")}
    requests, without = pdf_requests([bad, none, FAST], stored)
    assert [r.arxiv_id for r in requests] == ["2007.04825"]
    assert [p.id for p in without] == ["bad", "none"]
    with pytest.raises(ValueError):
        pdf_path("/tmp", "../1234567")


def test_pdf_command_saves_prints_paths_and_fails_on_html(server, library_home) -> None:
    catalog = Catalog([CatalogPaper("2401.00001", "Sparse Attention for Long Documents")])
    server.responder = catalog
    env = {
        **os.environ,
        "READINGLIST_ARXIV_URL": server.url,
        "READINGLIST_ARXIV_INTERVAL": "0",
        "READINGLIST_ARXIV_MAX_WAIT": "0.01",
    }

    def readinglist(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "readinglist", *args],
            capture_output=True, text=True, env=env, timeout=60,
        )  # fmt: skip

    added = readinglist("add", "2401.00001")
    assert added.returncode == 0, added.stderr
    paper_id = added.stdout.split()[0]
    server.script(Reply(200, PDF, headers=PDF_TYPE, action="chunks"))
    done = readinglist("pdf", paper_id)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(library_home / "pdfs" / "2401.00001.pdf")
    assert done.stderr.splitlines() == [
        "[1/1] 2401.00001: saved (0.1 MB)",
        "saved 1, already there 0, failed 0",
    ]
    server.script(Reply(200, b"<html>busy</html>", headers={"Content-Type": "text/html"}))
    again = readinglist("pdf", "--force", paper_id)
    assert again.returncode == 1 and "not a PDF" in again.stderr
    assert (library_home / "pdfs" / "2401.00001.pdf").read_bytes() == PDF  # the old one stays
