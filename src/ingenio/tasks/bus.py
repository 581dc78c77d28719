"""Wake-ups for event streams: "task X has a new event", within and across processes.

The bus carries no data, only the signal; a woken stream reads the events it has not sent from
the database. So a lost signal (Redis away, a process starting to listen a moment late) costs at
most one poll interval, never an event.

``LocalBus`` serves one process. ``RedisBus`` adds one Redis subscription per process (not per
stream: 1,000 open streams share it) on a single channel, so a change written by a worker or
by another API process wakes the streams this process serves.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Protocol

from redis.asyncio import Redis
from redis.exceptions import RedisError

from ingenio.tasks.coalesce import Coalescer

log = logging.getLogger("ingenio.events")

CHANNEL = "ingenio:generation:events"


class Subscription:
    """Held by one stream; ``wait`` returns True when woken, False on timeout."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def wake(self) -> None:
        self._event.set()

    async def wait(self, timeout: float) -> bool:
        try:
            await asyncio.wait_for(self._event.wait(), timeout)
        except TimeoutError:
            return False
        self._event.clear()
        return True


class EventBus(Protocol):
    async def publish(self, task_id: str) -> None: ...
    def subscribe(self, task_id: str) -> contextlib.AbstractAsyncContextManager[Subscription]: ...
    async def start(self) -> None: ...
    async def aclose(self) -> None: ...


class LocalBus:
    def __init__(self) -> None:
        self._subs: defaultdict[str, set[Subscription]] = defaultdict(set)

    @property
    def subscriber_count(self) -> int:
        return sum(len(s) for s in self._subs.values())

    def wake(self, task_id: str) -> None:
        for sub in self._subs.get(task_id, ()):
            sub.wake()

    async def publish(self, task_id: str) -> None:
        self.wake(task_id)

    @asynccontextmanager
    async def subscribe(self, task_id: str) -> AsyncIterator[Subscription]:
        sub = Subscription()
        self._subs[task_id].add(sub)
        try:
            yield sub
        finally:
            subs = self._subs.get(task_id)
            if subs is not None:
                subs.discard(sub)
                if not subs:
                    del self._subs[task_id]

    async def start(self) -> None:
        return None

    async def aclose(self) -> None:
        return None


class RedisBus(LocalBus):
    def __init__(self, redis: Redis, publisher: Redis | None = None) -> None:
        super().__init__()
        self._redis = redis
        self._publisher = publisher or redis
        # Signals raised in the same loop turn (a burst of creates) share one round trip.
        self._publishes: Coalescer[str, None] = Coalescer(self._publish_many)
        self._listener: asyncio.Task[None] | None = None

    async def publish(self, task_id: str) -> None:
        self.wake(task_id)  # this process's streams need no round trip
        try:
            await self._publishes(task_id)
        except (RedisError, OSError) as exc:
            log.debug("events.publish_failed", extra={"taskId": task_id, "reason": repr(exc)})

    async def _publish_many(self, task_ids: Sequence[str]) -> list[None]:
        async with self._publisher.pipeline(transaction=False) as pipe:
            for task_id in task_ids:
                pipe.publish(CHANNEL, task_id)
            await pipe.execute()
        return [None] * len(task_ids)

    async def start(self) -> None:
        self._listener = asyncio.create_task(self._listen(), name="event-bus")

    async def aclose(self) -> None:
        await self._publishes.aclose()
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener

    async def _listen(self) -> None:
        while True:
            try:
                async with self._redis.pubsub(ignore_subscribe_messages=True) as pubsub:
                    await pubsub.subscribe(CHANNEL)
                    async for message in pubsub.listen():
                        data = message.get("data")
                        if isinstance(data, bytes):
                            self.wake(data.decode())
            except (RedisError, OSError) as exc:
                log.warning("events.listener_down", extra={"reason": repr(exc)})
                await asyncio.sleep(1)
