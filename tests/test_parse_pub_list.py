"""Publication lists (the pub-list reader): every fixture page gives exactly its papers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

import pytest

from readinglist.errors import UserError
from readinglist.parsing import parse_file

PAGES = Path(__file__).parent / "fixtures" / "pages"
AS_OF = dt.date(2025, 1, 1)


class P(NamedTuple):
    title: str
    authors: list[str]
    venue: str | None
    year: str | None
    truncated: bool = False
    arxiv_id: str | None = None
    url: str | None = None
    abstract_start: str = ""


EXPECTED = {
    "pub-anthology-pipes.txt": [
        P(
            "Mixture-of-Depths Decoding for Faster Summarization",
            ["Hannah Weber", "Rahul Gupta", "Sofia Lindgren"],
            None,
            None,
        ),
        P(
            "Cross-Lingual Transfer with Typologically Diverse Pretraining",
            ["Nguyễn Văn Minh", "Oksana Kovalenko"],
            None,
            None,
        ),
        P(
            "Evaluating Summaries with Question Answering Pipelines",
            ["Tomás Rivera", "Grace Ogunleye", "Benjamin Cohen"],
            None,
            None,
        ),
    ],
    "pub-apa-numbered.txt": [
        P(
            "Working memory load and the attentional blink",
            ["Andersson, M.", "Kowalski, P."],
            "Journal of Experimental Psychology: General, 150(4), 700–715",
            "2021",
        ),
        P(
            "A preregistered replication of the testing effect in older adults",
            ["Kowalski, P.", "Ng, S. Y.", "Andersson, M."],
            "Psychology and Aging, 35(2), 211–224",
            "2020",
        ),
        P(
            "Bayesian models of perceptual decision making",
            ["Ferreira-Lopes, R."],
            "Cognitive Science, 43(9), e12790",
            "2019",
        ),
        P(
            "Sleep and memory consolidation: A meta-analysis",
            ["Ng, S. Y.", "Ferreira-Lopes, R."],
            "Psychological Bulletin, 145(3), 290–313",
            "2019",
        ),
    ],
    "pub-authors-first-lines.txt": [
        P(
            "Amortized Variational Inference for Hierarchical Models",
            ["Mariana Silva", "Takeshi Mori", "Elena Petrova"],
            None,
            None,
        ),
        P(
            "Neural Likelihood Estimation with Missing Data",
            ["Jonathan Reyes", "Aisha Khan"],
            None,
            None,
        ),
        P(
            "Structured State Space Models as Probabilistic Programs",
            ["Hao Li", "Sebastian Vogel", "Ines Duarte", "Pavel Novák"],
            None,
            None,
        ),
        P(
            "Differentiable Particle Filters Revisited",
            ["Freya Andersen", "Mohammed Al-Rashid"],
            None,
            None,
        ),
    ],
    "pub-cv.txt": [
        P(
            "Sequential Monte Carlo for State Space Models with Intractable Likelihoods",
            ["H. Solberg", "M. Grønli", "A. Karlsen"],
            "Journal of the Royal Statistical Society: Series B, 85(3):712–740",
            "2023",
        ),
        P(
            "Adaptive Tempering Schedules for Annealed Importance Sampling",
            ["J. Zhou", "H. Solberg"],
            "Statistics and Computing, 32:14",
            "2022",
        ),
        P(
            "Consistency of Approximate Bayesian Computation under Misspecification",
            ["H. Solberg", "P. L. Martin", "C. de Souza"],
            "Bernoulli, 27(4):2431–2460",
            "2021",
        ),
        P(
            "Amortized Inference for Epidemic Models",
            ["A. Karlsen", "H. Solberg"],
            "Proceedings of AISTATS",
            "2024",
        ),
        P(
            "Gradient-Free Variational Inference in High Dimensions",
            ["M. Grønli", "Y.-T. Lin", "H. Solberg"],
            "Advances in Neural Information Processing Systems (NeurIPS)",
            "2022",
        ),
    ],
    "pub-dblp-style.txt": [
        P(
            "Incremental Model Checking of Hyperproperties",
            ["Katarzyna Zielińska", "Omar Haddad"],
            "CAV 2024: 112-131",
            "2024",
        ),
        P(
            "Certified Compilation of Synchronous Programs",
            ["Omar Haddad", "Lena Hofmann", "Katarzyna Zielińska"],
            "POPL",
            "2024",
        ),
        P(
            "Refinement Types for Probabilistic Programs",
            ["Lena Hofmann", "Jun-seo Park"],
            "ICFP",
            "2023",
        ),
        P(
            "Shielded Reinforcement Learning with Temporal Logic Specifications",
            ["Katarzyna Zielińska", "Tobias Krüger", "Omar Haddad", "Élodie Martin"],
            "TACAS 2023: 45-63",
            "2023",
        ),
    ],
    "pub-eprints-repository.txt": [
        P(
            "Learning sparse codes quickly",
            ["Smith, John", "Doe, Jane A."],
            "Journal of Machine Learning Research, 22 (3). pp. 1-20",
            "2021",
        ),
        P(
            "Fast kernel regression with random features",
            ["Doe, Jane A.", "van der Berg, Kees"],
            "Statistics and Computing, 29. pp. 77-90",
            "2020",
        ),
        P(
            "Gaussian process bandits revisited",
            ["Okafor, Ada"],
            "Annals of Statistics, 46 (2). pp. 400-430",
            "2019",
        ),
    ],
    "pub-homepage-years.txt": [
        P(
            "Calibrated Uncertainty for Sparse Mixture-of-Experts",
            ["Tomás Ferreira", "Ana Sousa"],
            "NeurIPS",
            "2024",
        ),
        P(
            "Conformal Prediction under Label Shift",
            ["Y. Tanaka", "L. Moreau", "P. Nowak"],
            "ICML 2024, Spotlight",
            "2024",
        ),
        P(
            "When Does Ensembling Help Large Language Models?",
            ["Jonas Müller"],
            "arXiv preprint",
            "2024",
            arxiv_id="2405.01234",
            url="https://arxiv.org/abs/2405.01234",
        ),
        P(
            "Laplace Approximations for Graph Neural Networks",
            ["Chen Wei", "Ingrid Olsen"],
            "AISTATS",
            "2023",
        ),
        P("Bayesian Active Learning without Pool Sampling", [], "UAI", "2023"),
        P(
            "Variational Inference with Normalizing Flows on Manifolds",
            ["R. O'Connor", "É. Lefèvre", "K. de Vries"],
            "ICLR",
            "2022",
        ),
    ],
    "pub-jekyll-badges.txt": [
        P(
            "Sparse Attention Without Tears",
            ["Maria García", "Wei Zhang", "Tom Berg"],
            "Advances in Neural Information Processing Systems",
            "2024",
        ),
        P(
            "Causal Probing of Language Model Representations",
            ["Kees van der Berg", "Maria García"],
            "Proceedings of the 40th International Conference on Machine Learning",
            "2023",
        ),
        P(
            "Robust Optimal Transport on Graphs",
            ["Maria García"],
            "arXiv preprint arXiv:2203.01234",
            "2022",
            arxiv_id="2203.01234",
        ),
    ],
    "pub-journal-digest.txt": [
        P(
            "Compositional Generalization in Semantic Parsing Revisited",
            ["Naomi Goldberg", "Rafael Costa", "Hiroshi Yamamoto"],
            "Vol. 51, No. 2, pp. 201–234",
            "2025",
            abstract_start="We revisit compositional gener",
        ),
        P(
            "Morphological Tokenizers for Agglutinative Languages",
            ["Aigerim Nurlanovna", "Mehmet Öztürk"],
            "Vol. 51, No. 2, pp. 235–262",
            "2025",
            abstract_start="Subword tokenizers trained on ",
        ),
        P(
            "Discourse Structure in Long-Form Question Answering",
            ["Sarah O'Neill", "Pieter van Dijk", "Lucía Fernández", "Tae-yang Kim"],
            "Vol. 51, No. 2, pp. 263–290",
            "2025",
            abstract_start="Long-form answers are judged b",
        ),
    ],
    "pub-journal-toc-email.txt": [
        P(
            "Learning to reason over scene graphs",
            ["Ana Souza", "Kenji Ito", "Lea Braun"],
            "Nat. Mach. Intell. 6, 301–312",
            "2024",
        ),
        P(
            "Protein language models predict binding without structure",
            ["Mei Ling Tan", "Jacob Stein", "Oluwaseun Bello"],
            "Nat. Mach. Intell. 6, 313–325",
            "2024",
        ),
        P(
            "Continual learning in spiking neural networks",
            ["Carlos Mendoza", "Aylin Demir"],
            "Nat. Mach. Intell. 6, 326–340",
            "2024",
        ),
    ],
    "pub-lab-bullets.txt": [
        P(
            "Dense Visual SLAM with Learned Depth Priors",
            ["H. Lindqvist", "M. Rossi", "S. Park"],
            "ICRA",
            "2024",
        ),
        P(
            "Tactile Object Reconstruction from Sparse Contacts",
            ["A. Ben-David", "J. Whitfield", "D. Kim", "L. Lindqvist"],
            "CoRL",
            "2023",
        ),
        P(
            "Outdoor Localisation Across Seasons",
            ["M. Rossi", "F. Schäfer"],
            "IEEE Robotics and Automation Letters",
            "2023",
        ),
        P(
            "Learning Traversability from Proprioception",
            ["S. Park", "T. Van den Broeck", "P. Ortiz"],
            "IROS",
            "2022",
        ),
        P(
            "Event Cameras for High-Speed Grasping",
            ["D. Kim", "Ş. Yılmaz", "J. Whitfield"],
            "ICRA",
            "2022",
        ),
    ],
    "pub-markdown-owner.txt": [
        P(
            "Efficient Retrieval-Augmented Generation for Long Documents",
            [],
            "ACL",
            "2024",
            arxiv_id="2403.04567",
            url="https://arxiv.org/pdf/2403.04567",
        ),
        P(
            "Measuring Faithfulness in Chain-of-Thought Explanations",
            [],
            "EMNLP",
            "2023",
            arxiv_id="2310.11223",
            url="https://arxiv.org/abs/2310.11223",
        ),
        P("Sparse Probing of Multilingual Encoders", [], "Findings of NAACL", "2022"),
        P(
            "Contrastive Pretraining for Low-Resource Machine Translation",
            [],
            "arXiv",
            "2021",
            arxiv_id="2109.00512",
            url="https://arxiv.org/abs/2109.00512",
        ),
    ],
    "pub-neurips-accepted.txt": [
        P(
            "Scaling Laws for Sparse Autoencoders in Vision Transformers",
            ["Priya Raman", "Daniel Okafor", "Hyun-woo Lee"],
            None,
            None,
        ),
        P(
            "Provable Guarantees for In-Context Linear Regression",
            ["Samuel Adeyemi", "Julia Hartmann"],
            None,
            None,
        ),
        P(
            "Diffusion Models as Plug-and-Play Priors for Inverse Rendering",
            ["Li Na", "Matteo Bianchi", "Sophie Laurent", "Tomasz Wiśniewski"],
            None,
            None,
        ),
        P(
            "Memory-Efficient Backpropagation Through Long Sequences",
            ["Ravi Shankar Iyer", "Emily Chen", "Kenji Watanabe"],
            None,
            None,
        ),
        P(
            "Graph Rewiring Improves Oversquashing on Heterophilous Benchmarks",
            ["Carlos Mendoza", "Aylin Demir"],
            None,
            None,
        ),
        P(
            "Online Learning with Delayed Feedback in Adversarial Bandits",
            ["Oluwaseun Bello", "Mei Ling Tan", "Jacob Stein", "Maximilian von Braun"],
            None,
            None,
        ),
    ],
    "pub-pmlr-volume.txt": [
        P(
            "Sparse Attention Without Tears",
            ["Maria García", "Wei Zhang", "Tom Berg"],
            "Proceedings of the 41st International Conference on Machine Learning, PMLR 235:1-20",
            None,
        ),
        P(
            "Causal Probing of Language Model Representations",
            ["Kees van der Berg", "Ana Ruiz"],
            "Proceedings of the 41st International Conference on Machine Learning, PMLR 235:21-40",
            None,
        ),
        P(
            "Robust Optimal Transport on Graphs",
            ["Ines Olsen", "Pavel Novák"],
            "Proceedings of the 41st International Conference on Machine Learning, PMLR 235:41-60",
            None,
        ),
    ],
    "pub-reading-group.txt": [
        P(
            "Tight Bounds for Online Edge Coloring",
            ["Marcin Bieńkowski", "Ágnes Tóth", "Jan van Leeuwen"],
            None,
            None,
        ),
        P(
            "Smoothed Analysis of the Simplex Method Revisited",
            ["Sophie Huiberts", "Yin Tat Lee", "张晓明"],
            None,
            None,
        ),
        P(
            "Faster Algorithms for Min-Cost Flow on Planar Graphs",
            ["Rasmus Kyng", "Li Chen", "Maximilian Probst Gutenberg"],
            None,
            None,
        ),
        P(
            "Sublinear Time Spectral Density Estimation",
            ["Vladimir Braverman", "Aditya Krishnan", "Christopher Musco"],
            None,
            None,
        ),
        P(
            "Near-Optimal Sample Complexity for Distribution Testing",
            ["Ilias Diakonikolas", "Themis Gouleakis", "佐藤健一"],
            None,
            None,
        ),
    ],
    "pub-scholar-profile.txt": [
        P(
            "Sea ice segmentation with weakly supervised transformers",
            ["I Halvorsen", "T Nilsen", "AK Berg", "M Eriksen"],
            "IEEE Transactions on Geoscience and Remote Sensing 61",
            "2023",
            truncated=True,
        ),
        P(
            "Stochastic variance-reduced methods for nonconvex problems",
            ["I Halvorsen", "J Lee"],
            "Journal of Machine Learning Research 22",
            "2021",
        ),
        P(
            "Learning from noisy labels in satellite imagery",
            ["K Olsen", "I Halvorsen"],
            "Remote Sensing 12 (8)",
            "2020",
        ),
        P(
            "Adaptive step sizes without line search",
            ["I Halvorsen"],
            "arXiv preprint arXiv:1905.01234",
            "2019",
            arxiv_id="1905.01234",
        ),
    ],
    "pub-semantic-scholar.txt": [
        P(
            "Sparse Attention Without Tears",
            ["Ana Souza", "Kenji Ito", "Lea Braun"],
            "Computer Science · NeurIPS",
            "2024",
            truncated=True,
        ),
        P(
            "Causal Probing of Language Model Representations",
            ["Ana Souza", "Tom Berg"],
            "Computer Science · ICML",
            "2023",
        ),
        P(
            "Robust Optimal Transport on Graphs",
            ["Ines Olsen", "Ana Souza", "Pavel Novák"],
            "Mathematics · ArXiv",
            "2022",
            truncated=True,
        ),
    ],
    "pub-workshop-numbered.txt": [
        P(
            "Token Merging for Faster Decoding in Encoder-Decoder Models",
            ["Alice Novak", "Bernard Osei", "Chloé Marchand"],
            None,
            None,
        ),
        P("Quantized Retrieval Heads at Scale", ["Dmitri Volkov", "Eun-ji Cho"], None, None),
        P(
            "Pruning Multilingual Models Without Losing Low-Resource Languages",
            ["Fatima Al-Sayed", "Gustavo Pereira", "Hana Suzuki", "Ivan Petrov"],
            None,
            None,
        ),
        P(
            "A Study of Early Exit Strategies for Code Models",
            ["J. Smith"],
            None,
            None,
            truncated=True,
        ),
        P(
            "Cheap Distillation from Expensive Teachers",
            ["Kwame Mensah", "Laura de la Cruz", "王芳"],
            None,
            None,
        ),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_gives_exactly_its_papers(name: str) -> None:
    result = parse_file(str(PAGES / name), as_of=AS_OF)
    assert result.format == "pub-list"
    assert result.warnings == []
    got = [
        P(
            p.title,
            p.authors,
            p.venue,
            p.date,
            p.authors_truncated,
            p.arxiv_id,
            p.url,
            p.abstract[:30],
        )
        for p in result.papers
    ]
    assert got == EXPECTED[name]
    for paper in result.papers:
        assert paper.format == "pub-list"
        assert paper.source == str(PAGES / name)
        assert paper.date_text == paper.date  # the year as printed


def test_every_fixture_page_is_covered() -> None:
    assert sorted(EXPECTED) == sorted(path.name for path in PAGES.glob("pub-*.txt"))


def test_digest_keeps_each_abstract_whole() -> None:
    page = (PAGES / "pub-journal-digest.txt").read_text(encoding="utf-8").split("\n")
    abstracts = [line for line in page if line.startswith(("We revisit", "Subword", "Long-form"))]
    papers = parse_file(str(PAGES / "pub-journal-digest.txt"), as_of=AS_OF).papers
    assert [p.abstract for p in papers] == abstracts


def test_year_headings_date_the_papers_under_them(tmp_path: Path) -> None:
    page = tmp_path / "homepage.txt"
    page.write_text(
        "Publications\n\n2024\n"
        "Sparse Attention Without Tears – Maria García, Wei Zhang and Tom Berg\n"
        "Causal Probing of Language Model Representations – Kees van der Berg and Ana Ruiz\n"
        "2021\n"
        "Robust Optimal Transport on Graphs – Ines Olsen and Pavel Novák (COLT 2019)\n"
        "Low-Rank Adapters Revisited – Jean-Pierre Dubois and Ada Okafor\n",
        encoding="utf-8",
    )
    papers = parse_file(str(page), as_of=AS_OF).papers
    assert [(p.title, p.date) for p in papers] == [
        ("Sparse Attention Without Tears", "2024"),
        ("Causal Probing of Language Model Representations", "2024"),
        ("Robust Optimal Transport on Graphs", "2019"),  # the paper's own year wins
        ("Low-Rank Adapters Revisited", "2021"),
    ]
    assert papers[2].venue == "COLT"


def test_a_paper_listed_twice_is_one_paper(tmp_path: Path) -> None:
    line = "Learning Sparse Codes Quickly, with A. Berg and C. Dahl. (ICML 2020)"
    page = tmp_path / "selected.txt"
    page.write_text(
        f"Selected papers\n{line}\n\nAll papers\n{line}\n"
        "Fast Kernel Regression, with E. Fox. (NeurIPS 2019)\n"
        "Gaussian Process Bandits, with G. Hill and H. Ito. (COLT 2018)\n",
        encoding="utf-8",
    )
    titles = [p.title for p in parse_file(str(page), as_of=AS_OF).papers]
    assert titles == [
        "Learning Sparse Codes Quickly",
        "Fast Kernel Regression",
        "Gaussian Process Bandits",
    ]


def test_a_venue_in_brackets_before_the_title(tmp_path: Path) -> None:
    page = tmp_path / "selected.txt"
    page.write_text(
        "Selected Publications\n"
        "[NeurIPS 2024] Sparse Attention Without Tears\n"
        "Maria García, Wei Zhang, Tom Berg\n"
        "[ICML 2023] Causal Probing of Language Model Representations\n"
        "Kees van der Berg, Ana Ruiz\n"
        "(CVPR 2022) Robust Optimal Transport on Graphs\n"
        "Ines Olsen and Pavel Novák\n",
        encoding="utf-8",
    )
    papers = parse_file(str(page), as_of=AS_OF).papers
    assert [(p.title, p.venue, p.date) for p in papers] == [
        ("Sparse Attention Without Tears", "NeurIPS", "2024"),
        ("Causal Probing of Language Model Representations", "ICML", "2023"),
        ("Robust Optimal Transport on Graphs", "CVPR", "2022"),
    ]


def test_a_programme_keeps_titles_without_their_times(tmp_path: Path) -> None:
    page = tmp_path / "program.txt"
    page.write_text(
        "Program\n"
        "09:20–09:40 Tight Bounds for Online Edge Coloring – Marcin Bieńkowski and Ágnes Tóth\n"
        "09:40 Faster Algorithms for Min-Cost Flow on Planar Graphs – Rasmus Kyng and Li Chen\n"
        "10:00 am Sublinear Time Spectral Density Estimation – Vladimir Braverman and Aditya "
        "Krishnan\n",
        encoding="utf-8",
    )
    papers = parse_file(str(page), as_of=AS_OF).papers
    assert [p.title for p in papers] == [
        "Tight Bounds for Online Edge Coloring",
        "Faster Algorithms for Min-Cost Flow on Planar Graphs",
        "Sublinear Time Spectral Density Estimation",
    ]
    assert papers[0].authors == ["Marcin Bieńkowski", "Ágnes Tóth"]


def test_short_title_case_titles_are_titles(tmp_path: Path) -> None:
    """`Grokking Modular Arithmetic` has a name's shape; above an author line it is a title."""
    page = tmp_path / "reading.txt"
    page.write_text(
        "Grokking Modular Arithmetic\nNeel Park, Tom Lieberum\n"
        "Hyena Hierarchy Revisited\nMichael Poli, Stefano Massaroli\n"
        "Scaling Monosemanticity\nAdly Templeton, Tom Conerly\n",
        encoding="utf-8",
    )
    papers = parse_file(str(page), as_of=AS_OF).papers
    assert [(p.title, p.authors[0]) for p in papers] == [
        ("Grokking Modular Arithmetic", "Neel Park"),
        ("Hyena Hierarchy Revisited", "Michael Poli"),
        ("Scaling Monosemanticity", "Adly Templeton"),
    ]


