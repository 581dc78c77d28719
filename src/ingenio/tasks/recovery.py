"""Tasks a stopped or crashed process left unfinished: resume them, or fail them with a reason.

The system this replaces had no recovery: after a restart its tasks stayed ``planning`` forever.
At start-up every live task is looked at once: past its deadline it fails with the timeout
message; out of attempts it fails saying so; otherwise it is handed back to the runner and
resumes at its first unfinished stage.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ingenio.clock import as_utc, utcnow
from ingenio.config import RunnerSettings
from ingenio.tasks.jobs import TOO_MANY_ATTEMPTS
from ingenio.tasks.models import GenerationTask
from ingenio.tasks.publisher import StatusPublisher
from ingenio.tasks.repository import TaskRepository
from ingenio.tasks.status import AgentStatus, TaskStatus, timeout_message
from ingenio.tasks.views import mark_running_agents

log = logging.getLogger("ingenio.tasks")


def stop_reason(row: GenerationTask, settings: RunnerSettings, now: datetime) -> str | None:
    """Why a task no worker holds must not run again, or None when it may resume."""
    if row.deadline_at is not None and as_utc(row.deadline_at) <= now:
        return timeout_message(settings.task_timeout_seconds)
    if row.attempt >= settings.max_attempts:
        return TOO_MANY_ATTEMPTS.format(n=row.attempt)
    return None


async def fail_unowned(
    session: AsyncSession, publisher: StatusPublisher, row: GenerationTask, reason: str
) -> tuple[GenerationTask, bytes] | None:
    """Fail a live task that no worker holds, with ``reason``; its event joins the transaction.

    Returns the failed row and its status bytes, for the caller to announce after the commit;
    None when the task was already final.
    """
    now = utcnow()
    failed = await TaskRepository(session).fail_unowned(
        row.id,
        {
            "status": TaskStatus.FAILED.value,
            "error_message": reason,
            "completed_at": now,
            "updated_at": now,
            "agents_info": mark_running_agents(
                row.agents_info, AgentStatus.FAILED, errorMessage=reason
            ),
        },
    )
    if failed is None:
        return None
    log.error(
        "task.failed", extra={"taskId": str(row.id), "userId": str(row.user_id), "reason": reason}
    )
    return failed, await publisher.record(session, failed)


async def recover_unfinished(
    sessions: async_sessionmaker[AsyncSession],
    publisher: StatusPublisher,
    settings: RunnerSettings,
) -> list[uuid.UUID]:
    """The ids to run again, oldest first; the others are failed here."""
    now = utcnow()
    resume: list[uuid.UUID] = []
    failed_rows: list[tuple[GenerationTask, bytes]] = []
    async with sessions() as session, session.begin():
        for row in await TaskRepository(session).unfinished():
            reason = stop_reason(row, settings, now)
            if reason is None:
                resume.append(row.id)
            elif (failed := await fail_unowned(session, publisher, row, reason)) is not None:
                failed_rows.append(failed)
    for failed_row, status_json in failed_rows:  # the cache follows the committed rows
        await publisher.announce(failed_row, status_json)
    if resume:
        log.info("task.recovering", extra={"count": len(resume)})
    return resume
