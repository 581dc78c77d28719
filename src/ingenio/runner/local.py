"""The in-process pool: the contract's 3 core / 5 max / queue of 50, on asyncio.

Placement follows ``ThreadPoolExecutor`` (the pool the contract describes): below ``core``
running tasks a new task starts at once; otherwise it waits in the queue; only when the queue is
full does the pool grow towards ``max``; beyond ``max + queue`` a task is refused (429), before
its row is written, so no task is ever accepted that will not run.

The system this replaces never used its pool (the async call was made from inside its own
class): concurrency was unbounded and nothing waited on shutdown. Here every admission is
counted, and ``stop`` waits a grace period, then cancels what is left without marking it failed:
those tasks are resumed by the next process's recovery.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections import deque
from collections.abc import Awaitable, Callable

from ingenio.config import RunnerSettings
from ingenio.db import UnitOfWork
from ingenio.errors import QueueFull, Unavailable
from ingenio.runner.base import RunnerStats, TaskExecutor

log = logging.getLogger("ingenio.runner")

Recover = Callable[[], Awaitable[list[uuid.UUID]]]


class LocalRunner:
    def __init__(self, settings: RunnerSettings, execute: TaskExecutor, recover: Recover) -> None:
        self._core = settings.core_workers
        self._max = settings.max_workers
        self._capacity = settings.queue_capacity
        self._grace = settings.shutdown_grace_seconds
        self._execute = execute
        self._recover = recover
        self._running: dict[uuid.UUID, asyncio.Task[None]] = {}
        self._queue: deque[uuid.UUID] = deque()
        self._reserved = 0
        self._accepting = False
        self._peak = 0

    async def start(self) -> None:
        for task_id in await self._recover():
            self._place(task_id, recovered=True)
        self._accepting = True

    async def stop(self) -> None:
        self._accepting = False
        self._queue.clear()  # still pending in the database; the next start recovers them
        tasks = list(self._running.values())
        if tasks:
            _, pending = await asyncio.wait(tasks, timeout=self._grace)
            for task in pending:
                task.cancel()
            for task in pending:
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        log.info("runner.stopped", extra={"interrupted": len(tasks)})

    async def admit(self, uow: UnitOfWork) -> _LocalAdmission:
        if not self._accepting:
            raise Unavailable("服务正在停止，请稍后重试")
        if len(self._running) + len(self._queue) + self._reserved >= self._max + self._capacity:
            raise QueueFull()
        self._reserved += 1
        admission = _LocalAdmission(self)
        uow.after_commit(admission.publish)
        uow.after_rollback(admission.release)
        return admission

    async def cancel(self, task_id: uuid.UUID) -> None:
        with contextlib.suppress(ValueError):
            self._queue.remove(task_id)
        task = self._running.get(task_id)
        if task is not None:
            task.cancel()

    def stats(self) -> RunnerStats:
        return RunnerStats(
            len(self._running), len(self._queue), self._max + self._capacity, self._peak
        )

    def _place(self, task_id: uuid.UUID, *, recovered: bool = False) -> None:
        if len(self._running) < self._core:
            self._start(task_id)
        elif len(self._queue) < self._capacity or recovered:
            self._queue.append(task_id)
        elif len(self._running) < self._max:
            self._start(task_id)
        else:  # unreachable for admitted tasks: admit() counted this one
            self._queue.append(task_id)

    def _start(self, task_id: uuid.UUID) -> None:
        self._running[task_id] = asyncio.create_task(self._run(task_id), name=f"task-{task_id}")
        self._peak = max(self._peak, len(self._running))

    async def _run(self, task_id: uuid.UUID) -> None:
        try:
            await self._execute(task_id)
        except asyncio.CancelledError:
            pass  # cancelled by the user (row already final) or by stop() (row left for recovery)
        except Exception:
            log.exception("runner.task_crashed", extra={"taskId": str(task_id)})
        finally:
            self._running.pop(task_id, None)
            # Like a pool thread, a finished slot takes the next queued task.
            if self._accepting and self._queue:
                self._start(self._queue.popleft())


class _LocalAdmission:
    needs_session = False  # the pool is told after the commit, through the unit of work's hook

    def __init__(self, runner: LocalRunner) -> None:
        self._runner = runner
        self._task_id: uuid.UUID | None = None
        self._settled = False

    async def enqueue(self, task_id: uuid.UUID) -> None:
        self._task_id = task_id

    async def publish(self) -> None:
        if self._settled:
            return
        self._settled = True
        self._runner._reserved -= 1
        if self._task_id is not None and self._runner._accepting:
            self._runner._place(self._task_id)

    async def release(self) -> None:
        if not self._settled:
            self._settled = True
            self._runner._reserved -= 1
