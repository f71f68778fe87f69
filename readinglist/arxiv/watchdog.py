"""A total deadline for one HTTP exchange, headers included.

httpx's timeouts are per read: a server that trickles a byte a second, in its headers or its
body, never trips them. The watchdog remembers the socket of the connection in use (from
httpcore's trace events, or the previous answer on a kept-alive connection) and, when the
deadline passes, shuts it down. The blocked read in the requesting thread then returns at
once and httpx raises; `fired` tells the caller that this was the deadline, not the server.
shutdown (not close) keeps the file descriptor, so it can never be reused under the reader.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from typing import Any


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
    """`with Watchdog(seconds, tracker):` shuts the tracked socket down when time is up."""

    def __init__(self, seconds: float, tracker: SocketTracker) -> None:
        self.seconds = seconds
        self.tracker = tracker
        self.fired = False
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def _fire(self) -> None:
        self.fired = True
        self.tracker.shutdown()

    def __enter__(self) -> Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
