"""The LLM brain inside the pipeline's stages, against the fake server's smart mode."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator

import pytest

from ingenio.pipeline.brains.base import BrainContext
from ingenio.pipeline.brains.llm import LLMBrain
from ingenio.pipeline.events import PipelineEvent, Stage, StageCompleted
from ingenio.pipeline.report import ReviewStatus
from ingenio.pipeline.request import GenerationRequest
from ingenio.pipeline.stages.execute import execute_stage
from ingenio.pipeline.stages.plan import plan_stage
from ingenio.pipeline.stages.validate import validate_stage
from ingenio.testing.fake_llm import FakeLLM, FakeUsage, Reply, SmartSource
from ingenio.testing.llm_fixtures import sample_plan, sample_review, sample_spec

REQUEST = GenerationRequest(
    requirement="创建一个校园二手交易平台，支持商品发布、搜索、聊天和交易评价",
    package_name="edu.campus.market",
)


@pytest.fixture
def fake() -> Iterator[FakeLLM]:
    with FakeLLM(smart_source=SmartSource.FIXTURES) as server:
        yield server


async def test_plan_execute_and_validate_stages_run_on_the_llm_brain(fake: FakeLLM) -> None:
    fake.script(
        Reply.json(sample_plan(), usage=FakeUsage(900, 300)),
        Reply.json(sample_spec(), usage=FakeUsage(1_800, 1_500)),
        Reply.json(sample_review(), usage=FakeUsage(2_000, 80)),
    )
    async with LLMBrain(fake.settings()) as brain:
        plan = await plan_stage(REQUEST, brain, BrainContext())
        spec = await execute_stage(REQUEST, plan.output, brain, BrainContext())
        report = await validate_stage(REQUEST, spec.output, brain, BrainContext())

    assert plan.summary == "识别2个实体，2个API端点"
    assert plan.metadata["brain"] == "llm"
    assert spec.output.package_name == "edu.campus.market"  # the caller's package wins
    assert report.output.review_status is ReviewStatus.OK
    assert report.output.review_score == 84
    assert [plan.usage.total_tokens, spec.usage.total_tokens, report.usage.total_tokens] == [
        1_200,
        3_300,
        2_080,
    ]
    assert all(o.usage.cost is not None and o.usage.cost > 0 for o in (plan, spec, report))


async def test_a_failed_review_falls_back_to_the_rule_score(fake: FakeLLM) -> None:
    fake.script(Reply.text("这个设计不错。"), Reply.text("确实不错。"))
    async with LLMBrain(fake.settings()) as brain:
        report = await validate_stage(REQUEST, sample_spec(), brain, BrainContext())
    assert report.output.review_status is ReviewStatus.FAILED
    assert "LLM响应无法解析为有效JSON" in report.output.review_note
    assert report.output.quality_score == report.output.rule_score


@pytest.mark.skipif(
    importlib.util.find_spec("ingenio.pipeline.codegen.package") is None,
    reason="the Kotlin generator (codegen/package.py) is not in the tree yet",
)
async def test_the_whole_pipeline_runs_on_the_llm_brain(fake: FakeLLM) -> None:
    from ingenio.pipeline.run import run_pipeline

    events: list[PipelineEvent] = []

    async def sink(event: PipelineEvent) -> None:
        events.append(event)

    gate_calls = 0

    async def gate() -> None:
        nonlocal gate_calls
        gate_calls += 1

    async with LLMBrain(fake.settings()) as brain:
        result = await run_pipeline(REQUEST, brain, sink, call_gate=gate)

    assert [r.body["response_format"]["json_schema"]["name"] for r in fake.requests] == [
        "PlanResult",
        "AppSpec",
        "ReviewResult",
    ]
    assert gate_calls == 3
    assert result.report.review_status is ReviewStatus.OK
    assert result.project.summary.package_name == "edu.campus.market"
    assert {stage: usage.calls for stage, usage in result.usage.items()} == {
        Stage.PLAN: 1,
        Stage.EXECUTE: 1,
        Stage.VALIDATE: 1,
        Stage.GENERATE: 0,
    }
    completed = [e.stage for e in events if isinstance(e, StageCompleted)]
    assert completed == [Stage.PLAN, Stage.EXECUTE, Stage.VALIDATE, Stage.GENERATE]
