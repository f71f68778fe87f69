"""Many papers per request: OR-ed title phrases, and `id_list` batches of known ids.

arXiv allows one request every 3 seconds, so most of a batch's time is spent waiting; asking
about ten titles per request and a hundred ids per request cuts that tenfold. Each hit is
still confirmed per paper by matching.best_match (an unrelated hit is never linked). A title
that does not come back is "not found" for it alone; a request that fails is asked again as
two smaller ones, down to single papers, so one bad title cannot fail its neighbours.

Both lookups are generators yielding, per answered request, `(key, outcome)` pairs where
outcome is a FeedEntry (found), None (not found / unknown id) or an ArxivError (this paper
failed). ArxivUnreachable, ArxivCancelled and TooManyFailures stop the whole batch.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from typing import TypeVar

from readinglist.arxiv.client import MAX_IDS, MAX_RESULTS, ArxivClient
from readinglist.arxiv.feed import FeedEntry
from readinglist.arxiv.matching import best_match, title_query
from readinglist.arxiv.transport import (
    ArxivBusy,
    ArxivCancelled,
    ArxivError,
    ArxivServerFailure,
    ArxivUnreachable,
)

K = TypeVar("K")
Outcome = FeedEntry | ArxivError | None
Results = list[tuple[K, Outcome]]

TITLES_PER_REQUEST = 10
MAX_QUERY_CHARS = 1_500  # the OR-ed phrases of one request: well inside any URL limit
RESULTS_PER_TITLE = MAX_RESULTS  # as many hits per title as a single lookup would get
MAX_FAILURES_IN_A_ROW = 3


class TooManyFailures(ArxivError):
    """The server failed several requests in a row (after retries): stop, resume later."""


class FailureStreak:
    """Counts server failures in a row across every request of a batch."""

    def __init__(self, limit: int = MAX_FAILURES_IN_A_ROW) -> None:
        self.limit = limit
        self.count = 0

    def succeeded(self) -> None:
        self.count = 0

    def failed(self, error: ArxivError) -> None:
        if not isinstance(error, ArxivServerFailure):
            return  # a 4xx or an unreadable answer is about this request, not the server
        self.count += 1
        if isinstance(error, ArxivBusy):
            raise TooManyFailures(str(error))
        if self.count >= self.limit:
            raise TooManyFailures(f"arXiv failed {self.count} requests in a row ({error})")


def or_query(titles: Sequence[str]) -> str | None:
    """`ti:"first title" OR ti:"second title"`; titles with nothing searchable are left out."""
    phrases = [q for t in titles if (q := title_query(t)) is not None]
    return " OR ".join(phrases) if phrases else None


def title_chunks(items: Sequence[tuple[K, str]], size: int) -> list[list[tuple[K, str]]]:
    """Consecutive groups of at most `size` titles whose query stays under MAX_QUERY_CHARS."""
    chunks: list[list[tuple[K, str]]] = []
    current: list[tuple[K, str]] = []
    length = 0
    for item in items:
        cost = len(title_query(item[1]) or "") + 4  # " OR "
        if current and (len(current) >= size or length + cost > MAX_QUERY_CHARS):
            chunks.append(current)
            current, length = [], 0
        current.append(item)
        length += cost
    if current:
        chunks.append(current)
    return chunks


def lookup_titles(
    client: ArxivClient,
    items: Sequence[tuple[K, str]],
    streak: FailureStreak | None = None,
    size: int = TITLES_PER_REQUEST,
) -> Iterator[Results]:
    """(key, title) pairs looked up `size` at a time; yields each request's results."""
    streak = streak or FailureStreak()
    unsearchable = [(key, None) for key, title in items if title_query(title) is None]
    if unsearchable:
        yield unsearchable
    searchable = [(key, title) for key, title in items if title_query(title) is not None]
    queue = deque(title_chunks(searchable, max(1, size)))
    while queue:
        chunk = queue.popleft()
        max_results = RESULTS_PER_TITLE * len(chunk)
        try:
            entries = client.search(or_query([t for _, t in chunk]) or "", max_results)
        except (ArxivCancelled, ArxivUnreachable):
            raise
        except ArxivError as error:
            streak.failed(error)
            if len(chunk) == 1:
                yield [(chunk[0][0], error)]
            else:
                _push_halves(queue, chunk)
            continue
        streak.succeeded()
        # A full page of hits may have crowded a title's own entry out: ask again, smaller.
        crowded = len(entries) >= max_results and len(chunk) > 1
        results: Results = []
        again = []
        for key, title in chunk:
            match = best_match(title, entries)
            if match is None and crowded:
                again.append((key, title))
            else:
                results.append((key, match))
        if again:
            _push_halves(queue, again)
        if results:
            yield results


def _push_halves(queue: deque, chunk: list) -> None:
    if len(chunk) == 1:
        queue.appendleft(chunk)
        return
    half = len(chunk) // 2
    queue.appendleft(chunk[half:])
    queue.appendleft(chunk[:half])


def lookup_ids(
    client: ArxivClient,
    items: Sequence[tuple[K, str]],
    streak: FailureStreak | None = None,
    size: int = MAX_IDS,
) -> Iterator[Results]:
    """(key, arXiv id) pairs asked by `id_list`, `size` ids per request; an id arXiv does
    not know comes back as None."""
    streak = streak or FailureStreak()
    queue = deque(_id_chunks(items, max(1, min(size, MAX_IDS))))
    while queue:
        chunk = queue.popleft()
        ids = list(dict.fromkeys(arxiv_id for _, arxiv_id in chunk))
        try:
            entries = client.by_ids(ids)
        except (ArxivCancelled, ArxivUnreachable):
            raise
        except ArxivError as error:
            streak.failed(error)
            if len(ids) == 1:
                yield [(key, error) for key, _ in chunk]
            else:
                for part in reversed(_id_chunks(chunk, (len(ids) + 1) // 2)):
                    queue.appendleft(part)
            continue
        streak.succeeded()
        by_id = {entry.arxiv_id: entry for entry in entries}
        yield [(key, by_id.get(arxiv_id)) for key, arxiv_id in chunk]


def _id_chunks(items: Sequence[tuple[K, str]], size: int) -> list[list[tuple[K, str]]]:
    """Groups holding at most `size` distinct ids (the same id twice goes out once)."""
    chunks: list[list[tuple[K, str]]] = []
    current: list[tuple[K, str]] = []
    seen: set[str] = set()
    for key, arxiv_id in items:
        if arxiv_id not in seen and len(seen) >= size:
            chunks.append(current)
            current, seen = [], set()
        current.append((key, arxiv_id))
        seen.add(arxiv_id)
    if current:
        chunks.append(current)
    return chunks
