"""Lifecycle, progress, usage and the quality gate, through the HTTP API."""

from __future__ import annotations

import asyncio

from tests.service.conftest import ApiFactory
from tests.support.api import eventually

from ingenio.pipeline.brains.testing import ScriptedBrain, StageScript
from ingenio.pipeline.events import Stage
from ingenio.pipeline.usage import TokenUsage

ORDER = ["pending", "planning", "executing", "validating", "generating", "completed"]


async def test_progress_is_real_and_monotonic_through_every_state(make_api: ApiFactory) -> None:
    slow = StageScript(delay=0.3)
    brain = ScriptedBrain(
        scripts={Stage.PLAN: slow, Stage.EXECUTE: slow, Stage.VALIDATE: slow}, review_score=90
    )
    async with make_api(brain=brain) as api:
        user = await api.register()
        task_id = await api.create_ok(user)
        seen: list[tuple[str, int, str | None]] = []
        while True:
            data = await api.status(user, task_id)
            seen.append((data["status"], data["progress"], data["currentAgent"]))
            assert data["estimatedRemainingSeconds"] >= 0
            if data["status"] in ("completed", "failed", "cancelled"):
                break
            await asyncio.sleep(0.02)

    assert data["status"] == "completed", data["errorMessage"]
    progresses = [p for _, p, _ in seen]
    assert progresses == sorted(progresses), "progress went backwards"
    statuses = [s for s, _, _ in seen]
    assert [s for s in ORDER if s in statuses] == sorted(set(statuses), key=ORDER.index)
    for middle in ("planning", "executing", "validating"):
        assert middle in statuses, f"{middle} was never visible"
    # Between 0 and 100 there were real intermediate values, not a jump.
    assert len({p for p in progresses if 0 < p < 100}) >= 3
    for status, _, agent in seen:
        if status in ("planning", "executing", "validating", "generating"):
            assert (
                agent
                == {
                    "planning": "plan",
                    "executing": "execute",
                    "validating": "validate",
                    "generating": "generate",
                }[status]
            )


async def test_token_usage_and_cost_are_summed_per_agent(make_api: ApiFactory) -> None:
    def usage(p: int, c: int, cost: float | None) -> TokenUsage:
        return TokenUsage(prompt_tokens=p, completion_tokens=c, calls=1, cost=cost)

    brain = ScriptedBrain(
        review_score=80,
        scripts={
            Stage.PLAN: StageScript(usage=usage(1000, 1500, 0.02)),
            Stage.EXECUTE: StageScript(usage=usage(3000, 2000, 0.1)),
            Stage.VALIDATE: StageScript(usage=usage(1200, 300, 0.03)),
        },
    )
    async with make_api(brain=brain) as api:
        user = await api.register()
        data = await api.wait(user, await api.create_ok(user))
    assert data["tokenUsage"] == {
        "planTokens": 2500,
        "executeTokens": 5000,
        "validateTokens": 1500,
        "totalTokens": 9000,
        "estimatedCost": 0.15,
    }
    plan_agent = data["agents"][0]
    assert plan_agent["metadata"]["usage"]["promptTokens"] == 1000


async def test_an_unknown_price_makes_the_cost_null(make_api: ApiFactory) -> None:
    brain = ScriptedBrain(
        scripts={
            Stage.PLAN: StageScript(
                usage=TokenUsage(prompt_tokens=10, completion_tokens=5, calls=1, cost=None)
            )
        }
    )
    async with make_api(brain=brain) as api:
        user = await api.register()
        data = await api.wait(user, await api.create_ok(user))
    assert data["tokenUsage"]["planTokens"] == 15
    assert data["tokenUsage"]["estimatedCost"] is None


async def test_the_quality_gate_fails_a_task_under_the_threshold(make_api: ApiFactory) -> None:
    vague = "随便做点什么吧"  # the offline brain understands nothing here: a poor spec
    async with make_api() as api:
        user = await api.register()
        data = await api.wait(user, await api.create_ok(user, vague))
        score = data["qualityScore"]
        assert score is not None
        assert score < 70
        assert data["status"] == "failed"
        assert data["errorMessage"] == f"质量评分({score})低于阈值(70)，请优化需求后重试"
        assert data["currentAgent"] == "validate"
        assert data["agents"][2]["status"] == "failed"
        assert data["agents"][3]["status"] == "pending"
        assert data["downloadUrl"] is None

        skipped = await api.wait(user, await api.create_ok(user, vague, skipValidation=True))
        assert skipped["status"] == "completed"
        assert skipped["qualityScore"] == score  # still computed and reported

        lenient = await api.wait(user, await api.create_ok(user, vague, qualityThreshold=score))
        assert lenient["status"] == "completed"


async def test_a_brain_failure_fails_the_task_with_its_reason(make_api: ApiFactory) -> None:
    brain = ScriptedBrain(scripts={Stage.EXECUTE: StageScript(fail="LLM响应无法解析为有效JSON")})
    async with make_api(brain=brain) as api:
        user = await api.register()
        data = await api.wait(user, await api.create_ok(user))
    assert data["status"] == "failed"
    assert data["errorMessage"] == "LLM响应无法解析为有效JSON"
    assert [a["status"] for a in data["agents"]] == ["completed", "failed", "pending", "pending"]
    assert data["agents"][1]["errorMessage"] == "LLM响应无法解析为有效JSON"


async def test_a_timeout_stops_the_work_and_fails_the_task(make_api: ApiFactory) -> None:
    brain = ScriptedBrain(scripts={Stage.EXECUTE: StageScript(hang=True)})
    async with make_api(brain=brain, runner={"task_timeout_seconds": 1.5}) as api:
        user = await api.register()
        data = await api.wait(user, await api.create_ok(user), timeout=20)
        assert data["status"] == "failed"
        assert data["errorMessage"] == "任务执行超时（超过1.5秒）"
        assert data["agents"][1]["status"] == "failed"
        # The work stopped, not just relabelled: the hanging call was cancelled.
        await eventually(lambda: api.container.runner.stats().running == 0)


def test_the_default_timeout_message_is_the_documented_one() -> None:
    from ingenio.tasks.status import timeout_message

    assert timeout_message(1800) == "任务执行超时（超过30分钟）"
