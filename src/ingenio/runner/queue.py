"""The Procrastinate app: one job type (run a task) and one periodic job (the reaper).

Jobs carry the task id only; everything else lives in our tables and is re-read by the job.
The job functions find their collaborators in the worker's ``additional_context`` (set by
``ingenio.runner.worker``), so this module holds no state and builds nothing at import.

The reaper has a queue of its own, served by a one-slot worker in every worker process. On the
tasks' queue it would wait for a free slot, behind every waiting task (Procrastinate takes jobs
in id order): with all slots busy on long LLM tasks, a dead worker's tasks would wait for the
whole backlog to start before being recovered.
"""

from __future__ import annotations

import uuid
from typing import Any, Protocol

from procrastinate import App, JobContext, PsycopgConnector, RetryStrategy

from ingenio.config import ConfigError, RunnerSettings, Settings

RUN_TASK = "ingenio.run_task"
REAP = "ingenio.reap"


class Executor(Protocol):
    async def __call__(self, task_id: uuid.UUID) -> None: ...


class Reaper(Protocol):
    async def run_once(self) -> None: ...


def libpq_dsn(sqlalchemy_url: str) -> str:
    """``postgresql+psycopg://...`` (SQLAlchemy) to ``postgresql://...`` (libpq)."""
    scheme, sep, rest = sqlalchemy_url.partition("://")
    if not sep or not scheme.startswith("postgresql"):
        raise ConfigError("the distributed runner needs a PostgreSQL INGENIO_DATABASE_URL")
    return "postgresql://" + rest


def maintenance_queue(runner: RunnerSettings) -> str:
    return f"{runner.queue_name}-maintenance"


def make_queue_app(settings: Settings, *, pool_size: int = 4) -> App:
    runner = settings.runner
    connector = PsycopgConnector(
        conninfo=libpq_dsn(settings.database_url), min_size=1, max_size=pool_size
    )
    app = App(connector=connector)

    # A job interrupted by a worker's graceful shutdown is retried at once; our own attempt
    # counter (fenced on every write) decides when a task has been tried often enough.
    @app.task(
        name=RUN_TASK,
        queue=runner.queue_name,
        pass_context=True,
        retry=RetryStrategy(max_attempts=runner.max_attempts, wait=0),
    )
    async def run_task(context: JobContext, task_id: str) -> None:
        executor: Executor = _context(context)["executor"]
        await executor(uuid.UUID(task_id))

    # croniter reads a sixth field as seconds, and it comes last: "*/5 * * * * *" would mean
    # every second of every fifth minute.
    reap_cron = f"* * * * * */{runner.reaper_every_seconds}"

    @app.periodic(cron=reap_cron, periodic_id="reaper")
    @app.task(name=REAP, queue=maintenance_queue(runner), pass_context=True, queueing_lock=REAP)
    async def reap(context: JobContext, timestamp: int) -> None:
        reaper: Reaper = _context(context)["reaper"]
        await reaper.run_once()

    return app


def _context(context: JobContext) -> dict[str, Any]:
    extra = context.additional_context
    if not extra:
        raise RuntimeError("ingenio jobs must run in an `ingenio worker` process")
    return extra
