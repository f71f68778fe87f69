"""arXiv search results (numbered or not, cut or whole abstracts, browser copies and tool
output that keeps the hidden whole abstract) parse into exactly the papers they print."""

from __future__ import annotations

import pytest
from arxiv_pages import CAPTURED, PAGES, summary

from readinglist.parsing import detect_format, parse_file, parse_text

EXPECTED = {
    "arxiv-search-browser.txt": [
        {
            "arxiv_id": "2407.04686",
            "title": "Faster Sinkhorn Iterations for Entropic Optimal Transport via Sparse Kernels",
            "authors": ["Lena Hoffmann", "Kai Zhang", "Petra Novák"],
            "date": "2024-07-05",
            "category": "cs.DS",
            "subjects": ["cs.DS", "math.NA"],
            "comments": "21 pages, 4 figures",
            "abstract_truncated": True,
            "abstract": "We accelerate Sinkhorn's algorithm for e",
        },
        {
            "arxiv_id": "2406.11234",
            "title": "Unbalanced Optimal Transport with Learned Marginal Penalties",
            "authors": ["Théo Lacombe", "Ayşe Demir"],
            "date": "2024-06-16",
            "category": "math.OC",
            "subjects": ["math.OC", "cs.LG", "stat.ML"],
            "comments": "30 pages",
            "journal_ref": "SIAM J. Math. Data Sci. 7 (2025) 1-30",
            "doi": "10.1137/24M1654321",
            "abstract": "We learn the marginal penalty of unbalan",
        },
        {
            "arxiv_id": "math/0510544",
            "title": "Tropical Curves, Their Jacobians and Theta Functions",
            "authors": ["Grigory Mikhalkin", "Ilia Zharkov"],
            "date": "2005-10-26",
            "category": "math.AG",
            "subjects": ["math.AG", "math.CO"],
            "comments": "23 pages, 3 figures",
            "journal_ref": "Contemp. Math. 465 (2008) 203-230",
            "abstract_truncated": True,
            "abstract": "We study Jacobian varieties for tropical",
        },
        {
            "arxiv_id": "2311.17099",
            "title": "Optimal Transport and the Swampland Distance Conjecture",
            "authors": ["Ignatios Antoniadis", "Nana Cabo Bizet"],
            "date": "2023-11-28",
            "category": "hep-th",
            "subjects": ["hep-th"],
            "abstract": "We propose a notion of distance between ",
        },
    ],
    "arxiv-search-markdown.txt": [
        {
            "arxiv_id": "2411.01111",
            "title": "Message Passing Beyond Homophily",
            "authors": ["Ana Souza", "Kenji Ito"],
            "date": "2024-11-02",
            "category": "cs.LG",
            "subjects": ["cs.LG", "stat.ML"],
            "comments": "9 pages",
            "abstract_truncated": True,
            "abstract": "We study message passing on heterophilou",
        },
        {
            "arxiv_id": "2410.02222",
            "title": "Graph Transformers at Scale",
            "authors": ["Lea Braun"],
            "date": "2024-10-03",
            "category": "cs.SI",
            "subjects": ["cs.SI"],
            "abstract": "Graph transformers scale poorly with gra",
        },
    ],
    "arxiv-search-no-abstracts.txt": [
        {
            "arxiv_id": "2410.07584",
            "title": "Diffusion Policies for Dexterous Manipulation with Tactile Feedback",
            "authors": ["Marta Kowalska", "Jun Park", "Daniel Ochieng"],
            "date": "2024-10-12",
            "category": "cs.RO",
            "subjects": ["cs.RO", "cs.LG"],
            "comments": "CoRL 2024",
            "abstract": "",
        },
        {
            "arxiv_id": "2409.01122",
            "title": "Consistency Models as Fast Diffusion Policies",
            "authors": ["Hugo Laurent"],
            "date": "2024-09-02",
            "category": "cs.LG",
            "subjects": ["cs.LG", "stat.ML"],
            "abstract": "",
        },
        {
            "arxiv_id": "2408.15530",
            "title": "Safe Diffusion Policies via Control Barrier Functions",
            "authors": ["Elif Yıldız", "Marco Bianchi", "Wei Zhang", "Ana Costa"],
            "date": "2024-08-27",
            "category": "eess.SY",
            "subjects": ["eess.SY", "cs.RO", "math.OC"],
            "comments": "8 pages, accepted to IEEE CDC 2024",
            "journal_ref": "IEEE Control Systems Letters 9 (2025) 121-126",
            "abstract": "",
        },
    ],
    "arxiv-search-spans.txt": [
        {
            "arxiv_id": "2405.20316",
            "title": "Algebras and States in JT Gravity",
            "authors": ["Daniel Harlow", "Edward Witten"],
            "date": "2024-05-29",
            "category": "hep-th",
            "subjects": ["hep-th"],
            "comments": "52 pages",
            "abstract": "We analyze the algebra of boundary obser",
        },
    ],
    "arxiv-search-tool.txt": [
        {
            "arxiv_id": "2405.20316",
            "title": "Algebras and States in JT Gravity",
            "authors": ["Daniel Harlow", "Edward Witten"],
            "date": "2024-05-30",
            "category": "hep-th",
            "subjects": ["hep-th", "gr-qc"],
            "comments": "52 pages",
            "doi": "10.1007/JHEP09(2024)111",
            "abstract": "We analyze the algebra of boundary obser",
        },
        {
            "arxiv_id": "hep-th/9901001",
            "title": "Anti-de Sitter Space and Holography",
            "authors": ["Edward Witten"],
            "date": "1998-02-27",
            "category": "hep-th",
            "subjects": ["hep-th"],
            "journal_ref": "Adv.Theor.Math.Phys.2:253-291,1998",
            "abstract": "Recently, it has been proposed by Maldac",
        },
        {
            "arxiv_id": "2112.12828",
            "title": "Gravity and the Crossed Product",
            "authors": ["Edward Witten"],
            "date": "2021-12-23",
            "category": "hep-th",
            "subjects": ["hep-th", "math-ph"],
            "abstract": "Recent work by Leutheusser and Liu has i",
        },
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_gives_exactly_its_papers(name: str) -> None:
    path = PAGES / name
    result = parse_file(str(path), as_of=CAPTURED)
    assert result.format == "arxiv-search"
    assert detect_format(path.read_text(encoding="utf-8")) == "arxiv-search"
    assert [summary(p) for p in result.papers] == EXPECTED[name]
    assert result.warnings == []


def test_a_cut_abstract_is_kept_and_marked_a_whole_one_loses_its_marker() -> None:
    papers = parse_file(str(PAGES / "arxiv-search-browser.txt"), as_of=CAPTURED).papers
    assert papers[0].abstract_truncated
    assert papers[0].abstract.endswith("in the number of support points and…")
    assert "▽" not in papers[0].abstract
    assert not papers[1].abstract_truncated
    assert papers[1].abstract.endswith("consistency of the resulting estimator.")


def test_the_whole_abstract_wins_when_the_copy_holds_both() -> None:
    papers = parse_file(str(PAGES / "arxiv-search-tool.txt"), as_of=CAPTURED).papers
    assert papers[0].abstract == (
        "We analyze the algebra of boundary observables in canonically quantised JT gravity "
        "with or without matter. In the absence of matter, this algebra is commutative, "
        "generated by the Hamiltonian. In the presence of matter it becomes a type II von "
        "Neumann algebra."
    )
    assert not any(p.abstract_truncated for p in papers)


def test_the_first_version_date_is_the_paper_date() -> None:
    papers = parse_file(str(PAGES / "arxiv-search-browser.txt"), as_of=CAPTURED).papers
    assert (papers[1].date, papers[1].date_text) == ("2024-06-16", "16 June, 2024")


def test_a_result_without_title_or_authors_is_a_warning_not_a_paper() -> None:
    text = (PAGES / "arxiv-search-no-abstracts.txt").read_text(encoding="utf-8")
    damaged = text.replace(
        "Consistency Models as Fast Diffusion Policies\nAuthors: Hugo Laurent\n", ""
    )
    result = parse_text(damaged, "damaged.txt", as_of=CAPTURED)
    assert [p.arxiv_id for p in result.papers] == ["2410.07584", "2408.15530"]
    assert result.warnings == [
        "damaged.txt: line 17: arXiv:2409.01122 without a title and authors, skipped"
    ]
