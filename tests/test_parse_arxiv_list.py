"""arXiv lists (/new, /recent, monthly; current and older layout; browser copies and tool
output) parse into exactly the papers they print, with ids, sections and listing dates."""

from __future__ import annotations

import pytest
from arxiv_pages import CAPTURED, PAGES, summary

from readinglist.parsing import detect_format, parse_file, parse_text

EXPECTED = {
    "arxiv-list-monthly-browser.txt": [
        {
            "arxiv_id": "2411.00003",
            "title": "Tokenizer-Free Language Modelling with Byte-Level State Space Models",
            "authors": ["Chiara Bianchi", "Rohan Mehta"],
            "date": "2024-11",
            "listing_date": "November 2024",
            "category": "cs.CL",
            "subjects": ["cs.CL", "cs.LG"],
            "comments": "EMNLP 2024 Findings",
            "abstract": "",
        },
        {
            "arxiv_id": "2411.00118",
            "title": "Faithful Chain-of-Thought Explanations via Counterfactual Interventions on Intermediate Reasoning Steps in Large Language Models",  # noqa: E501
            "authors": [
                "Dong-Hyun Kim",
                "Sara Lindqvist",
                "Oluwaseun Adebayo",
                "Thomas Müller",
                "Isabelle Fournier",
            ],
            "section": "cross-list",
            "date": "2024-11",
            "listing_date": "November 2024",
            "category": "cs.AI",
            "subjects": ["cs.AI", "cs.CL"],
            "abstract": "",
        },
        {
            "arxiv_id": "2411.00254",
            "title": "A Corpus of Code-Switched Swahili–English Social Media Posts",
            "authors": ["Amani Njoroge"],
            "date": "2024-11",
            "listing_date": "November 2024",
            "category": "cs.CL",
            "subjects": ["cs.CL"],
            "comments": "8 pages; dataset at this https URL",
            "journal_ref": "Proceedings of LREC-COLING 2025",
            "abstract": "",
        },
    ],
    "arxiv-list-monthly-old.txt": [
        {
            "arxiv_id": "math/0510001",
            "title": "Moduli of Stable Sheaves on K3 Surfaces",
            "authors": ["Kōta Yoshioka"],
            "date": "2005-10",
            "listing_date": "Oct 2005",
            "category": "math.AG",
            "subjects": ["math.AG", "math.DG"],
            "comments": "25 pages, LaTeX",
            "abstract": "",
        },
        {
            "arxiv_id": "math/0510544",
            "title": "Tropical Curves, Their Jacobians and Theta Functions",
            "authors": ["Grigory Mikhalkin", "Ilia Zharkov"],
            "date": "2005-10",
            "listing_date": "Oct 2005",
            "category": "math.AG",
            "subjects": ["math.AG", "math.CO"],
            "comments": "23 pages, 3 figures",
            "journal_ref": "Contemp. Math. 465 (2008) 203-230",
            "abstract": "",
        },
        {
            "arxiv_id": "math/0510123",
            "title": "Derived Categories of Coherent Sheaves and Flops",
            "authors": ["Tom Bridgeland", "Alastair King", "Miles Reid"],
            "date": "2005-10",
            "listing_date": "Oct 2005",
            "category": "math.AG",
            "subjects": ["math.AG"],
            "abstract": "",
        },
        {
            "arxiv_id": "hep-th/0510210",
            "title": "Mirror Symmetry for Weighted Projective Planes and Their Noncommutative Deformations",  # noqa: E501
            "authors": ["Denis Auroux", "Ludmil Katzarkov", "Dmitri Orlov"],
            "section": "cross-list",
            "date": "2005-10",
            "listing_date": "Oct 2005",
            "category": "hep-th",
            "subjects": ["hep-th", "math.AG", "math.SG"],
            "comments": "60 pages",
            "abstract": "",
        },
    ],
    "arxiv-list-new-browser.txt": [
        {
            "arxiv_id": "2411.06231",
            "title": "Sparse Mixture-of-Experts Routing with Learned Capacity Budgets",
            "authors": ["Wen-Jie Liu", "Aisha Rahman", "Torsten Hoefler"],
            "section": "new",
            "date": "2024-11-12",
            "listing_date": "Tuesday, 12 November 2024",
            "category": "cs.LG",
            "subjects": ["cs.LG", "cs.DC"],
            "comments": "Accepted at NeurIPS 2024. 14 pages, 5 figures",
            "abstract": "Mixture-of-experts layers route each tok",
        },
        {
            "arxiv_id": "2411.06302",
            "title": "On the Sample Complexity of Learning α-Mixing Processes with Neural Networks",
            "authors": ["Jonas Keller"],
            "section": "new",
            "date": "2024-11-12",
            "listing_date": "Tuesday, 12 November 2024",
            "category": "cs.LG",
            "subjects": ["cs.LG", "math.ST"],
            "abstract": "We bound the sample complexity of empiri",
        },
        {
            "arxiv_id": "2411.05518",
            "title": "Calibrated Uncertainty for Gradient-Boosted Trees via Conformal Quantile Regression",  # noqa: E501
            "authors": ["Maria Rossi", "Kofi Boateng"],
            "section": "cross-list",
            "date": "2024-11-12",
            "listing_date": "Tuesday, 12 November 2024",
            "category": "stat.ML",
            "subjects": ["stat.ML", "cs.LG"],
            "journal_ref": "Proceedings of AISTATS 2025, PMLR 258",
            "abstract": "Gradient-boosted trees are accurate but ",
        },
        {
            "arxiv_id": "2310.01877",
            "title": "Grokking as Compression: A Nonlinear Complexity Perspective",
            "authors": ["Ziming Liu", "Ziqian Zhong", "Max Tegmark"],
            "section": "replacement",
            "date": "2024-11-12",
            "listing_date": "Tuesday, 12 November 2024",
            "category": "cs.LG",
            "subjects": ["cs.LG", "cs.AI", "cond-mat.dis-nn"],
            "comments": "12 pages; v3: added experiments on modular division",
            "abstract": "We attribute grokking to compression of ",
        },
        {
            "arxiv_id": "2207.10342",
            "title": "Probabilistic Circuits That Know What They Don't Know",
            "authors": [
                "Fabrizio Ventola",
                "Steven Braun",
                "Zhongjie Yu",
                "Martin Mundt",
                "Kristian Kersting",
            ],
            "section": "replacement",
            "date": "2024-11-12",
            "listing_date": "Tuesday, 12 November 2024",
            "category": "cs.LG",
            "subjects": ["cs.LG"],
            "abstract": "We show that probabilistic circuits are ",
        },
    ],
    "arxiv-list-new-markdown.txt": [
        {
            "arxiv_id": "2411.09001",
            "title": "Learning to Route Tokens with Sparse Gates",
            "authors": ["Alice Martin", "Bo Chen"],
            "section": "new",
            "date": "2024-11-15",
            "listing_date": "Friday, 15 November 2024",
            "category": "cs.LG",
            "subjects": ["cs.LG"],
            "abstract": "We propose a sparse gating scheme for ro",
        },
        {
            "arxiv_id": "2411.09002",
            "title": "Convergence of Adam Under Heavy-Tailed Noise",
            "authors": ["Dana Lee"],
            "section": "cross-list",
            "date": "2024-11-15",
            "listing_date": "Friday, 15 November 2024",
            "category": "math.OC",
            "subjects": ["math.OC", "cs.LG"],
            "comments": "30 pages",
            "abstract": "We prove convergence of Adam when gradie",
        },
    ],
    "arxiv-list-new-old.txt": [
        {
            "arxiv_id": "2407.14741",
            "title": "Celestial Holography and the Soft Graviton Theorem at One Loop: an Explicit Check in Four Dimensions",  # noqa: E501
            "authors": ["Ana Beatriz Moreira", "Daniel Kapec", "Sruthi A. Narayanan"],
            "section": "new",
            "date": "2024-07-23",
            "listing_date": "Tue, 23 Jul 24",
            "category": "hep-th",
            "subjects": ["hep-th", "gr-qc"],
            "comments": "38 pages, 2 figures",
            "abstract": "We compute the one-loop correction to th",
        },
        {
            "arxiv_id": "2407.14802",
            "title": "Swampland Constraints on Axion Monodromy Inflation",
            "authors": ["Yuta Hamada"],
            "section": "new",
            "date": "2024-07-23",
            "listing_date": "Tue, 23 Jul 24",
            "category": "hep-th",
            "subjects": ["hep-th"],
            "abstract": "We revisit axion monodromy in light of t",
        },
        {
            "arxiv_id": "2407.13950",
            "title": "Quasinormal Modes of Regular Black Holes",
            "authors": ["R. A. Konoplya", "A. Zhidenko"],
            "section": "cross-list",
            "date": "2024-07-23",
            "listing_date": "Tue, 23 Jul 24",
            "category": "gr-qc",
            "subjects": ["gr-qc", "hep-th"],
            "comments": "20 pages; matches published version",
            "journal_ref": "Phys. Rev. D 110, 024011 (2024)",
            "abstract": "We compute quasinormal frequencies of se",
        },
        {
            "arxiv_id": "hep-th/9901001",
            "title": "Anti-de Sitter Space and Holography",
            "authors": ["Edward Witten"],
            "section": "replacement",
            "date": "2024-07-23",
            "listing_date": "Tue, 23 Jul 24",
            "category": "hep-th",
            "subjects": ["hep-th"],
            "comments": "30 pages; v3: references added",
            "journal_ref": "Adv.Theor.Math.Phys.2:253-291,1998",
            "abstract": "",
        },
        {
            "arxiv_id": "2301.04409",
            "title": "Entanglement Islands in Higher Dimensions",
            "authors": [
                "Hao Geng",
                "Andreas Karch",
                "Carlos Perez-Pardavila",
                "Suvrat Raju",
                "Lisa Randall",
                "Marcos Riojas",
                "Sanjit Shashi",
            ],
            "section": "replacement",
            "date": "2024-07-23",
            "listing_date": "Tue, 23 Jul 24",
            "category": "hep-th",
            "subjects": ["hep-th", "gr-qc"],
            "comments": "42 pages",
            "abstract": "",
        },
    ],
    "arxiv-list-recent-tool.txt": [
        {
            "arxiv_id": "2411.00412",
            "title": "Baryon Acoustic Oscillations from the Lyman-alpha Forest at z > 3",
            "authors": ["Lucía Fernández-Soto", "Hiroshi Tanabe", "Emma Kowalski"],
            "date": "2024-11-04",
            "listing_date": "Mon, 4 Nov 2024",
            "category": "astro-ph.CO",
            "subjects": ["astro-ph.CO"],
            "comments": "Submitted to MNRAS",
            "abstract": "",
        },
        {
            "arxiv_id": "2411.00987",
            "title": "Primordial Black Holes from a Bumpy Inflaton Potential",
            "authors": ["Nikolaos Papadopoulos"],
            "section": "cross-list",
            "date": "2024-11-04",
            "listing_date": "Mon, 4 Nov 2024",
            "category": "gr-qc",
            "subjects": ["gr-qc", "astro-ph.CO"],
            "abstract": "",
        },
        {
            "arxiv_id": "2410.23891",
            "title": "Weak Lensing Peak Counts with Simulation-Based Inference",
            "authors": ["Jean-Baptiste Moreau", "Aoife Byrne", "Kwabena Owusu", "Mei Lin"],
            "date": "2024-11-01",
            "listing_date": "Fri, 1 Nov 2024",
            "category": "astro-ph.CO",
            "subjects": ["astro-ph.CO", "astro-ph.IM"],
            "journal_ref": "Astron. Astrophys. 692, A15 (2024)",
            "abstract": "",
        },
        {
            "arxiv_id": "2410.24117",
            "title": "A Catalogue of Strongly Lensed Quasars from Gaia DR3",
            "authors": ["S. Chen", "R. Gupta"],
            "date": "2024-11-01",
            "listing_date": "Fri, 1 Nov 2024",
            "category": "astro-ph.CO",
            "subjects": ["astro-ph.CO", "astro-ph.GA"],
            "abstract": "",
        },
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_gives_exactly_its_papers(name: str) -> None:
    path = PAGES / name
    result = parse_file(str(path), as_of=CAPTURED)
    assert result.format == "arxiv-list"
    assert detect_format(path.read_text(encoding="utf-8")) == "arxiv-list"
    assert [summary(p) for p in result.papers] == EXPECTED[name]
    assert result.warnings == []
    assert all(p.url == f"https://arxiv.org/abs/{p.arxiv_id}" for p in result.papers)
    assert all(p.format == "arxiv-list" and p.source == str(path) for p in result.papers)


def test_a_title_broken_by_a_rendered_formula_joins_without_a_stray_space() -> None:
    papers = parse_file(str(PAGES / "arxiv-list-new-browser.txt"), as_of=CAPTURED).papers
    assert papers[1].abstract.endswith(
        "form an α-mixing sequence. The bound degrades gracefully with the mixing rate."
    )


def test_listing_dates_follow_the_day_headings_of_a_recent_list() -> None:
    papers = parse_file(str(PAGES / "arxiv-list-recent-tool.txt"), as_of=CAPTURED).papers
    assert [p.date for p in papers] == ["2024-11-04", "2024-11-04", "2024-11-01", "2024-11-01"]


def test_an_entry_without_a_title_is_a_warning_not_a_paper() -> None:
    text = (PAGES / "arxiv-list-new-old.txt").read_text(encoding="utf-8")
    damaged = text.replace("Title: Swampland Constraints on Axion Monodromy Inflation\n", "")
    result = parse_text(damaged, "damaged.txt", as_of=CAPTURED)
    assert [p.arxiv_id for p in result.papers] == [
        "2407.14741",
        "2407.13950",
        "hep-th/9901001",
        "2301.04409",
    ]
    assert result.warnings == ["damaged.txt: line 27: arXiv:2407.14802 without a title, skipped"]
