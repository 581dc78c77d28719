"""Every state change, in two steps around the commit.

``record`` (inside the write's transaction) serialises the status view once and appends it to
the task's event history; ``announce`` (after the commit) puts those same bytes in the cache and
wakes the event streams. Readers therefore never see a state the database does not have, and no
state is serialised twice.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ingenio.tasks.bus import EventBus
from ingenio.tasks.cache import StatusCache, pack
from ingenio.tasks.models import GenerationTask, TaskEvent
from ingenio.tasks.status import TaskStatus
from ingenio.tasks.views import TaskRow, TaskViews

log = logging.getLogger("ingenio.tasks")


class StatusPublisher:
    def __init__(
        self,
        cache: StatusCache,
        views: TaskViews,
        bus: EventBus,
        ttl_running: int,
        ttl_terminal: int,
    ) -> None:
        self.cache = cache
        self.views = views
        self.bus = bus
        self.ttl_running = ttl_running
        self.ttl_terminal = ttl_terminal

    def ttl(self, status: str) -> int:
        return self.ttl_terminal if TaskStatus(status).is_terminal else self.ttl_running

    def render(self, row: TaskRow) -> bytes:
        return self.views.status_json(row)

    async def record(self, session: AsyncSession, row: GenerationTask) -> bytes:
        """Serialise ``row``'s status and add it to the event history (same transaction)."""
        status_json = self.render(row)
        session.add(self.event(row, status_json))
        await session.flush()
        return status_json

    def event(self, row: GenerationTask, status_json: bytes) -> TaskEvent:
        """The event-history row of ``row``'s current state."""
        return TaskEvent(**self.event_values(row, status_json))

    def event_values(self, row: TaskRow, status_json: bytes) -> dict[str, Any]:
        return {
            "task_id": row.id,
            "seq": row.version,
            "status": row.status,
            "payload": status_json.decode(),
        }

    async def announce(self, row: TaskRow, status_json: bytes, *, wake: bool = True) -> None:
        """After the commit: cache the bytes (newest version wins) and wake the streams.

        ``wake=False`` for a task just created: no stream can be open on it anywhere, since
        nobody has its id before the create's response."""
        await self.cache.put(
            str(row.id),
            pack(str(row.user_id), row.version, status_json),
            row.version,
            self.ttl(row.status),
        )
        log.debug(
            "task.status",
            extra={
                "taskId": str(row.id),
                "status": row.status,
                "progress": row.progress,
                "version": row.version,
            },
        )
        if wake:
            await self.bus.publish(str(row.id))
