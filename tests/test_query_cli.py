"""The query language from the command line: OR and parentheses, saved searches from the
config file (`@name`), `is:new` after an import, and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEEDS

from readinglist.config import load_config
from readinglist.papers.library import Library
from readinglist.parsing import parse_file
from readinglist.service import LibraryService


def run(*args: str, config: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "readinglist", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={**os.environ, "READINGLIST_CONFIG": str(config)},
    )


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("querycli")
    config = folder / "config.toml"
    config.write_text(
        "[searches]\n"
        'thesis = "(diffusion OR \\"flow matching\\")"\n'
        'fresh = "@thesis year:>=2025"\n'
        'loop = "@loop"\n',
        encoding="utf-8",
    )
    library = folder / "lib"
    for page in ("hf-daily.txt", "hf-search.txt"):
        result = run("import", str(SEEDS / page), "--library", str(library), config=config)
        assert result.returncode == 0, result.stderr
    return library, config


def ids(setup, query: str) -> list[str]:
    library, config = setup
    result = run("list", query, "--json", "--library", str(library), config=config)
    assert result.returncode == 0, result.stderr
    return [paper["id"] for paper in json.loads(result.stdout)]


@pytest.fixture(scope="module")
def service(setup) -> LibraryService:
    """The same library and config in-process: set logic checked without a process each."""
    library, config = setup
    return LibraryService(library, config=load_config(config))


def found(service: LibraryService, query: str) -> set[str]:
    return {p.id for p in service.select(query).papers}


def test_or_is_the_union(service) -> None:
    diffusion, flow = found(service, "diffusion"), found(service, '"flow matching"')
    assert diffusion and flow
    assert found(service, 'diffusion OR "flow matching"') == diffusion | flow
    assert found(service, "@thesis") == diffusion | flow


def test_saved_search_inside_a_query(service) -> None:
    assert found(service, "@fresh") == found(service, "@thesis") & found(service, "year:>=2025")
    assert found(service, "-@thesis").isdisjoint(found(service, "@thesis"))


def test_list_reads_saved_searches_from_the_config_file(setup, service) -> None:
    assert set(ids(setup, "@thesis -is:read")) == found(service, "@thesis")


def test_is_new_is_the_latest_import(setup) -> None:
    library, config = setup
    newest = ids(setup, "is:new")
    first_page = {p.title for p in parse_file(str(SEEDS / "hf-daily.txt")).papers}
    lib = Library.open(library)
    assert 0 < len(newest) < len(lib)
    assert not first_page & {lib.get(paper_id).title for paper_id in newest}
    again = run("import", str(SEEDS / "hf-search.txt"), "--library", str(library), config=config)
    assert again.returncode == 0
    assert ids(setup, "is:new") == newest  # an import that added nothing changes nothing


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("(diffusion", "a ( is never closed"),
        ("diffusion)", "a ) has no ( before it"),
        ("diffusion OR", "OR needs a term on each side"),
        ("@nope", "@nope is not a saved search; saved searches: @thesis, @fresh, @loop"),
        ("@loop", "@loop -> @loop"),
    ],
)
def test_bad_queries_are_one_line(setup, query: str, says: str) -> None:
    library, config = setup
    result = run("list", query, "--library", str(library), config=config)
    assert result.returncode == 2
    assert result.stdout == ""
    assert says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_every_query_option_knows_saved_searches_and_is_new(setup) -> None:
    library, config = setup
    newest = ids(setup, "is:new @thesis")
    assert newest
    marked = run("read", "--query", "is:new @thesis", "--library", str(library), config=config)
    assert marked.returncode == 0, marked.stderr
    assert set(ids(setup, "is:read")) == set(newest)
    run("unread", "--query", "is:read", "--library", str(library), config=config)


def test_negated_terms_need_no_quotes_on_the_command_line(setup, service) -> None:
    library, config = setup
    result = run(
        "list", "-title:diffusion", "model", "--json", "--library", str(library), config=config
    )
    assert result.returncode == 0, result.stderr
    assert {p["id"] for p in json.loads(result.stdout)} == found(service, "-title:diffusion model")
    unknown = run("list", "-x", "--library", str(library), config=config)
    assert unknown.returncode == 2 and "unrecognized arguments: -x" in unknown.stderr
