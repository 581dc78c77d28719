"""The status cache, as the contract designs it: ``ingenio:generation:task:{taskId}``.

The value is JSON, ``{"userId": "...", "version": N, "status": {...}}``: the status view
serialised once per state change, its owner (so a read enforces ownership without the database)
and the row's version. A read splices the status bytes into the envelope without decoding them.

Writes are ordered by version: a value is stored only over an older one (one Lua script on
Redis). Without that, a worker's write that was slow to reach the cache could overwrite the
``cancelled`` a user had just caused, and a read's write-back of a row it read a moment earlier
could replace a newer state; either would show a stale status for up to an hour.

Redis is an accelerator, never a dependency: ``ResilientCache`` turns every Redis failure into a
miss (status then comes from the database), logs a warning at most every 10 s, skips Redis for a
second after a failure so a dead server does not add latency to each request, and on recovery
deletes the keys whose writes it missed, so no stale status outlives an outage.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import redis.asyncio as aioredis
from redis.exceptions import NoScriptError, RedisError

from ingenio.tasks.coalesce import Coalescer

log = logging.getLogger("ingenio.cache")

KEY_PREFIX = "ingenio:generation:task:"
_HEAD = b'{"userId":"'
_UUID_LEN = 36
_VERSION = re.compile(rb'^\{"userId":"[0-9a-f-]{36}","version":(\d+),"status":')
_MAX_MISSED = 100_000  # beyond this, healing clears every status key instead

# Store ARGV[1] unless the cached value's version is at least ARGV[2].
_PUT_NEWER = """
local current = redis.call('GET', KEYS[1])
if current then
  local v = tonumber(string.match(current, '^{"userId":"[^"]*","version":(%d+),'))
  if v and v >= tonumber(ARGV[2]) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
