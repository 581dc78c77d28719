"""The AI-call budget when Redis is away: keep limiting, per process, instead of failing.

A Redis error must never fail a task or a create. While Redis is unreachable the budget is
enforced by an in-process limiter (the same numbers, counted per process, so a user can at worst
get one budget per process during the outage); when Redis answers again it is used again.
"""

from __future__ import annotations

import logging
import time

from redis.exceptions import RedisError

from ingenio.ratelimit.base import AICallLimiter

log = logging.getLogger("ingenio.ratelimit")


class ResilientLimiter:
    def __init__(self, primary: AICallLimiter, fallback: AICallLimiter) -> None:
        self.primary = primary
        self.fallback = fallback
        self._last_warning = 0.0

    @property
    def limit(self) -> int:
        return self.primary.limit

    @property
    def window(self) -> float:
        return self.primary.window

    def _degraded(self, exc: Exception) -> None:
        now = time.monotonic()
        if now - self._last_warning > 10:
            self._last_warning = now
            log.warning("ratelimit.redis_unavailable", extra={"reason": repr(exc)})

    async def acquire(self, user_id: str) -> float:
        try:
            return await self.primary.acquire(user_id)
        except (RedisError, OSError) as exc:
            self._degraded(exc)
            return await self.fallback.acquire(user_id)

    async def retry_after(self, user_id: str) -> float:
        try:
            return await self.primary.retry_after(user_id)
        except (RedisError, OSError) as exc:
            self._degraded(exc)
            return await self.fallback.retry_after(user_id)