def test_presentation_badges_are_no_part_of_the_title(tmp_path: Path) -> None:
    page = tmp_path / "homepage.txt"
    page.write_text(
        "Sparse Attention Without Tears (Oral)\nMaria García, Wei Zhang\nNeurIPS 2024\n\n"
        "Causal Probing of Language Model Representations [Best Paper Award]\n"
        "Kees van der Berg, Ana Ruiz\nICML 2023\n\n"
        "Robust Optimal Transport on Graphs\nInes Olsen, Pavel Novák\nCOLT 2022\n",
        encoding="utf-8",
    )
    papers = parse_file(str(page), as_of=AS_OF).papers
    assert [(p.title, p.venue, p.date) for p in papers] == [
        ("Sparse Attention Without Tears", "NeurIPS", "2024"),
        ("Causal Probing of Language Model Representations", "ICML", "2023"),
        ("Robust Optimal Transport on Graphs", "COLT", "2022"),
    ]


def test_a_venue_line_above_each_title(tmp_path: Path) -> None:
    page = tmp_path / "papers.txt"
    page.write_text(
        "Papers\n\nNeurIPS 2024\nSparse Attention Without Tears\nMaria García, Wei Zhang\n\n"
        "ICML 2023\nCausal Probing of Language Model Representations\nKees van der Berg, Ana Ruiz\n"
        "\nCOLT 2022\nRobust Optimal Transport on Graphs\nInes Olsen, Pavel Novák\n",
        encoding="utf-8",
    )
    papers = parse_file(str(page), as_of=AS_OF).papers
    assert [(p.venue, p.date) for p in papers] == [
        ("NeurIPS", "2024"),
        ("ICML", "2023"),
        ("COLT", "2022"),
    ]


