"""Publication lists, field by field: names told from titles, and the one-line layouts."""

from __future__ import annotations

import pytest

from readinglist.parsing.pub_names import split_names
from readinglist.parsing.pub_records import read_line
from readinglist.parsing.pub_venues import split_venue


@pytest.mark.parametrize(
    ("text", "names", "truncated"),
    [
        ("A. Author and B. Author", ["A. Author", "B. Author"], False),
        ("Kees van der Berg, Ana de la Cruz", ["Kees van der Berg", "Ana de la Cruz"], False),
        (
            "J.-P. Dubois, É. Lefèvre & R. O'Connor",
            ["J.-P. Dubois", "É. Lefèvre", "R. O'Connor"],
            False,
        ),
        ("Li Na · Matteo Bianchi · 张伟", ["Li Na", "Matteo Bianchi", "张伟"], False),
        ("Smith, J., Jones, K. L.", ["Smith, J.", "Jones, K. L."], False),
        ("Ada Okafor*, Wei Zhang†, Tom Berg¹", ["Ada Okafor", "Wei Zhang", "Tom Berg"], False),
        ("Priya Raman · Daniel Okafor · Google DeepMind", ["Priya Raman", "Daniel Okafor"], False),
        ("J. Smith et al.", ["J. Smith"], True),
        (
            "Jean DUPONT, Marie CURIE et Pierre MARTIN",
            ["Jean DUPONT", "Marie CURIE", "Pierre MARTIN"],
            False,
        ),
        ("Jonas Müller und Lena Hofmann", ["Jonas Müller", "Lena Hofmann"], False),
        ("A Vaswani, N Shazeer, AN Gomez, ...", ["A Vaswani", "N Shazeer", "AN Gomez"], True),
        ("Smith AB, Jones CD", ["Smith AB", "Jones CD"], False),
        (
            "Zhenghao Lin · Xiao Liu · yelong shen · Nan Duan",
            ["Zhenghao Lin", "Xiao Liu", "yelong shen", "Nan Duan"],
            False,
        ),
        ("Authors: Alice Novak, Bernard Osei", ["Alice Novak", "Bernard Osei"], False),
        ("Martin Luther King Jr. and Yann LeCun", ["Martin Luther King Jr.", "Yann LeCun"], False),
    ],
)
def test_author_lists(text: str, names: list[str], truncated: bool) -> None:
    found = split_names(text)
    assert found is not None
    assert (found.names, found.truncated) == (names, truncated)


@pytest.mark.parametrize(
    "text",
    [
        "Attention Is All You Need",
        "Deep Residual Learning",
        "Intractable Likelihoods",
        "Oral presentations",
        "Recently accepted papers:",
        "Home | Publications | Teaching",
        "Dr. Henrik Solberg",
        "Google DeepMind",
        "NeurIPS 2024",
        "We propose a new method, and show it works.",
        "Milk, Eggs and Bread",
        "Ana Souza, yelong shen",
        "E. J. Hu, Y. Shen, P. Wallis, et al. LoRA",
        "DEEP LEARNING, NEURAL NETWORKS",
        "SLAM Systems, GPU Kernels and SMT Solvers",
    ],
)
def test_texts_that_are_no_author_list(text: str) -> None:
    assert split_names(text) is None


@pytest.mark.parametrize(
    ("line", "layout", "title", "authors", "venue"),
    [
        (
            "Sparse Attention Without Tears, with M. García and Wei Zhang. (NeurIPS 2024)",
            "with",
            "Sparse Attention Without Tears",
            ["M. García", "Wei Zhang"],
            "NeurIPS 2024",
        ),
        (
            "A. Karlsen, H. Solberg. Amortized Inference for Epidemic Models. "
            "In Proc. of AISTATS, 2024.",
            "names-first",
            "Amortized Inference for Epidemic Models",
            ["A. Karlsen", "H. Solberg"],
            "In Proc. of AISTATS, 2024.",
        ),
        (
            "Lena Hofmann, Jun-seo Park: Refinement Types for Probabilistic Programs. ICFP 2023",
            "names-first",
            "Refinement Types for Probabilistic Programs",
            ["Lena Hofmann", "Jun-seo Park"],
            "ICFP 2023",
        ),
        (
            'A. Berg and C. Dahl, "Learning Sparse Codes Quickly," in Proc. ICML, 2020.',
            "names-first",
            "Learning Sparse Codes Quickly",
            ["A. Berg", "C. Dahl"],
            "in Proc. ICML, 2020.",
        ),
        (
            "Outdoor Localisation Across Seasons. M. Rossi, F. Schäfer. "
            "IEEE Robotics and Automation Letters, 2023.",
            "title-first",
            "Outdoor Localisation Across Seasons",
            ["M. Rossi", "F. Schäfer"],
            "IEEE Robotics and Automation Letters, 2023.",
        ),
        (
            "Quantized Retrieval Heads at Scale – Dmitri Volkov and Eun-ji Cho",
            "dash",
            "Quantized Retrieval Heads at Scale",
            ["Dmitri Volkov", "Eun-ji Cho"],
            None,
        ),
        (
            "Robust Optimal Transport on Graphs (AISTATS 2023)",
            "title-venue",
            "Robust Optimal Transport on Graphs",
            None,
            "AISTATS 2023",
        ),
    ],
)
def test_one_line_layouts(
    line: str, layout: str, title: str, authors: list[str] | None, venue: str | None
) -> None:
    fields = read_line(line)
    assert fields is not None
    assert (fields.layout, fields.title, fields.venue) == (layout, title, venue)
    assert (fields.names.names if fields.names else None) == authors


@pytest.mark.parametrize(
    "line",
    [
        "Shopping list for the weekend",
        "Milk (2 litres)",
        "We meet on Thursdays at 4pm in room 301. Everyone is welcome.",
        "Apples – Granny Smith and Pink Lady",
        "Contact: effnlp-organizers@example.org",
    ],
)
def test_lines_that_are_no_paper(line: str) -> None:
    assert read_line(line) is None


@pytest.mark.parametrize(
    ("text", "venue", "year"),
    [
        ("NeurIPS 2024", "NeurIPS", "2024"),
        ("(ICML 2024, Spotlight)", "ICML 2024, Spotlight", "2024"),
        ("In Proceedings of AISTATS, 2024.", "Proceedings of AISTATS", "2024"),
        ("Vol. 51, No. 2, pp. 201–234, 2025", "Vol. 51, No. 2, pp. 201–234", "2025"),
        ("2023", None, "2023"),
        ("Findings of NAACL", "Findings of NAACL", None),
    ],
)
def test_venue_and_year(text: str, venue: str | None, year: str | None) -> None:
    assert tuple(split_venue(text)) == (venue, year)
