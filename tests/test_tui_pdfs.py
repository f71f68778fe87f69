"""Pilot tests of PDFs in the app against a loopback server: `d` keeps them in `pdfs/`
(progress in the status line, cancellable, one summary), `p` opens the kept file, and the
detail pane names the file and the version read."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from arxiv_server import ArxivServer, Reply
from tui_library import detail, found, messages, run, status

from readinglist.arxiv import FetchSummary
from readinglist.tui import links
from readinglist.tui.app import create_app
from readinglist.tui.keys import BINDING_IDS, MAIN_KEYS, help_rows

PDF = b"%PDF-1.5\n" + b"0123456789abcdef" * 4096 + b"\n%%EOF\n"  # 64 kB
PDF_TYPE = {"Content-Type": "application/pdf"}


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[ArxivServer]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("READINGLIST_ARXIV_INTERVAL", "0")
    monkeypatch.setenv("READINGLIST_ARXIV_MAX_WAIT", "0.01")
    with ArxivServer() as running:
        monkeypatch.setenv("READINGLIST_ARXIV_PDF_URL", running.base)
        yield running


def pdf_files(library: Path) -> list[str]:
    folder = library / "pdfs"
    return sorted(os.listdir(folder)) if folder.exists() else []


async def test_d_keeps_the_pdf_and_p_opens_it(
    library: Path, server: ArxivServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.script(Reply(200, PDF, headers=PDF_TYPE, action="chunks", chunks=4, delay=0.05))
    app = create_app(library)
    opened: list[str] = []
    async with run(app) as pilot:
        monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
        monkeypatch.setattr(links, "browser_available", lambda: True)
        app.session.arxiv.put("paper-0", found("2401.00001"))
        await pilot.press("p")  # not kept yet: arXiv's PDF link
        assert opened == ["https://arxiv.org/pdf/2401.00001"]
        await pilot.press("d")
        assert "PDF 0/1" in status(app) or "PDF 1/1" in status(app)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert (library / "pdfs" / "2401.00001.pdf").read_bytes() == PDF
        assert server.paths == ["/pdf/2401.00001"]
        assert "PDF" not in status(app)  # the progress is gone once done
        said = [m for m in messages(app) if "saved" in m]
        assert said == ["saved 1, already there 0, failed 0"]
        assert "PDF: pdfs/2401.00001.pdf" in detail(app)
        await pilot.press("p")
        assert opened[-1] == (library / "pdfs" / "2401.00001.pdf").resolve().as_uri()
        await pilot.press("d")  # kept already: not asked again
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(server.paths) == 1
        assert messages(app)[-1] == "saved 0, already there 1, failed 0"


async def test_a_paper_without_an_arxiv_id_says_a_finds_it(
    library: Path, server: ArxivServer
) -> None:
    app = create_app(library)
    async with run(app) as pilot:
        await pilot.press("d")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("a looks it up on arXiv" in m for m in messages(app)), messages(app)
        assert server.paths == [] and pdf_files(library) == []


async def test_d_on_the_selection_one_summary_naming_the_failure(
    library: Path, server: ArxivServer
) -> None:
    server.script(
        Reply(200, PDF, headers=PDF_TYPE),
        Reply(200, b"<html>busy</html>", headers={"Content-Type": "text/html"}),
    )
    app = create_app(library)
    async with run(app) as pilot:
        app.session.arxiv.put("paper-0", found("2401.00001"))
        app.session.arxiv.put("paper-1", found("2401.00002"))
        await pilot.press("v", "v", "v", "d")  # the third has no arXiv id
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert pdf_files(library) == ["2401.00001.pdf"]  # nothing kept for the HTML page
        summaries = [m for m in messages(app) if m.startswith("saved")]
        assert len(summaries) == 1
        assert summaries[0].startswith("saved 1, already there 0, failed 1\n2401.00002.pdf:")
        assert "not a PDF" in summaries[0]
        assert any("1 paper without an arXiv id skipped" in m for m in messages(app))


@pytest.mark.parametrize("cancel_key", ["escape", "d"])
async def test_escape_or_d_cancels_and_leaves_no_partial_file(
    library: Path, server: ArxivServer, cancel_key: str
) -> None:
    server.script(Reply(200, PDF, headers=PDF_TYPE, action="chunks", chunks=50, delay=0.1))
    app = create_app(library)
    async with run(app) as pilot:
        app.session.arxiv.put("paper-0", found("2401.00001"))
        await pilot.press("d")
        for _ in range(100):  # until the first bytes are in
            await pilot.pause(0.05)
            if "kB" in status(app):
                break
        assert "PDF 1/1 2401.00001:" in status(app) and "cancels" in status(app)
        await pilot.press("j")  # the app answers keys meanwhile
        await pilot.press(cancel_key)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any(m.startswith("cancelled: saved 0") for m in messages(app)), messages(app)
        assert pdf_files(library) == []  # not even a .part file
        assert "PDF" not in status(app)


async def test_the_pane_shows_the_version_read_and_a_newer_one(library: Path) -> None:
    app = create_app(library)
    async with run(app) as pilot:
        record = replace(found("2401.00001"), version=3, latest_version=4)
        app.session.arxiv.put("paper-0", record)
        await pilot.press("j", "k")
        assert "Version: v3 (v4 available)" in detail(app)
        app.session.arxiv.put("paper-0", replace(record, latest_version=3))
        await pilot.press("j", "k")
        assert "Version: v3\n" in detail(app)


async def test_A_asks_again_by_id_and_names_the_newer_versions(library: Path) -> None:
    asked: list[bool] = []

    def fetcher(papers, store, *, progress=None, cancel=None, refresh=False) -> FetchSummary:
        asked.append(refresh)
        return FetchSummary(found=len(papers), updated=2)

    app = create_app(library, fetcher=fetcher)
    async with run(app) as pilot:
        await pilot.press("A")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert asked == [True]
        assert messages(app)[-1] == (
            "found 5, not found 0, failed 0, skipped 0, newer version 2\n"
            "2 papers have a newer version on arXiv: is:updated lists them, d gets the new PDF"
        )


def test_d_is_in_help_the_palette_and_rebindable() -> None:
    rows = dict(help_rows({}))
    assert "pdfs/" in rows["d"] and "kept PDF" in rows["p"]
    assert "download_pdfs" in BINDING_IDS
    assert dict(help_rows({"download_pdfs": "D"}))["D"] == rows["d"]
    assert any(k.action == "download_pdfs" and k.palette for k in MAIN_KEYS)