def test_a_single_author_paper_among_others_of_its_layout(tmp_path: Path) -> None:
    """`Title. One Name` alone proves nothing; beside papers of the same layout it is one."""
    page = tmp_path / "workshop.txt"
    page.write_text(
        "Accepted papers\n"
        "1. KV Cache Compression with Learned Eviction Policies. Ruiqi Zhong, Amira Benali\n"
        "2. Speculative Decoding with Tree Drafts. Ilya Sutskov, Mei-Ling Hsu\n"
        "3. Quantization-Aware LoRA for 2-bit Models. Paolo Verdi, Sun Hao, Ngọc Trâm Lê\n"
        "4. Activation Recomputation Schedules. Farid Haddadi\n",
        encoding="utf-8",
    )
    papers = parse_file(str(page), as_of=AS_OF).papers
    assert [p.authors for p in papers][-1] == ["Farid Haddadi"]
    assert len(papers) == 4
    alone = tmp_path / "alone.txt"
    alone.write_text("Activation Recomputation Schedules. Farid Haddadi\n", encoding="utf-8")
    with pytest.raises(UserError):
        parse_file(str(alone), as_of=AS_OF, fmt="pub-list")


def test_an_openreview_list_keeps_venue_and_publication_date(tmp_path: Path) -> None:
    page = tmp_path / "openreview.txt"
    block = "{}\nDownload PDF\n{}\nPublished: {} 2024, Last Modified: 15 Mar 2024\nICLR 2024 Oral\n"
    page.write_text(
        "ICLR 2024 Conference\nOral Presentations\n\n"
        + block.format("Sparse Attention Without Tears", "Maria García, Wei Zhang", "16 Jan")
        + "Readers: Everyone\n\n"
        + block.format("Causal Probing of Representations", "Kees van der Berg, Ana Ruiz", "3 Feb")
        + "\n"
        + block.format("Robust Optimal Transport on Graphs", "Ines Olsen, Pavel Novák", "9 Mar"),
        encoding="utf-8",
    )
    papers = parse_file(str(page), as_of=AS_OF).papers
    assert [(p.venue, p.date, p.date_text) for p in papers] == [
        ("ICLR 2024 Oral", "2024-01-16", "16 Jan 2024"),
        ("ICLR 2024 Oral", "2024-02-03", "3 Feb 2024"),
        ("ICLR 2024 Oral", "2024-03-09", "9 Mar 2024"),
    ]


