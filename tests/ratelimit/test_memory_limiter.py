"""The in-process limiter forgets users whose calls have all left the window."""

from __future__ import annotations

from collections.abc import Callable

from ingenio.ratelimit import MemoryAICallLimiter

HOUR = 3600.0


async def test_memory_holds_only_users_active_in_the_window(
    clock: Callable[[], float], advance: Callable[[float], None]
) -> None:
    limiter = MemoryAICallLimiter(10, HOUR, clock)
    for i in range(1000):
        await limiter.acquire(f"user-{i}")
    assert limiter.tracked_users == 1000
    advance(HOUR)
    await limiter.acquire("someone-new")
    assert limiter.tracked_users == 1


async def test_a_returning_user_starts_with_a_full_budget(
    clock: Callable[[], float], advance: Callable[[float], None]
) -> None:
    limiter = MemoryAICallLimiter(2, HOUR, clock)
    await limiter.acquire("alice")
    await limiter.acquire("alice")
    advance(HOUR + 1)
    assert await limiter.retry_after("alice") == 0.0
    assert limiter.tracked_users == 0
    assert [await limiter.acquire("alice") for _ in range(3)] == [0.0, 0.0, HOUR]
