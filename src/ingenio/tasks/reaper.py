"""The reaper (a Procrastinate periodic job): no task is lost when a worker or a machine dies.

Each pass:
1. Jobs held by workers that stopped heart-beating are closed and their tasks get new jobs (the
   task resumes at its first unfinished stage on another worker; finished stages are not re-run
   or re-billed), or, when the task is out of attempts or past its deadline, the task fails
   with a stated reason.
2. Dead workers are pruned, much later than their jobs are recovered (``prune_after``): a live
   worker whose row is pruned crashes at its next fetch, so only the certainly dead go.
3. Live tasks whose job is gone or finished (a job aborted by a shutdown, say) get a new job,
   or fail with a reason, so no task stays non-terminal.
4. Finished task jobs older than a day, and reaper jobs older than an hour, are deleted.

One pass runs at a time across the deployment (a PostgreSQL advisory lock, tried, not waited
for: a pass that finds another one running just ends). Procrastinate's own job ``lock`` would
not do: a worker killed during a pass would hold that lock forever, and the only job that could
release it is the reaper. An advisory lock dies with its connection. A job that cannot be
recovered is logged and skipped; it does not stop the pass.
"""

from __future__ import annotations

import logging
import uuid

from procrastinate import App
from procrastinate.jobs import Job, Status
from sqlalchemy import text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ingenio.clock import utcnow
from ingenio.config import RunnerSettings
from ingenio.runner.queue import REAP, RUN_TASK, maintenance_queue
from ingenio.tasks.models import GenerationTask
from ingenio.tasks.publisher import StatusPublisher
from ingenio.tasks.recovery import fail_unowned, stop_reason
from ingenio.tasks.repository import TaskRepository
from ingenio.tasks.status import TaskStatus

log = logging.getLogger("ingenio.reaper")
_FINISHED = ""  # a task that is gone or already terminal: nothing to recover
# Any fixed 64-bit key, distinct from the API's capacity lock and the migrations' lock.
_PASS_LOCK = 7_305_881_222


def prune_after(settings: RunnerSettings) -> float:
    """Seconds without a heartbeat after which a worker's row is deleted."""
    return max(60.0, 3 * settings.stalled_after_seconds)


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
        async with self.sessions() as guard, guard.begin():
            # Held by this open transaction for the whole pass.
            locked = await guard.scalar(
                text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": _PASS_LOCK}
            )
            if not locked:
                log.debug("reaper.skipped")
                return
            await self._pass()

    async def _pass(self) -> None:
        jobs = self.app.job_manager
        stalled = await jobs.get_stalled_jobs(
            seconds_since_heartbeat=self.settings.stalled_after_seconds
        )
        for job in stalled:
            try:
                if job.task_name == RUN_TASK and job.queue == self.settings.queue_name:
                    await self._recover_stalled(job)
                elif job.task_name == REAP and job.queue == maintenance_queue(self.settings):
                    # A pass cut short by its worker's death: only the job row remains.
                    assert job.id is not None
                    await jobs.finish_job_by_id_async(
                        job.id, status=Status.FAILED, delete_job=False
                    )
            except Exception:
                log.exception("reaper.stalled_job_error", extra={"jobId": job.id})
        await jobs.prune_stalled_workers(prune_after(self.settings))
        async with self.sessions() as session:
            orphans = [row[0] for row in (await session.execute(_ORPHANS)).all()]
        for task_id in orphans:
            try:
                await self._requeue_or_fail(uuid.UUID(str(task_id)))
            except Exception:
                log.exception("reaper.orphan_error", extra={"taskId": str(task_id)})
        await jobs.delete_old_jobs(
            nb_hours=24,
            queue=self.settings.queue_name,
            include_failed=True,
            include_cancelled=True,
            include_aborted=True,
        )
        # A pass every few seconds: keep an hour of them, enough to see the reaper is alive.
        await jobs.delete_old_jobs(
            nb_hours=1, queue=maintenance_queue(self.settings), include_failed=True
        )

    async def _recover_stalled(self, job: Job) -> None:
        """Close the dead worker's job, then give the task a new one (or fail it).

        A new job rather than Procrastinate's retry of the same one: a worker that was only
        slow to heart-beat may still be running the old job. Reusing that job id would let it
        mark the job finished under the new attempt's feet (the task would then look orphaned
        and be queued yet again); with a new job, the old worker can only finish a job that is
        already closed, and its writes to the task are fenced out by the new attempt.
        """
        assert job.id is not None
        task_id = uuid.UUID(str(job.task_kwargs["task_id"]))
        await self.app.job_manager.finish_job_by_id_async(
            job.id, status=Status.FAILED, delete_job=False
        )
        log.warning("reaper.stalled", extra={"taskId": str(task_id), "jobId": job.id})
        await self._requeue_or_fail(task_id)

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
        return stop_reason(row, self.settings, utcnow())

    async def _fail(self, task_id: uuid.UUID, reason: str) -> None:
        async with self.sessions() as session, session.begin():
            row = await TaskRepository(session).get(task_id)
            failed = await fail_unowned(session, self.publisher, row, reason) if row else None
        if failed is not None:
            await self.publisher.announce(*failed)
