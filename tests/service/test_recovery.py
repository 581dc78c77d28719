"""A stopped or crashed server leaves no task stuck: it resumes, or fails with a reason."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

from sqlalchemy import update
from tests.service.conftest import ApiFactory

from ingenio.clock import utcnow
from ingenio.pipeline.brains.testing import ScriptedBrain, StageScript
from ingenio.pipeline.events import Stage
from ingenio.tasks.models import GenerationTask


async def test_a_restarted_server_resumes_at_the_first_unfinished_stage(
    make_api: ApiFactory,
) -> None:
    stuck = ScriptedBrain(scripts={Stage.EXECUTE: StageScript(hang=True)})
    async with make_api(brain=stuck) as api:
        user = await api.register()
        task_id = await api.create_ok(user)
        await api.wait(user, task_id, statuses={"executing"})
        await asyncio.wait_for(stuck.entered[Stage.EXECUTE].wait(), 5)
    # Shutdown interrupted the task without failing it: it stays recoverable.
    assert stuck.calls[Stage.PLAN] == 1

    fresh = ScriptedBrain()
    async with make_api(brain=fresh) as api:
        data = await api.wait(user, task_id, timeout=30)
        assert data["status"] == "completed", data["errorMessage"]
        assert fresh.calls[Stage.PLAN] == 0  # the finished stage was not run again
        assert fresh.calls[Stage.EXECUTE] == 1
        async with api.container.sessions() as session:
            row = await session.get(GenerationTask, uuid.UUID(task_id))
            assert row is not None
            assert row.attempt == 2


async def test_pending_tasks_survive_a_restart(make_api: ApiFactory) -> None:
    hold = ScriptedBrain(scripts={Stage.PLAN: StageScript(hang=True)})
    async with make_api(brain=hold, runner={"core_workers": 1, "max_workers": 1}) as api:
        user = await api.register()
        ids = [await api.create_ok(user) for _ in range(3)]
        await asyncio.wait_for(hold.entered[Stage.PLAN].wait(), 5)
    async with make_api() as api:
        for task_id in ids:
            assert (await api.wait(user, task_id, timeout=60))["status"] == "completed"


async def test_tasks_past_their_deadline_or_attempts_fail_with_a_reason(
    make_api: ApiFactory,
) -> None:
    stuck = ScriptedBrain(scripts={Stage.PLAN: StageScript(hang=True)})
    async with make_api(brain=stuck) as api:
        user = await api.register()
        late = await api.create_ok(user)
        tired = await api.create_ok(user)
        await api.wait(user, late, statuses={"planning"})
        await api.wait(user, tired, statuses={"planning"})
        async with api.container.sessions() as session, session.begin():
            await session.execute(
                update(GenerationTask)
                .where(GenerationTask.id == uuid.UUID(late))
                .values(deadline_at=utcnow() - timedelta(seconds=1))
            )
            await session.execute(
                update(GenerationTask)
                .where(GenerationTask.id == uuid.UUID(tired))
                .values(attempt=3)
            )

    async with make_api() as api:
        late_data = await api.status(user, late)
        tired_data = await api.status(user, tired)
    assert late_data["status"] == "failed"
    assert late_data["errorMessage"] == "任务执行超时（超过30分钟）"
    assert late_data["agents"][0]["status"] == "failed"
    assert tired_data["status"] == "failed"
    assert tired_data["errorMessage"] == "任务执行多次中断（已尝试3次），已停止重试，请重新创建任务"
