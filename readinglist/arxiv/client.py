"""A polite, sync client for arXiv's query API.

Polite: one connection at a time and at least `interval` seconds (default 3, arXiv's terms)
between requests, across every thread sharing the client. Robust: a timeout on every
request; retries with exponential backoff on connection errors, 429 (honouring Retry-After,
capped) and 5xx; no retry on other 4xx. Bodies are parsed with feed.parse_feed, so
malformed XML, the error feed and entity-expansion attacks surface as ArxivError.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

from readinglist import __version__
from readinglist.arxiv.feed import ApiErrorFeed, FeedEntry, FeedError, parse_feed
from readinglist.arxiv.ratelimit import MinIntervalLimiter, shared_limiter
from readinglist.errors import UserError

DEFAULT_URL = "https://export.arxiv.org/api/query"
ENV_URL = "READINGLIST_ARXIV_URL"
ENV_INTERVAL = "READINGLIST_ARXIV_INTERVAL"
ENV_TIMEOUT = "READINGLIST_ARXIV_TIMEOUT"
DEFAULT_INTERVAL = 3.0
DEFAULT_TIMEOUT = 30.0
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF = 2.0  # seconds before the first retry; doubles each time
MAX_RETRY_WAIT = 60.0  # cap on Retry-After and backoff: a batch should not stall for hours
MAX_RESULTS = 5
MAX_BODY_BYTES = 5_000_000  # a handful of entries is a few kB; anything huge is not a feed


class ArxivError(Exception):
    """One lookup failed; the message is one line saying why."""


class ArxivUnreachable(ArxivError):
    """No connection could be made (offline, DNS failure, refused): asking more is pointless.

    `connected` on the client tells whether anything answered before (connection lost) or
    not (offline from the start).
    """


class ArxivCancelled(ArxivError):
    """The caller's cancel event was set while waiting to ask."""


class _Retryable(Exception):
    def __init__(self, error: ArxivError, delay: float | None = None) -> None:
        self.error = error
        self.delay = delay


