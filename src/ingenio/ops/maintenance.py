"""Housekeeping every API process runs in the background: event history retention.

Task events feed reconnecting event streams; a task cannot run longer than its timeout, so
history older than two days can no longer be asked for. Running the purge in several processes
is harmless: it is one idempotent DELETE on an indexed column.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ingenio.clock import utcnow
from ingenio.tasks.repository import TaskRepository

log = logging.getLogger("ingenio.maintenance")

EVENT_RETENTION = timedelta(days=2)


async def purge_old_events(sessions: async_sessionmaker[AsyncSession]) -> int:
    async with sessions() as session, session.begin():
        removed = await TaskRepository(session).purge_events(utcnow() - EVENT_RETENTION)
    if removed:
        log.info("maintenance.events_purged", extra={"count": removed})
    return removed


class Maintenance:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], every_seconds: float = 3600):
        self._sessions = sessions
        self._every = every_seconds
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="maintenance")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _loop(self) -> None:
        while True:
            try:
                await purge_old_events(self._sessions)
            except Exception:  # a failed purge is retried next time; it must not stop the app
                log.exception("maintenance.failed")
            await asyncio.sleep(self._every)
