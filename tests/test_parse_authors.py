"""Title/author split of author-list lines: the author list is glued to the end of the title."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from readinglist.parsing import parse_file
from readinglist.parsing.authors import author_names, parse_name_list, split_title_authors

# (line, title, authors, truncated)
ISSUE_EXAMPLES = [
    (
        "Adam: A Method for Stochastic OptimizationDiederik P. Kingma, Jimmy Ba",
        "Adam: A Method for Stochastic Optimization",
        ["Diederik P. Kingma", "Jimmy Ba"],
        False,
    ),
    (
        "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding"
        "Jacob Devlin, Ming-Wei Chang, Kenton Lee, Kristina Toutanova",
        "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding",
        ["Jacob Devlin", "Ming-Wei Chang", "Kenton Lee", "Kristina Toutanova"],
        False,
    ),
    (
        "Generative Adversarial NetsIan J. Goodfellow, Jean Pouget-Abadie, Mehdi Mirza et al.",
        "Generative Adversarial Nets",
        ["Ian J. Goodfellow", "Jean Pouget-Abadie", "Mehdi Mirza"],
        True,
    ),
    (
        "Visualizing Data using t-SNELaurens van der Maaten, Geoffrey Hinton",
        "Visualizing Data using t-SNE",
        ["Laurens van der Maaten", "Geoffrey Hinton"],
        False,
    ),
    (
        "Scaling Laws for Neural Language ModelsJared Kaplan, Sam McCandlish, Tom Henighan et al.",
        "Scaling Laws for Neural Language Models",
        ["Jared Kaplan", "Sam McCandlish", "Tom Henighan"],
        True,
    ),
    (
        "Sparks of Artificial General Intelligence: Early experiments with GPT-4"
        "Sam McCandlish, Sébastien Bubeck, Varun Chandrasekaran et al.",
        "Sparks of Artificial General Intelligence: Early experiments with GPT-4",
        ["Sam McCandlish", "Sébastien Bubeck", "Varun Chandrasekaran"],
        True,
    ),
    (
        "Mask R-CNNKaiming He, Georgia Gkioxari, Piotr Dollár, Ross Girshick",
        "Mask R-CNN",
        ["Kaiming He", "Georgia Gkioxari", "Piotr Dollár", "Ross Girshick"],
        False,
    ),
    (
        "Sequence to Sequence Learning with Neural Networks"
        "Ilya Sutskever, Oriol Vinyals, Quoc V. Le",
        "Sequence to Sequence Learning with Neural Networks",
        ["Ilya Sutskever", "Oriol Vinyals", "Quoc V. Le"],
        False,
    ),
    (
        "Attention Is All You NeedAshish Vaswani, Noam Shazeer, Łukasz Kaiser et al.",
        "Attention Is All You Need",
        ["Ashish Vaswani", "Noam Shazeer", "Łukasz Kaiser"],
        True,
    ),
    (
        "One Model To Learn Them AllŁukasz Kaiser, Aidan N. Gomez",
        "One Model To Learn Them All",
        ["Łukasz Kaiser", "Aidan N. Gomez"],
        False,
    ),
    (
        "Need a Small Specialized Language Model? Plan Early!"
        "David Grangier, Angelos Katharopoulos, Pierre Ablin et al.",
        "Need a Small Specialized Language Model? Plan Early!",
        ["David Grangier", "Angelos Katharopoulos", "Pierre Ablin"],
        True,
    ),
    (
        "Deep Learning with Yann LeCunYann LeCun, Ian MacDonald, Bruno DiGiorgi",
        "Deep Learning with Yann LeCun",
        ["Yann LeCun", "Ian MacDonald", "Bruno DiGiorgi"],
        False,
    ),
    (
        "Sparks, Sparkles, and Other Things: a StudyJ. Smith, Anna O'Brien",
        "Sparks, Sparkles, and Other Things: a Study",
        ["J. Smith", "Anna O'Brien"],
        False,
    ),
    (
        "Neural Machine Translation by Jointly Learning to Align and Translate"
        "Dzmitry Bahdanau, KyungHyun Cho, Yoshua Bengio",
        "Neural Machine Translation by Jointly Learning to Align and Translate",
        ["Dzmitry Bahdanau", "KyungHyun Cho", "Yoshua Bengio"],
        False,
    ),
    (
        "WaveNet: A Generative Model for Raw AudioAäron van den Oord, Sander Dieleman, Quoc V Le",
        "WaveNet: A Generative Model for Raw Audio",
        ["Aäron van den Oord", "Sander Dieleman", "Quoc V Le"],
        False,
    ),
    (
        "Feature Pyramid Networks for Object Detection"
        "Tsung-Yi Lin, Piotr Dollár, and Ross Girshick",
        "Feature Pyramid Networks for Object Detection",
        ["Tsung-Yi Lin", "Piotr Dollár", "Ross Girshick"],
        False,
    ),
]

# All 14 entries of author-list.txt: (title, authors); every one is truncated unless noted.
SEED_SPLITS = [
    (
        "Masked Autoencoding Does Not Help Natural Language Supervision at Scale",
        ["Floris Weers", "Vaishaal Shankar", "Angelos Katharopoulos"],
    ),
    (
        "Optimal Splitting of Language Models from Mixtures to Specialized Domains",
        ["Skyler Seto", "Pierre Ablin", "Anastasiia Filippova"],
    ),
    (
        "Controllable Music Production with Diffusion Models and Guidance Gradients",
        ["Mark Levy", "Bruno Di Giorgi", "Floris Weers"],
    ),
    (
        "Need a Small Specialized Language Model? Plan Early!",
        ["David Grangier", "Angelos Katharopoulos", "Pierre Ablin"],
    ),
    (
        "Compute-Optimal Quantization-Aware Training",
        ["Aleksandr Dremov", "David Grangier", "Angelos Katharopoulos"],
    ),
    (
        "Partial Parameter Updates for Efficient Distributed Training",
        ["Anastasiia Filippova", "Angelos Katharopoulos", "David Grangier"],
    ),
    (
        "Soup-of-Experts: Pretraining Specialist Models via Parameters Averaging",
        ["Pierre Ablin", "Angelos Katharopoulos", "Skyler Seto"],
    ),
    (
        "Neural Parts: Learning Expressive 3D Shape Abstractions with Invertible Neural Networks",
        ["Despoina Paschalidou", "Angelos Katharopoulos", "Andreas Geiger"],
    ),
    (
        "Fast Transformers with Clustered Attention",
        ["Apoorv Vyas", "Angelos Katharopoulos", "François Fleuret"],
    ),
    (
        "Transformers are RNNs: Fast Autoregressive Transformers with Linear Attention",
        ["Angelos Katharopoulos", "Apoorv Vyas", "Nikolaos Pappas"],
    ),
    (
        "Processing Megapixel Images with Deep Attention-Sampling Models",
        ["Angelos Katharopoulos", "François Fleuret"],
    ),
    (
        "Not All Samples Are Created Equal: Deep Learning with Importance Sampling",
        ["Angelos Katharopoulos", "François Fleuret"],
    ),
    (
        "Learning Local Feature Aggregation Functions with Backpropagation",
        ["Angelos Katharopoulos", "Despoina Paschalidou", "Christos Diou"],
    ),
    (
        "Biased Importance Sampling for Deep Neural Network Training",
        ["Angelos Katharopoulos", "François Fleuret"],
    ),
]
COMPLETE_SEED_LISTS = {8, 10, 11, 13}  # entries printed without `et al.`


@pytest.mark.parametrize(("line", "title", "authors", "truncated"), ISSUE_EXAMPLES)
def test_issue_examples_split(line: str, title: str, authors: list[str], truncated: bool) -> None:
    split = split_title_authors(line)
    assert split is not None
    assert split.title == title
    assert split.authors == authors
    assert split.truncated is truncated


def test_all_seed_lines_split(seeds) -> None:
    lines = (seeds / "author-list.txt").read_text(encoding="utf-8").splitlines()
    title_lines = lines[1::3]
    assert len(title_lines) == len(SEED_SPLITS) == 14
    for index, (line, (title, authors)) in enumerate(zip(title_lines, SEED_SPLITS, strict=True)):
        split = split_title_authors(line)
        assert split is not None, line
        assert (split.title, split.authors) == (title, authors)
        assert split.truncated is (index not in COMPLETE_SEED_LISTS)


@pytest.mark.parametrize(
    "line",
    [
        "Attention Is All You Need",  # no authors at all
        "DeepArchitect: Automatically Designing and Training Deep Architectures",
        "Training on ImageNet with PyTorch",
        "Learning LLMs Learning",  # a plural acronym is no glue point
        "Scaling CNNs Efficiently",
        "",
    ],
)
def test_lines_without_glued_authors_do_not_split(line: str) -> None:
    assert split_title_authors(line) is None


@pytest.mark.parametrize(
    ("title_end", "author"),
    [
        ("with PyTorch", "Adam Paszke"),
        ("on ImageNet", "Kaiming He"),
        ("via LeNet", "Yann LeCun"),
        ("on a MacBook", "Sam McCandlish"),
        ("for NLP", "Aaron Smith"),
        ("with BERT", "J. Devlin"),
        ("in 2024", "Quoc V. Le"),
        ("for CNNs", "Bo Li"),
        ("with R-CNN", "Bo Li"),
        ("(and Back)", "Jean-Baptiste Alayrac"),
    ],
)
def test_camel_case_title_endings_split_at_the_glue(title_end: str, author: str) -> None:
    title = f"Some Study {title_end}"
    split = split_title_authors(f"{title}{author}, Other Person")
    assert split is not None
    assert split.title == title
    assert split.authors == [author, "Other Person"]


def test_name_internal_capitals_are_never_the_split() -> None:
    # The first author needs two words: `McCandlish` alone cannot start the list.
    split = split_title_authors("Scaling with GPT-4Sam McCandlish")
    assert split is not None
    assert split.title == "Scaling with GPT-4"
    assert split.authors == ["Sam McCandlish"]


def test_and_in_a_title_never_separates_names() -> None:
    # Title Case words look like names: `Net Design` and `Training Deep Architectures` would be
    # two authors if a bare ` and ` separated names.
    split = split_title_authors(
        "FBNet: Efficient ConvNet Design and Training Deep ArchitecturesDespoina Paschalidou, "
        "Nikolaos Pappas"
    )
    assert split is not None
    assert split.title == "FBNet: Efficient ConvNet Design and Training Deep Architectures"
    assert split.authors == ["Despoina Paschalidou", "Nikolaos Pappas"]


def test_title_commas_are_kept() -> None:
    split = split_title_authors(
        "SortedNet, a Place for Every Network and Every Network in its PlaceMojtaba Valipour, "
        "Mehdi Rezagholizadeh et al."
    )
    assert split is not None
    assert split.title == "SortedNet, a Place for Every Network and Every Network in its Place"
    assert split.authors == ["Mojtaba Valipour", "Mehdi Rezagholizadeh"]


def test_name_lists() -> None:
    assert parse_name_list("Kaiming He, Piotr Dollár") == ["Kaiming He", "Piotr Dollár"]
    assert parse_name_list("Prabhat, Jane Doe") == ["Prabhat", "Jane Doe"]
    assert parse_name_list("a study of things, Jane Doe") is None
    assert parse_name_list("Prabhat", glued=True) is None  # a glued first author has two words
    own = author_names("Floris Weers, Vaishaal Shankar et al.")
    assert own is not None
    assert own.authors == ["Floris Weers", "Vaishaal Shankar"]
    assert own.truncated


HARD_NAMES = [
    "Diederik P. Kingma", "Ming-Wei Chang", "Jean Pouget-Abadie", "Laurens van der Maaten",
    "Sam McCandlish", "Kaiming He", "Quoc V. Le", "Łukasz Kaiser", "Piotr Dollár",
    "Sébastien Bubeck", "Yann LeCun", "Bo Li", "Tri Dao", "Aäron van den Oord",
    "José Miguel Hernández-Lobato", "Ian J. Goodfellow", "Fei-Fei Li", "Alexei A. Efros",
]  # fmt: skip


def test_every_real_title_glued_to_hard_names_splits(seeds) -> None:
    """All 514 titles of the HF seed pages, each glued to a random hard author list."""
    titles = [
        paper.title
        for name in ("hf-search.txt", "hf-daily.txt", "hf-collection.txt")
        for paper in parse_file(str(seeds / name), as_of=dt.date(2025, 10, 30)).papers
    ]
    rng = random.Random(2)
    failures = []
    for title in titles:
        authors = rng.sample(HARD_NAMES, rng.randint(1, 4))
        truncated = rng.random() < 0.5
        split = split_title_authors(title + ", ".join(authors) + (" et al." if truncated else ""))
        if split is None or (split.title, split.authors, split.truncated) != (
            title,
            authors,
            truncated,
        ):
            failures.append((title, authors, split))
    assert len(titles) == 514
    assert failures == []
