"""Polite, bounded HTTP for arXiv: what the query client and the PDF downloader share.

Polite: one connection at a time and at least `interval` seconds between requests (a limiter
shared across the process). Bounded: a timeout on every read *and* a total deadline per
request, so a server trickling one byte a second cannot hold a batch forever. Retries with
exponential backoff on connection errors, 429 (honouring Retry-After, capped) and 5xx, each
wait announced through `notify`. Redirects are followed by hand, only within arXiv's hosts
(and the configured test hosts), so a redirect loop or a hop elsewhere is one line, not a
traceback and not a silent visit to another site.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from email.utils import parsedate_to_datetime
from typing import TypeVar
from urllib.parse import urljoin, urlsplit

import httpx

from readinglist import __version__
from readinglist.arxiv.watchdog import SocketTracker, Watchdog
from readinglist.papers.arxiv_ids import ARXIV_HOSTS

DEFAULT_RETRIES = 3
DEFAULT_BACKOFF = 2.0  # seconds before the first retry; doubles each time
MAX_RETRY_WAIT = 60.0  # cap on Retry-After and backoff: a batch should not stall for hours
MAX_REDIRECTS = 5
ERROR_BODY_BYTES = 65_536  # enough for arXiv's error feed; the rest of an error page is noise

T = TypeVar("T")
Notify = Callable[[str], None]


class ArxivError(Exception):
    """One request failed; the message is one line saying why."""


class ArxivUnreachable(ArxivError):
    """No connection could be made (offline, DNS failure, refused): asking more is pointless."""


class ArxivCancelled(ArxivError):
    """The caller's cancel event was set while waiting or receiving."""


class ArxivServerFailure(ArxivError):
    """The server answered, but with a failure (5xx, 429, timeout, broken answer) after every
    retry: a few of these in a row mean the batch should stop rather than go on asking."""


class ArxivBusy(ArxivServerFailure):
    """The server asked us to come back later than we are willing to wait: stop the batch."""


class Retryable(Exception):
    def __init__(self, error: ArxivError, delay: float | None = None, why: str = "") -> None:
        self.error = error
        self.delay = delay
        self.why = why


