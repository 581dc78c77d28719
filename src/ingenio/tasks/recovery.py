"""Tasks a stopped or crashed process left unfinished: resume them, or fail them with a reason.

The system this replaces had no recovery: after a restart its tasks stayed ``planning`` forever.
At start-up every live task is looked at once: past its deadline it fails with the timeout
message; out of attempts it fails saying so; otherwise it is handed back to the runner and
resumes at its first unfinished stage.
"""

from __future__ import annotations

import logging
import uuid

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ingenio.clock import as_utc, utcnow
from ingenio.config import RunnerSettings
from ingenio.tasks.jobs import TOO_MANY_ATTEMPTS
from ingenio.tasks.models import GenerationTask
from ingenio.tasks.publisher import StatusPublisher
from ingenio.tasks.repository import TaskRepository
from ingenio.tasks.status import AgentStatus, TaskStatus, timeout_message

log = logging.getLogger("ingenio.tasks")


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
        repo = TaskRepository(session)
        for row in await repo.unfinished():
            reason = None
            if row.deadline_at is not None and as_utc(row.deadline_at) <= now:
                reason = timeout_message(settings.task_timeout_seconds)
            elif row.attempt >= settings.max_attempts:
                reason = TOO_MANY_ATTEMPTS.format(n=row.attempt)
            if reason is None:
                resume.append(row.id)
                continue
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
                row.id,
                {
                    "status": TaskStatus.FAILED.value,
                    "error_message": reason,
                    "completed_at": now,
                    "updated_at": now,
                    "agents_info": agents or row.agents_info,
                },
            )
            if failed is not None:
                log.error(
                    "task.failed",
                    extra={"taskId": str(row.id), "userId": str(row.user_id), "reason": reason},
                )
                failed_rows.append((failed, await publisher.record(session, failed)))
    for row, status_json in failed_rows:  # the cache follows the committed rows
        await publisher.announce(row, status_json)
    if resume:
        log.info("task.recovering", extra={"count": len(resume)})
    return resume
