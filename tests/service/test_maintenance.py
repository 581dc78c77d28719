"""Event history retention."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import func, select, update
from tests.support.api import Api

from ingenio.clock import utcnow
from ingenio.ops.maintenance import purge_old_events
from ingenio.tasks.models import TaskEvent


async def test_events_older_than_two_days_are_purged(api: Api) -> None:
    user = await api.register()
    old_task = await api.wait(user, await api.create_ok(user))
    new_task = await api.wait(user, await api.create_ok(user))
    sessions = api.container.sessions
    async with sessions() as session, session.begin():
        await session.execute(
            update(TaskEvent)
            .where(TaskEvent.task_id == uuid.UUID(old_task["taskId"]))
            .values(created_at=utcnow() - timedelta(days=3))
        )

    removed = await purge_old_events(sessions)

    async with sessions() as session:
        counts = dict(
            (
                await session.execute(
                    select(TaskEvent.task_id, func.count()).group_by(TaskEvent.task_id)
                )
            ).all()
        )
    assert removed > 0
    assert uuid.UUID(old_task["taskId"]) not in counts
    assert counts[uuid.UUID(new_task["taskId"])] > 0
    # The task itself is untouched: only its stream history is gone.
    assert (await api.status(user, old_task["taskId"]))["status"] == "completed"