class PoliteHttp:
    """GET requests under arXiv's rules; safe to share between threads (requests serialized).

    `fetch(url, params, consume, what)` calls `consume(response, chunks)` with a 200 answer
    whose body is read through `chunks` (deadline and cancel checked between chunks);
    whatever `consume` returns is the result. `what` names the request in messages.
    """

    def __init__(
        self,
        *,
        limiter,
        timeout: float,
        deadline: float,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF,
        max_retry_wait: float = MAX_RETRY_WAIT,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
        extra_hosts: Iterable[str] = (),
        notify: Notify | None = None,
        service: str = "arXiv",
    ) -> None:
        self.service = service  # who we ask, for messages: "cannot reach arXiv at HOST"
        self.limiter = limiter
        self.timeout = timeout
        self.deadline = deadline
        self.retries = max(0, retries)
        self.backoff = backoff
        self.max_retry_wait = max_retry_wait
        self.allowed_hosts = frozenset(ARXIV_HOSTS) | {h for h in extra_hosts if h}
        self.notify = notify
        self.requests_sent = 0
        self.connected = False  # True once any request reached the server
        self._sleep = sleep
        self._sockets = SocketTracker()
        self._cancel: threading.Event | None = None
        self._lock = threading.Lock()
        self._http = httpx.Client(
            timeout=timeout,
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
            headers={"User-Agent": f"readinglist/{__version__}"},
            follow_redirects=False,  # followed by hand, host by host
            transport=transport,
        )

    def close(self) -> None:
        self._http.close()

    @contextlib.contextmanager
    def cancellable(self, cancel: threading.Event | None) -> Iterator[None]:
        """While inside, setting `cancel` cuts short waits and the request on the wire."""
        previous, self._cancel = self._cancel, cancel
        try:
            yield
        finally:
            self._cancel = previous

    def check_cancel(self) -> None:
        if self._cancel is not None and self._cancel.is_set():
            raise ArxivCancelled("cancelled")

    def fetch(
        self,
        url: str,
        params: dict[str, str] | None,
        consume: Callable[[httpx.Response, Iterator[bytes]], T],
        what: str,
        describe_error: Callable[[bytes], str] = lambda body: "",
    ) -> T:
        """The result of `consume` on a 200 answer, after retries; raises ArxivError otherwise."""
        with self._lock:  # one connection at a time, whichever thread asks
            for attempt in range(self.retries + 1):
                try:
                    return self._attempt(url, params, consume, what, describe_error)
                except Retryable as retry:
                    if attempt == self.retries:
                        raise retry.error from None
                    if retry.delay is not None and retry.delay > self.max_retry_wait:
                        wait = _duration(retry.delay)
                        raise ArxivBusy(
                            f"{self.service} answered {retry.error} and asks us to wait {wait}"
                            " (Retry-After)"
                        ) from None
                    delay = self._delay(attempt, retry.delay)
                    if self.notify is not None:
                        self.notify(
                            f"{what}: {retry.error}; waiting {delay:g}s{retry.why} "
                            f"before retry {attempt + 1} of {self.retries}"
                        )
                    self._pause(delay)
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

    def _attempt(self, url, params, consume, what, describe_error):
        self.check_cancel()
        self.limiter.wait(self._pause if self._cancel is not None else None)
        self.requests_sent += 1
        watchdog = Watchdog(self.deadline, self._sockets, self._cancel)
        try:
            with watchdog:
                return self._exchange(url, params, consume, what, describe_error)
        except (Retryable, ArxivError) as error:
            if watchdog.cancelled or isinstance(error, ArxivCancelled):
                raise ArxivCancelled("cancelled") from None
            if not watchdog.fired:
                raise
            # The deadline cut the exchange short, whatever httpx made of it. Not retried:
            # a server this slow now is slow a moment later too.
            raise ArxivServerFailure(self._too_slow()) from None

    def _too_slow(self) -> str:
        return f"no complete answer within {self.deadline:g}s (the server sends too slowly)"

    def _exchange(self, url, params, consume, what, describe_error):
        host = urlsplit(url).netloc
        try:
            return self._follow(url, params, consume, what, describe_error)
        except (httpx.ConnectError, httpx.ConnectTimeout) as error:
            if not self.connected:
                # Offline or DNS failure: retrying only delays the one clear message.
                where = f"{self.service} at {host} ({_reason(error)})"
                raise ArxivUnreachable(
                    f"cannot reach {where}; check your connection and try again"
                ) from error
            where = f"{self.service} at {host} ({_reason(error)})"
            lost = f"lost the connection to {where}; try again later"
            raise Retryable(ArxivUnreachable(lost)) from error
        except httpx.TimeoutException as error:
            self.connected = True
            failure = ArxivServerFailure(f"no answer within {self.timeout:g}s")
            raise Retryable(failure) from error
        except httpx.TransportError as error:
            self.connected = True
            failure = ArxivServerFailure(f"connection broken ({_reason(error)})")
            raise Retryable(failure) from error

    def _follow(self, url, params, consume, what, describe_error):
        started = time.monotonic()
        for _hop in range(MAX_REDIRECTS + 1):
            trace = {"trace": self._sockets.trace}
            with self._http.stream("GET", url, params=params, extensions=trace) as response:
                self._sockets.seen(response.extensions)
                self.connected = True
                status = response.status_code
                if status in (301, 302, 303, 307, 308) and "location" in response.headers:
                    url, params = self._redirect_target(url, response.headers["location"], what)
                    continue
                chunks = self._chunks(response, started, what)
                if status == 200:
                    return consume(response, chunks)
                body = _first_bytes(chunks, ERROR_BODY_BYTES)
                failure_text = f"HTTP {status}{describe_error(body)}"
                if status == 429 or status >= 500:  # both may say when to come back
                    asked = _retry_after(response.headers.get("retry-after"))
                    why = " (Retry-After)" if asked is not None else ""
                    raise Retryable(ArxivServerFailure(failure_text), asked, why)
                raise ArxivError(failure_text)  # other 4xx: asking again gets the same answer
        raise ArxivError(f"{what}: more than {MAX_REDIRECTS} redirects (a redirect loop?)")

    def _redirect_target(self, url: str, location: str, what: str) -> tuple[str, None]:
        target = urljoin(url, location.strip())
        try:
            parts = urlsplit(target)
            host = parts.hostname
        except ValueError:
            host, parts = None, None
        if parts is None or parts.scheme not in ("http", "https") or host is None:
            raise ArxivError(f"{what}: redirected to an unusable address; not followed")
        if host not in self.allowed_hosts and parts.netloc not in self.allowed_hosts:
            raise ArxivError(f"{what}: redirected off arXiv to {host}; not followed")
        return target, None  # the query is in the new URL already

    def _chunks(self, response: httpx.Response, started: float, what: str) -> Iterator[bytes]:
        for chunk in response.iter_bytes():
            self.check_cancel()
            if time.monotonic() - started > self.deadline:
                raise ArxivServerFailure(self._too_slow())  # not retried, as above
            yield chunk


def _duration(seconds: float) -> str:
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} hours"
    if seconds >= 60:
        return f"{seconds / 60:.0f} minutes"
    return f"{seconds:g}s"


def _first_bytes(chunks: Iterator[bytes], limit: int) -> bytes:
    body = b""
    with contextlib.suppress(ArxivError, httpx.HTTPError):
        for chunk in chunks:
            body += chunk
            if len(body) >= limit:
                break
    return body[:limit]


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split())
    return text or type(error).__name__


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