return 1
"""


def cache_key(task_id: str) -> str:
    return KEY_PREFIX + task_id


@dataclass(frozen=True)
class Entry:
    user_id: str
    version: int
    status_json: bytes


def pack(user_id: str, version: int, status_json: bytes) -> bytes:
    return b"".join(
        (
            _HEAD,
            user_id.encode(),
            b'","version":',
            str(version).encode(),
            b',"status":',
            status_json,
            b"}",
        )
    )


def unpack(value: bytes) -> Entry | None:
    """The cached entry, or None for a value this code did not write."""
    match = _VERSION.match(value)
    if match is None:
        return None
    user_id = value[len(_HEAD) : len(_HEAD) + _UUID_LEN].decode()
    return Entry(user_id, int(match.group(1)), value[match.end() : -1])


class StatusCache(Protocol):
    async def get(self, task_id: str) -> bytes | None: ...
    async def put(self, task_id: str, value: bytes, version: int, ttl: int) -> None:
        """Store ``value`` unless the cache already holds this version or a newer one."""
        ...

    async def delete(self, task_id: str) -> None: ...
    async def delete_all(self) -> None: ...
    async def ping(self) -> bool: ...
    async def aclose(self) -> None: ...


class MemoryCache:
    """In-process TTL cache with a size bound (LRU), for the zero-setup default."""

    def __init__(self, max_entries: int = 100_000) -> None:
        self._data: OrderedDict[str, tuple[float, int, bytes]] = OrderedDict()
        self._max = max_entries

    async def get(self, task_id: str) -> bytes | None:
        item = self._data.get(task_id)
        if item is None:
            return None
        expires, _, value = item
        if expires < time.monotonic():
            self._data.pop(task_id, None)
            return None
        self._data.move_to_end(task_id)
        return value

    async def put(self, task_id: str, value: bytes, version: int, ttl: int) -> None:
        current = self._data.get(task_id)
        if current is not None and current[1] >= version and current[0] >= time.monotonic():
            return
        self._data[task_id] = (time.monotonic() + ttl, version, value)
        self._data.move_to_end(task_id)
        while len(self._data) > self._max:
            self._data.popitem(last=False)

    async def delete(self, task_id: str) -> None:
        self._data.pop(task_id, None)

    async def delete_all(self) -> None:
        self._data.clear()

    async def ping(self) -> bool:
        return True

    async def aclose(self) -> None:
        self._data.clear()


class RedisCache:
    """Reads and writes made in the same event-loop turn share a round trip (``coalesce``)."""

    def __init__(self, client: aioredis.Redis) -> None:
        self.client = client
        self._put_sha = client.register_script(_PUT_NEWER).sha
        self._gets: Coalescer[str, bytes | None] = Coalescer(self._get_many)
        self._puts: Coalescer[tuple[str, bytes, int, int], None] = Coalescer(self._put_many)

    async def get(self, task_id: str) -> bytes | None:
        return await self._gets(cache_key(task_id))

    async def put(self, task_id: str, value: bytes, version: int, ttl: int) -> None:
        await self._puts((cache_key(task_id), value, version, ttl))

    async def _get_many(self, keys: Sequence[str]) -> list[bytes | None]:
        values = await self.client.mget(keys)
        return [v.encode() if isinstance(v, str) else v for v in values]

    async def _put_many(self, puts: Sequence[tuple[str, bytes, int, int]]) -> list[None]:
        try:
            await self._pipeline_puts(puts)
        except NoScriptError:  # Redis restarted or was flushed: its script cache is empty
            await self.client.script_load(_PUT_NEWER)
            await self._pipeline_puts(puts)  # versioned: a put that did land is a no-op now
        return [None] * len(puts)

    async def _pipeline_puts(self, puts: Sequence[tuple[str, bytes, int, int]]) -> None:
        async with self.client.pipeline(transaction=False) as pipe:
            for key, value, version, ttl in puts:
                pipe.evalsha(self._put_sha, 1, key, value, version, ttl)
            await pipe.execute()

    async def delete(self, task_id: str) -> None:
        await self.client.delete(cache_key(task_id))

    async def delete_all(self) -> None:
        async for key in self.client.scan_iter(match=KEY_PREFIX + "*", count=1000):
            await self.client.delete(key)

    async def ping(self) -> bool:
        return bool(await self.client.ping())

    async def aclose(self) -> None:
        await self._puts.aclose()
        await self._gets.aclose()
        await self.client.aclose()


class ResilientCache:
    """Wraps a remote cache so that its failures degrade to misses, then heal.

    A key whose write was missed is not trusted again until a newer value is written for it or
    the stale one is deleted; the deletes run in one background task, so no request waits for
    them. Until every missed key is settled a read of such a key is simply a miss.
    """

    def __init__(self, inner: StatusCache, *, backoff: float = 1.0) -> None:
        self.inner = inner
        self._backoff = backoff
        self._down_until = 0.0
        self._last_warning = 0.0
        self._missed: set[str] = set()
        self._missed_too_many = False
        self._healer: asyncio.Task[None] | None = None
        # Held by the healer around each delete and by a put of an untrusted key, so a delete
        # picked before a fresh put can never land after it and erase the fresh value.
        self._heal_lock = asyncio.Lock()

    @property
    def available(self) -> bool:
        return time.monotonic() >= self._down_until

    def _failed(self, op: str, exc: Exception) -> None:
        now = time.monotonic()
        self._down_until = now + self._backoff
        if now - self._last_warning > 10:
            self._last_warning = now
            log.warning("cache.unavailable", extra={"op": op, "reason": repr(exc)})

    def _miss(self, task_id: str) -> None:
        if len(self._missed) >= _MAX_MISSED:
            self._missed_too_many = True
        else:
            self._missed.add(task_id)

    def _untrusted(self, task_id: str) -> bool:
        return self._missed_too_many or task_id in self._missed

    def _start_healing(self) -> None:
        if (self._missed or self._missed_too_many) and (
            self._healer is None or self._healer.done()
        ):
            self._healer = asyncio.create_task(self._heal(), name="cache-heal")

    async def _heal(self) -> None:
        # Writes we could not make left older values behind; drop them before trusting them.
        try:
            if self._missed_too_many:
                async with self._heal_lock:
                    await self.inner.delete_all()
                    self._missed.clear()
                    self._missed_too_many = False
            while self._missed:
                async with self._heal_lock:
                    if not self._missed:
                        break
                    task_id = next(iter(self._missed))
                    await self.inner.delete(task_id)
                    self._missed.discard(task_id)
        except (RedisError, OSError) as exc:
            self._failed("heal", exc)

    async def get(self, task_id: str) -> bytes | None:
        if not self.available:
            return None
        if self._untrusted(task_id):
            self._start_healing()
            return None
        try:
            return await self.inner.get(task_id)
        except (RedisError, OSError) as exc:
            self._failed("get", exc)
            return None

    async def put(self, task_id: str, value: bytes, version: int, ttl: int) -> None:
        if self.available:
            if self._untrusted(task_id):
                async with self._heal_lock:
                    written = await self._put(task_id, value, version, ttl)
            else:
                written = await self._put(task_id, value, version, ttl)
            if written:
                self._start_healing()
                return
        self._miss(task_id)

    async def _put(self, task_id: str, value: bytes, version: int, ttl: int) -> bool:
        try:
            await self.inner.put(task_id, value, version, ttl)
        except (RedisError, OSError) as exc:
            self._failed("put", exc)
            return False
        log.debug("cache.put", extra={"taskId": task_id, "version": version, "ttl": ttl})
        # A fresh value replaces whatever the outage left; the key is trusted again.
        self._missed.discard(task_id)
        return True

    async def delete(self, task_id: str) -> None:
        try:
            await self.inner.delete(task_id)
        except (RedisError, OSError) as exc:
            self._failed("delete", exc)
            self._miss(task_id)

    async def delete_all(self) -> None:
        await self.inner.delete_all()

    async def ping(self) -> bool:
        try:
            return await self.inner.ping()
        except (RedisError, OSError) as exc:
            self._failed("ping", exc)
            return False

    async def aclose(self) -> None:
        if self._healer is not None and not self._healer.done():
            self._healer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._healer
        await self.inner.aclose()
