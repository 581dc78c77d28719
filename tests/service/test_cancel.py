"""Cancel stops the work for real, in every stage, and terminal states stay final."""

from __future__ import annotations

import asyncio
import random
import time
import uuid

import pytest
from tests.service.conftest import ApiFactory
from tests.support.api import Api, eventually
from tests.support.stores import BlockingStore

from ingenio.clock import utcnow
from ingenio.pipeline.brains.testing import ScriptedBrain, StageScript
from ingenio.pipeline.events import Stage
from ingenio.storage.memory import MemoryArtifactStore
from ingenio.storage.signing import UrlSigner
from ingenio.tasks.models import GenerationTask
from ingenio.tasks.recorder import TaskRecorder
from ingenio.tasks.repository import TaskRepository
from ingenio.tasks.status import TaskStatus
from ingenio.tasks.views import initial_agents

STAGE_STATUS = {
    Stage.PLAN: "planning",
    Stage.EXECUTE: "executing",
    Stage.VALIDATE: "validating",
    Stage.GENERATE: "generating",
}


def _store() -> MemoryArtifactStore:
    return MemoryArtifactStore(UrlSigner(b"s" * 32))


@pytest.mark.parametrize("stage", [Stage.PLAN, Stage.EXECUTE, Stage.VALIDATE])
async def test_cancel_during_a_brain_stage_aborts_the_call(
    make_api: ApiFactory, stage: Stage
) -> None:
    brain = ScriptedBrain(scripts={stage: StageScript(hang=True)})
    store = _store()
    async with make_api(brain=brain, store=store) as api:
        user = await api.register()
        task_id = await api.create_ok(user)
        await api.wait(user, task_id, statuses={STAGE_STATUS[stage]})
        await asyncio.wait_for(brain.entered[stage].wait(), 5)

        started = time.monotonic()
        resp = await api.cancel(user, task_id)
        assert resp.status_code == 200
        assert resp.json()["data"] == "任务已取消"
        await eventually(lambda: brain.cancelled[stage] == 1, timeout=2)
        assert time.monotonic() - started < 2

        data = await api.status(user, task_id)
        assert data["status"] == "cancelled"
        assert data["statusDescription"] == "任务取消"
        running_agent = next(a for a in data["agents"] if a["agentType"] == stage.value)
        assert running_agent["status"] == "cancelled"
        await eventually(lambda: api.container.runner.stats().running == 0)
        assert data["downloadUrl"] is None
    assert await store.exists(f"tasks/{task_id}/preview.html") is False
    assert not store.objects  # nothing was published


async def test_cancel_while_publishing_leaves_no_artifacts(make_api: ApiFactory) -> None:
    inner = _store()
    store = BlockingStore(inner)
    async with make_api(store=store) as api:
        user = await api.register()
        task_id = await api.create_ok(user, generatePreview=True)
        await asyncio.wait_for(store.waiting.wait(), 30)
        assert (await api.status(user, task_id))["status"] == "generating"

        resp = await api.cancel(user, task_id)
        assert resp.status_code == 200
        store.release.set()
        await eventually(lambda: api.container.runner.stats().running == 0)
        data = await api.status(user, task_id)
    assert data["status"] == "cancelled"
    assert data["downloadUrl"] is None
    assert data["previewUrl"] is None
    assert not inner.objects, "artifacts of a cancelled task were left behind"


async def test_a_cancelled_pending_task_never_runs(make_api: ApiFactory) -> None:
    brain = ScriptedBrain(scripts={Stage.PLAN: StageScript(hang=True)})
    async with make_api(brain=brain, runner={"core_workers": 1, "max_workers": 1}) as api:
        user = await api.register()
        first = await api.create_ok(user)
        second = await api.create_ok(user)
        await asyncio.wait_for(brain.entered[Stage.PLAN].wait(), 5)
        assert (await api.status(user, second))["status"] == "pending"

        assert (await api.cancel(user, second)).status_code == 200
        assert (await api.cancel(user, first)).status_code == 200
        await eventually(lambda: api.container.runner.stats().running == 0)
        await asyncio.sleep(0.3)
        assert brain.calls[Stage.PLAN] == 1  # only the first ever started
        assert (await api.status(user, second))["status"] == "cancelled"
        again = await api.cancel(user, second)
        assert again.json()["message"] == "任务无法取消（当前状态：cancelled）"


async def test_cancel_and_completion_race_http(make_api: ApiFactory) -> None:
    """Cancel lands at random moments around completion; whoever wins, the state stays."""
    async with make_api() as api:
        user = await api.register()
        rng = random.Random(7)
        outcomes = set()
        for _ in range(25):
            task_id = await api.create_ok(user, "做一个待办事项应用")
            await api.wait(user, task_id, statuses={"generating", "completed"}, timeout=30)
            await asyncio.sleep(rng.uniform(0, 0.05))
            resp = await api.cancel(user, task_id)
            await eventually(lambda: api.container.runner.stats().running == 0, timeout=30)
            final = await api.status(user, task_id)
            if resp.status_code == 200:
                assert final["status"] == "cancelled"
                assert final["downloadUrl"] is None
            else:
                assert resp.json()["message"] == "任务无法取消（当前状态：completed）"
                assert final["status"] == "completed"
                assert final["downloadUrl"]
            outcomes.add(final["status"])
    assert outcomes  # at least one outcome observed; both are legal


async def test_cancel_and_complete_race_200_times_at_the_row(api: Api) -> None:
    """The compare-and-set itself: a completion racing a cancel never overwrites it."""
    c = api.container
    user = await api.register()
    me = c.codec.verify(user["Authorization"].split()[1])
    rng = random.Random(11)
    winners = {"cancelled": 0, "completed": 0}
    for _ in range(200):
        async with c.sessions() as session, session.begin():
            row = await TaskRepository(session).add(
                GenerationTask(
                    id=uuid.uuid4(),
                    tenant_id=me.tenant_id,
                    user_id=me.user_id,
                    task_name="race",
                    user_requirement="race",
                    status="generating",
                    progress=80,
                    attempt=1,
                    agents_info=initial_agents(),
                    created_at=utcnow(),
                    updated_at=utcnow(),
                )
            )
        recorder = TaskRecorder(row, c.sessions, c.publisher, c.timings, c.metrics)

        async def complete(delay: float, recorder: TaskRecorder = recorder) -> bool:
            await asyncio.sleep(delay)
            return await recorder.finish(TaskStatus.COMPLETED, progress=100) is not None

        async def cancel(delay: float, task_id: str = str(row.id)) -> bool:
            await asyncio.sleep(delay)
            return (await api.cancel(user, task_id)).status_code == 200

        done, cancelled = await asyncio.gather(
            complete(rng.uniform(0, 0.003)), cancel(rng.uniform(0, 0.003))
        )
        assert done != cancelled, "exactly one of them must win"
        final = await api.status(user, str(row.id))
        assert final["status"] == ("completed" if done else "cancelled")
        async with c.sessions() as session:
            stored = await TaskRepository(session).get(row.id)
        assert stored is not None
        assert stored.status == final["status"]
        # A late write from the loser's side changes nothing.
        assert await recorder.finish(TaskStatus.FAILED, error_message="late") is None
        winners[final["status"]] += 1
    assert sum(winners.values()) == 200
