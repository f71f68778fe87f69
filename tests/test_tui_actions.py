"""Pilot tests of the keys that reach outside: arXiv fetch, open, copy, export."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest
from arxiv_server import ArxivServer, seed_responder
from tui_library import (
    StubFetcher,
    detail,
    found,
    messages,
    run,
    status,
    table_lines,
    table_of,
)

from readinglist.arxiv import FetchEvent, FetchSummary
from readinglist.papers.library import Library
from readinglist.papers.models import Paper
from readinglist.tui import links
from readinglist.tui.app import create_app


class BlockingFetcher:
    """Waits on the cancel event, as a slow batch would, then reports it cancelled."""

    def __init__(self) -> None:
        self.started = threading.Event()

    def __call__(self, papers, store, *, progress=None, cancel=None, refresh=False) -> FetchSummary:
        self.started.set()
        cancel.wait(10)
        return FetchSummary(cancelled=cancel.is_set(), not_asked=len(papers))


async def test_a_fetches_the_current_paper_and_the_pane_shows_it(library: Path) -> None:
    fetcher = StubFetcher()
    app = create_app(library, fetcher=fetcher)
    async with run(app) as pilot:
        assert "not looked up yet" in detail(app)
        await pilot.press("a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert fetcher.asked == ["paper-0"]
        assert "arXiv: 2401.00001" in detail(app)
        assert "https://arxiv.org/pdf/2401.00001" in detail(app)
        assert app.session.arxiv.get("paper-0").arxiv_id == "2401.00001"
        assert any("found 2401.00001" in m for m in messages(app))


async def test_A_fetches_every_shown_paper(library: Path) -> None:
    fetcher = StubFetcher()
    app = create_app(library, fetcher=fetcher)
    async with run(app) as pilot:
        await pilot.press("slash", *"author:turing", "enter")
        await pilot.press("A")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert fetcher.asked == ["paper-3"]
        await pilot.press("slash", "escape", "A")
        await app.workers.wait_for_complete()
        assert len(fetcher.asked) == 6
        assert "arXiv" not in status(app)  # the progress is gone once done


async def test_escape_or_A_cancels_a_batch(library: Path) -> None:
    for cancel_key in ("escape", "A"):
        fetcher = BlockingFetcher()
        app = create_app(library, fetcher=fetcher)
        async with run(app) as pilot:
            await pilot.press("A")
            assert fetcher.started.wait(5)
            await pilot.pause()
            assert "arXiv 0/5" in status(app)
            await pilot.press("j")  # the app stays responsive meanwhile
            assert table_of(app).cursor == 1
            await pilot.press(cancel_key)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert any("cancelled" in m for m in messages(app))


async def test_a_against_a_loopback_arxiv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    title = "Fast Transformers with Clustered Attention"
    Library(tmp_path / "lib", [Paper(id="fast", title=title)]).save()
    with ArxivServer(seed_responder) as server:
        monkeypatch.setenv("READINGLIST_ARXIV_URL", server.url)
        monkeypatch.setenv("READINGLIST_ARXIV_INTERVAL", "0")
        app = create_app(tmp_path / "lib")
        async with run(app) as pilot:
            await pilot.press("a")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "arXiv: 2007.04825" in detail(app)
            assert app.session.arxiv.get("fast").status == "found"


async def test_o_p_and_y_use_arxiv_links(library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(library)
    opened: list[str] = []
    async with run(app) as pilot:
        monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
        monkeypatch.setattr(links, "browser_available", lambda: True)
        await pilot.press("o", "y")
        assert opened == []  # no link yet: a notification instead
        assert app.clipboard == "Attention Is All You Need Again"
        app.session.arxiv.put("paper-0", found("1706.03762"))
        await pilot.press("o", "p", "y")
        assert opened == ["https://arxiv.org/abs/1706.03762", "https://arxiv.org/pdf/1706.03762"]
        assert app.clipboard == (
            "Attention Is All You Need Again\nhttps://arxiv.org/abs/1706.03762"
        )


async def test_links_that_are_not_arxiv_http_are_never_opened(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(library)
    opened: list[str] = []
    async with run(app) as pilot:
        monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
        monkeypatch.setattr(links, "browser_available", lambda: True)
        for url in ("file:///etc/passwd", "javascript:alert(1)", "https://evil.example/abs/1"):
            app.session.arxiv.put("paper-0", found("1706.03762", url))
            await pilot.press("o")
        assert opened == []


async def test_e_exports_the_starred_list_here(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "cwd"
    here.mkdir()
    monkeypatch.chdir(here)
    app = create_app(library)
    async with run(app) as pilot:
        await pilot.press("e")
        await app.workers.wait_for_complete()
        assert list(here.iterdir()) == []  # nothing starred: nothing written
        await pilot.press("s", "j", "j", "s", "e", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        files = list(here.iterdir())
        assert len(files) == 1 and files[0].name.startswith("readinglist-starred-")
        text = files[0].read_text(encoding="utf-8")
        assert "Attention Is All You Need Again" in text
        assert "Mallory" in text
        assert any(str(files[0]) in m for m in messages(app)), messages(app)
        await pilot.press("e", "enter")  # a second export never overwrites the first
        await app.workers.wait_for_complete()
        assert len(list(here.iterdir())) == 2


async def test_a_broken_fetcher_is_reported_and_the_next_fetch_can_run(library: Path) -> None:
    calls = []

    def broken(papers, store, *, progress=None, cancel=None):
        calls.append(len(papers))
        raise RuntimeError("boom")

    app = create_app(library, fetcher=broken)
    async with run(app) as pilot:
        await pilot.press("a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("boom" in m for m in messages(app))
        await pilot.press("a")
        await app.workers.wait_for_complete()
        assert calls == [1, 1]
        assert app.is_running


async def test_the_authors_column_shows_authors_filled_from_arxiv(tmp_path: Path) -> None:
    directory = tmp_path / "lib"
    Library(directory, [Paper(id="p", title="Nameless", author_count=3, added=0)]).save()

    def with_authors(papers, store, *, progress=None, cancel=None) -> FetchSummary:
        record = replace(found("2401.00001"), authors=["Ada L", "B", "C"])
        store.put("p", record)
        progress(FetchEvent(papers[0], "found", record, index=1, total=1))
        return FetchSummary(found=1)

    app = create_app(directory, fetcher=with_authors)
    async with run(app) as pilot:
        assert "3 authors" in table_lines(app)[1]
        await pilot.press("a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Ada L +2" in table_lines(app)[1]
        assert "Ada L, B, C" in detail(app)


async def test_without_a_browser_o_says_so_and_shows_the_link(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(library)
    opened: list[str] = []
    async with run(app) as pilot:
        monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
        monkeypatch.setattr(links, "browser_available", lambda: False)
        app.session.arxiv.put("paper-0", found("1706.03762"))
        await pilot.press("o")
        assert opened == []
        assert messages(app)[-1] == (
            "No web browser found here; y copies the link: https://arxiv.org/abs/1706.03762"
        )
