"""The per-user AI-call budget: at most ``limit`` LLM calls in any rolling ``window`` seconds."""

from __future__ import annotations

from typing import Protocol


class AICallLimiter(Protocol):
    """A sliding-window log per user.

    A call made at time ``t`` counts against the budget while ``now - t < window``; the next slot
    frees when the oldest counted call leaves the window. Implementations are safe to call from
    many tasks at once: ``acquire`` checks and records in one atomic step.
    """

    @property
    def limit(self) -> int: ...

    @property
    def window(self) -> float: ...

    async def acquire(self, user_id: str) -> float:
        """Record a call and return 0.0 if the budget allows it now; otherwise record nothing
        and return the seconds until a slot frees (always > 0)."""
        ...

    async def retry_after(self, user_id: str) -> float:
        """0.0 if a call would be allowed now, else the seconds until a slot frees; records
        nothing (the API uses it to answer 429 with ``Retry-After`` before queueing a task)."""
        ...
