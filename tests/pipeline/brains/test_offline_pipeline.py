"""The offline brain in the real pipeline: clear requirements ship, meaningless ones go back."""

from __future__ import annotations

import re

import pytest

from ingenio.pipeline.brains.offline import OfflineBrain
from ingenio.pipeline.errors import QualityGateFailed
from ingenio.pipeline.events import PipelineEvent, Stage, StageCompleted
from ingenio.pipeline.request import GenerationRequest
from ingenio.pipeline.run import run_pipeline
from ingenio.pipeline.usage import TokenUsage


async def test_a_recognised_app_passes_the_default_gate_and_costs_nothing() -> None:
    events: list[PipelineEvent] = []

    async def record(event: PipelineEvent) -> None:
        events.append(event)

    request = GenerationRequest("创建一个校园二手交易平台，支持商品发布、搜索、聊天和交易评价")
    result = await run_pipeline(request, OfflineBrain(), record)
    assert result.report.quality_score >= request.quality_threshold
    assert result.project.summary.entity_count == len(result.app_spec.models)
    assert result.app_spec.package_name == "com.example.campusmarketplace"
    assert all(usage == TokenUsage() for usage in result.usage.values())
    done = {e.stage: e for e in events if isinstance(e, StageCompleted)}
    assert done[Stage.PLAN].summary == "识别7个实体，42个API端点"
    assert done[Stage.PLAN].metadata["brain"] == "offline"


async def test_the_callers_package_name_wins() -> None:
    request = GenerationRequest("A todo app with tasks and tags", package_name="org.acme.todo")
    result = await run_pipeline(request, OfflineBrain())
    assert result.app_spec.package_name == "org.acme.todo"


async def test_a_meaningless_requirement_is_sent_back_by_the_quality_gate() -> None:
    with pytest.raises(QualityGateFailed) as failure:
        await run_pipeline(GenerationRequest("asdf qwer"), OfflineBrain())
    assert re.fullmatch(r"质量评分\(\d+\)低于阈值\(70\)，请优化需求后重试", failure.value.message)


async def test_skipping_validation_still_generates_the_generic_project() -> None:
    request = GenerationRequest("！！！？？", skip_validation=True)
    result = await run_pipeline(request, OfflineBrain())
    assert result.report.is_valid
    assert result.project.summary.entity_count == 1
