"""``ingenio worker``: a process that runs tasks from the PostgreSQL queue.

It builds the same core as the API process (database, cache, store, brain, event bus) and hands
Procrastinate two collaborators through the worker's context: the task executor and the reaper.
SIGINT/SIGTERM stop it gracefully: no new jobs, running ones get ``shutdown_grace_seconds`` and
are then aborted and retried elsewhere (their tasks resume at the first unfinished stage).
"""

from __future__ import annotations

import logging
import socket
from contextlib import AsyncExitStack

from ingenio.bootstrap import build_core
from ingenio.config import Settings
from ingenio.runner.queue import make_queue_app
from ingenio.tasks.jobs import TaskExecutor
from ingenio.tasks.reaper import TaskReaper

log = logging.getLogger("ingenio.worker")


async def run_worker(settings: Settings, concurrency: int | None = None) -> None:
    runner = settings.runner
    concurrency = concurrency or runner.worker_concurrency
    async with AsyncExitStack() as stack:
        core = await build_core(settings, stack)
        app = make_queue_app(settings, pool_size=concurrency + 2)
        await app.open_async()
        stack.push_async_callback(app.close_async)
        context = {
            "executor": TaskExecutor(core.execution_deps()),
            "reaper": TaskReaper(runner, core.sessions, core.publisher, app),
        }
        name = f"{socket.gethostname()}-{concurrency}"
        log.info(
            "worker.started",
            extra={
                "concurrency": concurrency,
                "queue": runner.queue_name,
                "brain": core.brain.name,
            },
        )
        await app.run_worker_async(
            queues=[runner.queue_name],
            name=name,
            concurrency=concurrency,
            additional_context=context,
            fetch_job_polling_interval=runner.poll_seconds,
            abort_job_polling_interval=runner.poll_seconds,
            update_heartbeat_interval=runner.heartbeat_seconds,
            stalled_worker_timeout=runner.stalled_after_seconds,
            shutdown_graceful_timeout=runner.shutdown_grace_seconds,
            install_signal_handlers=True,
            listen_notify=True,
        )
        log.info("worker.stopped")
