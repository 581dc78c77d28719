"""The small runner interface the task service talks to.

Creating a task is one transaction. ``admit`` is asked first (and may refuse: queue full); the
returned ``Admission`` then ``enqueue``s the task inside that transaction (the distributed runner
defers its job on the same database connection, so the row and the job commit together) and is
told the outcome: ``publish`` after the commit (the local pool starts or queues the task only
now, so a worker never sees an uncommitted task), ``release`` after a rollback.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from ingenio.db import UnitOfWork

# Runs one task to a terminal state (or until cancelled); provided by the task service.
TaskExecutor = Callable[[uuid.UUID], Awaitable[None]]


@dataclass(frozen=True)
class RunnerStats:
    running: int
    queued: int
    capacity: int
    peak_running: int = 0  # the most tasks this process ever ran at once


class Admission(Protocol):
    # True when ``enqueue`` writes through the unit of work's session (the distributed runner's
    # job row): the task's own rows must then be written in that same transaction.
    needs_session: bool

    async def enqueue(self, task_id: uuid.UUID) -> None: ...


class TaskRunner(Protocol):
    async def start(self) -> None:
        """Begin taking work, after recovering tasks a previous process left unfinished."""
        ...

    async def stop(self) -> None:
        """Stop taking work; interrupted tasks stay recoverable (never marked failed)."""
        ...

    async def admit(self, uow: UnitOfWork) -> Admission:
        """Reserve room for one task in ``uow``'s transaction; raises ``QueueFull``."""
        ...

    async def cancel(self, task_id: uuid.UUID) -> None:
        """Stop the task's work wherever it runs (its row is already ``cancelled``)."""
        ...

    def stats(self) -> RunnerStats: ...
