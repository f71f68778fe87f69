"""arXiv lists as a text browser (w3m, lynx) dumps them: every line wrapped at 80 columns, the
title after `Title:` and the authors unlabelled after it, so the boundary between a wrapped
title and a wrapped author list is found by the shape of the lines."""

from __future__ import annotations

import datetime as dt

from readinglist.parsing import ParseResult, parse_text

_HEAD = """Skip to main content
Cornell University
arxiv logo > {category}

{name}

Authors and titles for new submissions

Showing new listings for Thursday, 20 November 2025

Total of {count} entries

New submissions (showing {count} of {count} entries)
"""
_FOOT = """
Total of {count} entries

  • About
  • Help
"""


def _page(category: str, name: str, entries: list[str]) -> ParseResult:
    body = "\n".join(entries)
    count = len(entries)
    text = (
        _HEAD.format(category=category, name=name, count=count)
        + "\n"
        + body
        + _FOOT.format(count=count)
    )
    return parse_text(text, "w3m.txt", as_of=dt.date(2025, 11, 20))


def test_authors_wrapped_over_three_lines_cut_inside_names() -> None:
    entry = """[1] arXiv:2511.15012 [pdf, html, other]
    Title: Quasinormal Modes of Rotating Black Holes in Einstein-Gauss-Bonnet
    Gravity from Spectral Methods
    Olumide Adeyemi, María José Fernández-Ruiz, Hiroshi Tanaka, 李华, Jean-Pierre
    van der Berg, Ana Lima, Chiara Lombardi-Rossi, Sebastian Müller, Padraig
    O'Connell, Zhang Wei
    Comments: 31 pages, 6 figures
    Subjects: General Relativity and Quantum Cosmology (gr-qc); High Energy
    Physics - Theory (hep-th)

    We compute quasinormal mode spectra of rotating black holes in
    Einstein-Gauss-Bonnet gravity with a pseudo-spectral method.
"""
    paper = _page("gr-qc", "General Relativity and Quantum Cosmology", [entry]).papers[0]
    assert paper.title == (
        "Quasinormal Modes of Rotating Black Holes in Einstein-Gauss-Bonnet Gravity from "
        "Spectral Methods"
    )
    assert paper.authors == [
        "Olumide Adeyemi",
        "María José Fernández-Ruiz",
        "Hiroshi Tanaka",
        "李华",
        "Jean-Pierre van der Berg",
        "Ana Lima",
        "Chiara Lombardi-Rossi",
        "Sebastian Müller",
        "Padraig O'Connell",
        "Zhang Wei",
    ]
    assert paper.subjects == ["gr-qc", "hep-th"]


def test_wrapped_title_with_authors_on_one_line() -> None:
    entry = """[1] arXiv:2511.14877 [pdf, other]
    Title: Single-Cell Transcriptomic Atlas of the Developing Human Cerebellum
    Across Gestational Ages
    Priya Raman, Lucas Oliveira, Hannah Schmidt
    Subjects: Genomics (q-bio.GN); Neurons and Cognition (q-bio.NC)
"""
    paper = _page("q-bio", "Quantitative Biology", [entry]).papers[0]
    assert paper.title == (
        "Single-Cell Transcriptomic Atlas of the Developing Human Cerebellum Across "
        "Gestational Ages"
    )
    assert paper.authors == ["Priya Raman", "Lucas Oliveira", "Hannah Schmidt"]
    assert paper.category == "q-bio.GN"


def test_title_ending_in_words_shaped_like_names() -> None:
    # the title's last line (`Kolmogorov Arnold`, `Dark Rooms, Open Fields`) is capitalised
    # words, like a name: it stays the title's, the wrapped authors after it stay whole
    entries = [
        """[1] arXiv:2511.14990 [pdf, html, other]
    Title: Interpretable Symbolic Regression with Learnable Activations after
    Kolmogorov Arnold
    Tomasz Wiśniewski, Aisha Bello, Rafael Souza, Yuki Nakamura, Elena
    Petrova-Smirnova, Daniel Okafor
    Subjects: Machine Learning (cs.LG)
""",
        """[2] arXiv:2511.15044 [pdf, other]
    Title: Multimodal Fusion for Robot Manipulation in Cluttered Scenes,
    Dark Rooms, Open Fields
    Ji-Won Choi, Matteo Bianchi, Siddharth Venkataraman, Ewa Kowalczyk, Mei
    Lin, Thomas Brox
    Subjects: Robotics (cs.RO)
""",
    ]
    first, second = _page("cs", "Computer Science", entries).papers
    assert first.title == (
        "Interpretable Symbolic Regression with Learnable Activations after Kolmogorov Arnold"
    )
    assert first.authors == [
        "Tomasz Wiśniewski",
        "Aisha Bello",
        "Rafael Souza",
        "Yuki Nakamura",
        "Elena Petrova-Smirnova",
        "Daniel Okafor",
    ]
    assert second.title == (
        "Multimodal Fusion for Robot Manipulation in Cluttered Scenes, Dark Rooms, Open Fields"
    )
    assert second.authors[0] == "Ji-Won Choi"
    assert second.authors[-2:] == ["Mei Lin", "Thomas Brox"]
