"""Redis calls made in one event-loop turn share a round trip, and behave as if made alone.

Against a private redis-server: its command statistics count the round trips.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest
import redis
import redis.asyncio as aioredis
from tests.support.infra import RedisServer

from ingenio.tasks.bus import RedisBus
from ingenio.tasks.cache import RedisCache, cache_key, pack, unpack
from ingenio.tasks.coalesce import MAX_BATCH, Coalescer

USER = "7f1c7a52-3d6e-4c53-a1a4-0d5f4bbf0c11"


@pytest.fixture
async def client(private_redis: RedisServer) -> AsyncIterator[aioredis.Redis]:
    c = aioredis.Redis.from_url(private_redis.url, socket_timeout=1.0)
    yield c
    await c.aclose()


def calls(url: str, command: str) -> int:
    stats = redis.Redis.from_url(url).info("commandstats")
    return int(stats.get(f"cmdstat_{command}", {}).get("calls", 0))


def entry(version: int) -> bytes:
    return pack(USER, version, b'{"v":%d}' % version)


async def test_a_burst_of_reads_is_one_mget_and_each_caller_gets_its_own_value(
    client: aioredis.Redis, private_redis: RedisServer
) -> None:
    cache = RedisCache(client)
    for i in range(0, 100, 2):  # every other key exists
        await client.set(cache_key(f"t{i}"), entry(i + 1))
    before = calls(private_redis.url, "mget")
    values = await asyncio.gather(*(cache.get(f"t{i}") for i in range(100)))
    assert calls(private_redis.url, "mget") == before + 1
    assert calls(private_redis.url, "get") == 0
    for i, value in enumerate(values):
        if i % 2:
            assert value is None
        else:
            assert value is not None
            unpacked = unpack(value)
            assert unpacked is not None
            assert unpacked.version == i + 1


async def test_writes_in_one_turn_keep_the_newest_version_whatever_their_order(
    client: aioredis.Redis, private_redis: RedisServer
) -> None:
    cache = RedisCache(client)
    await asyncio.gather(*(cache.put("t", entry(v), v, 60) for v in (3, 7, 5, 1)))
    stored = await client.get(cache_key("t"))
    assert isinstance(stored, bytes)
    unpacked = unpack(stored)
    assert unpacked is not None
    assert unpacked.version == 7
    assert 0 < await client.ttl(cache_key("t")) <= 60


async def test_a_put_after_redis_lost_its_scripts_loads_the_script_again(
    client: aioredis.Redis,
) -> None:
    cache = RedisCache(client)
    await cache.put("t", entry(1), 1, 60)
    await client.script_flush()  # what a restart or a SCRIPT FLUSH leaves behind
    await cache.put("t", entry(2), 2, 60)
    stored = await cache.get("t")
    assert stored is not None
    assert stored == entry(2)


async def test_a_failed_round_trip_fails_every_caller_of_that_batch(tmp_path: Path) -> None:
    server = RedisServer(tmp_path)
    server.start()
    c = aioredis.Redis.from_url(server.url, socket_timeout=1.0, socket_connect_timeout=0.5)
    cache = RedisCache(c)
    await cache.put("t", entry(1), 1, 60)
    server.stop()
    results = await asyncio.gather(*(cache.get("t") for _ in range(5)), return_exceptions=True)
    assert all(isinstance(r, (redis.RedisError, OSError)) for r in results), results
    assert len({id(r) for r in results}) == 5  # each caller has its own exception
    await c.aclose()


async def test_more_calls_than_a_batch_holds_are_split() -> None:
    sizes: list[int] = []

    async def send(items: Sequence[int]) -> list[int]:
        sizes.append(len(items))
        return [2 * i for i in items]

    double: Coalescer[int, int] = Coalescer(send)
    n = MAX_BATCH * 2 + 5
    assert await asyncio.gather(*(double(i) for i in range(n))) == [2 * i for i in range(n)]
    assert sizes == [MAX_BATCH, MAX_BATCH, 5]


async def test_a_cancelled_caller_leaves_the_others_served() -> None:
    release = asyncio.Event()

    async def send(items: object) -> list[str]:
        await release.wait()
        return ["a", "b", "c"]

    coalescer: Coalescer[str, str] = Coalescer(send)
    first = asyncio.create_task(coalescer("x"))
    second = asyncio.create_task(coalescer("y"))
    third = asyncio.create_task(coalescer("z"))
    await asyncio.sleep(0.01)
    second.cancel()
    release.set()
    assert await first == "a"
    assert await third == "c"
    with pytest.raises(asyncio.CancelledError):
        await second


async def test_signals_published_together_reach_a_subscriber_each(
    client: aioredis.Redis, private_redis: RedisServer
) -> None:
    listener = aioredis.Redis.from_url(private_redis.url)
    bus = RedisBus(listener, publisher=client)
    await bus.start()
    other = aioredis.Redis.from_url(private_redis.url)
    receiver = RedisBus(other)
    await receiver.start()
    await asyncio.sleep(0.2)  # both subscribed
    woken: list[str] = []

    async def watch(task_id: str) -> None:
        async with receiver.subscribe(task_id) as sub:
            if await sub.wait(5):
                woken.append(task_id)

    ids = [f"task-{i}" for i in range(20)]
    watchers = [asyncio.create_task(watch(t)) for t in ids]
    await asyncio.sleep(0.05)
    before = calls(private_redis.url, "publish")
    await asyncio.gather(*(bus.publish(t) for t in ids))
    await asyncio.gather(*watchers)
    assert sorted(woken) == sorted(ids)
    assert calls(private_redis.url, "publish") == before + 20
    for b in (bus, receiver):
        await b.aclose()
    await listener.aclose()
    await other.aclose()
