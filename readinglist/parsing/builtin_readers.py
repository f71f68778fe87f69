"""Registers the reader of every page shape readinglist knows."""

from __future__ import annotations

from readinglist.parsing.author_list import parse_author_list
from readinglist.parsing.detect import detect_hf, is_author_list
from readinglist.parsing.hf_daily import parse_hf
from readinglist.parsing.hf_lines import Item, classify
from readinglist.parsing.readers import Page, Reader, Reading, register

# Hugging Face pages have little to recognise them by: a reader of a shape with firmer marks
# (an arXiv list, BibTeX) scores above this and wins.
HF_CONFIDENCE = 0.6


def _hf_items(page: Page) -> list[Item]:
    items = page.memo.get("hf_items")
    if items is None:
        items = page.memo["hf_items"] = classify(page.lines)
    return items


def _hf_format(page: Page) -> str | None:
    if "hf_format" not in page.memo:
        page.memo["hf_format"] = detect_hf(page.lines, _hf_items(page))
    return page.memo["hf_format"]


def _score_author_list(page: Page) -> float:
    return 1.0 if is_author_list(page.lines) else 0.0


def _read_author_list(page: Page) -> Reading:
    papers, warnings = parse_author_list(page.lines, page.source, page.as_of)
    return Reading(papers, warnings)


def _hf_reader(name: str, describe: str) -> Reader:
    def score(page: Page) -> float:
        return HF_CONFIDENCE if _hf_format(page) == name else 0.0

    def read(page: Page) -> Reading:
        papers, warnings = parse_hf(_hf_items(page), page.source, page.as_of, name)
        return Reading(papers, warnings)

    return Reader(name, describe, score, read)


register(
    Reader(
        "author-list",
        "a researcher's publication list with categories and dates",
        _score_author_list,
        _read_author_list,
    )
)
register(_hf_reader("hf-search", "Hugging Face paper search results"))
register(_hf_reader("hf-daily", "a Hugging Face Daily Papers or collection page"))
