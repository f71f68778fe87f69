"""The BibTeX reader: `.bib` files as Zotero, Google Scholar, DBLP, papis or Better BibTeX
write them, and the entries a message quotes.

Blocks are found first (bibtex_blocks), then each is handed to bibtexparser on its own, so a
malformed entry is one warning naming its line and every other entry is still read. `@string`
macros apply to the entries after them, as in BibTeX.
"""

from __future__ import annotations

import logging

import bibtexparser
from bibtexparser.model import (
    DuplicateFieldKeyBlock,
    Entry,
    ParsingFailedBlock,
    String,
)

from readinglist.papers.arxiv_ids import find_arxiv_ids
from readinglist.papers.models import ParsedPaper
from readinglist.parsing.bibtex_blocks import Block, bibtex_share, find_blocks
from readinglist.parsing.bibtex_entry import entry_paper, resolve
from readinglist.parsing.cleanup import display_name
from readinglist.parsing.readers import Page, Reader, Reading

# bibtexparser logs every block it cannot parse; the reader's warnings already say so.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False

# A page that is mostly BibTeX is a `.bib` file: surer than any listing reader.
FILE_CONFIDENCE = 0.9
# A page quoting an entry amid other text: read when nothing reads the page better; the
# arXiv-ids reader (0.55) takes a page that also names arXiv ids, and reads the entries too.
QUOTED_CONFIDENCE = 0.52
_FILE_SHARE = 0.5


def page_blocks(page: Page) -> list[Block]:
    blocks = page.memo.get("bibtex_blocks")
    if blocks is None:
        blocks = page.memo["bibtex_blocks"] = find_blocks(page.lines) if "@" in page.text else []
    return blocks


def score(page: Page) -> float:
    blocks = page_blocks(page)
    if not any(block.is_entry and block.well_formed for block in blocks):
        return 0.0
    if bibtex_share(page.lines, blocks) >= _FILE_SHARE and not _ids_outside(page, blocks):
        return FILE_CONFIDENCE
    return QUOTED_CONFIDENCE


def _ids_outside(page: Page, blocks: list[Block]) -> bool:
    """Whether the text around the entries names arXiv papers of its own (a message quoting
    an entry and linking others: the arXiv-ids reader reads both)."""
    inside = set()
    for block in blocks:
        inside.update(range(block.first, block.last + 1))
    outside = (
        line
        for index, line in enumerate(page.lines)
        if index not in inside and not line.startswith("%")
    )
    return bool(find_arxiv_ids("\n".join(outside)))


def read_entries(page: Page) -> tuple[list[tuple[int, ParsedPaper]], list[str]]:
    """The papers of the page's BibTeX entries with the index of each one's first line, and a
    warning for each entry that could not be read."""
    name = display_name(page.source)
    macros: dict[str, str] = {}
    entries: list[tuple[Block, dict[str, str]]] = []
    warnings: list[str] = []
    for block in page_blocks(page):
        text = "\n".join(page.lines[block.first : block.last + 1])
        problem = _read_block(text, block, macros, entries)
        if problem is not None:
            warnings.append(f"{name}: line {block.first + 1}: {_label(block)} {problem}, skipped")
    parents = _fill_crossrefs(entries)
    papers: list[tuple[int, ParsedPaper]] = []
    for block, fields in entries:
        if block.kind in _VOLUMES and block.key is not None and block.key.lower() in parents:
            continue  # a DBLP @proceedings volume its papers refer to: no paper itself
        paper = entry_paper(fields, page.source)
        if paper is None:
            label = _label(block)
            warnings.append(
                f"{name}: line {block.first + 1}: {label} has neither a title nor an arXiv id, "
                "skipped"
            )
        else:
            papers.append((block.first, paper))
    return papers, warnings


def _label(block: Block) -> str:
    return f"BibTeX entry {block.key!r}" if block.key else f"@{block.kind} block"


def _read_block(
    text: str,
    block: Block,
    macros: dict[str, str],
    entries: list[tuple[Block, dict[str, str]]],
) -> str | None:
    """Read one block's fields into `entries` (or its macro into `macros`); what is wrong
    with it, or None."""
    if not block.closed:
        return 'is malformed: its braces do not close (an unclosed { or ")'
    try:
        library = bibtexparser.parse_string(text, parse_stack=[])
    except Exception:  # bibtexparser on hostile input: this block is unreadable, not the page
        return _NOT_BIBTEX
    parsed_entries = []
    for parsed in library.blocks:
        if isinstance(parsed, String):
            macros[parsed.key.lower()] = resolve(str(parsed.value), macros)
        elif isinstance(parsed, Entry):
            parsed_entries.append(parsed)
        elif isinstance(parsed, DuplicateFieldKeyBlock) and parsed.ignore_error_block:
            parsed_entries.append(parsed.ignore_error_block)
        elif isinstance(parsed, ParsingFailedBlock):
            return _NOT_BIBTEX
    if not block.is_entry:
        return None
    if not parsed_entries:
        return _NOT_BIBTEX
    for entry in parsed_entries:
        fields: dict[str, str] = {}
        for field in entry.fields:
            fields.setdefault(field.key.lower(), resolve(str(field.value), macros))
        entries.append((block, fields))
    return None


_VOLUMES = frozenset({"proceedings", "mvproceedings", "collection", "mvcollection"})
_NOT_BIBTEX = "is malformed: it is not `@type{key, field = {value}, ...}`"


def _fill_crossrefs(entries: list[tuple[Block, dict[str, str]]]) -> set[str]:
    """Give each entry with `crossref = {key}` the fields it lacks from that entry (BibTeX's
    rule: DBLP puts a paper's booktitle and year in its volume's entry); the keys referred to."""
    by_key = {block.key.lower(): fields for block, fields in entries if block.key}
    parents = set()
    for _, fields in entries:
        target = fields.get("crossref", "").strip().lower()
        parent = by_key.get(target)
        if parent is None or parent is fields:
            continue
        parents.add(target)
        for key, value in parent.items():
            if key == "title" and "booktitle" not in fields:
                fields["booktitle"] = value  # the volume's title is the paper's venue
            elif key not in ("title", "crossref", "author", "abstract", "eprint", "doi", "url"):
                fields.setdefault(key, value)
    return parents


def read(page: Page) -> Reading:
    papers, warnings = read_entries(page)
    inside = set()
    for block in page_blocks(page):
        inside.update(range(block.first, block.last + 1))
    skipped = [
        (index + 1, line, "BibTeX comment" if line.startswith("%") else "outside any entry")
        for index, line in enumerate(page.lines)
        if line and index not in inside
    ]
    return Reading([paper for _, paper in papers], warnings, skipped)


def marks(page: Page) -> list[str]:
    blocks = page_blocks(page)
    entries = sum(block.is_entry and block.well_formed for block in blocks)
    if not entries:
        return []
    share = bibtex_share(page.lines, blocks)
    what = "1 BibTeX entry" if entries == 1 else f"{entries} BibTeX entries"
    return [f"{what} (`@type{{key, ...}}`), {share:.0%} of the page's lines"]


READER = Reader("bibtex", "a BibTeX file (.bib)", score, read, marks)
