"""Both limiters keep the same promise: N calls per user in any rolling window, atomically."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from ingenio.ratelimit import AICallLimiter

MakeLimiter = Callable[[int, float], AICallLimiter]
HOUR = 3600.0


async def test_calls_within_the_budget_are_granted_at_once(
    make_limiter: MakeLimiter, user_id: str
) -> None:
    limiter = make_limiter(3, HOUR)
    assert [await limiter.acquire(user_id) for _ in range(3)] == [0.0, 0.0, 0.0]


async def test_a_spent_budget_reports_exactly_when_the_oldest_call_expires(
    make_limiter: MakeLimiter, user_id: str, advance: Callable[[float], None]
) -> None:
    limiter = make_limiter(3, HOUR)
    for _ in range(3):
        assert await limiter.acquire(user_id) == 0.0
        advance(600)  # calls at 0, 600 and 1200 s
    # now = 1800 s: the call at 0 s frees its slot at 3600 s.
    assert await limiter.retry_after(user_id) == 1800.0
    assert await limiter.acquire(user_id) == 1800.0
    advance(1799.5)
    assert await limiter.acquire(user_id) == 0.5


async def test_a_refused_call_is_not_counted(
    make_limiter: MakeLimiter, user_id: str, advance: Callable[[float], None]
) -> None:
    limiter = make_limiter(2, HOUR)
    await limiter.acquire(user_id)
    advance(100)
    await limiter.acquire(user_id)
    for _ in range(50):
        assert await limiter.acquire(user_id) > 0
    advance(HOUR - 100)  # exactly one window after the first call: one slot is free
    assert await limiter.acquire(user_id) == 0.0
    assert await limiter.acquire(user_id) == 100.0


async def test_retry_after_never_spends_the_budget(make_limiter: MakeLimiter, user_id: str) -> None:
    limiter = make_limiter(1, HOUR)
    for _ in range(10):
        assert await limiter.retry_after(user_id) == 0.0
    assert await limiter.acquire(user_id) == 0.0
    assert await limiter.retry_after(user_id) == HOUR


async def test_the_window_slides_one_slot_at_a_time(
    make_limiter: MakeLimiter, user_id: str, advance: Callable[[float], None]
) -> None:
    limiter = make_limiter(4, HOUR)
    for _ in range(4):
        await limiter.acquire(user_id)
        advance(900)  # calls at 0, 900, 1800, 2700; now 3600: the first has just left
    granted = []
    for _ in range(4):
        granted.append(await limiter.acquire(user_id) == 0.0)
        advance(900)
    assert granted == [True, True, True, True]
    assert await limiter.retry_after(user_id) == 0.0  # now 7200: the call at 3600 s left


async def test_users_have_separate_budgets(make_limiter: MakeLimiter, user_prefix: str) -> None:
    limiter = make_limiter(1, HOUR)
    assert await limiter.acquire(f"{user_prefix}alice") == 0.0
    assert await limiter.acquire(f"{user_prefix}alice") > 0
    assert await limiter.acquire(f"{user_prefix}bob") == 0.0


async def test_concurrent_acquires_grant_exactly_the_limit(
    make_limiter: MakeLimiter, user_id: str
) -> None:
    limiter = make_limiter(100, HOUR)
    results = await asyncio.gather(*(limiter.acquire(user_id) for _ in range(200)))
    assert sum(1 for wait in results if wait == 0.0) == 100
    assert all(wait > 0 for wait in results if wait != 0.0)
    assert await limiter.retry_after(user_id) > 0
