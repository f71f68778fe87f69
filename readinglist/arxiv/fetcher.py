"""Looking a batch of papers up on arXiv, storing each answer as it arrives.

`fetch_papers` runs a batch with progress, cancellation, "not found" memory, the offline
check and a stop after a few server failures in a row. Papers with a known arXiv id (found
before, or printed by their page) go out as `id_list` requests, a hundred per request; the
rest as OR-ed title phrases, ten per request (see batching). `lookup_paper` asks about one
paper. Everything is sync and UI-free; the app runs `fetch_papers` in a worker thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from readinglist.arxiv.batching import TITLES_PER_REQUEST, FailureStreak, TooManyFailures
from readinglist.arxiv.batching import lookup_ids as _lookup_ids
from readinglist.arxiv.batching import lookup_titles as _lookup_titles
from readinglist.arxiv.client import ArxivCancelled, ArxivClient, ArxivError, ArxivUnreachable
from readinglist.arxiv.feed import FeedEntry
from readinglist.arxiv.records import (
    FOUND,
    NOT_FOUND,
    ArxivStore,
    checked_time,
    has_newer_version,
    not_found_record,
    refreshed_record,
    utc_now,
    version_text,
)
from readinglist.papers.models import ArxivRecord, Paper

NOT_FOUND_TTL = timedelta(days=14)  # a miss is not asked again before this, unless refreshed

FAILED = "failed"
SKIPPED = "skipped"
RESUME_HINT = "run the same command again later to resume (papers already found are skipped)"


@dataclass(slots=True)
class FetchEvent:
    """What happened to one paper of a batch (`index` counts from 1 up to `total`)."""

    paper: Paper
    outcome: str  # "found", "not_found", "failed" or "skipped"
    record: ArxivRecord | None = None  # the stored record (found / not_found), else the old one
    reason: str = ""  # why it failed or was skipped
    index: int = 0
    total: int = 0

    @property
    def newer_version(self) -> bool:
        """arXiv now has a newer version than the one this paper was read at."""
        return self.outcome == FOUND and has_newer_version(self.record)

    def describe(self) -> str:
        """One line for a progress display: `found 2007.04825`, `failed: HTTP 503`..."""
        if self.outcome == FOUND and self.record is not None:
            if self.newer_version:
                return f"found {self.record.arxiv_id} {version_text(self.record)}"
            return f"found {self.record.arxiv_id}"
        if self.outcome == NOT_FOUND:
            return "not found"
        return f"{self.outcome}: {self.reason}" if self.reason else self.outcome


@dataclass(slots=True)
class FetchSummary:
    found: int = 0
    not_found: int = 0
    failed: int = 0
    skipped: int = 0
    not_asked: int = 0  # left when the batch stopped (cancelled, offline, server failing)
    updated: int = 0  # found with a newer version than the one read
    requests: int = 0  # requests sent to arXiv (retries included)
    cancelled: bool = False
    stopped: str | None = None  # why the batch stopped early, one line
    unreachable: bool = False  # nothing could be asked at all: arXiv never answered

    def line(self) -> str:
        text = (
            f"found {self.found}, not found {self.not_found}, "
            f"failed {self.failed}, skipped {self.skipped}"
        )
        return f"{text}, newer version {self.updated}" if self.updated else text

    def count(self, outcome: str) -> None:
        """One more paper with this outcome ("found", "not_found", "failed", "skipped")."""
        setattr(self, outcome, getattr(self, outcome) + 1)

    @property
    def nothing_succeeded(self) -> bool:
        """Papers were to be asked and not one answer came back: the command failed."""
        asked = self.found + self.not_found
        return asked == 0 and (self.failed > 0 or self.stopped is not None)


def skip_reason(record: ArxivRecord | None, *, now: datetime, refresh: bool = False) -> str | None:
    """Why this paper need not be asked about now, or None when it should be."""
    if refresh or record is None:
        return None
    if record.status == FOUND and record.arxiv_id:
        return f"already found ({record.arxiv_id})"
    if record.status == NOT_FOUND:
        checked = checked_time(record)
        if checked is not None and now - checked < NOT_FOUND_TTL:
            return f"not found on {checked.date().isoformat()}; --refresh asks again"
    return None


def known_id(paper: Paper, record: ArxivRecord | None) -> str | None:
    """The arXiv id to ask by: the one found before, else the one the paper's page printed."""
    if record is not None and record.status == FOUND and record.arxiv_id:
        return record.arxiv_id
    return paper.arxiv_id or None


def lookup_paper(
    client: ArxivClient,
    paper: Paper,
    known: ArxivRecord | None = None,
    *,
    now: datetime | None = None,
) -> ArxivRecord:
    """arXiv's record for one paper: found (by its known id, or confirmed by title) or not
    found. Raises ArxivError when arXiv could not be asked or its answer could not be read."""
    records = {paper.id: known} if known is not None else {}
    moment = now or utc_now()
    for answers in _answers(client, [paper], records, FailureStreak(), lambda: moment):
        for _paper, outcome in answers:
            if isinstance(outcome, ArxivError):
                raise outcome
            return outcome
    raise AssertionError("unreachable")  # pragma: no cover


Progress = Callable[[FetchEvent], None]


