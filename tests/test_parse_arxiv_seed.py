"""The shared arXiv seed page (a real /new page as a fetching tool turned it into text, its
papers' content invented) gives exactly its 11 papers with ids, authors, sections and the
listing date, and nothing else."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from readinglist.parsing import parse_file

PAGES = Path(__file__).parent / "fixtures" / "pages"


SEED_IDS = [
    ("2609.04117", "new"),
    ("2609.04302", "new"),
    ("2609.05218", "new"),
    ("2609.06841", "cross-list"),
    ("2609.07730", "cross-list"),
    ("2512.01876", "replacement"),
    ("2604.11209", "replacement"),
    ("1408.06652", "replacement"),
    ("2607.08815", "replacement"),
    ("2608.10044", "replacement"),
    ("2609.00391", "replacement"),
]


def test_shared_seed_gives_its_eleven_papers_and_nothing_else() -> None:
    path = PAGES / "arxiv-list-new-tool.txt"  # the shared seed page, copied as it is
    lines = path.read_text(encoding="utf-8").split("\n")
    papers = parse_file(str(path), as_of=dt.date(2026, 11, 1)).papers
    assert [(p.arxiv_id, p.section) for p in papers] == SEED_IDS
    assert {(p.date, p.listing_date) for p in papers} == {
        ("2026-09-09", "Wednesday, 9 September 2026")
    }
    first, eighth = papers[0], papers[7]
    assert first.title == (
        "Neural Martingale Hedging: Learning Replication Strategies Under Transaction Costs"
    )
    assert first.authors == ["Mireille Dubois", "Tomasz Wiśniewski"]
    assert first.comments == "31 pages, 9 figures"
    assert first.subjects == ["q-fin.CP", "stat.ML"] and first.category == "q-fin.CP"
    assert first.abstract == lines[127].strip()
    assert eighth.journal_ref == "J. Comput. Finance 19.2 (2015) 55-87"
    assert eighth.subjects == ["math.NA", "q-fin.CP"]
    assert papers[3].subjects == ["cs.LG", "q-fin.CP", "q-fin.TR"]
    assert papers[1].authors == [
        "Kenji Sato",
        "Ana Lucía Ferreira da Silva",
        "Jan-Peter van den Berg",
    ]
    assert all(p.abstract and p.title and p.authors for p in papers)
