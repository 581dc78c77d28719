"""The contract's writes: create and cancel. Never commits: the request's unit of work does.

Reads live in ``reader.py``. Ownership is checked in both, once per operation: another user's
task behaves exactly like a task that does not exist (404), so ids cannot be probed.
"""

from __future__ import annotations

import logging
import math
import uuid
from typing import Any

from ingenio.auth.tokens import AuthUser
from ingenio.clock import iso, utcnow
from ingenio.db import UnitOfWork
from ingenio.errors import TaskNotCancellable, TaskNotFound, TooManyRequests
from ingenio.ids import new_uuid
from ingenio.metrics import Metrics
from ingenio.ratelimit.base import AICallLimiter
from ingenio.runner.base import TaskRunner
from ingenio.tasks.cache import StatusCache
from ingenio.tasks.models import GenerationTask
from ingenio.tasks.publisher import StatusPublisher
from ingenio.tasks.repository import NewTaskWriter, TaskRepository
from ingenio.tasks.schemas import CreateTaskBody, task_name_for
from ingenio.tasks.status import AgentStatus, TaskStatus
from ingenio.tasks.views import NewTask, TaskRow, initial_agents, mark_running_agents

log = logging.getLogger("ingenio.tasks")


class TaskService:
    def __init__(
        self,
        uow: UnitOfWork,
        new_tasks: NewTaskWriter,
        runner: TaskRunner,
        cache: StatusCache,
        publisher: StatusPublisher,
        limiter: AICallLimiter | None,
        metrics: Metrics,
    ) -> None:
        self.uow = uow
        self.new_tasks = new_tasks
        self.runner = runner
        self.cache = cache
        self.publisher = publisher
        self.limiter = limiter
        self.metrics = metrics

    @property
    def repo(self) -> TaskRepository:
        return TaskRepository(self.uow.session)

    async def create(self, user: AuthUser, body: CreateTaskBody) -> uuid.UUID:
        if self.limiter is not None:  # only an LLM brain spends the AI-call budget
            wait = await self.limiter.retry_after(str(user.user_id))
            if wait > 0:
                self.metrics.tasks_rejected.labels("rate_limit").inc()
                raise TooManyRequests(
                    f"AI调用次数已达上限，请{max(1, math.ceil(wait / 60))}分钟后重试", wait
                )
        try:
            admission = await self.runner.admit(self.uow)
        except TooManyRequests:
            self.metrics.tasks_rejected.labels("queue_full").inc()
            raise
        now = utcnow()
        values: dict[str, Any] = {
            "id": new_uuid(),
            "tenant_id": user.tenant_id,
            "user_id": user.user_id,
            "task_name": task_name_for(body.user_requirement),
            "user_requirement": body.user_requirement,
            "status": TaskStatus.PENDING.value,
            "progress": 0,
            "agents_info": initial_agents(),
            "skip_validation": body.skip_validation,
            "quality_threshold": body.quality_threshold,
            "generate_preview": body.generate_preview,
            "package_name": body.package_name,
            "attempt": 0,
            "version": 1,
            "created_at": now,
            "updated_at": now,
            "token_usage": None,
        }
        row: TaskRow
        if admission.needs_session:  # the job row shares the task's transaction
            orm_row = await self.repo.add(GenerationTask(**values))
            await admission.enqueue(orm_row.id)
            status_json = await self.publisher.record(self.uow.session, orm_row)
            row = orm_row
        else:
            # Committed here, before the unit of work's (empty) commit runs the hooks below.
            row = NewTask(values)
            status_json = self.publisher.render(row)
            await self.new_tasks.add(values, self.publisher.event_values(row, status_json))
            await admission.enqueue(row.id)

        async def announce() -> None:
            await self.publisher.announce(row, status_json, wake=False)
            self.metrics.tasks_created.inc()
            log.info(
                "task.created",
                extra={
                    "taskId": str(row.id),
                    "userId": str(user.user_id),
                    "requirement": body.user_requirement[:50],
                },
            )

        # Registered after the admission's hook: the pending status is cached before a worker
        # can overwrite it with a later state.
        self.uow.after_commit(announce)
        return row.id

    async def cancel(self, user: AuthUser, task_id: uuid.UUID) -> None:
        row = await self.repo.get_owned(task_id, user.user_id)
        if row is None:
            raise TaskNotFound()
        if TaskStatus(row.status).is_terminal:
            raise TaskNotCancellable(row.status)
        agents = mark_running_agents(
            row.agents_info, AgentStatus.CANCELLED, completedAt=iso(utcnow())
        )
        cancelled = await self.repo.cancel(task_id, user.user_id, utcnow(), agents)
        if cancelled is None:  # finished between our read and our write
            current = await self.repo.get_owned(task_id, user.user_id)
            raise TaskNotCancellable(current.status if current else row.status)
        status_json = await self.publisher.record(self.uow.session, cancelled)

        async def stop_work() -> None:
            await self.publisher.announce(cancelled, status_json)
            await self.runner.cancel(task_id)
            self.metrics.tasks_finished.labels("cancelled").inc()
            log.info("task.cancelled", extra={"taskId": str(task_id), "userId": str(user.user_id)})

        self.uow.after_commit(stop_work)
