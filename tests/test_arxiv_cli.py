"""`readinglist fetch` in a subprocess against a loopback arXiv."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import orjson
import pytest
from arxiv_server import ArxivServer, Reply, seed_responder

from readinglist.cli import main
from readinglist.papers.library import Library

SEED = Path(__file__).parent / "fixtures" / "seeds" / "author-list.txt"
FAST_TITLE = "Fast Transformers with Clustered Attention"
LINEAR_TITLE = "Transformers are RNNs: Fast Autoregressive Transformers with Linear Attention"


@pytest.fixture
def server() -> Iterator[ArxivServer]:
    with ArxivServer(seed_responder) as running:
        yield running


def environment(home: Path, url: str) -> dict[str, str]:
    return {
        **os.environ,
        "READINGLIST_HOME": str(home),
        "READINGLIST_ARXIV_URL": url,
        "READINGLIST_ARXIV_INTERVAL": "0",
        "NO_PROXY": "127.0.0.1",
    }


class Done(NamedTuple):
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def readinglist(monkeypatch: pytest.MonkeyPatch, capsys):
    """`readinglist(home, url, ARGS...)` run in this process (fast), its output captured;
    the Ctrl-C test below runs a real process."""

    def run(home: Path, url: str, *args: str) -> Done:
        for name, value in environment(home, url).items():
            monkeypatch.setenv(name, value)
        code = main(list(args))
        out, err = capsys.readouterr()
        return Done(code, out, err)

    return run


@pytest.fixture
def ids(readinglist, library_home: Path, server: ArxivServer) -> dict[str, str]:
    """The author-list seed page imported; paper ids by title."""
    done = readinglist(library_home, server.url, "import", str(SEED))
    assert done.returncode == 0, done.stderr
    return {p.title: p.id for p in Library.open(library_home).papers}


def records(home: Path) -> dict:
    path = home / "arxiv.json"
    return orjson.loads(path.read_bytes())["tables"]["arxiv"] if path.exists() else {}


def test_fetch_ids_reports_each_paper_and_a_summary(readinglist, library_home, server, ids) -> None:
    fast, linear = ids[FAST_TITLE], ids[LINEAR_TITLE]
    done = readinglist(library_home, server.url, "fetch", fast, linear)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"[1/2] {fast}: found 2007.04825",
        f"[2/2] {linear}: found 2006.16236",
        "found 2, not found 0, failed 0, skipped 0",
    ]
    stored = records(library_home)
    assert stored[fast]["pdf_url"] == "https://arxiv.org/pdf/2007.04825v2"
    assert stored[linear]["authors"][-1] == "François Fleuret"
    [request] = server.requests  # both titles in one request
    assert request["search_query"] == (
        'ti:"Fast Transformers with Clustered Attention" OR '
        'ti:"Transformers are RNNs Fast Autoregressive Transformers with Linear Attention"'
    )


def test_second_run_skips_and_refresh_asks_by_id(readinglist, library_home, server, ids) -> None:
    fast = ids[FAST_TITLE]
    readinglist(library_home, server.url, "fetch", fast)
    again = readinglist(library_home, server.url, "fetch", fast)
    assert again.stderr.splitlines()[-1] == "found 0, not found 0, failed 0, skipped 1"
    assert len(server.requests) == 1
    refreshed = readinglist(library_home, server.url, "fetch", fast, "--refresh")
    assert refreshed.stderr.splitlines()[-1] == "found 1, not found 0, failed 0, skipped 0"
    assert server.requests[-1]["id_list"] == "2007.04825"


def test_fetch_query_takes_the_matching_papers(readinglist, library_home, server, ids) -> None:
    fast = ids[FAST_TITLE]
    starred = readinglist(library_home, server.url, "star", fast)
    assert starred.returncode == 0, starred.stderr
    done = readinglist(library_home, server.url, "fetch", "--query", "is:starred")
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        f"[1/1] {fast}: found 2007.04825",
        "found 1, not found 0, failed 0, skipped 0",
    ]
    assert list(records(library_home)) == [fast]


def test_misses_and_failures_still_exit_zero(readinglist, library_home, server, ids) -> None:
    other = next(pid for title, pid in ids.items() if title not in (FAST_TITLE, LINEAR_TITLE))
    server.script(  # the pair is refused, then asked again one by one
        Reply.file("error-http400-bad-id.xml"),
        Reply.file("empty-entry-unknown-id.xml"),
        Reply.file("error-http400-bad-id.xml"),
    )
    done = readinglist(library_home, server.url, "fetch", other, ids[FAST_TITLE])
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        f"[1/2] {other}: not found",
        f"[2/2] {ids[FAST_TITLE]}: failed: arXiv error: incorrect id format for abc"
        f' ("{FAST_TITLE}")',  # a failure names the paper
        "found 0, not found 1, failed 1, skipped 0",
    ]
    assert {pid: r["status"] for pid, r in records(library_home).items()} == {other: "not_found"}


def test_unknown_id_exits_2_naming_it_before_asking(readinglist, library_home, server, ids) -> None:
    done = readinglist(library_home, server.url, "fetch", ids[FAST_TITLE], "nosuchpaper")
    assert done.returncode == 2
    assert "nosuchpaper" in done.stderr and len(done.stderr.splitlines()) == 1
    assert server.requests == [] and records(library_home) == {}


def test_no_ids_and_no_query_is_a_usage_error(readinglist, library_home, server) -> None:
    done = readinglist(library_home, server.url, "fetch")
    assert done.returncode == 2 and "--query" in done.stderr


def test_offline_is_one_line_exit_1_and_nothing_changed(
    readinglist, library_home, server, ids
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}/api/query"
    done = readinglist(library_home, dead, "fetch", *ids.values())
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert line.startswith("readinglist: cannot reach arXiv at 127.0.0.1:")
    assert "check your connection" in line
    assert not (library_home / "arxiv.json").exists()


def test_ctrl_c_keeps_what_was_found_and_says_so(readinglist, library_home, server, ids) -> None:
    fast, linear = ids[FAST_TITLE], ids[LINEAR_TITLE]
    assert readinglist(library_home, server.url, "fetch", fast).returncode == 0
    # --refresh: the found paper goes by id first, then the other's title hangs
    server.script(Reply.file("found-fast-transformers.xml"), Reply(delay=30))
    with subprocess.Popen(
        [sys.executable, "-m", "readinglist", "fetch", "--refresh", fast, linear],
        stderr=subprocess.PIPE,
        text=True,
        env=environment(library_home, server.url),
    ) as process:
        assert process.stderr.readline() == f"[1/2] {fast}: found 2007.04825\n"
        process.send_signal(signal.SIGINT)
        rest = process.stderr.read().splitlines()
        assert process.wait(timeout=30) == 130
    assert rest == [
        "found 1, not found 0, failed 0, skipped 0 (interrupted; the rest not asked)",
        "readinglist: interrupted",
    ]
    assert list(records(library_home)) == [fast]


def test_list_and_show_json_carry_the_arxiv_id_a_lookup_found(
    readinglist, library_home, server, ids
) -> None:
    fast = ids[FAST_TITLE]
    before = readinglist(library_home, server.url, "show", fast, "--json")
    assert orjson.loads(before.stdout)["arxiv_id"] is None  # the author list prints no id
    readinglist(library_home, server.url, "fetch", fast)
    listed = readinglist(library_home, server.url, "list", "--json", 'title:"fast transformers"')
    assert listed.returncode == 0, listed.stderr
    assert len(orjson.loads(listed.stdout)) == 1
    shown = readinglist(library_home, server.url, "show", fast, "--json")
    for data in (orjson.loads(shown.stdout), *orjson.loads(listed.stdout)):
        assert data["arxiv_id"] == "2007.04825" and data["arxiv"]["status"] == "found"
