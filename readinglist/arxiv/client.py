"""A polite, sync client for arXiv's query API.

The HTTP rules (interval, retries, deadline, redirects) live in transport.PoliteHttp; this
module knows the query API: `search` (a `search_query`), `by_ids` (an `id_list`), the
settings from the environment, and bodies parsed with feed.parse_feed, so malformed XML, the
error feed and entity-expansion attacks surface as ArxivError.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from urllib.parse import urlsplit

import httpx

from readinglist.arxiv.feed import ApiErrorFeed, FeedEntry, FeedError, parse_feed
from readinglist.arxiv.ratelimit import MinIntervalLimiter, shared_limiter
from readinglist.arxiv.transport import (
    DEFAULT_BACKOFF,
    DEFAULT_RETRIES,
    MAX_RETRY_WAIT,
    ArxivBusy,
    ArxivCancelled,
    ArxivError,
    ArxivServerFailure,
    ArxivUnreachable,
    Notify,
    PoliteHttp,
)
from readinglist.errors import UserError

__all__ = [
    "ArxivBusy",
    "ArxivCancelled",
    "ArxivClient",
    "ArxivError",
    "ArxivServerFailure",
    "ArxivUnreachable",
]

DEFAULT_URL = "https://export.arxiv.org/api/query"
ENV_URL = "READINGLIST_ARXIV_URL"
ENV_INTERVAL = "READINGLIST_ARXIV_INTERVAL"
ENV_TIMEOUT = "READINGLIST_ARXIV_TIMEOUT"
ENV_DEADLINE = "READINGLIST_ARXIV_DEADLINE"
ENV_MAX_WAIT = "READINGLIST_ARXIV_MAX_WAIT"
DEFAULT_INTERVAL = 3.0
DEFAULT_TIMEOUT = 30.0
DEFAULT_DEADLINE = 120.0  # a whole answer; a feed of 100 entries is well under a megabyte
MAX_RESULTS = 5
MAX_IDS = 100  # ids per id_list request
MAX_BODY_BYTES = 5_000_000  # a batch of entries is a few hundred kB; anything huge is not a feed


def default_interval() -> float:
    """Seconds between requests: READINGLIST_ARXIV_INTERVAL (tests set it), else the config
    file's `[arxiv] interval` (never below arXiv's 3 s), else 3 s."""
    if os.environ.get(ENV_INTERVAL):
        return env_seconds(ENV_INTERVAL, DEFAULT_INTERVAL)
    from readinglist.config import load_config

    return load_config().arxiv_interval


class ArxivClient:
    """Queries arXiv; safe to share between threads (requests are serialized).

    `base_url`, `interval`, `timeout`, `deadline` and `max_retry_wait` default to
    $READINGLIST_ARXIV_URL, _INTERVAL, _TIMEOUT, _DEADLINE and _MAX_WAIT, then to arXiv's
    export API, 3, 30, 120 and 60 seconds. A Retry-After longer than `max_retry_wait` is not
    waited for: the request fails with ArxivBusy (the batch stops). Clients without their
    own `limiter` share one per interval across the process. `notify(line)` hears each wait
    before a retry. `sleep`, `limiter` and `transport` are injectable for tests.
    """

    def __init__(
        self,
        base_url: str | None = None,
        *,
        interval: float | None = None,
        timeout: float | None = None,
        deadline: float | None = None,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF,
        max_retry_wait: float | None = None,
        limiter: MinIntervalLimiter | None = None,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
        notify: Notify | None = None,
    ) -> None:
        self.base_url = http_url(base_url or os.environ.get(ENV_URL) or DEFAULT_URL, ENV_URL)
        self.timeout = positive_seconds(timeout, ENV_TIMEOUT, DEFAULT_TIMEOUT)
        self.deadline = positive_seconds(deadline, ENV_DEADLINE, DEFAULT_DEADLINE)
        if interval is None:
            interval = default_interval()
        if max_retry_wait is None:
            max_retry_wait = env_seconds(ENV_MAX_WAIT, MAX_RETRY_WAIT)
        self.limiter = limiter or shared_limiter(interval)
        self.http = PoliteHttp(
            limiter=self.limiter,
            timeout=self.timeout,
            deadline=self.deadline,
            retries=retries,
            backoff=backoff,
            max_retry_wait=max_retry_wait,
            sleep=sleep,
            transport=transport,
            extra_hosts=(urlsplit(self.base_url).hostname or "",),
            notify=notify,
        )

    def __enter__(self) -> ArxivClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.http.close()

    @property
    def requests_sent(self) -> int:
        return self.http.requests_sent

    @property
    def connected(self) -> bool:
        return self.http.connected

    @property
    def notify(self) -> Notify | None:
        return self.http.notify

    @notify.setter
    def notify(self, value: Notify | None) -> None:
        self.http.notify = value

    @contextlib.contextmanager
    def cancellable(self, cancel: threading.Event | None) -> Iterator[None]:
        """While inside, setting `cancel` cuts short the waits between requests and the
        request on the wire (its connection is shut down within a tenth of a second)."""
        with self.http.cancellable(cancel):
            yield

    def start_batch(self) -> None:
        """A new batch: until something answers, a connection failure means we are offline."""
        self.http.connected = False

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).netloc

    def search(self, query: str, max_results: int = MAX_RESULTS) -> list[FeedEntry]:
        """Entries for an arXiv `search_query` (e.g. `ti:"..."`), best first."""
        params = {"search_query": query, "start": "0", "max_results": str(max_results)}
        return self._feed(params)

    def by_ids(self, ids: Iterable[str]) -> list[FeedEntry]:
        """Entries for known arXiv ids (at most MAX_IDS); unknown ids are simply missing."""
        id_list = [i for i in ids if i]
        if len(id_list) > MAX_IDS:
            raise ValueError(f"at most {MAX_IDS} ids per request, got {len(id_list)}")
        params = {"id_list": ",".join(id_list), "start": "0", "max_results": str(len(id_list))}
        return self._feed(params)

    def _feed(self, params: dict[str, str]) -> list[FeedEntry]:
        body = self.get(params)
        try:
            return parse_feed(body)
        except FeedError as error:
            raise ArxivError(str(error)) from error

    def get(self, params: dict[str, str]) -> bytes:
        """The body of a 200 answer, after retries; raises ArxivError otherwise."""
        return self.http.fetch(self.base_url, params, _read_body, "arXiv", _error_detail)


def _read_body(_response: httpx.Response, chunks: Iterator[bytes]) -> bytes:
    parts, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise ArxivError(f"response larger than {MAX_BODY_BYTES} bytes")
        parts.append(chunk)
    return b"".join(parts)


def _error_detail(body: bytes) -> str:
    """arXiv explains 4xx answers in its error feed; keep that reason when there is one."""
    try:
        parse_feed(body)
    except ApiErrorFeed as error:
        return f": {error}"
    except FeedError:
        pass
    return ""


def http_url(url: str, setting: str) -> str:
    if urlsplit(url).scheme not in ("http", "https"):
        raise UserError(f"{setting} must be an http(s) URL, got {url!r}")
    return url


def positive_seconds(explicit: float | None, name: str, default: float) -> float:
    value = env_seconds(name, default) if explicit is None else explicit
    if not value > 0:
        raise UserError(f"{name} must be more than 0 seconds, got {value!r}")
    return value


def env_seconds(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value < 0:
        raise UserError(f"{name} must be a number of seconds, got {raw!r}")
    return value
