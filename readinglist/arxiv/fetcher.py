"""Looking papers up on arXiv one by one, storing each answer as it arrives.

`lookup_paper` asks about one paper; `fetch_papers` runs a batch with progress, cancellation,
"not found" memory and the offline check. Both are sync and UI-free; the app runs
`fetch_papers` in a worker thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from readinglist.arxiv.client import ArxivCancelled, ArxivClient, ArxivError, ArxivUnreachable
from readinglist.arxiv.matching import best_match, title_query
from readinglist.arxiv.records import (
    FOUND,
    NOT_FOUND,
    ArxivStore,
    checked_time,
    found_record,
    not_found_record,
    utc_now,
)
from readinglist.papers.models import ArxivRecord, Paper

NOT_FOUND_TTL = timedelta(days=14)  # a miss is not asked again before this, unless refreshed

FAILED = "failed"
SKIPPED = "skipped"


@dataclass(slots=True)
class FetchEvent:
    """What happened to one paper of a batch (`index` counts from 1 up to `total`)."""

    paper: Paper
    outcome: str  # "found", "not_found", "failed" or "skipped"
    record: ArxivRecord | None = None  # the stored record (found / not_found), else the old one
    reason: str = ""  # why it failed or was skipped
    index: int = 0
    total: int = 0

    def describe(self) -> str:
        """One line for a progress display: `found 2007.04825`, `failed: HTTP 503`..."""
        if self.outcome == FOUND and self.record is not None:
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
    not_asked: int = 0  # left when the batch stopped (cancelled, offline, connection lost)
    cancelled: bool = False
    stopped: str | None = None  # why the batch stopped early, one line
    unreachable: bool = False  # nothing could be asked at all: arXiv never answered

    def line(self) -> str:
        return (
            f"found {self.found}, not found {self.not_found}, "
            f"failed {self.failed}, skipped {self.skipped}"
        )

    def count(self, outcome: str) -> None:
        """One more paper with this outcome ("found", "not_found", "failed", "skipped")."""
        setattr(self, outcome, getattr(self, outcome) + 1)


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


def lookup_paper(
    client: ArxivClient,
    paper: Paper,
    known: ArxivRecord | None = None,
    *,
    now: datetime | None = None,
) -> ArxivRecord:
    """arXiv's record for `paper`: found (confirmed by title) or not found.

    With a known arXiv id, asks by `id_list`; otherwise searches the title as a `ti:"..."`
    phrase and accepts only a near-identical title.
    Raises ArxivError when arXiv could not be asked or its answer could not be read.
    """
    now = now or utc_now()
    if known is not None and known.status == FOUND and known.arxiv_id:
        for entry in client.by_ids([known.arxiv_id]):
            if entry.arxiv_id == known.arxiv_id:
                return found_record(entry, now)
        # arXiv ids do not vanish (withdrawn papers keep theirs): a glitch, not a miss, so
        # keep the links we have rather than overwrite them with "not found".
        raise ArxivError(f"arXiv returned nothing for {known.arxiv_id}; try again later")
    query = title_query(paper.title)
    if query is None:
        return not_found_record(now)
    match = best_match(paper.title, client.search(query))
    return found_record(match, now) if match is not None else not_found_record(now)


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
) -> FetchSummary:
    """Look each paper up, store each answer as it arrives, and return the counts.

    Call it from a worker thread in the app:

        cancel = threading.Event()
        summary = fetch_papers(client, papers, store, store.all(), progress=report, cancel=cancel)

    - `known`: records by paper id (default: the store's); papers already found, and misses
      younger than NOT_FOUND_TTL, are skipped unless `refresh`.
    - `progress(event)` is called once per paper, in the calling (worker) thread, after the
      record is on disk; a UI must hand it over to its own thread (`call_from_thread`).
    - Setting `cancel` stops before the next paper and cuts short waits between requests; a
      request already on the wire finishes first. What was stored stays stored.
    - A failure stores nothing and keeps the old record. When no connection can be made
      (offline or DNS failure on the first request; the connection lost for good after
      retries), the batch stops instead of hammering: `summary.stopped` says why, and
      `summary.unreachable` is set when nothing in the batch ever reached arXiv.
    Store write failures (StoreError) propagate: the batch cannot keep its results.
    """
    papers = list(papers)
    total = len(papers)
    known = store.all() if known is None else known
    summary = FetchSummary()
    client.start_batch()
    with client.cancellable(cancel):
        for index, paper in enumerate(papers, start=1):
            cancelled = cancel is not None and cancel.is_set()
            outcome = None if cancelled else _fetch_one(client, paper, known, store, refresh, clock)
            if not isinstance(outcome, FetchEvent):
                summary.not_asked = total - index + 1
                if outcome is None:
                    summary.cancelled = True
                else:
                    summary.stopped = str(outcome)
                    summary.unreachable = not client.connected
                break
            outcome.index, outcome.total = index, total
            summary.count(outcome.outcome)
            if progress is not None:
                progress(outcome)
    return summary


def _fetch_one(
    client: ArxivClient,
    paper: Paper,
    records: Mapping[str, ArxivRecord],
    store: ArxivStore,
    refresh: bool,
    clock: Callable[[], datetime],
) -> FetchEvent | ArxivError | None:
    """The paper's event; an ArxivError that should stop the batch; None when cancelled."""
    known = records.get(paper.id)
    reason = skip_reason(known, now=clock(), refresh=refresh)
    if reason is not None:
        return FetchEvent(paper, SKIPPED, known, reason)
    try:
        record = lookup_paper(client, paper, known, now=clock())
    except ArxivCancelled:
        return None
    except ArxivUnreachable as error:
        return error
    except ArxivError as error:
        return FetchEvent(paper, FAILED, known, str(error))
    store.put(paper.id, record)
    return FetchEvent(paper, record.status, record)
