"""At most N LLM calls per user per rolling hour: 429 at create, a clear failure mid-task."""

from __future__ import annotations

from tests.service.conftest import ApiFactory

from ingenio.pipeline.brains.testing import ScriptedBrain, StageScript
from ingenio.pipeline.events import Stage


def _llm_like() -> ScriptedBrain:
    gated = StageScript(gated=True)
    return ScriptedBrain(scripts={Stage.PLAN: gated, Stage.EXECUTE: gated})


async def test_a_spent_budget_is_a_429_with_retry_after(make_api: ApiFactory) -> None:
    async with make_api(brain=_llm_like(), rate_limit={"ai_calls_per_hour": 2}) as api:
        alice, bob = await api.register(), await api.register()
        first = await api.wait(alice, await api.create_ok(alice))
        assert first["status"] == "completed"  # used both calls of the budget

        resp = await api.create(alice)
        assert resp.status_code == 429
        assert resp.json()["message"] == "AI调用次数已达上限，请60分钟后重试"
        assert 3500 < int(resp.headers["retry-after"]) <= 3600
        # The budget is per user.
        assert (await api.create(bob)).status_code == 200


async def test_a_task_that_runs_out_mid_way_fails_clearly(make_api: ApiFactory) -> None:
    async with make_api(brain=_llm_like(), rate_limit={"ai_calls_per_hour": 3}) as api:
        user = await api.register()
        await api.wait(user, await api.create_ok(user))  # 2 of 3 calls
        data = await api.wait(user, await api.create_ok(user))  # plan ok, execute refused
    assert data["status"] == "failed"
    assert data["errorMessage"] == "AI调用次数已达上限（每小时3次），请60分钟后重试"
    assert [a["status"] for a in data["agents"][:2]] == ["completed", "failed"]


async def test_the_offline_brain_spends_no_budget(make_api: ApiFactory) -> None:
    async with make_api(rate_limit={"ai_calls_per_hour": 1}) as api:
        user = await api.register()
        for _ in range(3):
            assert (await api.wait(user, await api.create_ok(user)))["status"] == "completed"
