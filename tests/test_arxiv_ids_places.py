"""`_matches` tries the id pattern only where a match can start; it must give exactly what
trying it at every character of each line that may hold an id gives (the plain way, below)."""

from __future__ import annotations

import random
import re
from pathlib import Path

from readinglist.papers import arxiv_ids


def _plain_matches(text: str) -> list[re.Match[str]]:
    found: list[re.Match[str]] = []
    done = -1
    hints = sorted(
        m.start()
        for hint in (re.compile(r"\.\d{4}"), re.compile(r"/\d{7}"))
        for m in hint.finditer(text)
    )
    for position in hints:
        if position < done:
            continue
        start = text.rfind("\n", 0, position) + 1
        end = text.find("\n", position)
        done = len(text) if end < 0 else end
        found.extend(arxiv_ids._IN_TEXT.finditer(text, start, done))
    return found


def _same(text: str) -> None:
    def seen(matches: list[re.Match[str]]) -> list[tuple]:
        return [(m.span(), m.group(0), m.groupdict()) for m in matches]

    assert seen(list(arxiv_ids._matches(text))) == seen(_plain_matches(text)), text


_PIECES = (
    *("2407.14741", "0704.0001", "0712.12345", "2401.1234", "1234.56789", "hep-th/9901001"),
    *("math.GT/0309136", "physics/0701001", "cs/0101001", "v2", "v0", ".pdf", "#S2", "https://"),
    *("HTTP://", "www.", "export.", "arxiv.org/abs/", "ArXiv.org/pdf/", "arxiv.org/format/"),
    *("alphaxiv.org/overview/", "huggingface.co/papers/", "arxiv-sanity-lite.com/abs/"),
    *("semanticscholar.org/arxiv/", "paperswithcode.com/paper/arxiv/", "papers.cool/arxiv/"),
    *("ar5iv.labs.arxiv.org/html/", "dx.doi.org/10.48550/arXiv.", "arXiv:", "arxiv: ", "ARXIV "),
    *("arXiv.", "arXiv:abs/", "example.com/", "?id=", "=", "%", "€", "+", "@", "/", "\\", "."),
    *(",", ":", "-", "(", ")", "[", "]", "<", ">", "'", "|", " ", "\t", "\n", "\u00a0", "ſ", "ı"),
    *("İ", "\u212a", "httpſ://", "arxıv:", "a", "ar", "1", "math", "hep-", "/1234567", ".12345"),
)


def test_random_texts_of_ids_links_and_punctuation() -> None:
    rng = random.Random(20251126)
    for _ in range(4000):
        _same("".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 14))))


def test_fixture_texts() -> None:
    for path in sorted((Path(__file__).parent / "fixtures").rglob("*")):
        if path.is_file() and path.suffix in (".txt", ".md", ".bib", ".html"):
            _same(path.read_text(encoding="utf-8", errors="replace"))
