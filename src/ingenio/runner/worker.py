"""``ingenio worker``: a process that runs tasks from the PostgreSQL queue.

It builds the same core as the API process (database, cache, store, brain, event bus) and hands
Procrastinate two collaborators through the worker's context: the task executor and the reaper.
Two Procrastinate workers share the process: one runs tasks (``--concurrency`` slots), the other
runs the reaper on its own queue, so recovery never waits for a task slot.

SIGINT/SIGTERM stop both gracefully: no new jobs, running ones get ``shutdown_grace_seconds``
and are then aborted and retried elsewhere (their tasks resume at the first unfinished stage); a
second signal kills at once. The process exits 0 only after such a request. If a worker stops on
its own (Procrastinate stops a worker whose database listener fails, as when PostgreSQL
restarts) the other is stopped too and the process exits 1, for its supervisor to restart it.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
from contextlib import AsyncExitStack
from typing import Any

from ingenio.bootstrap import build_core
from ingenio.config import Settings
from ingenio.runner.queue import maintenance_queue, make_queue_app
from ingenio.tasks.jobs import TaskExecutor
from ingenio.tasks.reaper import TaskReaper, prune_after

log = logging.getLogger("ingenio.worker")
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


async def run_worker(settings: Settings, concurrency: int | None = None) -> None:
    runner = settings.runner
    concurrency = concurrency or runner.worker_concurrency
    async with AsyncExitStack() as stack:
        core = await build_core(settings, stack)
        # Per worker: a LISTEN connection, plus fetches, heartbeats and job updates.
        app = make_queue_app(settings, pool_size=concurrency + 4)
        await app.open_async()
        stack.push_async_callback(app.close_async)
        context = {
            "executor": TaskExecutor(core.execution_deps()),
            "reaper": TaskReaper(runner, core.sessions, core.publisher, app),
        }
        name = f"{socket.gethostname()}-{concurrency}"
        common: dict[str, Any] = {
            "additional_context": context,
            "fetch_job_polling_interval": runner.poll_seconds,
            "abort_job_polling_interval": runner.poll_seconds,
            "update_heartbeat_interval": runner.heartbeat_seconds,
            # Used only to prune dead workers' rows at start-up: as late as the reaper does.
            "stalled_worker_timeout": prune_after(runner),
            "shutdown_graceful_timeout": runner.shutdown_grace_seconds,
            "listen_notify": True,
            # Signals are handled here, once for both workers.
            "install_signal_handlers": False,
        }
        workers = {
            asyncio.create_task(
                app.run_worker_async(
                    queues=[runner.queue_name], name=name, concurrency=concurrency, **common
                ),
                name="tasks-worker",
            ),
            asyncio.create_task(
                app.run_worker_async(
                    queues=[maintenance_queue(runner)],
                    name=f"{name}-maintenance",
                    concurrency=1,
                    **common,
                ),
                name="maintenance-worker",
            ),
        }
        log.info(
            "worker.started",
            extra={
                "concurrency": concurrency,
                "queue": runner.queue_name,
                "brain": core.brain.name,
            },
        )
        requested = await _until_stop_or_exit(workers)
        if not requested:
            log.error("worker.stopped_unexpectedly")
            raise SystemExit(1)
        log.info("worker.stopped")


async def _until_stop_or_exit(workers: set[asyncio.Task[None]]) -> bool:
    """Run until a stop signal (True) or until a worker ends on its own (False); then stop
    every worker gracefully and wait for them."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()

    def on_signal() -> None:
        stop.set()
        for sig in _STOP_SIGNALS:  # a second signal gets the default behaviour: exit now
            loop.remove_signal_handler(sig)

    for sig in _STOP_SIGNALS:
        loop.add_signal_handler(sig, on_signal)
    stopping = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait({*workers, stopping}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for sig in _STOP_SIGNALS:
            loop.remove_signal_handler(sig)
        stopping.cancel()
        # A Procrastinate worker treats cancellation as a request to stop gracefully.
        for worker in workers:
            worker.cancel()
        results = await asyncio.gather(*workers, return_exceptions=True)
    for result in results:
        if isinstance(result, Exception):
            log.error("worker.crashed", exc_info=result)
    return stop.is_set()
