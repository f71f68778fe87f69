"""A total deadline for one HTTP exchange, headers included.

httpx's timeouts are per read: a server that trickles a byte a second, in its headers or its
body, never trips them. The watchdog remembers the socket of the connection in use (from
httpcore's trace events, or the previous answer on a kept-alive connection) and, when the
deadline passes, shuts it down. The blocked read in the requesting thread then returns at
once and httpx raises; `fired` tells the caller that this was the deadline, not the server.
shutdown (not close) keeps the file descriptor, so it can never be reused under the reader.
The same cut serves the app's cancel: a request on the wire stops within a tenth of a second.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from typing import Any

CANCEL_POLL = 0.1  # seconds between looks at the cancel event while a request is out


class SocketTracker:
    """The socket of the (single) pooled connection, as httpcore reports it."""

    def __init__(self) -> None:
        self.stream: Any = None

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if event in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            stream = info.get("return_value")
            if stream is not None:
                self.stream = stream

    def seen(self, extensions: dict[str, Any]) -> None:
        stream = extensions.get("network_stream")
        if stream is not None:
            self.stream = stream

    def shutdown(self) -> None:
        stream = self.stream
        if stream is None:
            return
        with contextlib.suppress(Exception):
            sock = stream.get_extra_info("socket")
            if sock is not None:
                sock.shutdown(socket.SHUT_RDWR)


class Watchdog:
    """`with Watchdog(seconds, tracker, cancel):` shuts the tracked socket down when time is up
    (`fired`) or when `cancel` is set (`cancelled`), so neither waits for a slow server."""

    def __init__(
        self, seconds: float, tracker: SocketTracker, cancel: threading.Event | None = None
    ) -> None:
        self.seconds = seconds
        self.tracker = tracker
        self.cancel = cancel
        self.fired = False
        self.cancelled = False
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="arxiv-deadline", daemon=True)

    def _watch(self) -> None:
        end = time.monotonic() + self.seconds
        while True:
            remaining = end - time.monotonic()
            if remaining <= 0:
                self.fired = True
                break
            if self.cancel is not None and self.cancel.is_set():
                self.cancelled = True
                break
            step = remaining if self.cancel is None else min(remaining, CANCEL_POLL)
            if self._done.wait(step):
                return
        self.tracker.shutdown()

    def __enter__(self) -> Watchdog:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