def test_markdown_italics_around_a_venue(tmp_path: Path) -> None:
    page = tmp_path / "papers.md"
    page.write_text(
        "- Sparse Attention Without Tears. *NeurIPS 2024*.\n"
        "- Causal Probing of Language Model Representations. _ICML 2023_.\n"
        "- Robust Optimal Transport on Graphs. *COLT 2022*\n"
        "* equal contribution\n",
        encoding="utf-8",
    )
    papers = parse_file(str(page), as_of=AS_OF).papers
    assert [(p.title, p.venue, p.date) for p in papers] == [
        ("Sparse Attention Without Tears", "NeurIPS", "2024"),
        ("Causal Probing of Language Model Representations", "ICML", "2023"),
        ("Robust Optimal Transport on Graphs", "COLT", "2022"),
    ]


def test_a_cv_with_two_sections_in_two_layouts(tmp_path: Path) -> None:
    """Journal papers in one layout, preprints in another: both sections are read, each paper
    of the smaller one carrying two names and a venue."""
    page = tmp_path / "cv.txt"
    page.write_text(
        "Journal articles\n"
        "H. Solberg, M. Grønli. Sequential Monte Carlo for State Space Models. Bernoulli, 2023.\n"
        "J. Zhou, H. Solberg. Adaptive Tempering Schedules. Statistics and Computing, 2022.\n"
        "H. Solberg, P. L. Martin. Consistency of Approximate Bayesian Computation. "
        "Biometrika, 2021.\n"
        "A. Karlsen, H. Solberg. Amortized Inference for Epidemic Models. Biometrics, 2020.\n\n"
        "Preprints\n"
        "Gradient-Free Variational Inference – M. Grønli and H. Solberg (arXiv 2024)\n"
        "Tempered Particle Filters Revisited – H. Solberg and A. Karlsen (arXiv 2024)\n"
        "Scalable Bayesian Model Averaging – C. de Souza and H. Solberg (arXiv 2023)\n",
        encoding="utf-8",
    )
    papers = parse_file(str(page), as_of=AS_OF).papers
    assert [(p.title, p.venue, p.date) for p in papers][3:] == [
        ("Amortized Inference for Epidemic Models", "Biometrics", "2020"),
        ("Gradient-Free Variational Inference", "arXiv", "2024"),
        ("Tempered Particle Filters Revisited", "arXiv", "2024"),
        ("Scalable Bayesian Model Averaging", "arXiv", "2023"),
    ]
    assert len(papers) == 7


def test_with_in_parentheses_and_a_dash_before_the_venue(tmp_path: Path) -> None:
    page = tmp_path / "homepage.txt"
    page.write_text(
        "Sparse Attention Without Tears (with Maria García, Wei Zhang) — NeurIPS 2024\n"
        "Causal Probing of Representations (with Kees van der Berg) — ICML 2023\n"
        "Robust Optimal Transport on Graphs (with Ines Olsen and Pavel Novák) — COLT 2022\n",
        encoding="utf-8",
    )
    papers = parse_file(str(page), as_of=AS_OF).papers
    assert [(p.authors, p.venue) for p in papers] == [
        (["Maria García", "Wei Zhang"], "NeurIPS"),
        (["Kees van der Berg"], "ICML"),
        (["Ines Olsen", "Pavel Novák"], "COLT"),
    ]
