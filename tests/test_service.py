"""The one service both faces use: lazy parts, the select pipeline, papers by id or query."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_library import make_library

from readinglist.errors import UserError
from readinglist.paths import arxiv_file, state_file
from readinglist.service import LibraryService


@pytest.fixture
def service(tmp_path: Path):
    with LibraryService(make_library(tmp_path / "lib")) as service:
        yield service


def test_reading_never_creates_state_or_records(service: LibraryService) -> None:
    assert service.states() == {} and service.records() == {}
    assert len(service.select("").papers) == len(service.papers) == 5
    assert not state_file(service.directory).exists()
    assert not arxiv_file(service.directory).exists()


def test_select_filters_sorts_and_limits(service: LibraryService) -> None:
    newest = service.select("", "date")
    oldest = service.select("", "date", reverse=True)
    assert [p.id for p in newest.papers] == [p.id for p in reversed(oldest.papers)]
    by_title = [p.title for p in service.select("", "title").papers]
    assert by_title[0].startswith("Attention") and by_title[-1].startswith("Zero")
    assert len(service.select("", limit=2)) == 2
    hits = service.select("attention")
    assert hits.papers and all("Attention" in p.title for p in hits.papers)
    assert [service.papers[i] for i in hits.indices] == hits.papers


def test_select_sees_the_state(service: LibraryService) -> None:
    first = service.papers[0]
    service.store.set_starred(first.id, True)
    assert [p.id for p in service.select("is:starred").papers] == [first.id]
    assert first.id not in {p.id for p in service.select("-is:starred").papers}


def test_a_bad_query_or_sort_is_one_line(service: LibraryService) -> None:
    with pytest.raises(UserError) as bad_query:
        service.select("year:>>2")
    assert "\n" not in str(bad_query.value)
    with pytest.raises(UserError, match="unknown sort"):
        service.select("", "colour")


def test_papers_for_ids_or_a_query(service: LibraryService) -> None:
    first = service.papers[0]
    assert service.papers_for([first.id], None) == [first]
    assert len(service.papers_for([], "")) == 5
    service.store.set_read(service.papers[1].id, True)
    both = service.papers_for([first.id], "is:read")
    assert both == [first, service.papers[1]]
    assert service.papers_for([first.id, first.id], "") == service.papers_for([], "")[:1] + [
        p for p in service.papers_for([], "") if p is not first
    ]
    with pytest.raises(UserError, match="paper ids or --query"):
        service.papers_for([], None)
    with pytest.raises(UserError, match="no paper with id"):
        service.papers_for(["ffffffffff"], None)
