"""The limiter shared by every API and worker process, as a sliding-window log in Redis."""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable

from redis.asyncio import Redis

KEY_PREFIX = "ingenio:ratelimit:ai:"

# One script does prune, count, record and expire, so the check and the record are atomic across
# every process sharing the Redis server (Redis runs a script to completion before any other
# command). Scores are milliseconds. ARGV[3] is the caller's clock, or "" to use the server's TIME.
# Returns 0 when the call was allowed, else the milliseconds until a slot frees (>= 1: every
# remaining score is newer than now - window).
_ACQUIRE = """
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window_ms = tonumber(ARGV[2])
local now_ms = tonumber(ARGV[3])
if now_ms == nil then
  local t = redis.call('TIME')
  now_ms = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
redis.call('ZREMRANGEBYSCORE', key, '-inf', now_ms - window_ms)
local count = redis.call('ZCARD', key)
if count < limit then
  if ARGV[4] == '1' then
    redis.call('ZADD', key, now_ms, ARGV[5])
    redis.call('PEXPIRE', key, window_ms)
  end
  return 0
end
local oldest = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
return tonumber(oldest[2]) + window_ms - now_ms
"""


class RedisAICallLimiter:
    """Per-user sorted sets ``ingenio:ratelimit:ai:{user_id}`` of call times.

    Time source: by default the Redis server's ``TIME``, read inside the script. Every process
    then judges the window by the same clock, so skew between worker machines can neither grant
    extra calls nor block a user early. A ``clock`` passed in replaces it for every call of this
    limiter (tests use one to move through the window without sleeping); never mix the two on
    one Redis, since entries would be scored by different clocks.

    The key expires one window after the user's last call, so idle users cost nothing. Needs
    Redis 5 or newer (scripts that write after reading ``TIME``).
    """

    def __init__(
        self,
        redis: Redis,
        limit: int,
        window: float = 3600,
        clock: Callable[[], float] | None = None,
    ) -> None:
        if limit < 1 or window < 0.001:
            raise ValueError("limit must be >= 1 and window at least 1 ms")
        self._limit = limit
        self._window = window
        self._window_ms = math.ceil(window * 1000)
        self._clock = clock
        self._script = redis.register_script(_ACQUIRE)

    @property
    def limit(self) -> int:
        return self._limit

    @property
    def window(self) -> float:
        return self._window

    async def acquire(self, user_id: str) -> float:
        return await self._run(user_id, record=True)

    async def retry_after(self, user_id: str) -> float:
        return await self._run(user_id, record=False)

    async def _run(self, user_id: str, *, record: bool) -> float:
        now_ms = "" if self._clock is None else str(math.floor(self._clock() * 1000))
        # A random member: two calls in the same millisecond must be two entries, not one.
        member = uuid.uuid4().hex if record else ""
        args: list[str | int] = [
            self._limit,
            self._window_ms,
            now_ms,
            "1" if record else "0",
            member,
        ]
        wait_ms = await self._script(keys=[key_for(user_id)], args=args)
        return int(wait_ms) / 1000


def key_for(user_id: str) -> str:
    return f"{KEY_PREFIX}{user_id}"