def fetch_papers(
    client: ArxivClient,
    papers: Iterable[Paper],
    store: ArxivStore,
    known: Mapping[str, ArxivRecord] | None = None,
    *,
    refresh: bool = False,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    clock: Callable[[], datetime] = utc_now,
    titles_per_request: int = TITLES_PER_REQUEST,
) -> FetchSummary:
    """Look the papers up, store each answer as it arrives, and return the counts.

    Call it from a worker thread in the app:

        cancel = threading.Event()
        summary = fetch_papers(client, papers, store, store.all(), progress=report, cancel=cancel)

    - `known`: records by paper id (default: the store's); papers already found, and misses
      younger than NOT_FOUND_TTL, are skipped unless `refresh` (which asks found papers again
      by id and reports a newer version: `event.newer_version`, `summary.updated`).
    - `progress(event)` is called once per paper, in the calling (worker) thread, after the
      record is on disk; a UI must hand it over to its own thread (`call_from_thread`).
    - `titles_per_request`: how many titles one search asks about (OR-ed phrases).
    - Setting `cancel` stops before the next request and cuts short waits between requests.
    - A failure stores nothing and keeps the old record. The batch stops instead of hammering
      when no connection can be made, or after a few server failures in a row:
      `summary.stopped` says why and how to resume, `summary.unreachable` is set when nothing
      in the batch ever reached arXiv.
    Store write failures (StoreError) propagate: the batch cannot keep its results.
    """
    papers = list(papers)
    total = len(papers)
    known = store.all() if known is None else known
    summary = FetchSummary()
    emitted = 0
    sent_before = client.requests_sent

    def emit(event: FetchEvent) -> None:
        nonlocal emitted
        emitted += 1
        event.index, event.total = emitted, total
        summary.count(event.outcome)
        summary.updated += event.newer_version
        if progress is not None:
            progress(event)

    now = clock()
    to_ask: list[Paper] = []
    for paper in papers:
        reason = skip_reason(known.get(paper.id), now=now, refresh=refresh)
        if reason is not None:
            emit(FetchEvent(paper, SKIPPED, known.get(paper.id), reason))
        else:
            to_ask.append(paper)
    client.start_batch()
    try:
        with client.cancellable(cancel):
            streak = FailureStreak()
            for answers in _answers(client, to_ask, known, streak, clock, titles_per_request):
                store.put_many({p.id: r for p, r in answers if isinstance(r, ArxivRecord)})
                for paper, outcome in answers:
                    if isinstance(outcome, ArxivError):
                        emit(FetchEvent(paper, FAILED, known.get(paper.id), str(outcome)))
                    else:
                        emit(FetchEvent(paper, outcome.status, outcome))
    except ArxivCancelled:
        summary.cancelled = True
    except ArxivUnreachable as error:
        summary.stopped = str(error)
        summary.unreachable = not client.connected
    except TooManyFailures as error:
        summary.stopped = f"{error}; stopped: {RESUME_HINT}"
    summary.not_asked = total - emitted
    summary.requests = client.requests_sent - sent_before
    return summary


Answer = tuple[Paper, "ArxivRecord | ArxivError"]


def _answers(
    client: ArxivClient,
    papers: list[Paper],
    known: Mapping[str, ArxivRecord],
    streak: FailureStreak,
    clock: Callable[[], datetime],
    titles_per_request: int = TITLES_PER_REQUEST,
) -> Iterator[list[Answer]]:
    """Each request's answers: a record to store, or the ArxivError that failed the paper."""
    by_id, by_title = [], []
    for index, paper in enumerate(papers):
        arxiv_id = known_id(paper, known.get(paper.id))
        if arxiv_id:
            by_id.append((index, arxiv_id))
        else:
            by_title.append((index, paper.title))
    for results in _lookup_ids(client, by_id, streak):
        answers = []
        for index, outcome in results:
            paper = papers[index]
            old = known.get(paper.id)
            if outcome is not None or (old is not None and old.status == FOUND):
                answers.append((paper, _record(old, outcome, clock, paper)))
            else:  # the id a page printed is unknown to arXiv: try the title instead
                by_title.append((index, paper.title))
        if answers:
            yield answers
    for results in _lookup_titles(client, by_title, streak, titles_per_request):
        yield [
            (papers[i], _record(known.get(papers[i].id), outcome, clock, papers[i]))
            for i, outcome in results
        ]


def _record(
    old: ArxivRecord | None,
    outcome: FeedEntry | ArxivError | None,
    clock: Callable[[], datetime],
    paper: Paper,
) -> ArxivRecord | ArxivError:
    if isinstance(outcome, ArxivError):
        return outcome
    if isinstance(outcome, FeedEntry):
        return refreshed_record(old, outcome, clock())
    if old is not None and old.status == FOUND and old.arxiv_id:
        # arXiv ids do not vanish (withdrawn papers keep theirs): a glitch, not a miss, so
        # keep the links we have rather than overwrite them with "not found".
        return ArxivError(f"arXiv returned nothing for {old.arxiv_id}; try again later")
    return not_found_record(clock())


# fetch(papers, arxiv_store, *, progress, cancel, refresh) -> FetchSummary: arXiv lookups for
# a batch; `refresh` asks papers found before again (by id: new versions).
Fetcher = Callable[..., FetchSummary]


def fetch_from_arxiv(
    papers: Sequence[Paper],
    store: ArxivStore,
    *,
    progress: Callable[[FetchEvent], None] | None = None,
    cancel: threading.Event | None = None,
    refresh: bool = False,
) -> FetchSummary:
    """Ask arXiv about each paper (politely, see readinglist.arxiv), storing each answer."""
    with ArxivClient() as client:
        return fetch_papers(
            client, papers, store, progress=progress, cancel=cancel, refresh=refresh
        )
