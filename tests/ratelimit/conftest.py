"""Fixtures for the limiter tests: a clock the test moves, and both limiters on it.

Redis is the machine's server with one fresh user-id prefix per test (its keys are deleted
afterwards). Unreachable Redis skips on a developer machine but fails in CI (CI=true), where a
silent skip would hide that the shared limiter was never tested.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from redis.asyncio import BlockingConnectionPool, Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from ingenio.ratelimit import AICallLimiter, MemoryAICallLimiter, RedisAICallLimiter
from ingenio.ratelimit.redis import KEY_PREFIX
from tests.support.infra import REDIS_URL, unavailable

LimiterFactory = Callable[[int, float], AICallLimiter]


class _FakeClock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def _fake_clock() -> _FakeClock:
    return _FakeClock()


@pytest.fixture
def clock(_fake_clock: _FakeClock) -> Callable[[], float]:
    """Seconds since the epoch, standing still until ``advance`` moves it."""
    return _fake_clock


@pytest.fixture
def advance(_fake_clock: _FakeClock) -> Callable[[float], None]:
    return _fake_clock.advance


@pytest.fixture
def sleeps() -> list[float]:
    """Every duration passed to ``sleep``, in order."""
    return []


@pytest.fixture
def sleep(_fake_clock: _FakeClock, sleeps: list[float]) -> Callable[[float], Awaitable[None]]:
    """A sleep that returns at once, having moved the clock by the requested time."""

    async def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)
        _fake_clock.advance(seconds)

    return fake_sleep


async def _connect() -> Redis:
    # A blocking pool, as the service should use: redis-py 8's default pool raises
    # MaxConnectionsError beyond 100 commands in flight instead of queueing them.
    client = Redis.from_pool(BlockingConnectionPool.from_url(REDIS_URL, max_connections=20))
    try:
        await client.ping()
    except (RedisConnectionError, OSError):
        await client.aclose()
        unavailable(f"Redis at {REDIS_URL}")
    return client


@pytest.fixture
def user_prefix() -> str:
    return f"test-{uuid.uuid4().hex}-"


@pytest.fixture
def user_id(user_prefix: str) -> str:
    """A user no other test touches (all of a test's users share ``user_prefix``)."""
    return f"{user_prefix}alice"


@pytest.fixture
async def redis_client(user_prefix: str) -> AsyncIterator[Redis]:
    client = await _connect()
    yield client
    keys = [key async for key in client.scan_iter(match=f"{KEY_PREFIX}{user_prefix}*")]
    if keys:
        await client.delete(*keys)
    await client.aclose()


@pytest.fixture
async def second_redis_client() -> AsyncIterator[Redis]:
    """Another connection pool, as another worker process would have."""
    client = await _connect()
    yield client
    await client.aclose()


@pytest.fixture(params=["memory", "redis"])
async def make_limiter(
    request: pytest.FixtureRequest, clock: Callable[[], float], user_prefix: str
) -> AsyncIterator[LimiterFactory]:
    """Builds limiters of one kind (each test runs once per kind) on the test's clock."""
    if request.param == "memory":
        yield lambda limit, window: MemoryAICallLimiter(limit, window, clock)
        return
    client = await _connect()
    yield lambda limit, window: RedisAICallLimiter(client, limit, window, clock)
    keys = [key async for key in client.scan_iter(match=f"{KEY_PREFIX}{user_prefix}*")]
    if keys:
        await client.delete(*keys)
    await client.aclose()
