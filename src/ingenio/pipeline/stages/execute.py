"""Execute stage (执行Agent): turn the plan into the one canonical AppSpec."""

from __future__ import annotations

from ingenio.pipeline.appspec import AppSpec
from ingenio.pipeline.brains.base import Brain, BrainContext
from ingenio.pipeline.naming import default_package_name, is_valid_package_name
from ingenio.pipeline.plan import PlanResult
from ingenio.pipeline.request import GenerationRequest
from ingenio.pipeline.stages.outcome import StageOutcome


async def execute_stage(
    request: GenerationRequest, plan: PlanResult, brain: Brain, ctx: BrainContext
) -> StageOutcome[AppSpec]:
    await ctx.on_progress(10, "生成AppSpec")
    reply = await brain.execute(request.requirement, plan, request.package_name, ctx)
    spec = reply.value
    # The caller's package always wins; a brain's own choice is kept only if it is usable.
    package = request.package_name
    if not package:
        package = spec.package_name if is_valid_package_name(spec.package_name) else ""
    spec = spec.model_copy(update={"package_name": package or default_package_name(spec.app_name)})
    summary = (
        f"生成AppSpec：{len(spec.models)}个数据模型，{len(spec.relations)}个关系，"
        f"{len(spec.endpoints)}个API端点，{len(spec.pages)}个页面"
    )
    return StageOutcome(
        output=spec,
        summary=summary,
        usage=reply.usage,
        metadata={
            "modelCount": len(spec.models),
            "relationCount": len(spec.relations),
            "endpointCount": len(spec.endpoints),
            "pageCount": len(spec.pages),
            "packageName": spec.package_name,
        },
    )
