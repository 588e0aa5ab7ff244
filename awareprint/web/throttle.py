"""Failed staff logins, counted per address and name: after a few in a short time, that
address may not try that name again for a while, so a password cannot be guessed at the
server's speed. Held in memory (a restart forgets it) and bounded in size."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

MAX_FAILURES = 5            # failed logins one address may make for one name ...
WINDOW_SECONDS = 15 * 60    # ... in this long
MAX_KEYS = 10_000           # addresses × names remembered; the oldest are forgotten


class LoginThrottle:
    def __init__(self, now: Callable[[], float] | None = None) -> None:
        self._now = now or time.monotonic
        self._failures: OrderedDict[tuple[str, str], deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def wait_seconds(self, address: str, name: str) -> int:
        """How long `address` must wait before trying `name` again; 0 when it may now."""
        with self._lock:
            failures = self._recent(address, name)
            if len(failures) < MAX_FAILURES:
                return 0
            return max(1, round(failures[0] + WINDOW_SECONDS - self._now()))

    def failed(self, address: str, name: str) -> None:
        with self._lock:
            failures = self._recent(address, name)
            failures.append(self._now())
            self._failures[address, name] = failures
            self._failures.move_to_end((address, name))
            while len(self._failures) > MAX_KEYS:
                self._failures.popitem(last=False)

    def succeeded(self, address: str, name: str) -> None:
        with self._lock:
            self._failures.pop((address, name), None)

    def _recent(self, address: str, name: str) -> deque[float]:
        failures = self._failures.get((address, name), deque())
        while failures and failures[0] < self._now() - WINDOW_SECONDS:
            failures.popleft()
        return failures
