"""Registers the reader of every page shape readinglist knows."""

from __future__ import annotations

from readinglist.parsing import arxiv_ids_reader, bibtex_reader, pub_list
from readinglist.parsing.arxiv_lines import arxiv_marks
from readinglist.parsing.arxiv_list import ARXIV_LIST_READER
from readinglist.parsing.arxiv_search import ARXIV_SEARCH_READER
from readinglist.parsing.author_list import parse_author_list
from readinglist.parsing.detect import detect_hf, is_author_list
from readinglist.parsing.hf_daily import parse_hf
from readinglist.parsing.hf_lines import Item, Kind, classify
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
        if arxiv_marks(page.text, page.memo).is_arxiv:
            return 0.0  # an arXiv page's labels and ids would become titles and abstracts
        return HF_CONFIDENCE if _hf_format(page) == name else 0.0

    def read(page: Page) -> Reading:
        items = _hf_items(page)
        papers, warnings = parse_hf(items, page.source, page.as_of, name)
        chrome = [(i.number, i.text, "page header") for i in items if i.kind is Kind.HEADER]
        return Reading(papers, warnings, chrome)

    def marks(page: Page) -> list[str]:
        if arxiv_marks(page.text, page.memo).is_arxiv:
            return ["declines: the page has arXiv entries"]
        return [f"the Hugging Face {name} layout"] if _hf_format(page) == name else []

    return Reader(name, describe, score, read, marks)


def _author_list_marks(page: Page) -> list[str]:
    return ["date lines with a category (`LGFeb 2, 2024`)"] if is_author_list(page.lines) else []


AUTHOR_LIST_READER = Reader(
    "author-list",
    "a researcher's publication list with categories and dates",
    _score_author_list,
    _read_author_list,
    _author_list_marks,
)

# One line per reader; the order breaks ties between equal scores.
register(AUTHOR_LIST_READER)
register(ARXIV_LIST_READER)
register(ARXIV_SEARCH_READER)
register(_hf_reader("hf-search", "Hugging Face paper search results"))
register(_hf_reader("hf-daily", "a Hugging Face Daily Papers or collection page"))
register(bibtex_reader.READER)
register(arxiv_ids_reader.READER)
register(pub_list.READER)
