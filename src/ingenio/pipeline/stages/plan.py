"""Plan stage (规划Agent): understand the requirement as modules, entities, features, endpoints."""

from __future__ import annotations

from ingenio.pipeline.brains.base import Brain, BrainContext
from ingenio.pipeline.plan import PlanResult
from ingenio.pipeline.request import GenerationRequest
from ingenio.pipeline.stages.outcome import StageOutcome


async def plan_stage(
    request: GenerationRequest, brain: Brain, ctx: BrainContext
) -> StageOutcome[PlanResult]:
    await ctx.on_progress(10, "分析需求")
    reply = await brain.plan(request.requirement, ctx)
    plan = reply.value
    return StageOutcome(
        output=plan,
        summary=plan.result_summary(),
        usage=reply.usage,
        metadata={
            "appName": plan.app_name,
            "entityCount": len(plan.entities),
            "endpointCount": len(plan.endpoints),
            "complexity": plan.complexity.value,
            "brain": brain.name,
        },
    )
