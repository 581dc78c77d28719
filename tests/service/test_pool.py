"""The bounded pool: 3 core / 5 max / a queue of 50, and nothing accepted that will not run."""

from __future__ import annotations

import asyncio

from tests.service.conftest import ApiFactory

from ingenio.pipeline.brains.testing import ScriptedBrain, StageScript
from ingenio.pipeline.events import Stage


async def test_sixty_tasks_at_once(make_api: ApiFactory) -> None:
    hold = asyncio.Event()
    brain = ScriptedBrain(scripts={Stage.PLAN: StageScript(wait_for=hold)})
    async with make_api(brain=brain) as api:
        user = await api.register()
        responses = await asyncio.gather(
            *(api.create(user, "做一个待办事项应用") for _ in range(60))
        )
        accepted = [r.json()["data"] for r in responses if r.status_code == 200]
        rejected = [r for r in responses if r.status_code != 200]

        # 5 running + 50 waiting; the rest are refused before anything is written.
        assert len(accepted) == 55
        assert len(rejected) == 5
        for r in rejected:
            assert r.status_code == 429
            assert r.json()["code"] == 429
            assert r.json()["message"] == "任务队列已满，请稍后重试"
            assert int(r.headers["retry-after"]) > 0

        stats = api.container.runner.stats()
        assert (stats.running, stats.queued) == (5, 50)
        hold.set()
        finals = [await api.wait(user, task_id, timeout=180) for task_id in accepted]
        assert {f["status"] for f in finals} == {"completed"}
        listing = (
            await api.client.get("/api/v1/generate/tasks?pageSize=100", headers=user)
        ).json()["data"]
        assert listing["total"] == 55  # no row for a refused task
        assert api.container.runner.stats().peak_running == 5  # grew to max, never beyond
        assert brain.calls[Stage.PLAN] == 55  # every accepted task ran exactly once


async def test_below_the_queue_capacity_only_core_workers_run(make_api: ApiFactory) -> None:
    hold = asyncio.Event()
    brain = ScriptedBrain(scripts={Stage.PLAN: StageScript(wait_for=hold)})
    async with make_api(brain=brain) as api:
        user = await api.register()
        ids = await asyncio.gather(*(api.create_ok(user, "做一个待办事项应用") for _ in range(10)))
        stats = api.container.runner.stats()
        assert (stats.running, stats.queued) == (3, 7)
        hold.set()
        for task_id in ids:
            await api.wait(user, task_id, timeout=120)
        assert api.container.runner.stats().peak_running == 3
