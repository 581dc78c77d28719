"""The API side of distributed mode: admit and enqueue in the task's transaction, cancel anywhere.

Create is one PostgreSQL transaction: an advisory lock serialises the queue-capacity check
across API processes (so 50 means 50, whichever process answers), the task row is inserted, and
Procrastinate defers its job on the very same connection. A crash or rollback between the two
leaves neither; a commit publishes both. Cancel marks the job for abortion: a waiting job never
starts, a running one is interrupted on whichever worker holds it (Procrastinate tells that
worker through LISTEN/NOTIFY, and polls as a fallback).
"""

from __future__ import annotations

import logging
import uuid

from procrastinate import App
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ingenio.config import Settings
from ingenio.db import UnitOfWork
from ingenio.errors import QueueFull
from ingenio.runner.base import RunnerStats
from ingenio.runner.queue import RUN_TASK, make_queue_app
from ingenio.tasks.models import GenerationTask

log = logging.getLogger("ingenio.runner")

# Any fixed 64-bit key; taken with pg_advisory_xact_lock, released at commit or rollback.
_CAPACITY_LOCK = 7_305_881_221


class ProcrastinateRunner:
    def __init__(self, settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._settings = settings
        self._sessions = sessions
        self._queue = settings.runner.queue_name
        self._capacity = settings.runner.queue_capacity
        self.app: App = make_queue_app(settings)
        self._waiting = 0

    async def start(self) -> None:
        await self.app.open_async()

    async def stop(self) -> None:
        await self.app.close_async()

    async def admit(self, uow: UnitOfWork) -> _DeferInTransaction:
        session = uow.session
        await session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _CAPACITY_LOCK})
        waiting = await session.execute(
            text(
                "SELECT count(*) FROM procrastinate_jobs "
                "WHERE queue_name = :q AND task_name = :t AND status = 'todo'"
            ),
            {"q": self._queue, "t": RUN_TASK},
        )
        self._waiting = int(waiting.scalar_one())
        if self._waiting >= self._capacity:
            raise QueueFull()
        return _DeferInTransaction(self.app, session)

    async def cancel(self, task_id: uuid.UUID) -> None:
        async with self._sessions() as session:
            job_id = (
                await session.execute(
                    select(GenerationTask.job_id).where(GenerationTask.id == task_id)
                )
            ).scalar_one_or_none()
        if job_id is not None:
            await self.app.job_manager.cancel_job_by_id_async(job_id, abort=True)

    def stats(self) -> RunnerStats:
        # Work runs on the workers; this process only knows the queue it last counted.
        return RunnerStats(running=0, queued=self._waiting, capacity=self._capacity)


class _DeferInTransaction:
    needs_session = True

    def __init__(self, app: App, session: AsyncSession) -> None:
        self._app = app
        self._session = session

    async def enqueue(self, task_id: uuid.UUID) -> None:
        connection = await self._session.connection()
        raw = await connection.get_raw_connection()
        deferrer = self._app.configure_task(RUN_TASK, connection=raw.driver_connection)
        job_id = await deferrer.defer_async(task_id=str(task_id))
        await self._session.execute(
            update(GenerationTask).where(GenerationTask.id == task_id).values(job_id=job_id)
        )
