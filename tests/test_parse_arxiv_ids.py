"""Text naming arXiv papers (a chat, an e-mail, a Markdown list): one id-only paper per distinct
id (title "", arxiv_id set, the link given), a title only where a link's own text gives one,
and a quoted BibTeX entry read whole."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from readinglist.papers.models import ParsedPaper
from readinglist.parsing import detect_format, parse_file, parse_text

PAGES = Path(__file__).parent / "fixtures" / "pages"
AS_OF = dt.date(2025, 10, 30)


def parse(name: str) -> tuple[list[ParsedPaper], list[str], str]:
    result = parse_file(str(PAGES / name), as_of=AS_OF)
    return result.papers, result.warnings, result.format


def test_chat_message() -> None:
    papers, warnings, fmt = parse("ids-chat.txt")
    assert fmt == "arxiv-ids"
    assert [p.arxiv_id for p in papers] == [
        "2407.14741",
        "1706.03762",
        "2312.00752",
        "2501.12948",
        "hep-th/9901001",
        "math/0510544",
        "math/0309136",  # `math.GT/0309136`: the subject class is no part of the id
        "2310.06825",
    ]
    assert all(p.title == "" and p.format == "arxiv-ids" and not p.authors for p in papers)
    urls = {p.arxiv_id: p.url for p in papers}
    assert urls["2407.14741"] == "https://arxiv.org/abs/2407.14741v2"
    assert urls["1706.03762"] is None  # `arXiv:ID` gives no link
    assert urls["2312.00752"] == "https://arxiv.org/pdf/2312.00752v1.pdf"
    assert urls["2501.12948"] == "https://huggingface.co/papers/2501.12948"
    assert urls["math/0309136"] == "https://arxiv.org/abs/math.GT/0309136"
    name = str(PAGES / "ids-chat.txt")
    assert warnings == [
        f"{name}: line 10: https://arxiv.org/abs/2407.1474 names no well-formed arXiv id, skipped"
    ]


def test_email_with_headers_quotes_and_signature() -> None:
    papers, warnings, fmt = parse("ids-email.txt")
    assert fmt == "arxiv-ids" and warnings == []
    assert [(p.arxiv_id, p.url) for p in papers] == [
        ("2407.14741", "https://arxiv.org/abs/2407.14741"),
        ("2407.04686", "https://export.arxiv.org/abs/2407.04686"),
        ("1706.03762", "https://doi.org/10.48550/arXiv.1706.03762"),
        ("cs/0101001", "http://arxiv.org/abs/cs/0101001v1"),
    ]


def test_markdown_list_keeps_link_titles() -> None:
    papers, warnings, fmt = parse("ids-list.md")
    assert fmt == "arxiv-ids" and warnings == []
    assert [(p.arxiv_id, p.title) for p in papers] == [
        ("1706.03762", "Attention Is All You Need"),
        ("2312.00752", "Mamba: Linear-Time Sequence Modeling with Selective State Spaces"),
        ("2407.14741", ""),  # `[arXiv:2407.14741](...)` names the id, not the paper
        ("2310.06825", "Mistral 7B"),  # org-mode
        ("2401.04088", "Mixtral of Experts"),  # HTML
        ("2501.12948", ""),
        ("2405.04434", ""),  # the link text is `this thread`, to another host
    ]


def test_link_texts_that_are_no_titles() -> None:
    text = (
        "[pdf](https://arxiv.org/pdf/2401.00001) [arXiv](https://arxiv.org/abs/2401.00002)\n"
        "[here](https://arxiv.org/abs/2401.00003) [Mamba](https://arxiv.org/abs/2401.00004)\n"
        "[https://arxiv.org/abs/2401.00005](https://arxiv.org/abs/2401.00005)\n"
        "<https://arxiv.org/abs/2401.00006|A Slack Title Here>\n"
    )
    papers = parse_text(text, "chat.txt", as_of=AS_OF).papers
    assert [p.title for p in papers] == ["", "", "", "", "", "A Slack Title Here"]


def test_a_quoted_title_right_before_the_id() -> None:
    text = (
        'read "Attention Is All You Need" (arXiv:1706.03762) first\n'
        "then “Mamba: Linear-Time Sequence Modeling”, https://arxiv.org/abs/2312.00752\n"
        'he said "wow" 2407.14741 and "a quote far away" then more words 2401.04088\n'
        '["Quoted Link Text Here"](https://arxiv.org/abs/2405.04434)\n'
    )
    papers = parse_text(text, "chat.txt", as_of=AS_OF).papers
    assert [p.title for p in papers] == [
        "Attention Is All You Need",
        "Mamba: Linear-Time Sequence Modeling",
        "",
        "",
        "Quoted Link Text Here",
    ]


def test_a_message_quoting_a_bibtex_entry_gives_the_entry_and_the_other_ids() -> None:
    papers, warnings, fmt = parse("ids-digest-bibtex.txt")
    assert fmt == "arxiv-ids" and warnings == []
    entry, other = papers
    assert entry.format == "bibtex" and entry.arxiv_id == "2407.14741"
    assert entry.title == "Sparse Attention for Long Documents"
    assert entry.authors == ["Jane Doe", "Hans Müller"]
    assert other.arxiv_id == "2312.00752" and other.title == "" and other.format == "arxiv-ids"


def test_duplicates_and_versions_are_one_paper() -> None:
    text = "2407.14741v1\nhttps://arxiv.org/abs/2407.14741v3\narXiv:2407.14741\n"
    papers = parse_text(text, "ids.txt", as_of=AS_OF).papers
    assert len(papers) == 1
    assert papers[0].arxiv_id == "2407.14741"
    assert papers[0].url == "https://arxiv.org/abs/2407.14741v3"


def test_a_text_without_ids_is_no_listing() -> None:
    text = "call 1234.56789 about invoice 2024.12345\nhttps://example.com/abs/2407.14741\n"
    assert detect_format(text) is None


def test_listing_pages_keep_their_own_readers(seeds: Path) -> None:
    # The seed pages quote an arXiv id in an abstract: still Hugging Face pages.
    for name, fmt in [("hf-search.txt", "hf-search"), ("hf-collection.txt", "hf-daily")]:
        text = (seeds / name).read_text(encoding="utf-8")
        assert detect_format(text) == fmt


def test_cli_prints_id_only_papers(tmp_path: Path) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text("read 2407.14741 and https://arxiv.org/abs/math/0510544v2\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "readinglist", "parse", str(ids)],
        capture_output=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert done.returncode == 0, done.stderr
    papers = json.loads(done.stdout)
    assert [(p["arxiv_id"], p["title"], p["format"]) for p in papers] == [
        ("2407.14741", "", "arxiv-ids"),
        ("math/0510544", "", "arxiv-ids"),
    ]
    assert papers[1]["url"] == "https://arxiv.org/abs/math/0510544v2"


def test_an_id_inside_a_broken_quoted_entry_is_still_named() -> None:
    text = "Look:\n@article{k,\n  title = {Broken\n  url = {https://arxiv.org/abs/2407.14741}\n"
    result = parse_text(text, "m.txt", as_of=AS_OF)
    assert result.format == "arxiv-ids"
    assert [(p.arxiv_id, p.title) for p in result.papers] == [("2407.14741", "")]
    assert result.warnings == [
        "m.txt: line 2: BibTeX entry 'k' is malformed: "
        'its braces do not close (an unclosed { or "), skipped'
    ]
