"""What only the Redis limiter promises: one budget shared by every process, on one clock."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from redis.asyncio import Redis

from ingenio.ratelimit import RedisAICallLimiter
from ingenio.ratelimit.redis import key_for

HOUR = 3600.0


async def test_two_processes_share_one_budget_atomically(
    redis_client: Redis, second_redis_client: Redis, user_id: str, clock: Callable[[], float]
) -> None:
    # Two clients with their own connection pools stand for two worker processes.
    first = RedisAICallLimiter(redis_client, 100, HOUR, clock)
    second = RedisAICallLimiter(second_redis_client, 100, HOUR, clock)
    results = await asyncio.gather(
        *(first.acquire(user_id) for _ in range(100)),
        *(second.acquire(user_id) for _ in range(100)),
    )
    assert sum(1 for wait in results if wait == 0.0) == 100
    assert await redis_client.zcard(key_for(user_id)) == 100


async def test_server_time_mode_shares_the_budget_too(
    redis_client: Redis, second_redis_client: Redis, user_id: str
) -> None:
    # Without an injected clock both limiters read the Redis server's TIME.
    first = RedisAICallLimiter(redis_client, 100, HOUR)
    second = RedisAICallLimiter(second_redis_client, 100, HOUR)
    results = await asyncio.gather(
        *(first.acquire(user_id) for _ in range(100)),
        *(second.acquire(user_id) for _ in range(100)),
    )
    granted = [wait for wait in results if wait == 0.0]
    refused = [wait for wait in results if wait != 0.0]
    assert len(granted) == 100
    # All calls happened within moments, so the first slot frees about an hour from now.
    assert all(HOUR - 60 < wait <= HOUR for wait in refused)
    assert HOUR - 60 < await first.retry_after(user_id) <= HOUR


async def test_the_key_is_namespaced_and_expires_with_the_window(
    redis_client: Redis, user_id: str, clock: Callable[[], float]
) -> None:
    limiter = RedisAICallLimiter(redis_client, 5, HOUR, clock)
    key = key_for(user_id)
    assert key == f"ingenio:ratelimit:ai:{user_id}"
    await limiter.retry_after(user_id)
    assert not await redis_client.exists(key)  # asking records nothing
    await limiter.acquire(user_id)
    ttl_ms = await redis_client.pttl(key)
    assert 0 < ttl_ms <= HOUR * 1000
