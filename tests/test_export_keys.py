"""Citation keys stay the same when the library grows: two exports of growing lists agree on
every key they share, in BibTeX, CSL-JSON and RIS alike."""

from __future__ import annotations

import json

import bibtexparser
import rispy

from readinglist.export import citation_keys, export_papers
from readinglist.papers.models import Paper


def paper(n: int, title: str = "Deep Learning", author: str = "Ann Smith") -> Paper:
    return Paper(
        id=f"id-{(n * 7919) % 1000:03d}", title=title, authors=[author], date="2024-05-01", added=n
    )


def bib_keys(papers: list[Paper], library: list[Paper]) -> dict[str, str]:
    data = export_papers(papers, {}, {}, "bibtex", library=library).decode()
    entries = bibtexparser.parse_string(data).entries
    return {p.id: e.key for p, e in zip(papers, entries, strict=True)}


def test_keys_of_a_growing_library_never_change() -> None:
    first = [paper(n) for n in range(3)] + [paper(3, "Other Thing", "Bo Li")]
    keys_before = citation_keys(first, {})
    grown = [*first, paper(4), paper(5, "Deep Nets"), paper(6, "Other Thing", "Bo Li")]
    keys_after = citation_keys(list(reversed(grown)), {})
    assert {pid: keys_after[pid] for pid in keys_before} == keys_before
    assert keys_before[first[0].id] == "smith2024deep"
    assert keys_after[grown[4].id] == "smith2024deepc"
    assert keys_after[grown[6].id] == "libo"[:2] + "2024othera"


def test_exporting_a_subset_keeps_the_library_keys() -> None:
    library = [paper(n) for n in range(4)]
    whole = bib_keys(library, library)
    assert len(set(whole.values())) == 4
    for chosen in ([library[3]], library[1:3], list(reversed(library))):
        assert bib_keys(chosen, library) == {p.id: whole[p.id] for p in chosen}


def test_all_citation_formats_share_the_keys() -> None:
    library = [paper(n) for n in range(3)]
    bib = bib_keys(library, library)
    csl = json.loads(export_papers(library, {}, {}, "csl-json", library=library))
    ris = rispy.loads(export_papers(library, {}, {}, "ris", library=library).decode())
    assert [item["id"] for item in csl] == list(bib.values())
    assert [record["id"] for record in ris] == list(bib.values())
