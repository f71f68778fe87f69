"""Hugging Face papers pages: Daily Papers, collections and paper search share one reader
(search pages are the same sequence without blank lines and metadata).

Items come in as classified lines (see hf_lines). Structure decides first: a title, then its
abstract, then maybe a metadata block, which closes the paper. Shape breaks ties when blank lines
or whole lines went missing: a title-shaped line where an abstract belongs is the next paper's
title when prose follows it; prose where a title belongs is an entry without a title.
"""

from __future__ import annotations

import datetime as dt

from readinglist.papers.models import ParsedPaper
from readinglist.parsing.cleanup import collapse
from readinglist.parsing.dates import resolve_date
from readinglist.parsing.hf_lines import Item, Kind
from readinglist.parsing.shape import looks_like_prose, looks_like_title


def parse_hf(
    items: list[Item], source: str, as_of: dt.date, fmt: str
) -> tuple[list[ParsedPaper], list[str]]:
    """Papers and warnings (`source: line N: ...`) of a Hugging Face page's classified lines."""
    reader = _Reader(items, source, as_of, fmt)
    reader.run()
    return reader.papers, reader.warnings


class _Reader:
    def __init__(self, items: list[Item], source: str, as_of: dt.date, fmt: str) -> None:
        self.items = items
        self.source = source
        self.as_of = as_of
        self.fmt = fmt
        self.papers: list[ParsedPaper] = []
        self.warnings: list[str] = []
        self.listing_date: str | None = None
        self.current: ParsedPaper | None = None
        self.expect = "title"  # "title", "abstract" or "more" (after the abstract)
        self.after_header = True  # a date line here is the page's own date
        self.orphan = False  # after text without a title: its metadata goes with it
        self.title_line = 0
        # A collection's papers carry a `Paper • ID • Published ...` line and no abstract.
        self.collection = any(item.kind is Kind.PAPER for item in items)
        self.without_abstract: list[int] = []  # the warnings saying a paper has no abstract
        self.dated: int | None = None  # the item that gave the last paper its date

    def run(self) -> None:
        handlers = {
            Kind.HEADER: self._header,
            Kind.TEXT: self._text,
            Kind.COUNT: self._count,
            Kind.ORG: self._org,
            Kind.DOT: self._dot,
            Kind.DATE: self._date,
            Kind.PAPER: self._paper_item,
        }
        self.index = 0
        while self.index < len(self.items):
            item = self.items[self.index]
            handlers[item.kind](item)
            self.index += 1
        self._check_abstract()
        if self.collection:
            self._drop_unlisted()
        if not any(paper.abstract for paper in self.papers):  # a page of titles: its layout
            missing = set(self.without_abstract)
            self.warnings = [w for i, w in enumerate(self.warnings) if i not in missing]

    def warn(self, item: Item, message: str) -> None:
        self.warnings.append(f"{self.source}: line {item.number}: {message}")

    def _header(self, item: Item) -> None:
        if item.match is None:  # the page's own header; the site's chrome starts nothing
            self.after_header = True
        elif (  # the upvotes a copy put on the line after the paper's date
            item.text.isdigit() and self.dated == self.index - 1 and self.papers[-1].upvotes is None
        ):
            self.papers[-1].upvotes = int(item.text)

    def _text(self, item: Item) -> None:
        text = item.text
        if self.expect == "abstract" and not self._is_next_title(text):
            assert self.current is not None
            self.current.abstract = collapse(text)
            self.expect = "more"
            return
        if text[0] in "•·∙":
            self.warn(item, f"unrecognized metadata line {text[:40]!r}, skipped")
            return
        if not looks_like_title(text):
            self.warn(item, "text where a paper title belongs (a title is missing?), skipped")
            self.orphan = True
            return
        if self._is_chrome(text):
            return
        self._check_abstract()
        self._start(text)

    def _is_next_title(self, text: str) -> bool:
        """In the abstract's place: a title when it looks like one and prose (or a collection's
        paper line) follows it."""
        if not looks_like_title(text):
            return False
        following = self._next_item()
        if following is not None and following.kind is Kind.PAPER:
            return True
        return (
            following is not None
            and following.kind is Kind.TEXT
            and looks_like_prose(following.text)
        )

    def _next_item(self) -> Item | None:
        nxt = self.index + 1
        return self.items[nxt] if nxt < len(self.items) else None

    def _check_abstract(self) -> None:
        """A title followed by no abstract: kept, with a warning naming the title's line."""
        if self.expect == "abstract" and self.current is not None and not self.collection:
            self.without_abstract.append(len(self.warnings))
            self.warnings.append(
                f"{self.source}: line {self.title_line}: paper without an abstract"
            )
            self.expect = "more"

    def _is_chrome(self, text: str) -> bool:
        """Page chrome before the first paper (`Previous`, `Daily Weekly Monthly`, a search
        query): a few words followed by neither an abstract nor a metadata block, or any line
        followed by the first paper's title and abstract."""
        if self.papers:
            return False
        following = self._next_item()
        if following is None:
            return False
        if len(text.split()) > 3:
            after = self.items[self.index + 2] if self.index + 2 < len(self.items) else None
            return (
                following.kind is Kind.TEXT
                and looks_like_title(following.text)
                and after is not None
                and after.kind is Kind.TEXT
                and looks_like_prose(after.text)
            )
        if following.kind is Kind.TEXT:
            return looks_like_title(following.text)
        return following.kind in (Kind.HEADER, Kind.DATE)

    def _start(self, title: str) -> None:
        item = self.items[self.index]
        self.title_line = item.number
        self.current = ParsedPaper(
            title=collapse(title),
            arxiv_id=item.match.group("id") if item.match is not None else None,  # its link
            listing_date=self.listing_date,  # printed above the papers; pages may be concatenated
            format=self.fmt,
            source=self.source,
        )
        self.papers.append(self.current)
        self.expect = "abstract"
        self.after_header = False
        self.orphan = False

    def _meta_target(self, item: Item, what: str) -> ParsedPaper | None:
        """The paper a metadata line belongs to: the open one, not yet closed by its date."""
        if self.current is None or self.expect == "title":
            if not self.orphan:
                self.warn(item, f"{what} without a paper before it, skipped")
            return None
        self._check_abstract()
        return self.current

    def _count(self, item: Item) -> None:
        paper = self._meta_target(item, "author count")
        if paper is not None:
            assert item.match is not None
            paper.author_count = int(item.match.group("count"))

    def _org(self, item: Item) -> None:
        paper = self._meta_target(item, "organization")
        if paper is not None:
            paper.organization = item.text

    def _dot(self, item: Item) -> None:
        following = self._next_item()
        if (following is not None and following.kind is Kind.DATE) or self.orphan:
            return
        if following is not None and following.kind is Kind.TEXT and self._meta_ok():
            # Whatever stands where the date belongs is a garbled date, not a title.
            self.warn(following, f"expected a date like 'Aug 13', found {following.text[:40]!r}")
            self.index += 1
            self._close()
        else:
            self.warn(item, "metadata block without a date line after '·'")

    def _meta_ok(self) -> bool:
        return self.current is not None and self.expect != "title"

    def _date(self, item: Item) -> None:
        if self.after_header or self.current is None:
            self.listing_date = item.text
            return
        paper = self._meta_target(item, "date line")
        if paper is None:
            return
        assert item.match is not None
        month, day, year, upvotes = item.match.group("month", "day", "year", "upvotes")
        paper.date = resolve_date(month, day, year, self.as_of)
        if paper.date is None:
            self.warn(item, f"no such date {item.text!r}")
        end = len(item.text) if upvotes is None else item.match.start("upvotes")
        paper.date_text = item.text[item.match.start("month") : end].rstrip()
        paper.upvotes = int(upvotes.replace(",", "")) if upvotes is not None else None
        self.dated = self.index
        self._close()

    def _paper_item(self, item: Item) -> None:
        """`Paper • ID • Published Jan 22 • 436`: the id, date and upvotes of the open paper."""
        paper = self._meta_target(item, "paper line")
        if paper is None:
            return
        assert item.match is not None
        paper.arxiv_id = item.match.group("id")
        month, day, year, upvotes = item.match.group("month", "day", "year", "upvotes")
        if month is not None:
            paper.date = resolve_date(month, day, year, self.as_of)
            start, end = item.match.span("month")[0], item.match.end("year" if year else "day")
            paper.date_text = item.match.string[start:end]
        paper.upvotes = int(upvotes.replace(",", "")) if upvotes is not None else None
        self._close()

    def _drop_unlisted(self) -> None:
        """On a collection every paper has its `Paper • ID` line: text without one is the
        collection's own (its name, its description), never a paper."""
        kept = [paper for paper in self.papers if paper.arxiv_id]
        if len(kept) == len(self.papers):
            return
        for paper in self.papers:
            if not paper.arxiv_id:
                self.warnings.append(
                    f"{self.source}: {paper.title[:60]!r} has no `Paper • ID` line: "
                    "not a paper, skipped"
                )
        self.papers = kept

    def _close(self) -> None:
        self.expect = "title"
