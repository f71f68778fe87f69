"""Real-world pages (tests/fixtures/realworld/) that the arXiv-list and publication-list readers
read wrongly when these pages were written: each test is the exact expectation. Those still
failing are marked xfail (non-strict), the reason naming the reader and what happens today."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from readinglist.parsing import ParseResult, parse_text

PAGES = Path(__file__).parent / "fixtures" / "realworld"
CAPTURED = dt.date(2025, 11, 20)


def parse(name: str) -> ParseResult:
    return parse_text((PAGES / name).read_text(encoding="utf-8"), name, as_of=CAPTURED)


def test_markdown_arxiv_list_is_an_arxiv_list() -> None:
    result = parse("arxiv-new-markdown-eessiv.md")
    assert result.format == "arxiv-list"
    assert [(p.arxiv_id, p.title, p.section) for p in result.papers] == [
        (
            "2510.03311",
            "Learned Compression of Hyperspectral Satellite Imagery with Spectral Attention",
            "new",
        ),
        ("2510.02977", "Denoising Diffusion for Low-Dose CT Reconstruction", "cross-list"),
    ]
    assert result.papers[0].authors == ["Nikolai Ivanov", "Meera Krishnan", "Paulo Ferreira"]
    assert result.papers[0].subjects == ["eess.IV", "cs.CV"]
    assert result.papers[0].date == "2025-10-06"


def test_acl_anthology_volume_page() -> None:
    result = parse("pub-acl-anthology.txt")
    assert result.format == "pub-list"
    assert [p.title for p in result.papers] == [
        "Quantifying Contamination in Evaluating Code Generation Capabilities of Language Models",
        "Mission: Impossible Language Models",
        "Don't Hallucinate, Abstain: Identifying LLM Knowledge Gaps via Multi-LLM Collaboration",
        "Steering Llama 2 via Contrastive Activation Addition",
    ]
    assert result.papers[1].authors == [
        "Julie Kallini",
        "Isabel Papadimitriou",
        "Richard Futrell",
        "Kyle Mahowald",
        "Christopher Potts",
    ]


def test_numbered_workshop_list_keeps_its_single_author_paper() -> None:
    result = parse("pub-workshop-numbered.txt")
    assert result.format == "pub-list"
    assert [p.title for p in result.papers] == [
        "FlashDecoding++: Faster Large Language Model Inference on GPUs",
        "KV Cache Compression with Learned Eviction Policies",
        "Speculative Decoding with Tree Drafts on Commodity Hardware",
        "Quantization-Aware LoRA for 2-bit Models",
        "Memory-Efficient Backpropagation via Activation Recomputation Schedules",
    ]
    assert result.papers[3].authors == ["Paolo Verdi", "Sun Hao", "Ngọc Trâm Lê"]
    assert result.papers[4].authors == ["Farid Haddadi"]


def test_scholar_profile_row_keeps_venue_and_year() -> None:
    paper = parse("pub-scholar-profile-tabs.txt").papers[0]
    assert (paper.title, paper.date, paper.venue) == (
        "Deep learning",
        "2015",
        "nature 521 (7553), 436-444",
    )


def test_journal_digest_keeps_venue_and_year() -> None:
    paper = parse("pub-journal-digest-email.txt").papers[0]
    assert paper.date == "2025"
    assert paper.venue is not None and paper.venue.startswith("JMLR")


def test_openreview_list_keeps_venue_and_year() -> None:
    paper = parse("pub-iclr-openreview.txt").papers[0]
    assert paper.venue is not None and paper.venue.startswith("ICLR 2025")
    assert paper.date is not None and paper.date.startswith("2025")


def _mailing() -> ParseResult:
    return parse("arxiv-mailing-digest.txt")


def test_arxiv_mailing_digest() -> None:
    result = _mailing()
    assert result.format == "arxiv-list"
    assert [(p.arxiv_id, p.title, p.authors) for p in result.papers] == [
        (
            "2511.13001",
            "Calibrating Large Language Models with Verbalized Confidence: A Large-Scale "
            "Study across 40 Tasks",
            ["Małgorzata Nowak", "Rui Zhang", "Omar Haddad"],
        ),
        ("2511.13057", "Tokenization Matters for Arithmetic", ["Dong-Hyun Lee"]),
        (
            "2511.12880",
            "Sparse Autoencoders Find Multilingual Features",
            ["Ana Lúcia Costa", "Jakub Dvořák"],
        ),
        (
            "2402.01234",
            "Prompt Injection Attacks on Retrieval-Augmented Generation",
            ["Felix Wagner", "Chiara Rossi"],
        ),
    ]
    assert result.papers[0].subjects == ["cs.CL", "cs.AI"]
    assert result.papers[1].journal_ref == "Findings of EMNLP 2025"
    assert result.papers[2].section == "cross-list"
    assert result.papers[0].abstract.startswith("We evaluate verbalized confidence")


def test_arxiv_mailing_digest_keeps_every_id_once() -> None:
    assert [p.arxiv_id for p in _mailing().papers] == [
        "2511.13001",
        "2511.13057",
        "2511.12880",
        "2402.01234",
    ]


def test_reference_list_keeps_its_arxiv_ids() -> None:
    result = parse("ids-paper-references.txt")
    assert [p.arxiv_id for p in result.papers if p.arxiv_id] == [
        "2303.08774",
        "2312.00752",
        "2106.09685",
        "1503.02531",
    ]
    assert len(result.papers) == 5


def test_reference_list_titles_and_venues() -> None:
    papers = parse("ids-paper-references.txt").papers
    assert papers[3].title == "LoRA: Low-rank adaptation of large language models"
    assert papers[3].venue == "ICLR"
    assert papers[3].authors == ["E. J. Hu", "Y. Shen", "P. Wallis"]
    assert papers[0].title == "GPT-4 technical report"


def test_markdown_homepage_keeps_venues_and_arxiv_links() -> None:
    papers = parse("pub-homepage-markdown-links.md").papers
    assert [(p.venue, p.arxiv_id) for p in papers] == [
        ("ICML", "2502.04417"),
        ("COLT", "2503.01788"),
        ("NeurIPS", None),
        ("TMLR", "2406.11230"),
    ]


def test_neurips_virtual_poster_list() -> None:
    result = parse("pub-neurips-virtual-dots.txt")
    assert result.format == "pub-list"
    assert [p.title for p in result.papers] == [
        "Lookahead Decoding Improves Throughput of Large Language Models",
        "Scaling Laws for Reward Model Overoptimization in Direct Alignment Algorithms",
        "Not All Tokens Are What You Need for Pretraining",
        "The Road Less Scheduled",
    ]
    assert result.papers[0].authors == ["Yichao Fu", "Peter Bailis", "Ion Stoica", "Hao Zhang"]
    assert result.papers[2].authors[4] == "yelong shen"


def test_scholar_alert_keeps_its_arxiv_ids() -> None:
    ids = [p.arxiv_id for p in parse("ids-scholar-alert-email.txt").papers if p.arxiv_id]
    assert ids == ["2511.08873", "2511.09120"]


def test_scholar_alert_email_is_a_publication_list() -> None:
    result = parse("ids-scholar-alert-email.txt")
    assert result.format == "pub-list"
    assert [(p.title, p.arxiv_id) for p in result.papers] == [
        ("Neural Operators with Calibrated Uncertainty for Weather Forecasting", "2511.08873"),
        ("Conservative Model Rollouts Revisited", None),
        ("Deferral under Shift: A Unified View", "2511.09120"),
    ]
    assert result.papers[1].authors == ["J Okonkwo", "E Petrova"]
    assert result.papers[1].venue == "Transactions on Machine Learning Research"


def test_scoring_a_long_arxiv_list_stays_fast() -> None:
    """Every reader scores every page: a long arXiv list costs no reader more than its size."""
    page = (PAGES / "arxiv-new-cscl-chrome.txt").read_text(encoding="utf-8")
    parse_text(page, "warm.txt", as_of=CAPTURED)  # the readers' imports and caches
    text = "\n\n".join([page] * 120)
    start = time.perf_counter()
    result = parse_text(text, "big.txt", as_of=CAPTURED)
    elapsed = time.perf_counter() - start
    assert len(result.papers) == 720
    # bytes per second: a tenth of the benchmark's 20 MB/s, for a machine shared by others
    assert len(text) / elapsed >= 2e6


def test_wrapped_text_browser_dump_of_an_arxiv_list() -> None:
    result = parse("arxiv-new-w3m-wrapped.txt")
    assert result.format == "arxiv-list"
    first = result.papers[0]
    assert first.title == (
        "Open-World 3D Instance Segmentation with Vision-Language Priors and Sparse Voxel "
        "Transformers"
    )
    assert first.authors == [
        "Ji-Won Choi",
        "Matteo Bianchi",
        "Siddharth Venkataraman",
        "Ewa Kowalczyk-Nowak",
        "Thomas Brox",
    ]
    assert [p.arxiv_id for p in result.papers] == ["2511.14501", "2511.14533", "2410.07781"]
    assert result.papers[2].title == (
        "Video Diffusion Models Are Training-Free Motion Interpreters and Controllers"
    )


def test_journal_table_of_contents_venue_and_date() -> None:
    paper = parse("pub-nature-mi-toc.txt").papers[0]
    assert paper.venue in (None, "Nature Machine Intelligence")
    assert paper.date in ("2025-11-04", "2025-11", "2025")
    assert "Article" not in (paper.venue or "")


def test_scholar_profile_one_field_a_line() -> None:
    result = parse("pub-scholar-profile-firefox.txt")
    assert result.format == "pub-list"
    assert [(p.title, p.date) for p in result.papers] == [
        ("Imagenet classification with deep convolutional neural networks", "2012"),
        ("Dropout: a simple way to prevent neural networks from overfitting", "2014"),
        ("Distilling the knowledge in a neural network", "2015"),
    ]
    assert result.papers[0].authors == ["A Krizhevsky", "I Sutskever", "GE Hinton"]
    assert result.papers[2].arxiv_id == "1503.02531"


def test_cvpr_accepted_papers_table() -> None:
    result = parse("pub-cvpr-accepted-table.txt")
    assert result.format == "pub-list"
    assert [p.title for p in result.papers] == [
        "Diffusion Forcing for Long-Horizon Video Generation",
        "Open-Set 3D Detection via Vision-Language Distillation",
        "FoundationStereo: Zero-Shot Stereo Matching",
    ]
    assert result.papers[1].authors == ["Shreya Iyer", "Jonas Kulhánek"]


def test_every_paper_named_by_id_is_filled_from_arxiv() -> None:
    from readinglist.arxiv.by_id import is_id_only

    papers = parse("ids-markdown-notes.md").papers
    assert papers[0].title == "s1: Simple test-time scaling" and not papers[0].authors
    assert all(is_id_only(paper) for paper in papers)


@pytest.mark.xfail(
    reason="pub-list: a Semantic Scholar author page (title, one author a line, fields of "
    "study, venue, year, `TLDR` and a summary, `Expand`, a citation count, `PDF`, `Save`) is "
    "refused as holding no listing",
    strict=False,
)
def test_semantic_scholar_author_page() -> None:
    result = parse("pub-semantic-scholar-author.txt")
    assert result.format == "pub-list"
    assert [(p.title, p.date) for p in result.papers] == [
        ("Calibrated Uncertainty for Neural Operators", "2025"),
        ("Sample-Efficient Offline Reinforcement Learning via Conservative Model Rollouts", "2025"),
        ("Learning to Defer under Distribution Shift", "2024"),
    ]
    assert result.papers[0].authors == ["Marco Rossi", "Kenji Tanaka", "Elena Petrova"]
    assert result.papers[1].venue == "International Conference on Machine Learning"


@pytest.mark.xfail(
    reason="pub-list: a workshop programme (`09:15–09:35  Title — A, B, C` under session "
    "headings, with breaks and a keynote between) is refused as holding no listing",
    strict=False,
)
def test_workshop_programme_with_times() -> None:
    result = parse("pub-program-times.txt")
    assert result.format == "pub-list"
    assert [p.title for p in result.papers] == [
        "Consistency Models Made Easy",
        "Flow Matching in Latent Space",
        "Autoregressive Image Generation without Vector Quantization",
        "A Tale of Tails: Model Collapse as a Change of Scaling Laws",
    ]
    assert result.papers[0].authors == ["Zhengyang Geng", "Ashwini Pokle", "J. Zico Kolter"]
