"""Every query on ``generation_tasks``.

Writes that change a task after creation are compare-and-set: they only apply while the task is
not terminal, and writes from a worker also only while it holds the current ``attempt``. So no
late stage, no completion racing a cancel and no zombie attempt can overwrite completed, failed
or cancelled (the system this replaces let a cancelled task turn completed).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import load_only

from ingenio.db import Base
from ingenio.insertdb import InsertDatabase
from ingenio.tasks.models import GenerationTask, TaskEvent
from ingenio.tasks.status import CANCELLABLE_VALUES, TERMINAL_VALUES

T = GenerationTask

# What the status view reads: everything but the stage documents (plan, AppSpec, report,
# manifest: about 27 KB of JSON on a finished task), whose decoding dominated a status read
# on a cache miss and every progress write's RETURNING.
VIEW_COLUMNS = tuple(
    getattr(T, c.key)
    for c in T.__mapper__.column_attrs
    if c.key not in {"plan_result", "app_spec_content", "validate_result", "generate_result"}
)


# The mapped tables, as Core sees them.
TASKS = Base.metadata.tables[GenerationTask.__tablename__]
EVENTS = Base.metadata.tables[TaskEvent.__tablename__]


class NewTaskWriter:
    """A new task and its first event, on the lean insert path (``ingenio.insertdb``).

    For a create whose transaction holds nothing else (the local runner's): the two rows are
    committed when ``add`` returns. The distributed runner's job row must share the task's
    transaction, so that create goes through ``TaskRepository.add`` and the unit of work.
    """

    def __init__(self, db: InsertDatabase) -> None:
        self.db = db

    async def add(self, task: Mapping[str, Any], first_event: Mapping[str, Any]) -> None:
        """``task`` and ``first_event``: column values by attribute name (the columns not given
        keep their defaults)."""
        await self.db.insert([(TASKS, task), (EVENTS, first_event)])


class TaskRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, task: GenerationTask) -> GenerationTask:
        self.session.add(task)
        await self.session.flush()
        return task

    async def get(self, task_id: uuid.UUID) -> GenerationTask | None:
        result = await self.session.execute(
            select(T).where(T.id == task_id).execution_options(populate_existing=True)
        )
        return result.scalar_one_or_none()

    async def get_owned(self, task_id: uuid.UUID, user_id: uuid.UUID) -> GenerationTask | None:
        result = await self.session.execute(
            select(T)
            .where(T.id == task_id, T.user_id == user_id)
            .execution_options(populate_existing=True)
        )
        return result.scalar_one_or_none()

    async def _cas(
        self, task_id: uuid.UUID, where: list[Any], values: dict[str, Any], *, lean: bool = True
    ) -> GenerationTask | None:
        """Compare-and-set; returns the row with the view's columns (all with ``lean=False``)."""
        stmt = (
            update(T)
            .where(T.id == task_id, *where)
            .values(**values, version=T.version + 1)
            .returning(T)
            .execution_options(populate_existing=True, synchronize_session=False)
        )
        if lean:
            stmt = stmt.options(load_only(*VIEW_COLUMNS))
        result = await self.session.execute(stmt)
        return result.scalar_one_or_none()

    async def cancel(
        self, task_id: uuid.UUID, user_id: uuid.UUID, now: datetime, agents: list[dict[str, Any]]
    ) -> GenerationTask | None:
        """Cancel if still cancellable; None when it is not (or not this user's task)."""
        return await self._cas(
            task_id,
            [T.user_id == user_id, T.status.in_(CANCELLABLE_VALUES)],
            {
                "status": "cancelled",
                "cancel_requested_at": now,
                "completed_at": now,
                "updated_at": now,
                "agents_info": agents,
            },
        )

    async def claim(
        self, task_id: uuid.UUID, seen_attempt: int, now: datetime, timeout: timedelta
    ) -> GenerationTask | None:
        """Start a new attempt. The deadline is fixed by the first attempt and kept after."""
        return await self._cas(
            task_id,
            [T.status.notin_(TERMINAL_VALUES), T.attempt == seen_attempt],
            {
                "attempt": T.attempt + 1,
                "started_at": func.coalesce(T.started_at, now),
                "deadline_at": func.coalesce(T.deadline_at, now + timeout),
                "updated_at": now,
            },
            lean=False,  # the executor resumes from the stored stage documents
        )

    async def update_live(
        self, task_id: uuid.UUID, attempt: int, values: dict[str, Any]
    ) -> GenerationTask | None:
        """Apply a worker's write if the task is still live and ``attempt`` is current."""
        return await self._cas(
            task_id, [T.status.notin_(TERMINAL_VALUES), T.attempt == attempt], values
        )

    async def fail_unowned(
        self, task_id: uuid.UUID, values: dict[str, Any]
    ) -> GenerationTask | None:
        """Fail a live task regardless of attempt (recovery, when no worker holds it)."""
        return await self._cas(task_id, [T.status.notin_(TERMINAL_VALUES)], values)

    async def unfinished(self) -> list[GenerationTask]:
        result = await self.session.execute(
            select(T).where(T.status.notin_(TERMINAL_VALUES)).order_by(T.created_at)
        )
        return list(result.scalars())

    async def recent_agents(self, limit: int) -> list[list[dict[str, Any]]]:
        result = await self.session.execute(
            select(T.agents_info)
            .where(T.status == "completed")
            .order_by(T.completed_at.desc())
            .limit(limit)
        )
        return [a for a in result.scalars() if a]

    async def count_by_status(self) -> dict[str, int]:
        result = await self.session.execute(select(T.status, func.count()).group_by(T.status))
        return {str(status): int(n) for status, n in result.all()}

    async def events_after(
        self, task_id: uuid.UUID, seq: int, limit: int = 200
    ) -> list[tuple[int, str, str]]:
        """(seq, status, payload) of the task's events after ``seq``, oldest first."""
        result = await self.session.execute(
            select(TaskEvent.seq, TaskEvent.status, TaskEvent.payload)
            .where(TaskEvent.task_id == task_id, TaskEvent.seq > seq)
            .order_by(TaskEvent.seq)
            .limit(limit)
        )
        return [(int(s), str(st), str(p)) for s, st, p in result.all()]

    async def purge_events(self, before: datetime) -> int:
        result = await self.session.execute(delete(TaskEvent).where(TaskEvent.created_at < before))
        return int(getattr(result, "rowcount", 0) or 0)
