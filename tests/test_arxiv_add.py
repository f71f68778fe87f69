"""`readinglist add` and importing a text of arXiv ids: papers filled in from arXiv."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import orjson
import pytest
from arxiv_server import ArxivServer, Catalog, CatalogPaper

from readinglist.cli import main
from readinglist.cli.add_cmd import arxiv_ref
from readinglist.errors import UserError
from readinglist.papers.library import Library

CATALOG = [
    CatalogPaper(
        "2401.00001",
        "Sparse Attention for Long Documents",
        version=3,
        authors=["Ada Lovelace", "Alan Turing"],
        summary="We make attention sparse.",
        published="2024-01-02",
        category="cs.CL",
    ),
    CatalogPaper("hep-th/9901001", "Old Strings", published="1999-01-01", category="hep-th"),
]


@pytest.fixture
def server() -> Iterator[ArxivServer]:
    with ArxivServer(Catalog([*CATALOG, *extra_papers()])) as running:
        yield running


def extra_papers() -> list[CatalogPaper]:
    return [CatalogPaper(f"2402.{n:05d}", f"Extra paper {n}") for n in range(1, 131)]


class Done(NamedTuple):
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def readinglist(monkeypatch: pytest.MonkeyPatch, capsys):
    """`readinglist(home, url, ARGS...)` run in this process (fast), its output captured."""

    def run(home: Path, url: str, *args: str) -> Done:
        monkeypatch.setenv("READINGLIST_HOME", str(home))
        monkeypatch.setenv("READINGLIST_ARXIV_URL", url)
        monkeypatch.setenv("READINGLIST_ARXIV_INTERVAL", "0")
        monkeypatch.setenv("READINGLIST_ARXIV_MAX_WAIT", "0.01")
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        code = main(list(args))
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return Done(code, out, err)

    return run


def records(home: Path) -> dict:
    path = home / "arxiv.json"
    return orjson.loads(path.read_bytes())["tables"]["arxiv"] if path.exists() else {}


def test_add_fills_papers_from_arxiv_and_names_an_unknown_id(
    readinglist, library_home, server
) -> None:
    done = readinglist(
        library_home, server.url, "add",
        "2401.00001v2", "https://arxiv.org/abs/hep-th/9901001", "arXiv:2401.09999",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert server.requests == [
        {"id_list": "2401.00001,hep-th/9901001,2401.09999", "start": "0", "max_results": "3"}
    ]
    assert "readinglist: 2401.09999: arXiv does not know this id; not added" in done.stderr
    papers = {p.arxiv_id: p for p in Library.open(library_home).papers}
    assert set(papers) == {"2401.00001", "hep-th/9901001"}
    sparse = papers["2401.00001"]
    assert (sparse.title, sparse.authors, sparse.abstract, sparse.date, sparse.category) == (
        "Sparse Attention for Long Documents",
        ["Ada Lovelace", "Alan Turing"],
        "We make attention sparse.",
        "2024-01-02",
        "cs.CL",
    )
    assert done.stdout.splitlines()[0] == (
        f"{sparse.id}  2401.00001  added: Sparse Attention for Long Documents"
    )
    stored = records(library_home)[sparse.id]
    assert (stored["status"], stored["arxiv_id"], stored["version"]) == ("found", "2401.00001", 3)


def test_adding_a_paper_already_there_asks_nothing(readinglist, library_home, server) -> None:
    assert readinglist(library_home, server.url, "add", "2401.00001").returncode == 0
    again = readinglist(library_home, server.url, "add", "https://arxiv.org/pdf/2401.00001v3")
    assert again.returncode == 0 and "already in the library" in again.stdout
    assert len(server.requests) == 1
    assert len(Library.open(library_home).papers) == 1


@pytest.mark.parametrize(
    "ref",
    [
        "../1234567",
        "http://arxiv.org/abs/../1234567",
        "https://evil.example/abs/2401.00001",
        "2401.1",
        "hep-th/99",
    ],
)
def test_add_refuses_what_is_not_an_arxiv_id_before_asking(
    readinglist, library_home, server, ref
) -> None:
    done = readinglist(library_home, server.url, "add", "2401.00001", ref)
    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert line.startswith(f"readinglist: {ref!r} is not an arXiv id or an arxiv.org link")
    assert server.requests == [] and not (library_home / "papers.json").exists()


def test_arxiv_refs() -> None:
    assert arxiv_ref(" 2007.04825v2 ") == "2007.04825"
    # the subject class (math.GT) is no part of the id
    assert arxiv_ref("https://export.arxiv.org/abs/math.GT/0309136") == "math/0309136"
    with pytest.raises(UserError):
        arxiv_ref("https://huggingface.co/papers/2007.04825")  # a link, but not on arXiv


def test_add_when_arxiv_cannot_be_reached_stores_nothing(readinglist, library_home) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}/api/query"
    done = readinglist(library_home, dead, "add", "2401.00001", "2401.00002")
    assert done.returncode == 1
    assert "2 papers known only by an arXiv id not added: cannot reach arXiv" in done.stderr
    assert "try again" in done.stderr and "Traceback" not in done.stderr
    assert not Library.open(library_home).papers


def test_importing_a_text_of_ids_fills_them_a_hundred_per_request(
    readinglist, library_home, server, tmp_path
) -> None:
    ids = [f"2402.{n:05d}" for n in range(1, 131)]
    text = tmp_path / "reading.txt"
    text.write_text(
        "To read: arXiv:2401.00001 and https://arxiv.org/abs/2401.09999\n" + "\n".join(ids) + "\n"
    )
    done = readinglist(library_home, server.url, "import", str(text))
    assert done.returncode == 0, done.stderr
    assert [len(r["id_list"].split(",")) for r in server.requests] == [100, 32]
    assert "2401.09999: arXiv does not know this id; not added" in done.stderr
    papers = Library.open(library_home).papers
    assert len(papers) == 131 and all(p.title for p in papers)
    assert len(records(library_home)) == 131


def test_importing_ids_while_arxiv_is_unreachable_refuses_them(
    readinglist, library_home, tmp_path
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}/api/query"
    text = tmp_path / "reading.txt"
    text.write_text("arXiv:2401.00001\narXiv:2401.00002\n")
    done = readinglist(library_home, dead, "import", str(text))
    assert done.returncode == 1
    assert "2 papers known only by an arXiv id not added" in done.stderr
    assert not Library.open(library_home).papers  # never a paper stored without a title


def test_opening_the_app_on_a_text_of_ids_fills_them_too(
    monkeypatch, library_home, server, tmp_path
) -> None:
    from readinglist.session import Session

    monkeypatch.setenv("READINGLIST_ARXIV_URL", server.url)
    monkeypatch.setenv("READINGLIST_ARXIV_INTERVAL", "0")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    text = tmp_path / "ids.txt"
    text.write_text("https://arxiv.org/abs/2401.00001v1\n")
    session = Session.open(library_home, [str(text)], sample=False)
    try:
        [paper] = session.papers
        assert paper.title == "Sparse Attention for Long Documents"
        assert records(library_home)[paper.id]["version"] == 3
    finally:
        session.close()


def test_adding_a_paper_the_library_has_by_title_links_it(
    readinglist, library_home, server, tmp_path
) -> None:
    page = tmp_path / "list.bib"
    page.write_text("@article{a, title={Sparse Attention for Long Documents}, year={2024}}\n")
    assert readinglist(library_home, server.url, "import", str(page)).returncode == 0
    done = readinglist(library_home, server.url, "add", "2401.00001")
    assert done.returncode == 0, done.stderr
    assert "merged into a paper already there" in done.stdout
    [paper] = Library.open(library_home).papers
    assert paper.arxiv_id == "2401.00001"
