"""The limiter for a single process (the default without Redis, and the fake for tests)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable


class MemoryAICallLimiter:
    """Per-user deques of call times, in this process only.

    Safe under asyncio because no method awaits between checking and recording: the event loop
    cannot switch tasks in the middle. Memory stays bounded by the users active in the last
    window: a user whose calls have all expired is dropped, on their next request or by a sweep
    of all users at most once per window.
    """

    def __init__(
        self, limit: int, window: float = 3600, clock: Callable[[], float] = time.time
    ) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self._limit = limit
        self._window = window
        self._clock = clock
        self._calls: dict[str, deque[float]] = {}
        self._last_sweep = clock()

    @property
    def limit(self) -> int:
        return self._limit

    @property
    def window(self) -> float:
        return self._window

    @property
    def tracked_users(self) -> int:
        """How many users currently hold entries (for tests of the memory bound, and metrics)."""
        return len(self._calls)

    async def acquire(self, user_id: str) -> float:
        now = self._clock()
        self._sweep(now)
        calls = self._live_calls(user_id, now)
        wait = self._wait(calls, now)
        if wait == 0.0:
            self._calls.setdefault(user_id, deque()).append(now)
        return wait

    async def retry_after(self, user_id: str) -> float:
        now = self._clock()
        self._sweep(now)
        return self._wait(self._live_calls(user_id, now), now)

    def _live_calls(self, user_id: str, now: float) -> deque[float]:
        calls = self._calls.get(user_id)
        if calls is None:
            return deque()
        horizon = now - self._window
        while calls and calls[0] <= horizon:
            calls.popleft()
        if not calls:
            del self._calls[user_id]
        return calls

    def _wait(self, calls: deque[float], now: float) -> float:
        if len(calls) < self._limit:
            return 0.0
        # The slot frees when the call that keeps the count at the limit leaves the window.
        return calls[len(calls) - self._limit] + self._window - now

    def _sweep(self, now: float) -> None:
        if now - self._last_sweep < self._window:
            return
        self._last_sweep = now
        horizon = now - self._window
        for user_id in [u for u, calls in self._calls.items() if not calls or calls[-1] <= horizon]:
            del self._calls[user_id]
