"""Papers known only by their arXiv id, filled in from arXiv before they enter the library.

A text of arXiv ids (the `arxiv-ids` reader) and `readinglist add ID|URL` give papers with an
id and no title. Before they are imported, `IdFiller` asks arXiv for them by `id_list`, a
hundred per request, and fills title, authors, abstract, date and category. An id arXiv does
not know is reported, one line each, and not imported; when arXiv cannot be reached, those
papers are refused with one line saying to try again. A paper with an empty title is never
handed on to the library. After the import, `store_records` keeps arXiv's answers in
arxiv.json, so the new papers are linked (and their version known) at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from readinglist.arxiv.batching import FailureStreak, TooManyFailures, lookup_ids
from readinglist.arxiv.client import ArxivClient, ArxivError, ArxivUnreachable
from readinglist.arxiv.feed import FeedEntry
from readinglist.arxiv.records import FOUND, ArxivStore, found_record, utc_now
from readinglist.papers.arxiv_ids import parse_arxiv_id
from readinglist.papers.library import Library
from readinglist.papers.models import ParsedPaper


def is_id_only(paper: ParsedPaper) -> bool:
    """A paper a text named by its arXiv id: arXiv gives its title, authors and abstract (a
    title from a link's text is a hint, not the paper's record)."""
    return bool(paper.arxiv_id) and (not paper.title.strip() or paper.format == "arxiv-ids")


def filled(paper: ParsedPaper, entry: FeedEntry) -> ParsedPaper:
    """The id-only paper with what arXiv says about it; what the text gave is kept."""
    return replace(
        paper,
        title=entry.title,
        authors=list(entry.authors),
        abstract=entry.summary,
        date=entry.published,
        category=entry.primary_category,
        subjects=[entry.primary_category] if entry.primary_category else [],
        doi=paper.doi or entry.doi,
        url=paper.url or entry.abs_url,
    )


class IdFiller:
    """`filler(papers) -> (papers, messages)`: titled papers pass through; id-only ones come
    back filled from arXiv, or are left out with a one-line message each.

    Ids the library already holds are not asked about (the import merges them as known).
    The client is made on the first id-only paper, so importing ordinary pages asks nothing.
    """

    def __init__(
        self,
        library: Library,
        client_factory: Callable[[], ArxivClient] = ArxivClient,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.library = library
        self._client_factory = client_factory
        self._client: ArxivClient | None = None
        self._clock = clock
        self.entries: dict[str, FeedEntry] = {}
        self.unreachable: str | None = None  # why arXiv could not be asked, once it could not

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def __enter__(self) -> IdFiller:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __call__(self, papers: list[ParsedPaper]) -> tuple[list[ParsedPaper], list[str]]:
        messages: list[str] = []
        wanted: dict[str, ParsedPaper] = {}
        for paper in papers:
            if not is_id_only(paper):
                continue
            parsed = parse_arxiv_id(paper.arxiv_id or "")
            if parsed is None:
                messages.append(f"{paper.arxiv_id!r} is not an arXiv id; not added")
            elif self.library.by_arxiv_id(parsed.id) is None:
                wanted.setdefault(parsed.id, paper)
        answers = self._ask(list(wanted), messages) if wanted else {}
        kept = []
        for paper in papers:
            if not is_id_only(paper):
                if paper.title.strip():
                    kept.append(paper)
                continue
            parsed = parse_arxiv_id(paper.arxiv_id or "")
            if parsed is None:
                continue
            entry = answers.get(parsed.id)
            if entry is not None:
                kept.append(filled(replace(paper, arxiv_id=parsed.id), entry))
            elif parsed.id not in wanted:
                kept.append(replace(paper, arxiv_id=parsed.id))  # known: merged, not stored
        return kept, messages

    def _ask(self, ids: list[str], messages: list[str]) -> dict[str, FeedEntry]:
        if self.unreachable is not None:
            messages.append(self._refusal(len(ids), self.unreachable))
            return {}
        if self._client is None:
            self._client = self._client_factory()
        answers: dict[str, FeedEntry] = {}
        asked: set[str] = set()
        try:
            for results in lookup_ids(self._client, [(i, i) for i in ids], FailureStreak()):
                for arxiv_id, outcome in results:
                    asked.add(arxiv_id)
                    if isinstance(outcome, FeedEntry):
                        answers[arxiv_id] = outcome
                    elif outcome is None:
                        messages.append(f"{arxiv_id}: arXiv does not know this id; not added")
                    else:
                        messages.append(f"{arxiv_id}: {outcome}; not added, try again later")
        except (ArxivUnreachable, TooManyFailures) as error:
            self.unreachable = str(error)
            messages.append(self._refusal(len(ids) - len(asked), self.unreachable))
        except ArxivError as error:  # cancelled: nothing more is asked
            messages.append(self._refusal(len(ids) - len(asked), str(error)))
        self.entries.update(answers)
        return answers

    @staticmethod
    def _refusal(count: int, why: str) -> str:
        papers = "paper" if count == 1 else "papers"
        advice = "" if "try again" in why else "; import the file again later"
        return f"{count} {papers} known only by an arXiv id not added: {why}{advice}"

    def store_records(self, store: ArxivStore) -> int:
        """Keep arXiv's answers for the papers now in the library; how many were stored."""
        now = self._clock()
        records = {}
        known = store.all()
        for arxiv_id, entry in self.entries.items():
            paper = self.library.by_arxiv_id(arxiv_id)
            if paper is None:
                continue
            old = known.get(paper.id)
            if old is None or old.status != FOUND:
                records[paper.id] = found_record(entry, now)
        store.put_many(records)
        return len(records)