class ArxivClient:
    """Queries arXiv; safe to share between threads (requests are serialized).

    `base_url`, `interval` and `timeout` default to $READINGLIST_ARXIV_URL,
    $READINGLIST_ARXIV_INTERVAL and $READINGLIST_ARXIV_TIMEOUT, then to arXiv's export API,
    3 and 30 seconds. Clients without their own `limiter` share one per interval across the
    process. `sleep` and `limiter` are injectable for tests.
    """

    def __init__(
        self,
        base_url: str | None = None,
        *,
        interval: float | None = None,
        timeout: float | None = None,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF,
        max_retry_wait: float = MAX_RETRY_WAIT,
        limiter: MinIntervalLimiter | None = None,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = _base_url(base_url)
        if timeout is None:
            timeout = _env_seconds(ENV_TIMEOUT, DEFAULT_TIMEOUT)
        if not timeout > 0:
            raise UserError(f"{ENV_TIMEOUT} must be more than 0 seconds, got {timeout!r}")
        self.timeout = timeout
        if interval is None:
            interval = _env_seconds(ENV_INTERVAL, DEFAULT_INTERVAL)
        self.limiter = limiter or shared_limiter(interval)
        self.retries = max(0, retries)
        self.backoff = backoff
        self.max_retry_wait = max_retry_wait
        self.requests_sent = 0
        self.connected = False  # True once any request reached the server
        self._sleep = sleep
        self._cancel: threading.Event | None = None
        self._lock = threading.Lock()
        self._http = httpx.Client(
            timeout=self.timeout,
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
            headers={"User-Agent": f"readinglist/{__version__}"},
            follow_redirects=True,
            transport=transport,
        )

    def __enter__(self) -> ArxivClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    @contextlib.contextmanager
    def cancellable(self, cancel: threading.Event | None) -> Iterator[None]:
        """While inside, setting `cancel` cuts short the waits between requests.

        A request already on the wire still finishes (or times out): httpx's sync API cannot be
        interrupted from another thread.
        """
        previous, self._cancel = self._cancel, cancel
        try:
            yield
        finally:
            self._cancel = previous

    def start_batch(self) -> None:
        """A new batch: until something answers, a connection failure means we are offline."""
        self.connected = False

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).netloc

    def search(self, query: str, max_results: int = MAX_RESULTS) -> list[FeedEntry]:
        """Entries for an arXiv `search_query` (e.g. `ti:"..."`), best first."""
        params = {"search_query": query, "start": "0", "max_results": str(max_results)}
        return self._feed(params)

    def by_ids(self, ids: Iterable[str]) -> list[FeedEntry]:
        """Entries for known arXiv ids; unknown ids are simply missing from the result."""
        id_list = [i for i in ids if i]
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
        with self._lock:  # one connection at a time, whichever thread asks
            for attempt in range(self.retries + 1):
                try:
                    return self._attempt(params)
                except _Retryable as retry:
                    if attempt == self.retries:
                        raise retry.error from None
                    self._pause(self._delay(attempt, retry.delay))
        raise AssertionError("unreachable")  # pragma: no cover

    def _delay(self, attempt: int, asked: float | None) -> float:
        delay = asked if asked is not None else self.backoff * (2**attempt)
        return max(0.0, min(delay, self.max_retry_wait))

    def _pause(self, seconds: float) -> None:
        cancel = self._cancel
        if cancel is None:
            self._sleep(seconds)
        elif cancel.wait(seconds):
            raise ArxivCancelled("cancelled")

    def _attempt(self, params: dict[str, str]) -> bytes:
        if self._cancel is not None:
            if self._cancel.is_set():
                raise ArxivCancelled("cancelled")
            self.limiter.wait(self._pause)
        else:
            self.limiter.wait()
        self.requests_sent += 1
        try:
            status, headers, body = self._send(params)
        except (httpx.ConnectError, httpx.ConnectTimeout) as error:
            if not self.connected:
                # Offline or DNS failure: retrying only delays the one clear message.
                raise ArxivUnreachable(
                    f"cannot reach arXiv at {self.host} ({_reason(error)}); "
                    "check your connection and try again"
                ) from error
            lost = (
                f"lost the connection to arXiv at {self.host} ({_reason(error)}); try again later"
            )
            raise _Retryable(ArxivUnreachable(lost)) from error
        except httpx.TimeoutException as error:
            self.connected = True
            raise _Retryable(ArxivError(f"no answer within {self.timeout:g}s")) from error
        except httpx.TransportError as error:
            self.connected = True
            raise _Retryable(ArxivError(f"connection broken ({_reason(error)})")) from error
        self.connected = True
        if status == 200:
            return body
        failure = ArxivError(f"HTTP {status}{_error_detail(body)}")
        if status == 429:
            raise _Retryable(failure, _retry_after(headers.get("retry-after")))
        if status >= 500:
            raise _Retryable(failure)
        raise failure  # other 4xx: asking again gets the same answer

    def _send(self, params: dict[str, str]) -> tuple[int, httpx.Headers, bytes]:
        with self._http.stream("GET", self.base_url, params=params) as response:
            self.connected = True
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_BODY_BYTES:
                    raise ArxivError(f"response larger than {MAX_BODY_BYTES} bytes")
                chunks.append(chunk)
            return response.status_code, response.headers, b"".join(chunks)


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split())
    return text or type(error).__name__


def _error_detail(body: bytes) -> str:
    """arXiv explains 4xx answers in its error feed; keep that reason when there is one."""
    try:
        parse_feed(body)
    except ApiErrorFeed as error:
        return f": {error}"
    except FeedError:
        pass
    return ""


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _base_url(explicit: str | None) -> str:
    url = explicit or os.environ.get(ENV_URL) or DEFAULT_URL
    if urlsplit(url).scheme not in ("http", "https"):
        raise UserError(f"{ENV_URL} must be an http(s) URL, got {url!r}")
    return url


def _env_seconds(name: str, default: float) -> float:
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
