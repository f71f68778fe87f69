"""A minimum interval between requests, shared by every thread that uses one client."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class MinIntervalLimiter:
    """`wait()` returns no sooner than `interval` seconds after the previous `wait()` returned.

    The clock and sleep are injectable so tests can check the spacing without sleeping.
    """

    def __init__(
        self,
        interval: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = max(0.0, interval)
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._last: float | None = None

    def wait(self, pause: Callable[[float], None] | None = None) -> None:
        """Block until the next request may go; `pause` replaces sleep (e.g. a cancellable one)."""
        with self._lock:
            if self._last is not None:
                remaining = self._last + self.interval - self._clock()
                if remaining > 0:
                    (pause or self._sleep)(remaining)
            self._last = self._clock()


_shared: dict[float, MinIntervalLimiter] = {}
_shared_lock = threading.Lock()


def shared_limiter(interval: float) -> MinIntervalLimiter:
    """One limiter per interval for the whole process: clients made one per batch (the app
    makes one each time the user asks) still never ask more often than allowed."""
    with _shared_lock:
        limiter = _shared.get(interval)
        if limiter is None:
            limiter = _shared[interval] = MinIntervalLimiter(interval)
        return limiter
