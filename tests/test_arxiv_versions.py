"""A newer version on arXiv, end to end: `fetch --refresh` reports it, `is:updated` finds it,
downloading the PDF (`is:pdf`) makes it the version read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from arxiv_server import ArxivServer, Catalog, CatalogPaper, Reply

from readinglist.arxiv.flags import arxiv_flags
from readinglist.arxiv.pdf import pdf_path
from readinglist.cli import main
from readinglist.papers.models import ArxivRecord, Paper

PDF = b"%PDF-1.7\n" + b"x" * 2000


class Done(NamedTuple):
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def catalog() -> Catalog:
    return Catalog(
        [
            CatalogPaper("2401.00001", "Sparse Attention for Long Documents", version=3),
            CatalogPaper("2401.00002", "Graph Networks Meet Diffusion", version=1),
        ]
    )


@pytest.fixture
def server(catalog: Catalog) -> Iterator[ArxivServer]:
    with ArxivServer(catalog) as running:
        yield running


def command(monkeypatch: pytest.MonkeyPatch, capsys, home: Path, server: ArxivServer):
    """`readinglist ARGS` run in this process (fast), its output captured."""
    monkeypatch.setenv("READINGLIST_HOME", str(home))
    monkeypatch.setenv("READINGLIST_ARXIV_URL", server.url)
    monkeypatch.setenv("READINGLIST_ARXIV_PDF_URL", server.base)
    monkeypatch.setenv("READINGLIST_ARXIV_INTERVAL", "0")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")

    def readinglist(*args: str) -> Done:
        code = main(list(args))
        out, err = capsys.readouterr()
        return Done(code, out, err)

    return readinglist


def listed(done: Done) -> list[str]:
    return [line.split()[0] for line in done.stdout.splitlines()]


def test_a_newer_version_is_reported_found_and_seen_once_downloaded(
    monkeypatch, capsys, library_home, server, catalog
) -> None:
    readinglist = command(monkeypatch, capsys, library_home, server)
    added = readinglist("add", "2401.00001", "2401.00002")
    assert added.returncode == 0, added.stderr
    sparse, graph = listed(added)
    assert listed(readinglist("list", "is:updated")) == []

    catalog.by_id("2401.00001").version = 4
    refreshed = readinglist("fetch", "--refresh", "--query", "")
    assert refreshed.returncode == 0, refreshed.stderr
    assert f"{sparse}: found 2401.00001 v3 (v4 available)" in refreshed.stderr
    assert refreshed.stdout.splitlines() == [
        "1 with a newer version on arXiv:",
        f"{sparse}  v3 (v4 available)  Sparse Attention for Long Documents",
    ]
    assert listed(readinglist("list", "is:updated")) == [sparse]
    assert listed(readinglist("list", "--", "-is:updated")) == [graph]

    server.script(Reply(200, PDF, headers={"Content-Type": "application/pdf"}))
    assert readinglist("pdf", "--query", "is:updated").returncode == 0
    assert pdf_path(library_home, "2401.00001").read_bytes() == PDF
    assert listed(readinglist("list", "is:pdf")) == [sparse]
    assert listed(readinglist("list", "is:updated")) == []  # the PDF is the newest version


def test_flags_look_at_records_and_files_only_when_asked(tmp_path) -> None:
    asked: list[int] = []
    paper = Paper(id="p", title="T", arxiv_id="2401.00001")
    other = Paper(id="q", title="U")
    record = ArxivRecord(
        status="found", checked_at="2026-01-01T00:00:00+00:00", arxiv_id="2401.00001",
        version=1, latest_version=2,
    )  # fmt: skip

    def records() -> dict[str, ArxivRecord]:
        asked.append(1)
        return {"p": record}

    flags = arxiv_flags(tmp_path, records)
    assert asked == []
    assert flags["updated"](paper) and not flags["updated"](other)
    assert asked == [1]  # gathered once, on the first paper
    assert not flags["pdf"](paper)
    pdf_path(tmp_path, "2401.00001").parent.mkdir()
    pdf_path(tmp_path, "2401.00001").write_bytes(PDF)
    assert arxiv_flags(tmp_path, records)["pdf"](paper)
