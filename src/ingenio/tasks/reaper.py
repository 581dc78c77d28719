"""The reaper (a Procrastinate periodic job): no task is lost when a worker or a machine dies.

Each pass:
1. Jobs held by workers that stopped heart-beating are retried (the task resumes at its first
   unfinished stage on another worker; finished stages are not re-run or re-billed), or, when
   the task is out of attempts or past its deadline, the task fails with a stated reason.
2. Dead workers are pruned.
3. Live tasks whose job is gone or finished (a job aborted by a shutdown, say) get a new job,
   or fail with a reason, so no task stays non-terminal.
4. Finished jobs older than a day are deleted.
"""

from __future__ import annotations

import logging
import uuid

from procrastinate import App
from procrastinate.jobs import Job, Status
from sqlalchemy import text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ingenio.clock import as_utc, utcnow
from ingenio.config import RunnerSettings
from ingenio.runner.queue import RUN_TASK
from ingenio.tasks.jobs import TOO_MANY_ATTEMPTS
from ingenio.tasks.models import GenerationTask
from ingenio.tasks.publisher import StatusPublisher
from ingenio.tasks.repository import TaskRepository
from ingenio.tasks.status import AgentStatus, TaskStatus, timeout_message

log = logging.getLogger("ingenio.reaper")
_FINISHED = ""  # a task that is gone or already terminal: nothing to recover

_ORPHANS = text("""
    SELECT t.id FROM generation_tasks t
    LEFT JOIN procrastinate_jobs j ON j.id = t.job_id
    WHERE t.status NOT IN ('completed', 'failed', 'cancelled')
      AND (j.id IS NULL OR j.status IN ('succeeded', 'failed', 'cancelled', 'aborted'))
""")


class TaskReaper:
    def __init__(
        self,
        settings: RunnerSettings,
        sessions: async_sessionmaker[AsyncSession],
        publisher: StatusPublisher,
        app: App,
    ) -> None:
        self.settings = settings
        self.sessions = sessions
        self.publisher = publisher
        self.app = app

    async def run_once(self) -> None:
        jobs = self.app.job_manager
        stalled = await jobs.get_stalled_jobs(
            queue=self.settings.queue_name,
            task_name=RUN_TASK,
            seconds_since_heartbeat=self.settings.stalled_after_seconds,
        )
        for job in stalled:
            await self._recover_stalled(job)
        await jobs.prune_stalled_workers(self.settings.stalled_after_seconds)
        async with self.sessions() as session:
            orphans = [row[0] for row in (await session.execute(_ORPHANS)).all()]
        for task_id in orphans:
            await self._requeue_or_fail(uuid.UUID(str(task_id)))
        await jobs.delete_old_jobs(nb_hours=24, queue=self.settings.queue_name, include_failed=True)

    async def _recover_stalled(self, job: Job) -> None:
        assert job.id is not None
        task_id = uuid.UUID(str(job.task_kwargs["task_id"]))
        reason = await self._reason_to_stop(task_id)
        if reason == _FINISHED:  # the task is final (e.g. cancelled): only the job remains
            await self.app.job_manager.finish_job_by_id_async(
                job.id, status=Status.FAILED, delete_job=False
            )
            return
        if reason is None:
            log.warning("reaper.retry", extra={"taskId": str(task_id), "jobId": job.id})
            await self.app.job_manager.retry_job(job)
            return
        await self.app.job_manager.finish_job_by_id_async(
            job.id, status=Status.FAILED, delete_job=False
        )
        await self._fail(task_id, reason)

    async def _requeue_or_fail(self, task_id: uuid.UUID) -> None:
        reason = await self._reason_to_stop(task_id)
        if reason == _FINISHED:
            return
        if reason is not None:
            await self._fail(task_id, reason)
            return
        async with self.sessions() as session, session.begin():
            connection = await session.connection()
            raw = await connection.get_raw_connection()
            deferrer = self.app.configure_task(RUN_TASK, connection=raw.driver_connection)
            job_id = await deferrer.defer_async(task_id=str(task_id))
            await session.execute(
                update(GenerationTask).where(GenerationTask.id == task_id).values(job_id=job_id)
            )
        log.warning("reaper.requeued", extra={"taskId": str(task_id), "jobId": job_id})

    async def _reason_to_stop(self, task_id: uuid.UUID) -> str | None:
        """Why the task must not run again, None when it may, ``_FINISHED`` if it is final."""
        async with self.sessions() as session:
            row = await TaskRepository(session).get(task_id)
        if row is None or TaskStatus(row.status).is_terminal:
            return _FINISHED
        if row.deadline_at is not None and as_utc(row.deadline_at) <= utcnow():
            return timeout_message(self.settings.task_timeout_seconds)
        if row.attempt >= self.settings.max_attempts:
            return TOO_MANY_ATTEMPTS.format(n=row.attempt)
        return None

    async def _fail(self, task_id: uuid.UUID, reason: str) -> None:
        now = utcnow()
        async with self.sessions() as session, session.begin():
            repo = TaskRepository(session)
            row = await repo.get(task_id)
            if row is None:
                return
            agents = [
                {
                    **a,
                    "status": AgentStatus.FAILED.value,
                    "statusDescription": AgentStatus.FAILED.description,
                    "errorMessage": reason,
                }
                if a.get("status") == AgentStatus.RUNNING.value
                else a
                for a in (row.agents_info or [])
            ]
            failed = await repo.fail_unowned(
                task_id,
                {
                    "status": TaskStatus.FAILED.value,
                    "error_message": reason,
                    "completed_at": now,
                    "updated_at": now,
                    "agents_info": agents,
                },
            )
            status_json = await self.publisher.record(session, failed) if failed else None
        if failed is not None and status_json is not None:
            log.error("task.failed", extra={"taskId": str(task_id), "reason": reason})
            await self.publisher.announce(failed, status_json)
